import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { timedLines, type TimedLine } from '../skill/timed-lines.js';
import type { CompiledProcedure, RuleStatement } from './compile.js';
import type { Unit } from './schema.js';

/**
 * Holds a skill's prose to its procedure file: every amount counted from an event in a stage's `Deadline:` line or
 * in "Who and when" (outside **Contested:** notes) must be a rule of the file, and every deadline of the file must
 * be stated in "Who and when". A mismatch is reported at the line of the prose, saying what the file says.
 */

/** A timed statement found in prose. */
export interface ProseStatement {
  amount: number;
  unit: Unit;
  direction: 'after' | 'before';
  anchor: string;
  line: number;
  column: number;
  /** The words as written, for messages. */
  words: string;
  where: 'deadline-line' | 'who-and-when';
}

const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, 'forty-five': 45, sixty: 60, ninety: 90,
  first: 1, second: 2, third: 3, fifth: 5, eighth: 8, tenth: 10, fifteenth: 15, thirtieth: 30, fortieth: 40, 'forty-fifth': 45,
};
const NUMBER = `(\\d{1,4})(?:st|nd|rd|th)?|(${Object.keys(WORD_NUMBERS).sort((a, b) => b.length - a.length).join('|')})`;
const UNIT = '(working[ -]days?|calendar[ -]days?|days?|months?|years?)';
// "3 working days", "the 30th day", "the 40th and the 30th day" (both numbers take the unit), "the day before".
const QUANTITY = new RegExp(`\\b(?:(?:${NUMBER})(?:\\s+(?:and|or|to)\\s+(?:the\\s+)?(?:${NUMBER}))?\\s+${UNIT}|the\\s+(day)\\s+before)\\b`, 'gi');

function toUnit(word: string): Unit {
  const w = word.toLowerCase();
  if (w.startsWith('working')) return 'working-days';
  if (w.startsWith('month')) return 'months';
  if (w.startsWith('year')) return 'years';
  return 'calendar-days';
}

function numberOf(digits: string | undefined, word: string | undefined): number | undefined {
  if (digits !== undefined) return Number(digits);
  if (word !== undefined) return WORD_NUMBERS[word.toLowerCase()];
  return undefined;
}

/** Finds the event phrase that follows `from` in `line`, and the event it names. */
function eventAfter(text: string, from: number, phrases: ReadonlyMap<string, readonly string[]>): { anchor: string; direction: 'after' | 'before' } | undefined {
  // The event belongs to the same sentence as the amount.
  const end = /[.;!?](?:\s|$)/.exec(text.slice(from));
  const lower = text.slice(0, end ? from + end.index : text.length).toLowerCase();
  let best: { at: number; len: number; anchor: string; phrase: string } | undefined;
  for (const [anchor, list] of phrases) {
    for (const phrase of list) {
      const p = phrase.toLowerCase();
      let at = lower.indexOf(p, from);
      while (at >= 0 && !isWordBoundary(lower, at, p.length)) at = lower.indexOf(p, at + 1);
      if (at >= 0 && (!best || at < best.at || (at === best.at && p.length > best.len))) best = { at, len: p.length, anchor, phrase: p };
    }
  }
  if (!best) return undefined;
  return { anchor: best.anchor, direction: best.phrase.startsWith('before') ? 'before' : 'after' };
}

function isWordBoundary(s: string, at: number, len: number): boolean {
  const before = at === 0 ? ' ' : s[at - 1]!;
  const after = at + len >= s.length ? ' ' : s[at + len]!;
  return !/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after);
}

/**
 * Reads the timed statements of a SKILL.md: `Deadline:` lines under Stages, and lines of Who and when outside
 * blockquotes (see {@link timedLines}). An amount is read with the first event phrase after it in the same sentence.
 * `prose` is the whole text, or its timed lines as the parse found them.
 */
export function proseStatements(prose: string | readonly TimedLine[], phrases: ReadonlyMap<string, readonly string[]>): ProseStatement[] {
  const out: ProseStatement[] = [];
  for (const { line, text, where } of typeof prose === 'string' ? timedLines(prose) : prose) {
    for (const m of text.matchAll(QUANTITY)) {
      const dayBefore = m[6] !== undefined;
      const unit = m[5] !== undefined ? toUnit(m[5]) : 'calendar-days';
      const amounts = dayBefore ? [1] : [numberOf(m[1], m[2]), numberOf(m[3], m[4])].filter((n): n is number => n !== undefined);
      const event = eventAfter(text, m.index + m[0].length - (dayBefore ? 'before'.length : 0), phrases);
      if (!event) continue;
      for (const amount of amounts) out.push({ amount, unit, ...event, line, column: m.index + 1, words: m[0], where });
    }
  }
  return out;
}

function describe(r: { amount: number; unit: Unit; direction: string; anchor: string }): string {
  return `${r.amount} ${r.unit} ${r.direction} ${r.anchor}`;
}

const same = (a: { amount: number; unit: Unit; direction: string; anchor: string }, b: typeof a) =>
  a.amount === b.amount && a.unit === b.unit && a.direction === b.direction && a.anchor === b.anchor;

/**
 * Compares a skill's prose with its procedure file (and the files of the skills it hands over to through `next`).
 * `skillPath` is the SKILL.md path; `prose` its text or its timed lines; `procedure` is undefined when the skill has
 * no procedure file.
 */
export function checkAgreement(
  skillPath: string,
  prose: string | readonly TimedLine[],
  procedure: CompiledProcedure | undefined,
  handedOver: readonly CompiledProcedure[],
  phrases: ReadonlyMap<string, readonly string[]>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const statements = proseStatements(prose, phrases);
  const own: readonly RuleStatement[] = procedure?.rules ?? [];
  const known = [...own, ...handedOver.flatMap((p) => p.rules)];
  for (const s of statements) {
    if (known.some((r) => same(r, s))) continue;
    const label = s.where === 'deadline-line' ? 'This Deadline: line' : 'This sentence of Who and when';
    const fileSays = own.length
      ? `; procedure.yaml says ${[...new Set(own.map(describe))].join(', ')}`
      : procedure
        ? '; neither procedure.yaml nor a skill named in `next` states such a rule'
        : '; the skill has no procedure.yaml stating it';
    out.push({
      file: skillPath,
      line: s.line,
      column: s.column,
      severity: 'error',
      ruleId: 'procedure-agreement',
      message: `${label} states "${s.words}" (${describe(s)})${fileSays}. Make the prose and the procedure file say the same amount, unit and event`,
    });
  }
  if (procedure) {
    const stated = statements.filter((s) => s.where === 'who-and-when');
    for (const route of procedure.routes) {
      const d = route.deadline;
      if (!d) continue;
      if (stated.some((s) => same(s, d))) continue;
      out.push({
        file: procedure.path,
        line: route.line,
        column: 1,
        severity: 'error',
        ruleId: 'procedure-agreement',
        message: `Route \`${route.id}\`: the deadline ${describe(d)} is not stated in "Who and when" of ${skillPath}; state it there (e.g. "within ${d.amount} ${d.unit.replace('-', ' ')} …" with an event phrase from facts.yaml)`,
      });
    }
  }
  return out;
}
