import * as z from 'zod';
import type { Corpus } from '../../corpus/types.js';
import type { Reference } from '../../references/schema.js';
import type { Citation, Skill } from '../../skill/schema.js';
import { searchIndexFor } from '../../search/shared.js';

/** A skill name argument (kebab-case, as in `skills/list`). */
export const SkillNameSchema = z
  .string()
  .min(1)
  .max(64)
  .describe('Skill name as listed by skills/list or found with search_skills');

/** A citation tag as written in a skill: id plus optional locator. */
export const CitationTagSchema = z.object({ id: z.string(), locator: z.string().optional() });

/** A citation resolved against the reference registry. */
export const ResolvedCitationSchema = z.object({
  id: z.string(),
  locator: z.string().optional(),
  title: z.string(),
  url: z.string(),
  kind: z.string(),
});
export type ResolvedCitationOut = z.infer<typeof ResolvedCitationSchema>;

/** Text with the citation tags it carries. */
export const CitedTextOutSchema = z.object({ text: z.string(), citations: z.array(CitationTagSchema) });

/** Citation tags without positions (positions are for authors, not assistants). */
export function tags(citations: readonly Citation[]): Array<z.infer<typeof CitationTagSchema>> {
  return citations.map((c) => (c.locator ? { id: c.id, locator: c.locator } : { id: c.id }));
}

/** A cited text block as tool output. */
export function citedText(block: { text: string; citations: readonly Citation[] }): z.infer<typeof CitedTextOutSchema> {
  return { text: block.text, citations: tags(block.citations) };
}

function resolveOne(reference: Reference, locator: string | undefined): ResolvedCitationOut {
  return {
    id: reference.id,
    ...(locator ? { locator } : {}),
    title: reference.short_title ?? reference.title,
    url: reference.url,
    kind: reference.kind,
  };
}

/** Unique citations (by id and locator, in order of first use) resolved against the registry. */
export function resolveCitations(citations: readonly Citation[], corpus: Corpus): ResolvedCitationOut[] {
  const seen = new Set<string>();
  const out: ResolvedCitationOut[] = [];
  for (const citation of citations) {
    const key = `${citation.id}\u0000${citation.locator ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const reference = corpus.registry.get(citation.id);
    if (reference) out.push(resolveOne(reference, citation.locator));
  }
  return out;
}

/** Renders resolved citations as a short text list. */
export function renderCitations(citations: readonly ResolvedCitationOut[]): string {
  return citations.map((c) => `- [${c.id}${c.locator ? `, ${c.locator}` : ''}] ${c.title} <${c.url}>`).join('\n');
}

/** Keeps user input short and on one line when it is quoted back in an error. */
export function quote(input: string): string {
  const clean = input.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return `'${clean.length > 64 ? `${clean.slice(0, 64)}…` : clean}'`;
}

/**
 * The error for a skill name that is not served: says which names exist, and suggests the best search match so
 * an assistant can retry at once.
 */
export function unknownSkillMessage(name: string, corpus: Corpus): string {
  const known = corpus.skills.map((s) => s.name);
  const [guess] = searchIndexFor(corpus).search(name.replace(/-/g, ' '), 1);
  const suggestion = guess ? ` Did you mean '${guess.skill}'?` : '';
  const list = known.length > 20 ? `${known.slice(0, 20).join(', ')} … (${known.length} in all; use search_skills)` : known.join(', ');
  return `unknown skill ${quote(name)}; known skills: ${list}.${suggestion}`;
}

/** Finds a skill or returns the error message for it. */
export function findSkill(name: string, corpus: Corpus): { skill: Skill } | { error: string } {
  const skill = corpus.getSkill(name);
  return skill ? { skill } : { error: unknownSkillMessage(name, corpus) };
}
