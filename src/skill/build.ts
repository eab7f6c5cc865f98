import { joinPlainText, type PlainText } from './markdown.js';
import type { ParsedSkill } from './parse.js';
import type { Citation, CitedText, Contested, Section, Skill, SkillFile, Stage } from './schema.js';
import type { CitedRange } from './stages.js';

/**
 * The typed, frozen skill the tools serve, built from a parse and the text it was parsed from; undefined when the
 * frontmatter does not match the schema. Every Markdown text of the skill is a slice of `text`, so a skill holds
 * its text once. Whether the skill is served is not decided here: that is the lint verdict.
 */
export function buildSkill(parsed: ParsedSkill, text: string, files: readonly SkillFile[]): Skill | undefined {
  const { data, meta, bodyOffset } = parsed.frontmatter;
  const body = parsed.body;
  if (!data || !meta || !body) return undefined;
  const slice = (r: readonly [number, number]) => text.slice(r[0], r[1]);
  const cites = (r: readonly [number, number]): Citation[] => body.citations.slice(r[0], r[1]);
  const cited = (c: CitedRange): CitedText => ({ text: slice(c.range), citations: cites(c.cites) });
  const sections: Section[] = body.outline.sections.map((s) => new PlainTextSection(s.key, s.title, s.line, slice(s.range), s.plain, text));
  const stages: Stage[] = body.stages.stages.map((s, i) => ({
    index: i + 1,
    title: s.title,
    line: s.line,
    steps: s.steps.map(cited),
    ...(s.deadline ? { deadline: cited(s.deadline) } : {}),
    ...(s.outcome ? { outcome: cited(s.outcome) } : {}),
    markdown: slice(s.range),
    citations: cites(s.cites),
  }));
  const contested: Contested[] = body.contested.map((c) => ({ text: c.text, line: c.line, section: c.section, citations: cites(c.cites) }));
  const skill: Skill = {
    name: data.name,
    description: data.description,
    license: data.license,
    metadata: { ...data.metadata },
    meta,
    frontmatter: data,
    path: parsed.path,
    body: text.slice(bodyOffset),
    summary: body.summary,
    sections,
    stages,
    documents: body.documents.map(cited),
    fees: body.fees.map(cited),
    surprises: body.surprises.map(cited),
    contested,
    citations: body.citations,
    digest: files[0]!.digest,
    files,
  };
  return deepFreeze(skill);
}

/**
 * A section whose plain `text` is made from the file text each time it is read: only search reads it (once to
 * index, once more for snippets of a returned skill), and kept as a string it would double the memory a loaded
 * skill takes. `text` is an own enumerable property like the others (one getter shared by every section, so
 * sections keep one compact layout); the section is frozen.
 */
class PlainTextSection {
  declare readonly text: string;
  readonly #plain: ArrayLike<number | string>;
  readonly #source: string;
  static readonly #text: PropertyDescriptor = {
    get(this: PlainTextSection) {
      return joinPlainText(this.#plain, this.#source).trim();
    },
    enumerable: true,
  };

  constructor(
    readonly key: string,
    readonly title: string,
    readonly line: number,
    readonly markdown: string,
    plain: PlainText,
    source: string,
  ) {
    // Ranges alone (the usual case) pack into a typed array, half the size of an array of numbers.
    this.#plain = plain.every((p) => typeof p === 'number') ? Int32Array.from(plain as number[]) : plain;
    this.#source = source;
    Object.defineProperty(this, 'text', PlainTextSection.#text);
    Object.freeze(this);
  }
}

/** Freezes an object graph (typed arrays excluded: file bytes stay as they are). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    else for (const k of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[k]);
  }
  return value;
}
