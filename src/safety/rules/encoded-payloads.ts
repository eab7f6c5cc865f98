/**
 * Rule family R7, encoded payloads: base64 and hex blocks, runs of \\u, \\x, HTML and %-escapes, ROT13, and LaTeX
 * that hides text (\\color{white}, \\phantom). An encoded block is decoded and scanned again: hidden instructions
 * make it hard; readable text that needs no encoding makes it soft.
 */
import { RULE_FAMILY_NAMES } from '../findings.js';
import { pattern, type Pattern, type ScanText } from '../scan-text.js';
import { findOverrides, mayContainRot13Override } from './instruction-override.js';
import type { RuleHit } from './shared.js';

function printableRatio(s: string): number {
  if (s.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13 || (c >= 0xa0 && c !== 0xfffd)) ok++;
  }
  return ok / s.length;
}

/** Whether `s` holds at least `min` ASCII letters. */
function asciiLetters(s: string, min: number): boolean {
  let n = 0;
  for (let i = 0; i < s.length && n < min; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c >= 0x61 && c <= 0x7a) n++;
  }
  return n >= min;
}

/** Decodes a run of `\\u` + 4 hex digits or `\\x` + 2 hex digits escapes (`size` units each) to their code units. */
function decodeFixedEscapes(run: string, size: number): string {
  const parts: string[] = [];
  const units = new Uint16Array(Math.min(4096, run.length / size));
  let count = 0;
  for (let i = 0; i + size <= run.length; i += size) {
    units[count++] = parseInt(run.slice(i + 2, i + size), 16);
    if (count === units.length) {
      parts.push(String.fromCharCode.apply(null, units as unknown as number[]));
      count = 0;
    }
  }
  if (count > 0) parts.push(String.fromCharCode.apply(null, units.subarray(0, count) as unknown as number[]));
  return parts.join('');
}

function decodeBase64(run: string): string | undefined {
  const clean = run.replace(/-/g, '+').replace(/_/g, '/');
  const usable = clean.replace(/=+$/, '');
  const len = usable.length - (usable.length % 4);
  if (len < 40) return undefined;
  try {
    const buf = Buffer.from(usable.slice(0, len), 'base64');
    const s = buf.toString('utf8');
    return s;
  } catch {
    return undefined;
  }
}

