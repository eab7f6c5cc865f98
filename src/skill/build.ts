import { Buffer } from 'node:buffer';
import { joinPlainText, type PlainText } from './markdown.js';
import { CitationList, keepCitationList } from './citation-table.js';
import { contestedText } from './contested.js';
import type { ParsedSkill } from './parse.js';
import type { CitedText, Contested, Section, Skill, SkillFile, Stage } from './schema.js';
import { ownStrings } from './own-strings.js';
import { filePlainText } from './sections.js';
import type { CitedRange } from './stages.js';

/**
 * Where the Markdown texts of a skill are read from: the bytes of its SKILL.md (UTF-8, offsets in bytes), or, when
 * an offset falls inside a character the bytes cannot split, the text itself (offsets in UTF-16 units).
 */
type Source = Uint8Array | string;

// `ignoreBOM` keeps a U+FEFF at the start of a slice, as `String.prototype.slice` does.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The text between two offsets of a source. */
function read(source: Source, start: number, end: number): string {
  return typeof source === 'string' ? source.slice(start, end) : decoder.decode(source.subarray(start, end));
}

/**
 * The typed, frozen skill the tools serve, built from a parse and the text it was parsed from; undefined when the
 * frontmatter does not match the schema. `files[0]` is SKILL.md, whose bytes `text` was decoded from. A skill
 * keeps those bytes and not the text: its Markdown texts (the body, each section, stage, step, document …) are
 * decoded from them when read, and its short strings (names, titles, metadata) are copies of their own, so a
 * loaded skill holds its SKILL.md once, in UTF-8, rather than as a JavaScript string (two bytes a character as
 * soon as it has one typographic quote). Whether the skill is served is not decided here: that is the lint verdict.
 */
