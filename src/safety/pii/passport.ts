/** P6: passport numbers near a passport keyword. */
import { type Hit, each, near } from './shared.js';

const PASSPORT_KEYWORDS = /paspoort|passeport|passport|reisepass|pasnummer|passnummer|pass-?nr|paspoortnummer/i;

/** Adds the P6 hits of `text` to `hits`. */
export function detectPassports(text: string, hits: Hit[]): void {
  each(/(?<![\p{L}\p{N}])(?:[A-Z]{2}\d{6}|[A-Z]{0,2}\d{7,9}|[A-Z]\d[A-Z0-9]{6,7})(?![\p{L}\p{N}])/gu, text, (m) => {
    if (!/\d{5}/.test(m[0]) && !/^[A-Z]{2}\d{6}$/.test(m[0])) return;
    if (near(text, m.index, m.index + m[0].length, PASSPORT_KEYWORDS)) {
      hits.push({ id: 'P6', category: 'passport number', start: m.index, end: m.index + m[0].length, allowKey: m[0] });
    }
  });
}
