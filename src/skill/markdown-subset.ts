/**
 * A fast parser for the part of CommonMark skills are written in: ATX headings, paragraphs, one level of bullet or
 * ordered lists whose items are paragraphs, blockquotes of paragraphs, and inline code spans, `*`/`_` emphasis
 * and strong emphasis. It builds the same mdast nodes, with the same offsets, as micromark does for that part
 * (`test/skill/markdown.test.ts` compares the two), about thirty times faster. Anything else — indentation, tabs,
 * HTML, links and images, escapes, entities, fenced code, setext headings, thematic breaks, nested containers,
 * trailing spaces — returns undefined, and the caller parses the text with micromark.
 */
import type { MdNode } from './markdown.js';

/** Thrown inside the parser when the text leaves the subset; caught by {@link parseSubset}. */
class OutsideSubset extends Error {}
const outside = (): never => {
  throw new OutsideSubset();
};

const pos = (start: number, end: number): NonNullable<MdNode['position']> => ({
  start: { line: 0, column: 0, offset: start },
  end: { line: 0, column: 0, offset: end },
});

/** Characters whose Markdown meaning the subset does not cover (HTML, escapes, entities, images, links, NUL, CR, tabs). */
const OUTSIDE_CHARS = /[<\\\t\r\0]|&[#A-Za-z0-9]|!\[|\]\(|\]\[/;
/** A line whose content starts with `[`: with a `]:` anywhere, it may be a link reference definition. */
const BRACKET_LINE = /(?:^|\n)(?:> ?)?(?:[-*+] +|\d{1,9}[.)] +)?\[/;
const BULLET = /^([-*+])( +)(?=\S)/;
const ORDERED = /^(\d{1,9})([.)])( +)(?=\S)/;
/** Lines that start a block other than a paragraph, or that the subset leaves to micromark. */
const HEADING = /^#{1,6}(?: |$)/;
const FENCE_OR_BREAK = /^(?:```|~~~|([-*_])(?: *\1){2,} *$|=+ *$|-+ *$)/;
/** A list marker with nothing after it: an empty item, outside the subset. */
const EMPTY_ITEM = /^(?:[-*+]|\d{1,9}[.)])$/;
/**
 * A line of content that starts with a `*` or `_` run followed by a space, punctuation or nothing: whether it
 * opens or closes depends on the character micromark sees before the line, which the subset does not model.
 */
const AMBIGUOUS_LINE_START = /^(?:\*+(?!\*)|_+(?!_))(?:$|[\s\p{P}\p{S}])/u;

/** A line of a paragraph: where its text starts and ends in the source. */
interface Line {
  start: number;
  end: number;
}

/**
 * Parses `md` into an mdast root when it stays inside the subset, or returns undefined. Offsets are offsets into
 * `md`; only `offset` of a position is set.
 */
export function parseSubset(md: string): MdNode | undefined {
  if (OUTSIDE_CHARS.test(md) || (md.includes(']:') && BRACKET_LINE.test(md))) return undefined;
  try {
    return new BlockParser(md).parse();
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

type Open =
  | { kind: 'paragraph'; lines: Line[] }
  | { kind: 'list'; node: MdNode; marker: string; ordered: boolean; item: MdNode; lines: Line[]; blank: boolean }
  | { kind: 'quote'; node: MdNode; lines: Line[]; end: number };

class BlockParser {
  private readonly children: MdNode[] = [];
  private open: Open | undefined;

  constructor(private readonly md: string) {}

  parse(): MdNode {
    const md = this.md;
    for (let at = 0; at <= md.length; ) {
      let end = md.indexOf('\n', at);
      if (end < 0) end = md.length;
      this.line(at, end);
      at = end + 1;
    }
    this.close();
    return { type: 'root', children: this.children, position: pos(0, md.length) };
  }

  /** One source line `[start, end)`, without its line ending. */
  private line(start: number, end: number): void {
    const text = this.md.slice(start, end);
    const blank = /^ *$/.test(text);
    if (!blank && (text.endsWith(' ') || text.startsWith(' ') || EMPTY_ITEM.test(text))) outside();
    const open = this.open;
    if (open?.kind === 'quote') {
      if (text.startsWith('>')) return this.quoteLine(open, start, end);
      // micromark lets any list item end a quote's paragraph; the subset leaves that case to it.
      if (!blank && listMarker(text)) outside();
      if (!blank && open.lines.length > 0 && !this.interrupts(text, true)) {
        this.contentLine(text);
        open.lines.push({ start, end });
        open.end = end;
        return;
      }
      this.close();
    } else if (open?.kind === 'list') {
      if (blank) {
        this.endItemParagraph(open);
        open.blank = true;
        return;
      }
      const marker = listMarker(text);
      if (marker) {
        if (marker.marker !== open.marker) outside();
        this.endItemParagraph(open);
        this.startItem(open, start, end, marker);
        return;
      }
      if (!open.blank && !this.interrupts(text)) {
        this.contentLine(text);
        open.lines.push({ start, end });
        return;
      }
      this.close();
    } else if (open?.kind === 'paragraph') {
      if (blank) return this.close();
      if (!this.interrupts(text, true)) {
        this.contentLine(text);
        open.lines.push({ start, end });
        return;
      }
      this.close();
    }
    if (blank) return;
    this.startBlock(text, start, end);
  }

  /** Checks a line of paragraph content. */
  private contentLine(text: string): void {
    if (AMBIGUOUS_LINE_START.test(text)) outside();
  }

  /** Whether a line ends a paragraph (or leaves the subset); an ordered list interrupts one only from `1` (not `01`). */
  private interrupts(text: string, topLevel = false): boolean {
    if (FENCE_OR_BREAK.test(text)) outside();
    if (HEADING.test(text) || text.startsWith('>')) return true;
    const m = listMarker(text);
    if (!m) return false;
    if (!topLevel) return true;
    return !m.ordered || m.digits === '1';
  }

  private startBlock(text: string, start: number, end: number): void {
    if (FENCE_OR_BREAK.test(text)) outside();
    if (HEADING.test(text)) {
      const hashes = /^#+/.exec(text)![0].length;
      let from = start + hashes;
      while (from < end && this.md.charCodeAt(from) === 0x20) from++;
      // A closing sequence of `#` is outside the subset.
      if (text.endsWith('#')) outside();
      const node: MdNode = { type: 'heading', depth: hashes, children: [], position: pos(start, end) };
      if (from < end) node.children = inline(this.md, [{ start: from, end }]);
      this.children.push(node);
      return;
    }
    if (text.startsWith('>')) {
      const node: MdNode = { type: 'blockquote', children: [], position: pos(start, end) };
      const quote: Open = { kind: 'quote', node, lines: [], end };
      this.open = quote;
      this.quoteLine(quote, start, end);
      return;
    }
    const marker = listMarker(text);
    if (marker) {
      const list: MdNode = { type: 'list', children: [], position: pos(start, end) };
      const open: Open = { kind: 'list', node: list, marker: marker.marker, ordered: marker.ordered, item: list, lines: [], blank: false };
      this.open = open;
      this.startItem(open, start, end, marker);
      return;
    }
    this.contentLine(text);
    this.open = { kind: 'paragraph', lines: [{ start, end }] };
  }

  private startItem(list: Extract<Open, { kind: 'list' }>, start: number, end: number, marker: Marker): void {
    const from = start + marker.width;
    const content = this.md.slice(from, end);
    // A heading, quote, nested list or break inside an item is outside the subset.
    if (HEADING.test(content) || content.startsWith('>') || listMarker(content) || EMPTY_ITEM.test(content) || FENCE_OR_BREAK.test(content)) outside();
    this.contentLine(content);
    list.item = { type: 'listItem', children: [], position: pos(start, end) };
    list.node.children!.push(list.item);
    list.lines = [{ start: from, end }];
    list.blank = false;
  }

  private endItemParagraph(list: Extract<Open, { kind: 'list' }>): void {
    if (list.lines.length === 0) return;
    const paragraph = this.paragraph(list.lines);
    list.item.children!.push(paragraph);
    list.item.position!.end.offset = paragraph.position!.end.offset;
    list.node.position!.end.offset = paragraph.position!.end.offset;
    list.lines = [];
  }

  private quoteLine(quote: Extract<Open, { kind: 'quote' }>, start: number, end: number): void {
    // `>` and at most one space, then the content.
    let from = start + 1;
    if (this.md.charCodeAt(from) === 0x20) from++;
    if (this.md.charCodeAt(from) === 0x20) outside();
    quote.end = end;
    if (from >= end) {
      this.endQuoteParagraph(quote);
      return;
    }
    const content = this.md.slice(from, end);
    if (HEADING.test(content) || content.startsWith('>') || listMarker(content) || EMPTY_ITEM.test(content) || FENCE_OR_BREAK.test(content)) outside();
    this.contentLine(content);
    quote.lines.push({ start: from, end });
  }

  private endQuoteParagraph(quote: Extract<Open, { kind: 'quote' }>): void {
    if (quote.lines.length === 0) return;
    quote.node.children!.push(this.paragraph(quote.lines));
    quote.lines = [];
  }

  private close(): void {
    const open = this.open;
    this.open = undefined;
    if (!open) return;
    if (open.kind === 'paragraph') this.children.push(this.paragraph(open.lines));
    else if (open.kind === 'list') {
      this.endItemParagraph(open);
      this.children.push(open.node);
    } else {
      this.endQuoteParagraph(open);
      open.node.position!.end.offset = open.end;
      this.children.push(open.node);
    }
  }

  private paragraph(lines: Line[]): MdNode {
    return { type: 'paragraph', children: inline(this.md, lines), position: pos(lines[0]!.start, lines.at(-1)!.end) };
  }
}