export function buildSkill(parsed: ParsedSkill, text: string, files: readonly SkillFile[]): Skill | undefined {
  const { data, meta, bodyOffset } = parsed.frontmatter;
  const body = parsed.body;
  if (!data || !meta || !body) return undefined;
  const ranges: (readonly [number, number])[] = [[bodyOffset, text.length]];
  const plains = body.outline.sections.map((s) => filePlainText(s.plain));
  for (const [i, s] of body.outline.sections.entries()) ranges.push(s.range, textSpan(s.range, plains[i]!));
  for (const s of body.stages.stages) {
    ranges.push(s.range, ...s.steps.map(textRange));
    if (s.deadline) ranges.push(textRange(s.deadline));
    if (s.outcome) ranges.push(textRange(s.outcome));
  }
  for (const c of [...body.documents, ...body.fees, ...body.surprises]) ranges.push(textRange(c));
  for (const c of body.contested) ranges.push(c.range);
  const { source, at } = sourceOf(text, files[0]!.bytes, ranges);
  const strings = new Map<string, string>();
  const own = <T>(value: T): T => ownStrings(value, strings);

  const citations = new CitationList(body.citations);
  const cited = (c: CitedRange): CitedText => citedSlice(citations, [c[2], c[3]], source, at(c[0]), at(c[1]));
  const sections: Section[] = body.outline.sections.map((s, i) => new PlainTextSection(s.key, s.title, s.line, s.range, plains[i]!, source, at));
  const stages: Stage[] = body.stages.stages.map(
    (s, i) =>
      stageSlice(
        { index: i + 1, title: own(s.title), line: s.line, steps: s.steps.map(cited), ...(s.deadline ? { deadline: cited(s.deadline) } : {}), ...(s.outcome ? { outcome: cited(s.outcome) } : {}) },
        citations,
        s.cites,
        source,
        at(s.range[0]),
        at(s.range[1]),
      ),
  );
  const contested: Contested[] = body.contested.map((c) => {
    const note = Object.defineProperty({}, 'text', contestedTextProperty(source, at(c.range[0]), at(c.range[1]))) as Contested;
    Object.assign(note, { line: c.line, section: own(c.section) });
    return Object.freeze(Object.defineProperty(note, 'citations', citationsProperty(citations, c.cites)));
  });
  const frontmatter = own(data);
  const skill = {
    name: frontmatter.name,
    description: frontmatter.description,
    license: frontmatter.license,
    metadata: { ...frontmatter.metadata },
    meta: own(meta),
    frontmatter,
    path: parsed.path,
    summary: own(body.summary),
    sections,
    stages,
    documents: body.documents.map(cited),
    fees: body.fees.map(cited),
    surprises: body.surprises.map(cited),
    contested,
    // Made from the packed list when read (below).
    citations: undefined as unknown as Skill['citations'],
    digest: files[0]!.digest,
    files,
  } as Omit<Skill, 'body'> as Skill;
  // `body` in its place after `path`, read from the source like the other Markdown texts.
  const ordered = {} as Skill;
  for (const [key, value] of Object.entries(skill)) {
    if (key === 'summary') Object.defineProperty(ordered, 'body', textProperty(source, at(bodyOffset), at(text.length)));
    if (key === 'citations') Object.defineProperty(ordered, key, citationsProperty(citations, [0, citations.length]));
    else (ordered as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of Object.keys(ordered)) if (key !== 'body' && key !== 'citations') deepFreeze((ordered as unknown as Record<string, unknown>)[key]);
  keepCitationList(ordered, citations);
  return Object.freeze(ordered);
}

/** The text range of a cited range. */
const textRange = (c: CitedRange): [number, number] => [c[0], c[1]];

/**
 * An enumerable property whose value is read from `source` each time. A function of its own, so its getter holds
 * only these three values (a getter made inside `buildSkill` would keep that call's whole scope: the parse and the
 * text).
 */
function textProperty(source: Source, start: number, end: number): PropertyDescriptor {
  return { get: () => read(source, start, end), enumerable: true };
}

/** An enumerable property whose value is the text of a contested note, made from its blockquote in `source` each time. */
function contestedTextProperty(source: Source, start: number, end: number): PropertyDescriptor {
  return { get: () => contestedText(read(source, start, end)), enumerable: true };
}

/** An enumerable property whose value is made from `list` each time: the citations `[from, end)` as frozen objects. */
function citationsProperty(list: CitationList, range: readonly [number, number]): PropertyDescriptor {
  const [from, end] = range;
  return { get: () => list.slice(from, end), enumerable: true };
}

/**
 * The source the Markdown texts of a skill are read from and the offset of each range end in it: the UTF-8 bytes
 * of SKILL.md (after a byte order mark, which decoding dropped from `text`) when every range end falls between
 * two characters, otherwise the text.
 */
function sourceOf(text: string, bytes: Uint8Array, ranges: readonly (readonly [number, number])[]): { source: Source; at: (offset: number) => number } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const wanted = [...new Set(ranges.flat())].sort((a, b) => a - b);
  const byteAt = new Map<number, number>();
  let previous = 0;
  let byte = bom;
  for (const offset of wanted) {
    // A range end between the two halves of a surrogate pair cannot be a byte offset.
    if (isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset))) return { source: text, at: (o) => o };
    byte += Buffer.byteLength(text.slice(previous, offset), 'utf8');
    byteAt.set(offset, byte);
    previous = offset;
  }
  // The bytes must be the text's encoding: their length says whether they are (they always are when read).
  if (byteAt.get(text.length) !== bytes.length) return { source: text, at: (o) => o };
  return { source: bytes, at: (o) => byteAt.get(o) ?? Number.NaN };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * A piece of a skill made from its source when read: the Markdown or text between two offsets, under the property
 * `textKey`, and the citations in it, made from the skill's packed list. Other fields are copied in first, so a
 * stage lists its index, title, line and steps before its Markdown. Frozen.
 */