function rot13(s: string): string {
  return s.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

/** Runs of escapes, how each decodes, and what to call it in a message. */
const ESCAPES: ReadonlyArray<[Pattern, (s: string) => string, string]> = [
  [pattern({ re: /(?:\\u[0-9a-fA-F]{4}){5,}/g, gate: ['\\u'] }), (s) => decodeFixedEscapes(s, 6), 'a run of \\u escapes'],
  [pattern({ re: /(?:\\x[0-9a-fA-F]{2}){5,}/g, gate: ['\\x'] }), (s) => decodeFixedEscapes(s, 4), 'a run of \\x escapes'],
  [pattern({ re: /(?:&#x[0-9a-fA-F]{1,6};){5,}/g, gate: ['&#x'] }), (s) => s.replace(/&#x([0-9a-fA-F]{1,6});/g, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff))), 'a run of HTML character references'],
  [pattern({ re: /(?:&#\d{1,7};){5,}/g, gate: ['&#'] }), (s) => s.replace(/&#(\d{1,7});/g, (_, d: string) => String.fromCodePoint(Math.min(parseInt(d, 10), 0x10ffff))), 'a run of HTML character references'],
  [pattern({ re: /(?:%[0-9a-fA-F]{2}){5,}/g, gate: ['%'] }), (s) => { try { return decodeURIComponent(s); } catch { return s.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))); } }, 'a run of %-escapes'],
];
const ROT13_KEYWORDS = pattern({
  re: /\b(?:vtaber|qvfertneq|sbetrg|vafgehpgvbaf|cerivbhf|flfgrz cebzcg|artrre|iretrrg|vafgehpgvrf)\b/gi,
  starts: ['vtaber', 'qvfertneq', 'sbetrg', 'vafgehpgvbaf', 'cerivbhf', 'flfgrz', 'artrre', 'iretrrg', 'vafgehpgvrf'],
});
const LATEX_WHITE: Pattern = pattern({ re: /\\(?:text)?color\s{0,3}\{\s{0,3}(?:white|#?fff(?:fff)?|transparent|rgb\(255,\s{0,3}255,\s{0,3}255\))\s{0,3}\}/gi, gate: ['\\color', '\\textcolor'] });
const LATEX_PHANTOM: Pattern = pattern({ re: /\\phantom\s{0,3}\{/g, gate: ['\\phantom'] });

/** What an encoded block decodes to, scanned by the caller with every family (empty at the depth limit). */
export type ScanDecoded = (decoded: string) => readonly RuleHit[];

/**
 * The R7 hits of a text: base64 and hex blocks, runs of escapes, ROT13 and LaTeX tricks. A decoded block is scanned
 * again by `scanDecoded`; it is hard when that finds instructions, soft when it is merely readable text.
 */
export function findEncodedPayloads(t: ScanText, hits: RuleHit[], scanDecoded: ScanDecoded): void {
  const text = t.text;
  const rescan = (decoded: string, start: number, end: number, what: string, readableSoft: boolean): void => {
    const inner = scanDecoded(decoded);
    if (inner.length > 0) {
      const fams = [...new Set(inner.map((h) => RULE_FAMILY_NAMES[h.rule]))].join(', ');
      hits.push({ rule: 'R7', start, end, message: `${what} that decodes to hidden instructions (${fams})`, cls: 'hard' });
    } else if (readableSoft) {
      hits.push({ rule: 'R7', start, end, message: `${what} that decodes to readable text; write text in plain language instead`, cls: 'soft' });
    }
  };
  // Runs of 40 or more base64 characters (and up to two `=`), and of hex digits, found in one pass: the same
  // matches as the global regexes /[A-Za-z0-9+/_-]{40,}={0,2}/g and /[0-9a-fA-F]{40,}/g, without their 40 tries
  // at every letter of ordinary prose.
  const { base64, hex } = runs(text);
  for (const [at, runEnd] of base64) {
    let end = runEnd;
    while (end < text.length && end - runEnd < 2 && text.charCodeAt(end) === 0x3d) end++;
    const run = text.slice(at, end);
    // Hex runs are handled below; single-case runs (paths, slugs, compounds) are not base64 payloads.
    if (/^[0-9a-f]+$/i.test(run) || !/[A-Z]/.test(run) || !/[a-z]/.test(run)) continue;
    const decoded = decodeBase64(run);
    if (!decoded || printableRatio(decoded) < 0.8) continue;
    rescan(decoded, at, at + run.length, 'a base64 block', asciiLetters(decoded, 20));
  }
  for (const [at, end] of hex) {
    const whole = text.slice(at, end);
    const run = whole.length % 2 ? whole.slice(0, -1) : whole;
    const decoded = Buffer.from(run, 'hex').toString('utf8');
    if (printableRatio(decoded) < 0.8) continue;
    rescan(decoded, at, end, 'a hex block', asciiLetters(decoded, 20));
  }
  for (const [p, dec, what] of ESCAPES) {
    t.each(p, (m) => {
      const decoded = dec(m[0]);
      rescan(decoded, m.index, m.index + m[0].length, what, asciiLetters(decoded, 5));
    });
  }
  // ROT13 of the override rule.
  if (mayContainRot13Override(t)) {
    for (const o of findOverrides(rot13(text))) {
      hits.push({ rule: 'R7', start: o.start, end: o.end, message: 'ROT13-encoded text that decodes to an instruction override', cls: 'hard' });
    }
  }
  let rotCount = 0;
  let first = -1;
  let last = -1;
  t.each(ROT13_KEYWORDS, (m) => {
    rotCount++;
    if (first < 0) first = m.index;
    last = m.index + m[0].length;
  });
  if (rotCount >= 2) hits.push({ rule: 'R7', start: first, end: last, message: 'ROT13-encoded instruction keywords', cls: 'hard' });
  t.each(LATEX_WHITE, (m) => {
    hits.push({ rule: 'R7', start: m.index, end: m.index + m[0].length, message: 'KaTeX/LaTeX white text (\\color{white}) that hides content from the reader', cls: 'hard' });
  });
  t.each(LATEX_PHANTOM, (m) => {
    hits.push({ rule: 'R7', start: m.index, end: m.index + m[0].length, message: 'KaTeX/LaTeX \\phantom that hides content from the reader', cls: 'hard' });
  });
}

/** Character classes by code unit below 128: 1 = base64 (A–Z a–z 0–9 + / _ -), 2 = also hexadecimal. */
const CLASS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') CLASS[c.charCodeAt(0)] = 1;
for (const c of '0123456789abcdefABCDEF') CLASS[c.charCodeAt(0)] = 2;

/** Minimum length of an encoded run. */
const MIN_RUN = 40;

/** Class of the code unit at `i` (0 beyond the table). */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? CLASS[c]! : 0;
}

/**
 * The maximal runs, `[start, end)`, of at least {@link MIN_RUN} base64 characters and of hex digits. A run that
 * long covers the character {@link MIN_RUN} − 1 places after any point before it, so the search looks there first
 * and skips ahead when that character is outside the class (most of ordinary prose). Hex digits are base64
 * characters, so every hex run lies inside a base64 run.
 */
function runs(text: string): { base64: [number, number][]; hex: [number, number][] } {
  const base64: [number, number][] = [];
  const hex: [number, number][] = [];
  const n = text.length;
  // `i` is 0 or follows a character outside the class.
  let i = 0;
  while (i + MIN_RUN <= n) {
    const probe = i + MIN_RUN - 1;
    if (classAt(text, probe) === 0) {
      i = probe + 1;
      continue;
    }
    let start = probe;
    while (start > i && classAt(text, start - 1) !== 0) start--;
    let end = probe + 1;
    while (end < n && classAt(text, end) !== 0) end++;
    if (end - start >= MIN_RUN) {
      base64.push([start, end]);
      let h = -1;
      for (let k = start; k <= end; k++) {
        if (k < end && classAt(text, k) === 2) {
          if (h < 0) h = k;
        } else if (h >= 0) {
          if (k - h >= MIN_RUN) hex.push([h, k]);
          h = -1;
        }
      }
    }
    i = end + 1;
  }
  return { base64, hex };
}