interface Marker {
  marker: string;
  ordered: boolean;
  /** The number as written (empty for bullets). */
  digits: string;
  /** Marker and the spaces after it: where the content starts. */
  width: number;
}

function listMarker(text: string): Marker | undefined {
  // Only `-`, `*`, `+` or a digit can start a marker: most lines are settled without a regex.
  const c = text.charCodeAt(0);
  if (c !== 0x2d && c !== 0x2a && c !== 0x2b && !(c >= 0x30 && c <= 0x39)) return undefined;
  const b = BULLET.exec(text);
  if (b) {
    if (b[2]!.length > 4) outside();
    return { marker: b[1]!, ordered: false, digits: '', width: b[0].length };
  }
  const o = ORDERED.exec(text);
  if (o) {
    if (o[3]!.length > 4) outside();
    return { marker: o[2]!, ordered: true, digits: o[1]!, width: o[0].length };
  }
  return undefined;
}

// Inline ---------------------------------------------------------------------------------------------------------

type Item = { kind: 'text'; value: string } | { kind: 'node'; node: MdNode } | { kind: 'delim'; marker: string; len: number; open: boolean; close: boolean };

const PUNCTUATION = /[\p{P}\p{S}]/u;
/** At most this many `*`/`_` runs per paragraph; more is left to micromark (the matching is quadratic). */
const MAX_RUNS = 200;

