import * as z from 'zod';
import { REFERENCE_ID } from '../../references/schema.js';
import { idsCitedBy } from '../../skill/citation-table.js';
import { quote } from './common.js';
import { defineTool, fail, ok } from './define.js';

const ReferenceOutSchema = z.object({
  id: z.string(),
  locator: z.string().optional(),
  title: z.string(),
  short_title: z.string().optional(),
  kind: z.string(),
  issuer: z.string(),
  url: z.string(),
  numac: z.string().optional(),
  eli: z.string().optional(),
  celex: z.string().optional(),
  ecli: z.string().optional(),
  languages: z.array(z.string()),
  consolidated_to: z.string().optional(),
  checked: z.string(),
  cited_by: z.array(z.string()),
});

/** Parses `id`, `id, locator` or the tag form `[id, locator]`. */
export function parseCitationId(input: string): { id: string; locator?: string } | undefined {
  const trimmed = input.trim().replace(/^\[(.*)\]$/s, '$1').trim();
  const comma = trimmed.indexOf(',');
  const id = (comma === -1 ? trimmed : trimmed.slice(0, comma)).trim();
  const locator = comma === -1 ? undefined : trimmed.slice(comma + 1).trim();
  if (!REFERENCE_ID.test(id) || id.length > 120) return undefined;
  if (locator !== undefined && (locator.length === 0 || locator.length > 120)) return undefined;
  return locator ? { id, locator } : { id };
}

/** `resolve_citation`: turns citation tags into the registry entries they point to. */
export const resolveCitationTool = defineTool({
  name: 'resolve_citation',
  title: 'Resolve citations',
  description:
    'Resolves citation tags used in skills ("loi-1980-12-15-etrangers" or "loi-1980-12-15-etrangers, art. 41bis") ' +
    'to their sources: official title, kind, issuer, URL and legal identifiers (NUMAC, ELI, CELEX, ECLI), and ' +
    'which skills cite them. Ids not in the registry are listed under unknown.',
  inputSchema: z.strictObject({
    ids: z.array(z.string().min(1).max(250)).min(1).max(100).describe('Citation ids, each "id" or "id, locator"'),
  }),
  outputSchema: z.object({ references: z.array(ReferenceOutSchema), unknown: z.array(z.string()) }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: ({ ids }, deps) => {
    const parsed = [];
    for (const raw of ids) {
      const citation = parseCitationId(raw);
      if (!citation) {
        return fail(
          `citation ${quote(raw)} is malformed: write "id" or "id, locator" with a kebab-case id, e.g. ` +
            `"loi-1980-12-15-etrangers, art. 41bis"`,
        );
      }
      parsed.push(citation);
    }
    const references: Array<z.infer<typeof ReferenceOutSchema>> = [];
    const unknown: string[] = [];
    const seen = new Set<string>();
    for (const { id, locator } of parsed) {
      const key = `${id}\u0000${locator ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const reference = deps.corpus.registry.get(id);
      if (!reference) {
        if (!unknown.includes(id)) unknown.push(id);
        continue;
      }
      const citedBy = deps.corpus.skills.filter((s) => idsCitedBy(s).includes(id)).map((s) => s.name);
      const { notes: _notes, ...entry } = reference;
      references.push({ ...entry, ...(locator ? { locator } : {}), cited_by: citedBy });
    }
    const lines = references.map(
      (r) => `- [${r.id}${r.locator ? `, ${r.locator}` : ''}] ${r.title} (${r.kind}, ${r.issuer}) <${r.url}>`,
    );
    if (unknown.length > 0) lines.push(`Unknown ids (not in the registry): ${unknown.join(', ')}`);
    return ok({ references, unknown }, lines.join('\n'));
  },
});
