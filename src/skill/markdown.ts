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