/** micromark's character classes: 1 whitespace (or nothing), 2 punctuation, 0 other. */
function classOf(ch: string | undefined): number {
  if (ch === undefined || /\s/.test(ch)) return 1;
  const code = ch.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) outside();
  return PUNCTUATION.test(ch) ? 2 : 0;
}

/** The inline nodes of a paragraph or heading whose lines (source ranges) are joined by line endings. */
function inline(md: string, lines: readonly Line[]): MdNode[] {
  const content = lines.length === 1 ? md.slice(lines[0]!.start, lines[0]!.end) : lines.map((l) => md.slice(l.start, l.end)).join('\n');
  // Most lines of a skill carry no code span and no emphasis: their paragraph is one text node.
  if (!/[`*_]/.test(content)) return content ? [{ type: 'text', value: content }] : [];
  const items: Item[] = [];
  // Text runs are sliced from `content` between the markers found by SPECIAL.
  let textStart = 0;
  let runs = 0;
  const special = /[`*_]/g;
  for (let m = special.exec(content); m; m = special.exec(content)) {
    const i = m.index;
    const ch = content[i]!;
    let n = 1;
    while (content[i + n] === ch) n++;
    if (ch === '`') {
      const close = closingRun(content, i + n, n);
      // An unclosed run of backticks is text.
      if (close < 0) {
        special.lastIndex = i + n;
        continue;
      }
      let value = content.slice(i + n, close);
      if (value.includes('\n')) outside();
      // One space is stripped from each end when both ends have one and the content is not all spaces.
      if (value.length > 2 && value.startsWith(' ') && value.endsWith(' ') && /[^ ]/.test(value)) value = value.slice(1, -1);
      if (i > textStart) items.push({ kind: 'text', value: content.slice(textStart, i) });
      items.push({ kind: 'node', node: { type: 'inlineCode', value, position: pos(sourceOffset(lines, i), sourceOffset(lines, close + n - 1) + 1) } });
      textStart = special.lastIndex = close + n;
      continue;
    }
    if (++runs > MAX_RUNS) outside();
    const before = classOf(content[i - 1]);
    const after = classOf(content[i + n]);
    const open = !after || (after === 2 && before !== 0);
    const close = !before || (before === 2 && after !== 0);
    if (i > textStart) items.push({ kind: 'text', value: content.slice(textStart, i) });
    items.push({
      kind: 'delim',
      marker: ch,
      len: n,
      open: ch === '*' ? open : open && (before !== 0 || !close),
      close: ch === '*' ? close : close && (after !== 0 || !open),
    });
    textStart = special.lastIndex = i + n;
  }
  if (content.length > textStart) items.push({ kind: 'text', value: content.slice(textStart) });
  resolveEmphasis(items);
  return toNodes(items);
}

/** The source offset of index `i` of the content of `lines` joined by line endings (one to one within a line). */
function sourceOffset(lines: readonly Line[], i: number): number {
  let acc = 0;
  for (const l of lines) {
    const len = l.end - l.start;
    if (i <= acc + len) return l.start + (i - acc);
    acc += len + 1;
  }
  const last = lines[lines.length - 1]!;
  return last.end;
}

/** Index of the next run of exactly `n` backticks at or after `from`, or -1. */
function closingRun(s: string, from: number, n: number): number {
  for (let i = s.indexOf('`', from); i >= 0; i = s.indexOf('`', i)) {
    let k = 1;
    while (s[i + k] === '`') k++;
    if (k === n) return i;
    i += k;
  }
  return -1;
}

/** micromark's attention resolution: closers left to right, each with the nearest matching opener before it. */
function resolveEmphasis(items: Item[]): void {
  for (let i = 0; i < items.length; i++) {
    const c = items[i]!;
    if (c.kind !== 'delim' || !c.close) continue;
    for (let o = i - 1; o >= 0; o--) {
      const op = items[o]!;
      if (op.kind !== 'delim' || !op.open || op.marker !== c.marker) continue;
      if ((op.close || c.open) && c.len % 3 && !((op.len + c.len) % 3)) continue;
      const use = op.len > 1 && c.len > 1 ? 2 : 1;
      op.len -= use;
      c.len -= use;
      const inner = items.slice(o + 1, i);
      resolveEmphasis(inner);
      const group: Item = { kind: 'node', node: { type: use > 1 ? 'strong' : 'emphasis', children: toNodes(inner) } };
      const before: Item[] = op.len > 0 ? [op] : [];
      const after: Item[] = c.len > 0 ? [c] : [];
      items.splice(o, i - o + 1, ...before, group, ...after);
      // Continue with what is left of the closer, or after the group.
      i = o + before.length + (after.length > 0 ? 0 : 1) - 1;
      break;
    }
  }
}

/** Items as mdast nodes: unmatched delimiters become text, adjacent texts merge. */
function toNodes(items: readonly Item[]): MdNode[] {
  const out: MdNode[] = [];
  const pushText = (value: string) => {
    const last = out.at(-1);
    if (last?.type === 'text') last.value += value;
    else out.push({ type: 'text', value });
  };
  for (const it of items) {
    if (it.kind === 'text') pushText(it.value);
    else if (it.kind === 'delim') pushText(it.marker.repeat(it.len));
    else out.push(it.node);
  }
  return out;
}
