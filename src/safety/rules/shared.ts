/**
 * What the rule-family modules under `src/safety/rules/` share: the hit they report, their patterns, and linear
 * helpers (clause windows of bounded length, negation before a verb).
 */
import type { InjectionRule } from '../findings.js';
import { globalScan, type Pattern, type ScanText } from '../scan-text.js';

/** One raw match of a rule family, with offsets into the normalised text that was scanned. */
export interface RuleHit {
  rule: InjectionRule;
  start: number;
  end: number;
  message: string;
  /** Fixed class; otherwise derived from the rule and the context by the scanner. */
  cls?: 'hard' | 'soft';
}

/** A pattern whose every match is a hit with this message. */
export interface MessagePattern extends Pattern {
  message: string;
}

/** At most this many hits per family module and text: one decides, the cap bounds hostile input. */
export const MAX_HITS = 200;

/** Calls `fn` for each match of the global regex `re` in `text` (at most `limit`); `fn` returns false to stop. */
export function eachMatch(re: RegExp, text: string, fn: (m: RegExpExecArray) => boolean | void, limit = MAX_HITS): void {
  globalScan(re, text, fn, limit);
}

/** Every match of every pattern in `list`, in order, as hits of `rule` (no cap: the scanner caps per family). */
export function patternHits(t: ScanText, hits: RuleHit[], rule: InjectionRule, list: readonly MessagePattern[]): void {
  for (const p of list) t.each(p, (m) => void hits.push({ rule, start: m.index, end: m.index + m[0].length, message: p.message }));
}

/** A span of text: a clause, or a window of a long clause. */
export interface Span {
  start: number;
  end: number;
}

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
  // A clause ends after a `.`, `!` or `?` followed by white space (`\s`) or the end, and after a `;` or a line
  // break; found a character at a time (no match object per clause).
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x3f || (ENDS[c] === 0)) continue;
    if (c !== 0x3b && c !== 0x0a && i + 1 < n && !isSpace(text.charCodeAt(i + 1))) continue;
    push(start, i + 1);
    start = i + 1;
  }
  push(start, n);
  return out;
}
/** 1 for the code units that can end a clause: `.`, `!`, `?`, `;` and a line break. */
const ENDS = new Uint8Array(0x40);
for (const c of '.!?;\n') ENDS[c.charCodeAt(0)] = 1;

/** Whether the code unit is white space as the regex class `\s` defines it. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A negation shortly before `at` ("never send …", "ne … jamais", "niemals"): the sentence forbids, not asks. */
export function negatedBefore(text: string, at: number): boolean {
  return NEGATION.test(text.slice(Math.max(0, at - 40), at));
}
const NEGATION = /\b(?:never|not|don't|do not|must not|nooit|niet|geen|jamais|ne|n['’]|nie|niemals|nicht|kein|keine)\b[^.!?\n]{0,30}$/i;

/** Not preceded by a letter or digit (the word start the families write as a lookbehind). */
export const WORD_START = '(?<![\\p{L}\\p{N}])';
/** Not followed by a letter or digit. */
export const WORD_END = '(?![\\p{L}\\p{N}])';

/**
 * The alternation of regex sources `parts`, in order, with every run of consecutive parts that each begin with
 * {@link WORD_START} and end with {@link WORD_END} written once as `WORD_START(?:a|b|…)WORD_END`. The two are the
 * same regex (`C(?:A|B)` matches as `CA|CB`, and `(?:A|B)C` as `AC|BC`, backtracking order included; the parts
 * hold no capture groups), but a Unicode class under the `i` flag is case-folded when the regex compiles, once
 * per occurrence: written once, a family's regex compiles in a fraction of the time.
 */
export function alternation(parts: readonly string[]): string {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length === 1) out.push(`${WORD_START}${run[0]}${WORD_END}`);
    else if (run.length > 1) out.push(`${WORD_START}(?:${run.join('|')})${WORD_END}`);
    run = [];
  };
  for (const part of parts) {
    const core = part.startsWith(WORD_START) && part.endsWith(WORD_END) ? part.slice(WORD_START.length, part.length - WORD_END.length) : undefined;
    if (core !== undefined && isOnePart(core)) run.push(core);
    else {
      flush();
      out.push(part);
    }
  }
  flush();
  return out.join('|');
}

/**
 * Whether a regex source is one alternative that can stand inside `(?:…)`: groups balanced, no `|` outside them,
 * and no capture group (grouping would not renumber one, but the families use none, and this keeps it so).
 */
function isOnePart(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') {
      if (source[i + 1] !== '?') return false;
      depth++;
    } else if (c === ')') {
      if (--depth < 0) return false;
    } else if (c === '|' && depth === 0) return false;
  }
  return depth === 0 && !inClass;
}
