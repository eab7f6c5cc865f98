/**
 * Inventory invariants over every tool the server offers, and frozen snapshots of `tools/list` and the server
 * instructions (SECURITY K6: any change to a description or schema must be a reviewed snapshot update, the same
 * rug-pull signal mcp-scan W003 raises for clients). Update on purpose with `npm run test:update`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolsFor } from '../../src/mcp/tools/index.js';
import { connectInMemory, type Connected } from '../helpers/connect.js';
import { shippedCorpus } from '../helpers/corpus.js';

// find_procedure's input schema comes from the shipped fact vocabulary, so the inventory is that of the shipped corpus.
const corpus = await shippedCorpus();
const TOOLS = toolsFor(corpus);

let c: Connected;
let tools: Awaited<ReturnType<Connected['client']['listTools']>>['tools'];
beforeAll(async () => {
  c = await connectInMemory({ corpus });
  ({ tools } = await c.client.listTools());
});
afterAll(async () => {
  await c.close();
});

const SPEC_TOOLS = [
  'search_skills',
  'find_procedure',
  'get_skill',
  'get_stage',
  'resolve_citation',
  'compute_deadline',
  'schengen_stay',
  'submit_validation',
  'submit_observation',
];
/** Words that read as directives to the model (mcp-scan W001/E003). */
const DIRECTIVE = /\b(important|must always|always call|ignore|before using|you must|do not tell|never tell|crucial)\b/i;

describe('tool inventory', () => {
  it('offers exactly the tools of SPEC §5, in the order of TOOLS', () => {
    expect(tools.map((t) => t.name)).toEqual(TOOLS.map((t) => t.name));
    expect([...tools.map((t) => t.name)].sort()).toEqual([...SPEC_TOOLS].sort());
  });

  it('has unique names', () => {
    expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
  });

  it.each(SPEC_TOOLS)('%s has a title, a description, explicit annotations, a strict input schema and an output schema', (name) => {
    const tool = tools.find((t) => t.name === name);
    expect(tool).toBeDefined();
    expect(tool?.title?.length).toBeGreaterThan(0);
    expect(tool?.description?.length).toBeGreaterThan(20);
    expect(typeof tool?.annotations?.readOnlyHint).toBe('boolean');
    expect(tool?.inputSchema.type).toBe('object');
    expect(tool?.inputSchema.additionalProperties).toBe(false);
    expect(tool?.outputSchema?.type).toBe('object');
  });

  it('reading and computing tools are read-only; submission tools are not', () => {
    for (const tool of tools) {
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(!tool.name.startsWith('submit_'));
    }
  });

  it('K6: descriptions are descriptive: no directives, and no tool names other than ours', () => {
    const ours = new Set(SPEC_TOOLS);
    for (const tool of tools) {
      expect(tool.description, tool.name).not.toMatch(DIRECTIVE);
      for (const word of tool.description?.match(/\b[a-z]+(?:_[a-z]+)+\b/g) ?? []) {
        if (/^(skill|injection|submission|intended|arrival|family|residence|card|saturday|days|window|overstay|latest|expires|last)_/.test(word)) continue;
        expect(ours.has(word) || tools.some((t) => JSON.stringify(t.inputSchema).includes(`"${word}"`) || JSON.stringify(t.outputSchema).includes(`"${word}"`)), `${tool.name}: ${word}`).toBe(true);
      }
    }
  });

  it('K6: the instructions are short, descriptive and name only our tools', () => {
    const instructions = c.client.getInstructions() ?? '';
    expect(instructions.length).toBeGreaterThan(100);
    expect(instructions.length).toBeLessThan(1500);
    expect(instructions).not.toMatch(DIRECTIVE);
    for (const word of instructions.match(/\b[a-z]+(?:_[a-z]+)+\b/g) ?? []) expect(SPEC_TOOLS).toContain(word);
  });
});

describe('frozen tools/list (K6)', () => {
  it.each(SPEC_TOOLS)('%s matches its snapshot', async (name) => {
    const tool = tools.find((t) => t.name === name);
    await expect(`${JSON.stringify(tool, null, 2)}\n`).toMatchFileSnapshot(`__snapshots__/tools/${name}.json`);
  });

  it('instructions match their snapshot', async () => {
    await expect(`${c.client.getInstructions() ?? ''}\n`).toMatchFileSnapshot('__snapshots__/instructions.txt');
  });
});
