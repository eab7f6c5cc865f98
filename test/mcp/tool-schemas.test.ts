/**
 * The listings the start-up bundle shows without converting (`scripts/build.mjs` computes them with
 * `corpusIndependentListings` and defines them in dist/loket.js): they are what `tools/list` shows when the schemas
 * are converted on the spot, and a tool given them still validates its arguments with its zod schema.
 */
import { describe, expect, it } from 'vitest';
import { corpusIndependentListings, toolsFor } from '../../src/mcp/tools/index.js';
import { EMPTY_VOCABULARY } from '../../src/procedures/vocabulary.js';
import { JSON_SCHEMA_TARGET, preparedSchemas } from '../../src/mcp/tools/schemas.js';
import { fixtureCorpus } from '../helpers/corpus.js';
import { connectInMemory } from '../helpers/connect.js';
import { shippedCorpus } from '../helpers/plan.js';

describe('precomputed tool listings', () => {
  it('are what tools/list shows of every tool, in its order, over the same fact vocabulary', async () => {
    const corpus = await shippedCorpus();
    const built = corpusIndependentListings(corpus.guidance.vocabulary);
    const { client, close } = await connectInMemory({ corpus });
    try {
      const { tools } = await client.listTools();
      expect(built.map((l) => l.name)).toEqual(tools.map((t) => t.name));
      for (const [i, listing] of built.entries()) {
        const shown = tools[i]!;
        expect({ title: listing.title, description: listing.description, annotations: listing.annotations }, listing.name).toEqual({
          title: shown.title,
          description: shown.description,
          annotations: shown.annotations,
        });
        expect(listing.input, listing.name).toEqual(shown.inputSchema);
        expect(listing.output, listing.name).toEqual(shown.outputSchema);
        if (listing._meta) expect(shown._meta, listing.name).toMatchObject(listing._meta);
      }
    } finally {
      await close();
    }
  });

  it("over the empty vocabulary differ from a corpus's listings only in find_procedure", async () => {
    const corpus = await shippedCorpus();
    const empty = corpusIndependentListings(EMPTY_VOCABULARY);
    const full = corpusIndependentListings(corpus.guidance.vocabulary);
    const differing = full.filter((l, i) => JSON.stringify(l) !== JSON.stringify(empty[i])).map((l) => l.name);
    expect(differing).toEqual(['find_procedure']);
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
