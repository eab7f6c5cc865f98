/** What the personal-data detectors share: the raw hit, word boundaries, and small helpers. */
import type { PiiId } from '../pii.js';

/** One raw detection, with offsets into the normalised text. */
export interface Hit {
  id: PiiId;
  category: string;
  start: number;
  end: number;
  /** The part of the match compared against the allow text; undefined = never allowed. */
  allowKey?: string;
  /** Phone numbers are compared by E.164 form. */
  e164?: string;
}

/** No letter or digit before / after. */
export const B = '(?<![\\p{L}\\p{N}])';
export const E = '(?![\\p{L}\\p{N}])';

/** Calls `fn` for each match of `re` in `text` (a fresh global copy of `re`, so callers may share it). */
export function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  const r = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  let m: RegExpExecArray | null;
  while ((m = r.exec(text))) {
    fn(m);
    if (m[0].length === 0) r.lastIndex++;
  }
}

/** Whether `re` matches within `radius` characters around [start, end). */
export function near(text: string, start: number, end: number, re: RegExp, radius = 50): boolean {
  const window = text.slice(Math.max(0, start - radius), Math.min(text.length, end + radius));
  return re.test(window);
}

/** The digits of a string. */
export const digitsOf = (s: string): string => s.replace(/\D/g, '');

