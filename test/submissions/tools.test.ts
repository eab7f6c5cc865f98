/**
 * Pins the two submission tool definitions (SPEC §5; SECURITY K6, Q1): descriptive capability text, strict input
 * schemas, output matching the declared schema, and errors that say what to fix. Handlers are called directly
 * with a deps object.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/corpus/types.js';
import type { ToolDeps } from '../../src/mcp/tools/deps.js';
import { submitObservationTool } from '../../src/mcp/tools/submit-observation.js';
import { submitValidationTool } from '../../src/mcp/tools/submit-validation.js';
import { openSqliteStore, type SqliteSubmissionStore } from '../../src/store/sqlite.js';
import { createSubmissionService } from '../../src/submissions/service.js';
import { fakeCorpus, observation, validation } from './helpers.js';

let store: SqliteSubmissionStore;
let deps: ToolDeps;

beforeEach(async () => {
  store = await openSqliteStore({ path: ':memory:', log: () => {} });
  const corpus = fakeCorpus();
  deps = {
    corpus: corpus as unknown as Corpus,
    now: () => new Date('2026-11-23T10:00:00Z'),
    client: { rateKey: 'rate-a', diversityKey: 'div-a' },
    submissions: createSubmissionService({ store, corpus, log: () => {} }),
  };
});
afterEach(async () => store.close());

describe.each([submitValidationTool, submitObservationTool])('$name definition', (tool) => {
  it('K6: the description is descriptive, without directives or other servers’ tools', () => {
    expect(tool.title.length).toBeGreaterThan(0);
    expect(tool.description.length).toBeLessThan(400);
    expect(tool.description).toMatch(/^Records /);
    expect(tool.description).not.toMatch(/\b(IMPORTANT|must|always|never|ignore|you should|before using)\b/i);
  });

  it('declares a write that is idempotent and closed-world', () => {
    expect(tool.annotations).toEqual({ readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false });
  });

  it('Q1: the input schema rejects unknown keys', () => {
    const base = tool.name === 'submit_validation' ? validation() : observation();
    expect(tool.inputSchema.safeParse(base).success).toBe(true);
    expect(tool.inputSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });

  it('answers with a message when submissions are not enabled', async () => {
    const { submissions: _, ...bare } = deps;
    const args = (tool.name === 'submit_validation' ? validation() : observation()) as never;
    expect(await tool.handler(args, bare)).toEqual({ ok: false, error: 'submissions are not enabled on this server' });
  });
});

describe('handlers', () => {
  it('submit_validation returns a receipt and skill_status matching its output schema', async () => {
    const outcome = await submitValidationTool.handler(validation() as never, deps);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(submitValidationTool.outputSchema.parse(outcome.structured)).toEqual(outcome.structured);
    expect(outcome.structured.receipt.status).toBe('recorded');
    expect(outcome.text).toContain(outcome.structured.receipt.id);
  });

  it('submit_observation returns a receipt matching its output schema', async () => {
    const outcome = await submitObservationTool.handler(observation() as never, deps);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(submitObservationTool.outputSchema.parse(outcome.structured).receipt.status).toBe('recorded');
  });

  it('G2: a rate-limited call says how many seconds to wait', async () => {
    for (let i = 0; i < 5; i++) await submitObservationTool.handler(observation({ text: `Observation ${i} about the opening hours.` }) as never, deps);
    const outcome = await submitObservationTool.handler(observation({ text: 'Observation 6 about the opening hours.' }) as never, deps);
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/try again in 180 seconds/) });
  });

  it('Q2: a stale digest tells the client to fetch the skill again', async () => {
    const outcome = await submitValidationTool.handler(validation({ digest: `sha256:${'a'.repeat(64)}` }) as never, deps);
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/fetch the skill again/i) });
  });
});