class SourceSlice {
  readonly #source: Source;
  readonly #start: number;
  readonly #end: number;
  readonly #list: CitationList;
  readonly #from: number;
  readonly #to: number;
  static readonly #text: PropertyDescriptor = {
    get(this: SourceSlice) {
      return read(this.#source, this.#start, this.#end);
    },
    enumerable: true,
  };
  static readonly #citations: PropertyDescriptor = {
    get(this: SourceSlice) {
      return this.#list.slice(this.#from, this.#to);
    },
    enumerable: true,
  };

  constructor(fields: object, textKey: 'text' | 'markdown', list: CitationList, cites: readonly [number, number], source: Source, start: number, end: number) {
    this.#source = source;
    this.#start = start;
    this.#end = end;
    this.#list = list;
    this.#from = cites[0];
    this.#to = cites[1];
    Object.assign(this, fields);
    Object.defineProperty(this, textKey, SourceSlice.#text);
    Object.defineProperty(this, 'citations', SourceSlice.#citations);
    for (const value of Object.values(fields)) deepFreeze(value);
    Object.freeze(this);
  }
}

/** A text with its citations. */
function citedSlice(list: CitationList, cites: readonly [number, number], source: Source, start: number, end: number): CitedText {
  return new SourceSlice({}, 'text', list, cites, source, start, end) as unknown as CitedText;
}

/** A stage: its fields, then its Markdown and citations. */
function stageSlice(fields: Omit<Stage, 'markdown' | 'citations'>, list: CitationList, cites: readonly [number, number], source: Source, start: number, end: number): Stage {
  return new SourceSlice(fields, 'markdown', list, cites, source, start, end) as unknown as Stage;
}

/**
 * A section, its Markdown and its plain `text` made from the skill's source each time they are read: only search
 * reads the plain text (once to index, once more for snippets of a returned skill), and kept as strings they would
 * hold the skill's text twice more. Both are own enumerable properties like the others (one getter each, shared
 * by every section, so sections keep one compact layout); the section is frozen.
 */
class PlainTextSection {
  declare readonly markdown: string;
  declare readonly text: string;
  readonly #source: Source;
  readonly #start: number;
  readonly #end: number;
  /** Where the plain text's ranges lie in the source (the section's Markdown, unless a range reaches past it). */
  readonly #textStart: number;
  readonly #textEnd: number;
  /** The plain text's ranges, in UTF-16 units from `#textStart`. */
  readonly #plain: ArrayLike<number | string>;
  static readonly #markdown: PropertyDescriptor = {
    get(this: PlainTextSection) {
      return read(this.#source, this.#start, this.#end);
    },
    enumerable: true,
  };
  static readonly #text: PropertyDescriptor = {
    get(this: PlainTextSection) {
      return joinPlainText(this.#plain, read(this.#source, this.#textStart, this.#textEnd)).trim();
    },
    enumerable: true,
  };

  constructor(
    readonly key: string,
    readonly title: string,
    readonly line: number,
    range: readonly [number, number],
    plain: PlainText,
    source: Source,
    at: (offset: number) => number,
  ) {
    this.#source = source;
    this.#start = at(range[0]);
    this.#end = at(range[1]);
    const span = textSpan(range, plain);
    this.#textStart = at(span[0]);
    this.#textEnd = at(span[1]);
    // Ranges alone (the usual case) pack into a typed array, half the size of an array of numbers.
    const relative = plain.map((p) => (typeof p === 'number' ? p - span[0] : p));
    this.#plain = relative.every((p) => typeof p === 'number') ? Int32Array.from(relative as number[]) : relative;
    Object.defineProperty(this, 'markdown', PlainTextSection.#markdown);
    Object.defineProperty(this, 'text', PlainTextSection.#text);
    Object.freeze(this);
  }
}

/** The smallest range holding both `range` and every range of `plain`. */
function textSpan(range: readonly [number, number], plain: PlainText): [number, number] {
  let [start, end] = range;
  for (let i = 0; i < plain.length; i++) {
    const p = plain[i]!;
    if (typeof p === 'string') continue;
    start = Math.min(start, p);
    end = Math.max(end, plain[++i] as number);
  }
  return [start, end];
}

/** Freezes an object graph (typed arrays excluded: file bytes stay as they are; frozen objects are not entered). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    else for (const k of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[k]);
  }
  return value;
}
