import { lineLocator } from '../diagnostics/diagnostic.js';
import { findCitationTags } from './citations.js';
import { findContested, type ContestedData } from './contested.js';
import { readFrontmatter, splitFrontmatter, type FrontmatterData } from './frontmatter.js';
import { nonTagRanges, parseMarkdown, toPlainText } from './markdown.js';
import { packCitations, type CitationTable } from './citation-table.js';
import { blocksOf, outlineSections, splitSections, type Range, type SectionOutline } from './sections.js';
import { itemRange, listItems, readStages, type CitedRange, type StageOutline } from './stages.js';
import { timedLines, type TimedLine } from './timed-lines.js';

/** One SKILL.md to parse. */
export interface ParseSkillInput {
  /** Repository-relative path, used in positions and diagnostics. */
  path: string;
  /** The SKILL.md text. */
  text: string;
}

/**
 * Everything a SKILL.md says, with positions (file offsets): the frontmatter data, the `##` outline, the stages,
 * the contested notes, the lists of Documents, Fees and Known surprises, and every citation tag. Parsing decides
 * nothing: the lint rules read this to report problems, and {@link buildSkill} turns it into the typed skill the
 * tools serve. It holds no Markdown tree and no copy of the text (texts are ranges into it), so it is small enough
 * to keep in the parse cache.
 */
export interface ParsedSkill {
  path: string;
  frontmatter: FrontmatterData;
  /** Absent when the file has no usable frontmatter (missing, or YAML that is not a map). */
  body?: BodyData;
}

/** The parsed Markdown body of a SKILL.md. */
export interface BodyData {
  outline: SectionOutline;
  stages: StageOutline;
  contested: ContestedData[];
  documents: CitedRange[];
  fees: CitedRange[];
  surprises: CitedRange[];
  /** First paragraph of Scope, plain text without citation tags. */
  summary: string;
  /** Every citation tag, in file order. */
  citations: CitationTable;
  /** Bracketed text that starts like a citation tag but breaks its grammar (file offsets). */
  malformedTags: { raw: string; start: number; end: number; reason: string }[];
  /** The lines that may state a deadline, for the check against the procedure file. */
  timed: TimedLine[];
}

/**
 * Parses one SKILL.md: the frontmatter, then the body in one Markdown pass. Pure: no file system, nothing
 * thrown for bad content.
 */
export function parseSkill(input: ParseSkillInput): ParsedSkill {
  const { path, text } = input;
  const split = splitFrontmatter(text);
  const frontmatter = readFrontmatter(text, split);
  if (!frontmatter.isMap) return { path, frontmatter };
  return { path, frontmatter, body: parseBody(text, split.body, split.bodyOffset) };
}

function parseBody(text: string, body: string, base: number): BodyData {
  const locate = lineLocator(text);
  const lineOf = (offset: number) => locate(offset).line;
  const root = parseMarkdown(body);
  const { tags, malformed } = findCitationTags(body, nonTagRanges(root));
  const citations = packCitations(tags.map((t) => ({ id: t.id, locator: t.locator, ...locate(base + t.start) })));
  const offsets = tags.map((t) => base + t.start);
  const citesIn = (from: number, to: number): Range => {
    let i = lowerBound(offsets, from);
    const first = i;
    while (i < offsets.length && offsets[i]! < to) i++;
    return [first, i];
  };
  const ctx = { body, base, lineOf, citesIn };
  const split = splitSections(root);
  const scopeParagraph = blocksOf(split.blocks, 'scope').find((n) => n.type === 'paragraph');
  const items = (key: 'documents' | 'fees' | 'surprises') => listItems(blocksOf(split.blocks, key)).map((li) => itemRange(li, ctx));
  return {
    outline: outlineSections(split, body, base, lineOf),
    stages: readStages(blocksOf(split.blocks, 'stages'), ctx),
    contested: findContested(split.blocks, ctx),
    documents: items('documents'),
    fees: items('fees'),
    surprises: items('surprises'),
    summary: scopeParagraph ? toPlainText(scopeParagraph).replace(/\s*\[[a-z0-9-]+(?:,[^\]]*)?\]/g, '').replace(/\s+/g, ' ').trim() : '',
    citations,
    malformedTags: malformed.map((m) => ({ raw: m.raw, start: base + m.start, end: base + m.end, reason: m.reason })),
    timed: timedLines(text),
  };
}

/** Index of the first citation at or after `offset` (citation offsets are sorted). */
function lowerBound(offsets: readonly number[], offset: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
