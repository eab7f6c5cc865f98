import { rangeOf, toPlainText, type MdNode } from './markdown.js';
import type { SectionBlocks } from './sections.js';
import type { Range } from './sections.js';

/** A `**Contested:**` note: where it is (its text is {@link contestedText} of the range), and its citations. */
export interface ContestedData {
  /** File offsets of the blockquote. */
  range: Range;
  line: number;
  /** Key of the fixed section it is in, or the `##` title as written. */
  section: string;
  cites: Range;
}

/** What the contested-note reader needs from the rest of the parse. */
export interface ContestedContext {
  body: string;
  base: number;
  lineOf: (offset: number) => number;
  citesIn: (from: number, to: number) => Range;
}

const LABEL = /^contested:?$/i;

/** Finds the blockquotes, at any depth, whose first paragraph starts with a bold `Contested:` label. */
export function findContested(blocks: readonly SectionBlocks[], ctx: ContestedContext): ContestedData[] {
  const out: ContestedData[] = [];
  for (const s of blocks) {
    const visit = (n: MdNode): void => {
      if (n.type === 'blockquote') {
        const first = n.children?.[0];
        const lead = first?.type === 'paragraph' ? first.children?.[0] : undefined;
        if (lead?.type === 'strong' && LABEL.test(toPlainText(lead).trim())) {
          const [a, b] = rangeOf(n);
          out.push({ range: [ctx.base + a, ctx.base + b], line: ctx.lineOf(ctx.base + a), section: s.key ?? s.title, cites: ctx.citesIn(ctx.base + a, ctx.base + b) });
          return;
        }
      }
      n.children?.forEach(visit);
    };
    s.nodes.forEach(visit);
  }
  return out;
}

/** The text of a contested note from its blockquote's Markdown: without the `>` markers and the label, trimmed. */
export function contestedText(blockquote: string): string {
  return blockquote
    .split('\n')
    .map((l) => l.replace(/^\s*>\s?/, ''))
    .join('\n')
    .replace(/^\*\*Contested:?\*\*:?\s*/i, '')
    .trim();
}
