import * as z from 'zod';
import { searchIndexFor } from '../../search/shared.js';
import { defineTool, ok } from './define.js';

const ResultSchema = z.object({
  skill: z.string(),
  title: z.string(),
  uri: z.string(),
  score: z.number(),
  snippet: z.string(),
});

/** `search_skills`: ranked skills for a query in NL, FR, DE or EN. */
export const searchSkillsTool = defineTool({
  name: 'search_skills',
  title: 'Search skills',
  description:
    'Finds Belgian commune procedures (skills) matching a query in Dutch, French, German or English, such as ' +
    '"bijlage 3ter", "déclaration d\'arrivée", "Anlage 19" or "renew residence card". Returns ranked skills with ' +
    'their skill:// URI and a snippet.',
  inputSchema: z.strictObject({
    query: z.string().min(1).max(500).describe('Words in any language: a procedure, document name or situation'),
    limit: z.number().int().min(1).max(50).default(10).describe('Maximum number of results (1–50, default 10)'),
  }),
  outputSchema: z.object({ results: z.array(ResultSchema) }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: ({ query, limit }, deps) => {
    const results = searchIndexFor(deps.corpus).search(query, limit);
    if (results.length === 0) {
      const names = deps.corpus.skills.map((s) => s.name).join(', ');
      return ok({ results }, `No skill matches this query. Skills served: ${names}.`);
    }
    const text = results
      .map((r, i) => `${i + 1}. ${r.title} (${r.skill}, score ${r.score})\n   ${r.uri}\n   ${r.snippet}`)
      .join('\n');
    return ok({ results }, text);
  },
});
