/**
 * The JSON Schemas the start-up bundle lists without converting (`scripts/build.mjs` computes the tools' listings
 * with `corpusIndependentListings` and defines them in dist/loket.js): they are what `tools/list` shows when the
 * schemas are converted on the spot, and a tool given them still validates its arguments with its zod schema.
 */
import { describe, expect, it } from 'vitest';
import { corpusIndependentJsonSchemas, toolsFor } from '../../src/mcp/tools/index.js';
import { JSON_SCHEMA_TARGET, preparedSchemas } from '../../src/mcp/tools/schemas.js';
import { fixtureCorpus } from '../helpers/corpus.js';
import { connectInMemory } from '../helpers/connect.js';

describe('precomputed tool JSON Schemas', () => {
  it('are the input and output schemas tools/list shows, for every tool but the corpus-dependent find_procedure', async () => {
    const built = corpusIndependentJsonSchemas();
    const { client, close } = await connectInMemory({ corpus: fixtureCorpus() });
    try {
      const { tools } = await client.listTools();
      const listed = Object.fromEntries(tools.map((t) => [t.name, { input: t.inputSchema, output: t.outputSchema }]));
      expect(Object.keys(built).sort()).toEqual(tools.map((t) => t.name).filter((n) => n !== 'find_procedure').sort());
      for (const [name, schemas] of Object.entries(built)) expect(schemas, name).toEqual(listed[name]);
    } finally {
      await close();
    }
  });

  it('are served as given, while arguments are still checked by the zod schema', async () => {
    const tool = { ...toolsFor(fixtureCorpus()).find((t) => t.name === 'get_stage')! };
    const given = { input: { type: 'object', description: 'given input' }, output: { type: 'object', description: 'given output' } };
    const schemas = preparedSchemas(tool, given);
    expect(schemas.input['~standard'].jsonSchema.input({ target: JSON_SCHEMA_TARGET })).toBe(given.input);
    expect(schemas.output['~standard'].jsonSchema.output({ target: JSON_SCHEMA_TARGET })).toBe(given.output);
    const bad = await schemas.input['~standard'].validate({ skill: 'annex-3-arrival-declaration', stage: 0, extra: true });
    expect(bad.issues?.length).toBeGreaterThan(0);
    const good = await schemas.input['~standard'].validate({ skill: 'annex-3-arrival-declaration', stage: 1 });
    expect(good.issues).toBeUndefined();
  });
});
