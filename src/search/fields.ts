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

/** A character the kebab-word pattern of {@link ownText} counts as part of a word: ASCII and Latin letters, digits, '-'. */
function inKebabWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 45 || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

const isLowerOrDigit = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** The end of a citation tag starting at `at` (a '['), or -1 when there is none. */
function tagEnd(text: string, at: number): number {
  let i = at + 1;
  for (;;) {
    const from = i;
    while (i < text.length && isLowerOrDigit(text.charCodeAt(i))) i++;
    if (i === from) return -1;
    if (text.charCodeAt(i) !== 45) break;
    i++;
  }
  if (text.charCodeAt(i) === 44) {
    while (i < text.length && text.charCodeAt(i) !== 93 && text.charCodeAt(i) !== 10) i++;
  }
  return text.charCodeAt(i) === 93 ? i + 1 : -1;
}

/**
 * What {@link ownText} blanks in a text when it keeps the whole of it: its citation tags and its references to
 * other skills, as `[start, end)` pairs in text order. Reading the words between them gives the words of
 * `ownText(text, skillNames, false)` without making that string. Found by jumping to each '[' and '-': a tag
 * starts with one, a kebab word holds one.
 */
export function ownTextBlanks(text: string, skillNames: ReadonlySet<string>): number[] {
  const out: number[] = [];
  let bracket = text.indexOf('[');
  let hyphen = text.indexOf('-');
  let i = 0;
  while (bracket >= 0 || hyphen >= 0) {
    if (bracket >= 0 && (hyphen < 0 || bracket < hyphen)) {
      const end = tagEnd(text, bracket);
      if (end >= 0) {
        out.push(bracket, end);
        i = end;
      } else i = bracket + 1;
    } else {
      // The kebab pattern matches a whole run of word characters or nothing: it may neither start nor end inside one.
      let start = hyphen;
      while (start > i && inKebabWord(text.charCodeAt(start - 1))) start--;
      let end = hyphen + 1;
      while (end < text.length && inKebabWord(text.charCodeAt(end))) end++;
      if (isKebab(text, start, end) && skillNames.has(text.slice(start, end))) out.push(start, end);
      i = end;
    }
    if (bracket >= 0 && bracket < i) bracket = text.indexOf('[', i);
    if (hyphen >= 0 && hyphen < i) hyphen = text.indexOf('-', i);
  }
  return out;
}

/** Whether `text[start, end)` is lower-case letters and digits in parts joined by single hyphens. */
function isKebab(text: string, start: number, end: number): boolean {
  if (!isLowerOrDigit(text.charCodeAt(start)) || !isLowerOrDigit(text.charCodeAt(end - 1))) return false;
  for (let i = start + 1; i < end - 1; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 ? text.charCodeAt(i + 1) === 45 : !isLowerOrDigit(c)) return false;
  }
  return true;
}

/** The field texts of a skill for indexing. `skillNames` are every skill of the corpus. */
export function fieldTexts(skill: Skill, skillNames: ReadonlySet<string>): FieldTexts {
  return { ...metadataTexts(skill, skillNames), body: skill.sections.map((s) => ownText(s.text, skillNames, s.key === 'scope')) };
}

/** The field texts of a skill other than its sections (`body`). */
export function metadataTexts(skill: Skill, skillNames: ReadonlySet<string>): Omit<FieldTexts, 'body'> {
  const own = (text: string, cut = false) => ownText(text, skillNames, cut);
  return {
    aliases: skill.meta.aliases ?? [],
    name: [skill.name.replace(/-/g, ' ')],
    title: [skill.meta.title],
    documents: skill.meta.documents ?? [],
    situation: skill.meta.audience ?? [],
    stages: skill.stages.map((s) => own(s.title)),
    description: [own(skill.description, true)],
  };
}

/**
 * A section's text as the index reads it: the words of `text` outside the `[start, end)` pairs of `blanks` are
 * the words of its own text (see {@link ownText}).
 */
export interface SectionWords {
  text: string;
  blanks: readonly number[];
}

/**
 * The sections of a skill for reading their words: a Scope section is cut at "not for" (made into its own text),
 * any other keeps its text, with what its own text leaves out marked (no copy of a long text is made).
 */
export function sectionWords(skill: Skill, skillNames: ReadonlySet<string>): SectionWords[] {
  return skill.sections.map((s) => {
    if (s.key === 'scope') return { text: ownText(s.text, skillNames, true), blanks: [] };
    const text = s.text;
    return { text, blanks: ownTextBlanks(text, skillNames) };
  });
}
