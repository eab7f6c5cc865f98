import { plainTextRanges, rangeOf, toPlainText, type MdNode, type PlainText } from './markdown.js';
import { SECTIONS, type SectionKey } from './schema.js';

/** `[start, end)` offsets into the whole SKILL.md text. */
export type Range = [number, number];

/** A `##` heading of the body: its text, where it starts, and the fixed section it names (if any). */
export interface SectionHeading {
  title: string;
  offset: number;
  key?: SectionKey;
}

/** A fixed section as the skill serves it: the first `##` heading of that name and the blocks up to the next. */
export interface SectionPart {
  key: SectionKey;
  /** The title as SPEC §2 spells it. */
  title: string;
  line: number;
  /** The section's Markdown, heading included, trimmed. */
  range: Range;
  /**
   * Plain text of the section (markup stripped), as ranges of the file with each number written as the difference
   * from the number before it (the first from 0), a third of the digits of file offsets:
   * `joinPlainText(filePlainText(plain), text).trim()`.
   */
  plain: PlainText;
}

/** The `##` structure of a body, for the section rules and for the typed skill. */
export interface SectionOutline {
  /** File offset of the first block before the first `##` heading that is not a `# Title`. */
  preface?: number;
  /** Every `##` heading, in order. */
  headings: SectionHeading[];
  /** The fixed sections, each at its first heading, in file order. */
  sections: SectionPart[];
  /** File offset of the end of the body. */
  end: number;
}

/** `plain` (offsets of the body) with its numbers as differences, the first from 0 and shifted by `base`. */
function deltaCoded(plain: PlainText, base: number): PlainText {
  let previous = -base;
  return plain.map((p) => {
    if (typeof p !== 'number') return p;
    const d = p - previous;
    previous = p;
    return d;
  });
}

/** The plain text ranges of a {@link SectionPart} as file offsets. */
export function filePlainText(plain: PlainText): PlainText {
  let offset = 0;
  return plain.map((p) => (typeof p === 'number' ? (offset += p) : p));
}

/** Blocks of one `##` section, as the other readers of a body walk them. */
export interface SectionBlocks {
  title: string;
  key?: SectionKey;
  heading: MdNode;
  nodes: MdNode[];
}

const byTitle = new Map<string, SectionKey>(SECTIONS.map((d) => [d.title.toLowerCase(), d.key]));

/** The fixed section a `##` title names, compared without case. */
export function sectionKeyOf(title: string): SectionKey | undefined {
  return byTitle.get(title.toLowerCase());
}

/** Splits the top-level blocks of a body at its `##` headings (a `# Title` belongs to no section). */
export function splitSections(root: MdNode): { blocks: SectionBlocks[]; preface?: MdNode } {
  const children = root.children ?? [];
  const blocks: SectionBlocks[] = [];
  for (const node of children) {
    if (node.type === 'heading' && node.depth === 1) continue;
    if (node.type === 'heading' && node.depth === 2) {
      const title = toPlainText(node).trim();
      const key = sectionKeyOf(title);
      blocks.push({ title, ...(key ? { key } : {}), heading: node, nodes: [] });
    } else blocks.at(-1)?.nodes.push(node);
  }
  const first = children.find((n) => !(n.type === 'heading' && n.depth === 1));
  const preface = first && !(first.type === 'heading' && first.depth === 2) ? first : undefined;
  return preface ? { blocks, preface } : { blocks };
}

/** The first blocks of the fixed section `key`, or none. */
export function blocksOf(blocks: readonly SectionBlocks[], key: SectionKey): MdNode[] {
  return blocks.find((b) => b.key === key)?.nodes ?? [];
}

/**
 * The section outline of a body. `base` is the file offset of the body, `body` its text, `lineOf` maps a file
 * offset to its line.
 */
export function outlineSections(split: { blocks: SectionBlocks[]; preface?: MdNode }, body: string, base: number, lineOf: (offset: number) => number): SectionOutline {
  const headings: SectionHeading[] = [];
  const sections: SectionPart[] = [];
  const seen = new Set<SectionKey>();
  for (const b of split.blocks) {
    const [start, headingEnd] = rangeOf(b.heading);
    headings.push({ title: b.title, offset: base + start, ...(b.key ? { key: b.key } : {}) });
    if (!b.key || seen.has(b.key)) continue;
    seen.add(b.key);
    const end = b.nodes.length ? rangeOf(b.nodes.at(-1)!)[1] : headingEnd;
    sections.push({
      key: b.key,
      title: SECTIONS.find((d) => d.key === b.key)!.title,
      line: lineOf(base + start),
      range: trimRange(body, start, end, base),
      plain: deltaCoded(plainTextRanges(b.nodes, body, 0), base),
    });
  }
  const outline: SectionOutline = { headings, sections, end: base + body.length };
  if (split.preface) outline.preface = base + rangeOf(split.preface)[0];
  return outline;
}

/** The range of `text.slice(start, end).trim()`, shifted by `base`. */
export function trimRange(text: string, start: number, end: number, base = 0): Range {
  let a = start;
  let b = end;
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  return [base + a, base + b];
}
