import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { parseSubset } from './markdown-subset.js';

/**
 * The subset of mdast this project reads. Only `offset` of a position is read (lines and columns come from
 * `lineLocator` on the file text): the fast parser sets line and column to 0, and leaves text, emphasis and
 * strong nodes without a position.
 */
export interface MdNode {
  type: string;
  depth?: number;
  value?: string;
  url?: string;
  children?: MdNode[];
  position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } };
}

// CommonMark is enough to find sections, stages, lists and blockquotes; GFM (tables, autolinks) only matters for
// rendering pages, which has its own pipeline, and would cost about 40 % more parse time at every start.
const processor = unified().use(remarkParse);

/**
 * Parses Markdown (CommonMark) into mdast with offsets. Text in the subset skills are written in takes the fast
 * parser of `markdown-subset.ts`; anything else is parsed by micromark, which gives the same tree for the subset.
 */
export function parseMarkdown(markdown: string): MdNode {
  return parseSubset(markdown) ?? parseMarkdownExact(markdown);
}

/** Parses Markdown with micromark (remark-parse): every construct of CommonMark, with full positions. */
export function parseMarkdownExact(markdown: string): MdNode {
  return processor.parse(markdown) as unknown as MdNode;
}

/** Plain text of a node: text, inline code and link text; no markup. */
export function toPlainText(node: MdNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  const pieces: string[] = [];
  plainPieces(node, pieces);
  return pieces.join('');
}

/** Plain text of several nodes, one line between each. */
export function plainTextOf(nodes: readonly MdNode[]): string {
  const pieces: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    if (i > 0) pieces.push('\n');
    plainPieces(nodes[i]!, pieces);
  }
  return pieces.join('');
}

/**
 * Plain text kept as ranges of the file it was parsed from: a flat list where two numbers `start, end` stand for
 * `text.slice(start, end)` and a string stands for itself. The plain text of a section is nearly as long as the
 * section, so a corpus holding it as strings would hold every SKILL.md about twice; as ranges it costs a few
 * numbers per line of markup.
 */
export type PlainText = (number | string)[];

/** The string a {@link PlainText} stands for, from the text its ranges point into. */
export function joinPlainText(plain: ArrayLike<number | string>, text: string): string {
  let out = '';
  for (let i = 0; i < plain.length; i++) {
    const piece = plain[i]!;
    if (typeof piece === 'string') out += piece;
    else out += text.slice(piece, plain[++i] as number);
  }
  return out;
}

/** How far past the end of the last piece the next one is looked for first (markup between them is short). */
const NEAR = 16;
/** Longer searches within one block, at most this many per block, so odd text cannot make this quadratic. */
const SEARCHES_PER_BLOCK = 8;

/**
 * {@link plainTextOf} as a {@link PlainText} over `text`, where `shift` maps an offset of the parsed Markdown to an
 * offset of `text` (the body's offset in the file). Each piece of the plain text is looked for in its block of
 * the source after the previous one; a piece found there becomes a range (so `joinPlainText` gives exactly the
 * string `plainTextOf` gives), one that is not (decoded entities and escapes, lines of a quote) is kept as it is.
 */
export function plainTextRanges(nodes: readonly MdNode[], text: string, shift: number): PlainText {
  const out: PlainText = [];
  let cursor = 0;
  let blockEnd = 0;
  let searches = 0;
  const literal = (piece: string) => {
    const last = out.length - 1;
    if (last >= 0 && typeof out[last] === 'string') out[last] += piece;
    else out.push(piece);
  };
  const range = (start: number, end: number) => {
    const last = out.length - 1;
    if (last >= 1 && out[last] === start && typeof out[last - 1] === 'number') out[last] = end;
    else out.push(start, end);
    cursor = end;
  };
  const find = (piece: string): number => {
    const first = piece.charCodeAt(0);
    const near = Math.min(cursor + NEAR, blockEnd - piece.length);
    for (let at = cursor; at <= near; at++) if (text.charCodeAt(at) === first && text.startsWith(piece, at)) return at;
    if (near < blockEnd - piece.length && searches < SEARCHES_PER_BLOCK) {
      searches++;
      const at = text.slice(cursor, blockEnd).indexOf(piece);
      if (at >= 0) return cursor + at;
    }
    return -1;
  };
  const add = (piece: string) => {
    if (piece.length === 0) return;
    const at = find(piece);
    if (at >= 0) return range(at, at + piece.length);
    // A text over several lines of a quote: each line is in the source, the `>` markers between them are not.
    const lines = piece.split('\n');
    if (lines.length > 1 && piece.length > 1) {
      lines.forEach((line, i) => {
        if (i > 0) add('\n');
        add(line);
      });
      return;
    }
    literal(piece);
  };
  for (let i = 0; i < nodes.length; i++) {
    const [start, end] = rangeOf(nodes[i]!);
    searches = 0;
    if (i > 0) {
      // The line between two blocks lies between the end of the first and the start of the second.
      blockEnd = Math.max(cursor, shift + start);
      add('\n');
    }
    cursor = Math.max(cursor, shift + start);
    blockEnd = Math.max(cursor, shift + end);
    const pieces: string[] = [];
    plainPieces(nodes[i]!, pieces);
    for (const piece of pieces) add(piece);
  }
  return out;
}

/**
 * The pieces of a node's plain text, in order, so the text is joined once: the children of a root, blockquote,
 * list or list item one line apart, of any other node side by side.
 */
function plainPieces(node: MdNode, out: string[]): void {
  if (node.type === 'text' || node.type === 'inlineCode') {
    out.push(node.value ?? '');
    return;
  }
  if (node.type === 'html' || node.type === 'image') return;
  if (node.type === 'break') {
    out.push('\n');
    return;
  }
  const children = node.children ?? [];
  const lines = node.type === 'root' || node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem';
  for (let i = 0; i < children.length; i++) {
    if (lines && i > 0) out.push('\n');
    plainPieces(children[i]!, out);
  }
}

/** Start and end offsets of a node in the parsed Markdown. */
export function rangeOf(node: MdNode): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

/** Offset ranges where brackets are never citation tags: code, inline code, raw HTML, link and image URLs. */
export function nonTagRanges(root: MdNode): [number, number][] {
  const out: [number, number][] = [];
  const visit = (n: MdNode) => {
    if (n.type === 'code' || n.type === 'inlineCode' || n.type === 'html' || n.type === 'image' || n.type === 'definition') {
      out.push(rangeOf(n));
      return;
    }
    n.children?.forEach(visit);
  };
  visit(root);
  return out;
}
