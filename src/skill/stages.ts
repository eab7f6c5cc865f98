import { rangeOf, toPlainText, type MdNode } from './markdown.js';
import { trimRange, type Range } from './sections.js';

/**
 * A text of the skill with the citations it carries, as four numbers (a step, a document … is one small array, not
 * three objects): `[start, end)` into the file, then `[first, end)` indexes into the skill's citation list (sorted
 * by offset, so a range's citations are a run).
 */
export type CitedRange = [start: number, end: number, firstCite: number, endCite: number];

/** A cited range from its text range and its citation range. */
export function citedRange(range: Range, cites: Range): CitedRange {
  return [range[0], range[1], cites[0], cites[1]];
}

/** A `### Stage N — Title` of the Stages section, as written. */
export interface StageData {
  /** The number as written (rules compare it with the position). */
  number: number;
  title: string;
  /** File offset of the heading. */
  offset: number;
  line: number;
  /** The stage's Markdown, heading included, trimmed. */
  range: Range;
  cites: Range;
  steps: CitedRange[];
  deadline?: CitedRange;
  outcome?: CitedRange;
}

/** The stages of a skill and the `###` headings in Stages that are not stage headings. */
export interface StageOutline {
  stages: StageData[];
  /** Other `###` headings, with the stage number the next stage heading would have. */
  strayHeadings: { title: string; offset: number; expected: number }[];
}

/** What the stage reader needs from the rest of the parse. */
export interface StageContext {
  body: string;
  /** File offset of the body. */
  base: number;
  lineOf: (offset: number) => number;
  /** Citation indexes whose offsets lie in a file range. */
  citesIn: (from: number, to: number) => Range;
}

const STAGE_HEADING = /^Stage\s+(\d+)\s*[—–-]\s*(\S.*)$/;
const FIELD_LINE = /^(Deadline|Outcome):\s*(.*)$/;
const LIST_MARKER = /^\s*(?:[-*+]|\d+[.)])\s+/;

/** The items of the top-level lists among `nodes`. */
export function listItems(nodes: readonly MdNode[]): MdNode[] {
  return nodes.filter((n) => n.type === 'list').flatMap((l) => l.children ?? []);
}

/** A list item as cited text: the item without its marker, trimmed, with every citation inside the item. */
export function itemRange(item: MdNode, ctx: StageContext): CitedRange {
  const [a, b] = rangeOf(item);
  const marker = LIST_MARKER.exec(ctx.body.slice(a, b))?.[0].length ?? 0;
  return citedRange(trimRange(ctx.body, a + marker, b, ctx.base), ctx.citesIn(ctx.base + a, ctx.base + b));
}

/** Reads the stages of the Stages section: headings, steps, `Deadline:` and `Outcome:` lines. */
export function readStages(nodes: readonly MdNode[], ctx: StageContext): StageOutline {
  const { body, base } = ctx;
  const strayHeadings: StageOutline['strayHeadings'] = [];
  const groups: { heading: MdNode; number: number; title: string; nodes: MdNode[] }[] = [];
  let current: (typeof groups)[number] | undefined;
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth === 3) {
      const title = toPlainText(node).trim();
      const m = STAGE_HEADING.exec(title);
      if (!m) {
        strayHeadings.push({ title, offset: base + rangeOf(node)[0], expected: groups.length + 1 });
        current = undefined;
        continue;
      }
      current = { heading: node, number: Number(m[1]), title: m[2]!.trim(), nodes: [] };
      groups.push(current);
    } else current?.nodes.push(node);
  }
  const stages = groups.map((g): StageData => {
    let deadline: CitedRange | undefined;
    let outcome: CitedRange | undefined;
    for (const n of g.nodes.filter((x) => x.type === 'paragraph')) {
      const [a, b] = rangeOf(n);
      let lineStart = a;
      for (const line of body.slice(a, b).split('\n')) {
        const lead = line.length - line.trimStart().length;
        const m = FIELD_LINE.exec(line.trim());
        if (m) {
          // The value is what follows the colon and the spaces after it, trimmed: a run of the line.
          const at = lineStart + lead + m[0].length - m[2]!.length;
          const value = citedRange(trimRange(body, at, at + m[2]!.length, base), ctx.citesIn(base + lineStart, base + lineStart + line.length));
          if (m[1] === 'Deadline') deadline = value;
          else outcome = value;
        }
        lineStart += line.length + 1;
      }
    }
    const from = rangeOf(g.heading)[0];
    const to = g.nodes.length ? rangeOf(g.nodes.at(-1)!)[1] : rangeOf(g.heading)[1];
    return {
      number: g.number,
      title: g.title,
      offset: base + from,
      line: ctx.lineOf(base + from),
      range: trimRange(body, from, to, base),
      cites: ctx.citesIn(base + from, base + to),
      steps: listItems(g.nodes).map((li) => itemRange(li, ctx)),
      ...(deadline ? { deadline } : {}),
      ...(outcome ? { outcome } : {}),
    };
  });
  return { stages, strayHeadings };
}
