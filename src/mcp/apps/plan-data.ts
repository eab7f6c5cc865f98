import * as z from 'zod';
import type { Corpus } from '../../corpus/types.js';
import { CitationTagSchema, CitedTextOutSchema, citedText, tags } from '../tools/common.js';

/**
 * What the plan view needs beyond a `find_procedure` answer, added to its structured content: for each skill
 * named in `procedures[]`, its stages, documents to bring and contested points; and every reference the answer
 * cites (in citation lists and inline `[id, locator]` tags), resolved to its title and official URL. Clients
 * without Apps can use the same fields; the text content does not change.
 */

const ViewSkillSchema = z.object({
  title: z.string(),
  version: z.string(),
  stages: z.array(z.object({ index: z.number().int(), title: z.string() })),
  documents: z.array(CitedTextOutSchema),
  contested: z.array(z.object({ text: z.string(), section: z.string(), citations: z.array(CitationTagSchema) })),
});

const ViewReferenceSchema = z.object({ title: z.string(), url: z.string(), kind: z.string() });

/** Output-schema fields a tool adds when it carries {@link planViewFields}. */
export const PLAN_VIEW_FIELDS = {
  skills: z
    .record(z.string(), ViewSkillSchema)
    .describe('For each skill named in procedures: its stages, documents to bring and contested points'),
  references: z.record(z.string(), ViewReferenceSchema).describe('Every cited reference id with its title and official URL'),
};

const TAG = /\[([a-z0-9]+(?:-[a-z0-9]+)*)(?:,[^\]\n]*)?\]/g;

/** Reference ids cited anywhere in a value: `{id}` entries of citation lists and `[id, …]` tags in text. */
function citedIds(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    for (const m of value.matchAll(TAG)) into.add(m[1]!);
  } else if (Array.isArray(value)) {
    for (const v of value) citedIds(v, into);
  } else if (typeof value === 'object' && value !== null) {
    const id = (value as { id?: unknown }).id;
    if (typeof id === 'string') into.add(id);
    for (const v of Object.values(value)) citedIds(v, into);
  }
}

/** The plan-view fields for an answer whose `procedures[]` name skills. */
export function planViewFields(answer: { procedures: ReadonlyArray<{ skill: string }> }, corpus: Corpus): z.infer<z.ZodObject<typeof PLAN_VIEW_FIELDS>> {
  const skills: Record<string, z.infer<typeof ViewSkillSchema>> = {};
  for (const { skill: name } of answer.procedures) {
    const skill = corpus.getSkill(name);
    if (!skill || skills[name]) continue;
    skills[name] = {
      title: skill.meta.title,
      version: skill.meta.version,
      stages: skill.stages.map((s) => ({ index: s.index, title: s.title })),
      documents: skill.documents.map(citedText),
      contested: skill.contested.map((c) => ({ text: c.text, section: c.section, citations: tags(c.citations) })),
    };
  }
  const ids = new Set<string>();
  citedIds(answer, ids);
  citedIds(skills, ids);
  const references: Record<string, z.infer<typeof ViewReferenceSchema>> = {};
  for (const id of [...ids].sort()) {
    const reference = corpus.registry.get(id);
    if (reference) references[id] = { title: reference.short_title ?? reference.title, url: reference.url, kind: reference.kind };
  }
  return { skills, references };
}
