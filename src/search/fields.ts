import type { Skill } from '../skill/schema.js';

/**
 * Field weights for BM25F. Aliases are the names people actually type in their own language, so they rank
 * highest; the skill name, title and document codes come next; stage titles and the description say what the
 * skill walks through; running text counts least. The situation field holds who a skill is for (from its
 * `audience` metadata) and how long a stay its procedure file applies to; it is matched by a nationality ("I'm
 * Italian", "uit Marokko") or a length of stay ("for two months") named in a query.
 */
export const FIELD_WEIGHTS = {
  aliases: 6,
  name: 4,
  title: 3,
  documents: 3,
  situation: 16,
  stages: 2,
  description: 2,
  body: 1,
} as const;
export type Field = keyof typeof FIELD_WEIGHTS;
export const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];

/** The texts of one skill per field (documents and situation are metadata values, the rest is prose). */
export type FieldTexts = Record<Field, readonly string[]>;

/**
 * A citation tag `[id]` or `[id, locator]` (its words name a source, not the procedure), or a kebab-case word with
 * at least one hyphen (a candidate reference to another skill by name). One pattern, so long texts are scanned
 * once; letters around a kebab word are ASCII or Latin ones, which is all the skills are written in.
 */
const TAG_OR_KEBAB =
  /\[[a-z0-9]+(?:-[a-z0-9]+)*(?:,[^\]\n]*)?\]|(?<![A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F-])[a-z0-9]+(?:-[a-z0-9]+)+(?![A-Za-z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F-])/g;
/**
 * Where a description or a Scope section turns to the people it is not for (SPEC §2: Scope says who it is for,
 * then who it is not for and which skill they need instead). What follows describes other procedures.
 */
const NOT_FOR = /\bnot for\b/i;

/**
 * Prose of a skill as it describes *this* procedure: citation tags removed, references to other skills by name
 * removed, and in the description and Scope everything from "not for" on dropped, so "Not for stays over three
 * months (annex 19)" does not make a short-stay skill an answer to "annex 19".
 */
export function ownText(text: string, skillNames: ReadonlySet<string>, cutNotFor: boolean): string {
  let out = text.replace(TAG_OR_KEBAB, (match) => (match.startsWith('[') || skillNames.has(match) ? ' ' : match));
  if (cutNotFor) {
    const at = out.search(NOT_FOR);
    if (at >= 0) out = out.slice(0, at);
  }
  return out;
}

/** The field texts of a skill for indexing. `skillNames` are every skill of the corpus. */
export function fieldTexts(skill: Skill, skillNames: ReadonlySet<string>): FieldTexts {
  const own = (text: string, cut = false) => ownText(text, skillNames, cut);
  return {
    aliases: skill.meta.aliases ?? [],
    name: [skill.name.replace(/-/g, ' ')],
    title: [skill.meta.title],
    documents: skill.meta.documents ?? [],
    situation: skill.meta.audience ?? [],
    stages: skill.stages.map((s) => own(s.title)),
    description: [own(skill.description, true)],
    body: skill.sections.map((s) => own(s.text, s.key === 'scope')),
  };
}
