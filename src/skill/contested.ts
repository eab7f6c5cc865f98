import { rangeOf, toPlainText, type MdNode } from './markdown.js';
import type { SectionBlocks } from './sections.js';
import type { Range } from './sections.js';

/** A `**Contested:**` note: its text without the `>` markers and the label, where it is, and its citations. */
export interface ContestedData {
  text: string;
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
          const text = ctx.body
            .slice(a, b)
            .split('\n')
            .map((l) => l.replace(/^\s*>\s?/, ''))
            .join('\n')
            .replace(/^\*\*Contested:?\*\*:?\s*/i, '')
            .trim();
          out.push({ text, line: ctx.lineOf(ctx.base + a), section: s.key ?? s.title, cites: ctx.citesIn(ctx.base + a, ctx.base + b) });
          return;
        }
      }
      n.children?.forEach(visit);
    };
    s.nodes.forEach(visit);
  }
  return out;
}
