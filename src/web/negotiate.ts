/**
 * HTTP content negotiation (RFC 9110 §12.5.1) for the few representations the web surface offers: the client's
 * `Accept` ranges with their q-values decide, the most specific matching range sets a type's quality, and ties
 * go to the server's order of preference.
 */

/** One media range of an `Accept` header. */
export interface MediaRange {
  type: string;
  subtype: string;
  q: number;
  /** Position in the header, for stable ordering. */
  index: number;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Parses an `Accept` header into media ranges. Malformed ranges are skipped, q-values are clamped to 0..1 and
 * default to 1. An absent or empty header yields `[*\/*;q=1]` (the client accepts anything).
 */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === '') return [{ type: '*', subtype: '*', q: 1, index: 0 }];
  const ranges: MediaRange[] = [];
  // A long header is cut rather than rejected: the first ranges are the ones a client cares about.
  header
    .slice(0, 4096)
    .split(',')
    .slice(0, 64)
    .forEach((part, index) => {
      const [range = '', ...params] = part.split(';').map((s) => s.trim());
      const [type = '', subtype = ''] = range.toLowerCase().split('/');
      if (!TOKEN.test(type) || !TOKEN.test(subtype)) return;
      if (type === '*' && subtype !== '*') return;
      let q = 1;
      for (const param of params) {
        const [key = '', value = ''] = param.split('=').map((s) => s.trim());
        if (key.toLowerCase() !== 'q') continue;
        const parsed = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value) ? Number(value) : Number.NaN;
        q = Number.isNaN(parsed) ? 0 : parsed;
      }
      ranges.push({ type, subtype, q, index });
    });
  return ranges;
}

/** The quality the client gives `mediaType` (e.g. `text/html`): the q of the most specific matching range. */
export function qualityOf(ranges: readonly MediaRange[], mediaType: string): number {
  const [type, subtype] = mediaType.toLowerCase().split('/');
  let best: { specificity: number; q: number } | undefined;
  for (const r of ranges) {
    let specificity: number;
    if (r.type === type && r.subtype === subtype) specificity = 2;
    else if (r.type === type && r.subtype === '*') specificity = 1;
    else if (r.type === '*' && r.subtype === '*') specificity = 0;
    else continue;
    if (!best || specificity > best.specificity) best = { specificity, q: r.q };
  }
  return best?.q ?? 0;
}

/**
 * Picks the representation to send: the offered type with the highest quality for this `Accept` header, ties
 * going to the earlier offer. Returns `undefined` when the client accepts none of them (q=0 or no match).
 */
export function negotiate<T extends string>(accept: string | undefined, offered: readonly T[]): T | undefined {
  const ranges = parseAccept(accept);
  let choice: T | undefined;
  let bestQ = 0;
  for (const type of offered) {
    const q = qualityOf(ranges, type);
    if (q > bestQ) {
      bestQ = q;
      choice = type;
    }
  }
  return choice;
}
