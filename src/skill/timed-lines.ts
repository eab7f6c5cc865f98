/**
 * The lines of a SKILL.md that may state a deadline, found while the file is parsed so the check against its
 * procedure file (`src/procedures/agreement.ts`) needs neither the text nor a second pass over it: `Deadline:` lines
 * under Stages and lines of Who and when outside blockquotes and headings, each naming a unit of time. Citation tags
 * are blanked (their locators hold numbers), keeping columns.
 */

/** A line that may state a deadline, as written (tags blanked). */
export interface TimedLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  where: 'deadline-line' | 'who-and-when';
}

const UNIT_WORD = /day|month|year/i;
const TAG = /\[[a-z0-9]+(?:-[a-z0-9]+)*(?:,[^\]\n]*)?\]/g;
const HEADING = /^##\s+(.+?)\s*$/;

/** The lines of `text` (a whole SKILL.md, frontmatter included) that may state a deadline, in file order. */
export function timedLines(text: string): TimedLine[] {
  const out: TimedLine[] = [];
  let section = '';
  let inFrontmatter = false;
  let n = 0;
  for (let at = 0; at <= text.length; ) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    n++;
    const from = at;
    at = end + 1;
    // Only `---`, `##` and lines of the two sections that state rules are looked at; the rest is skipped unsliced.
    const first = text.charCodeAt(from);
    if (n === 1 && text.slice(from, end).trim() === '---') {
      inFrontmatter = true;
      continue;
    }
    if (inFrontmatter) {
      if (text.slice(from, end).trim() === '---') inFrontmatter = false;
      continue;
    }
    if (first === 0x23 && text.charCodeAt(from + 1) === 0x23) {
      const heading = HEADING.exec(text.slice(from, end));
      if (heading) {
        section = heading[1]!.toLowerCase();
        continue;
      }
    }
    if (section !== 'stages' && section !== 'who and when') continue;
    const raw = text.slice(from, end);
    if (section === 'stages' && !raw.includes('Deadline:')) continue;
    const trimmed = raw.trim();
    let where: TimedLine['where'] | undefined;
    if (section === 'stages' && trimmed.startsWith('Deadline:')) where = 'deadline-line';
    else if (section === 'who and when' && !trimmed.startsWith('>') && !trimmed.startsWith('#')) where = 'who-and-when';
    // Every statement names a unit: lines without one are not kept.
    if (!where || !UNIT_WORD.test(raw)) continue;
    out.push({ line: n, text: raw.replace(TAG, (m) => ' '.repeat(m.length)), where });
  }
  return out;
}
