/**
 * What the rule-family modules under `src/safety/rules/` share: the hit they report and two linear helpers
 * (bounded iteration over regex matches, and clause windows of bounded length).
 */
import type { InjectionRule } from '../injection.js';

/** One raw match of a rule family, with offsets into the normalised text that was scanned. */
export interface RuleHit {
  rule: InjectionRule;
  start: number;
  end: number;
  message: string;
  /** Fixed class; otherwise derived from the rule and the context by the scanner. */
  cls?: 'hard' | 'soft';
}

/** At most this many hits per family module and text: one decides, the cap bounds hostile input. */
export const MAX_HITS = 200;

/** Calls `fn` for each match of the global regex `re` in `text` (at most `limit`); `fn` returns false to stop. */
export function eachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => boolean | void, limit = MAX_HITS): void {
  const r = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  r.lastIndex = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = r.exec(text))) {
    if (fn(m) === false || ++n >= limit) break;
    if (m[0].length === 0) r.lastIndex++;
  }
  r.lastIndex = 0;
}

/** A span of text: a clause, or a window of a long clause. */
export interface Span {
  start: number;
  end: number;
}

const TERMINATOR = /[.!?](?=\s|$)|[;\n]/g;

/**
 * Splits `text` into clauses at sentence ends (a `.`, `!` or `?` followed by space), semicolons and line breaks.
 * A clause longer than `width` is covered by overlapping windows of `width` characters (step `width / 2`), so a
 * phrase of up to `width / 2` characters always lies inside one window and no text is looked at more than
 * twice: the callers' regexes then run over bounded spans, which keeps every family linear in the text length.
 */
export function clauses(text: string, width = 400): Span[] {
  const out: Span[] = [];
  const push = (start: number, end: number): void => {
    if (end - start <= width) {
      if (end > start) out.push({ start, end });
      return;
    }
    const step = width >> 1;
    for (let s = start; s < end; s += step) {
      out.push({ start: s, end: Math.min(end, s + width) });
      if (s + width >= end) break;
    }
  };
  let start = 0;
  TERMINATOR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TERMINATOR.exec(text))) {
    push(start, m.index + 1);
    start = m.index + 1;
  }
  TERMINATOR.lastIndex = 0;
  push(start, text.length);
  return out;
}

/** A negation shortly before `at` ("never send …", "ne … jamais", "niemals"): the sentence forbids, not asks. */
export function negatedBefore(text: string, at: number): boolean {
  return NEGATION.test(text.slice(Math.max(0, at - 40), at));
}
const NEGATION = /\b(?:never|not|don't|do not|must not|nooit|niet|geen|jamais|ne|n['’]|nie|niemals|nicht|kein|keine)\b[^.!?\n]{0,30}$/i;
