/**
 * Text normalisation shared by the injection rules and the personal-data detectors.
 *
 * Skills and submissions are scanned on a normalised copy (NFKC, invisible characters removed, soft hyphens
 * stripped, non-breaking spaces turned into plain spaces) so that full-width, zero-width-split and similar
 * disguises cannot slip past a pattern. Findings must still point into the text the author wrote, so every
 * normalised code unit keeps the span of the original text it came from.
 */

/** One invisible or directional-format character run found in the original text (rule family R0). */
export interface InvisibleHit {
  /** Offset in the original text. */
  start: number;
  end: number;
  /** Short human description, e.g. "zero-width space". */
  kind: string;
}

/** The normalised view of a text plus the way back to the original offsets. */
export interface NormalizedText {
  /** The text the caller passed in. */
  original: string;
  /** NFKC text with invisible characters and soft hyphens removed and NBSP / narrow NBSP as spaces. */
  text: string;
  /** Invisible / bidi / private-use characters that were removed (offsets in `original`). */
  invisible: InvisibleHit[];
  /** The first `limit` entries of {@link invisible} (without building the rest). */
  firstInvisible(limit: number): InvisibleHit[];
  /** Maps a span [start, end) of `text` to the span of `original` it was produced from. */
  toOriginal(start: number, end: number): { start: number; end: number };
}

/** Describes a code point that rule R0 treats as hidden, or returns undefined when it is ordinary text. */
export function invisibleKind(cp: number): string | undefined {
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'Unicode tag character';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return 'bidirectional control character';
  if (cp >= 0x200b && cp <= 0x200d) return 'zero-width character';
  if (cp >= 0x2060 && cp <= 0x2064) return 'invisible word joiner or operator';
  if (cp === 0xfeff) return 'zero-width no-break space (BOM)';
  if (cp === 0x180e) return 'Mongolian vowel separator';
  if (cp >= 0xe000 && cp <= 0xf8ff) return 'private-use character';
  if (cp >= 0xf0000) return 'private-use character';
  if (cp >= 0xe0100 && cp <= 0xe01ef) return 'variation selector';
  if (cp === 0x200e || cp === 0x200f || cp === 0x061c) return 'left-to-right or right-to-left mark';
  if (cp === 0x3164 || cp === 0x115f || cp === 0x1160 || cp === 0xffa0) return 'Hangul filler (renders as blank space)';
  if (cp === 0x034f) return 'combining grapheme joiner';
  if (cp === 0x17b4 || cp === 0x17b5) return 'invisible Khmer vowel';
  return undefined;
}

const COMBINING = /\p{M}/u;
const NON_ASCII = /[^\x00-\x7f]/g;
/** Characters the normaliser must look at even in text that is already NFKC. */
const SPECIAL = /[\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202f\u2060-\u2064\u2066-\u2069\u2800-\u28ff\u3164\ufeff\uffa0\ue000-\uf8ff\ud800-\udfff]/g;
/** The code units of {@link SPECIAL}, as a table. */
const SPECIAL_UNITS = new Uint8Array(0x10000);
for (const [from, to] of [[0xa0, 0xa0], [0xad, 0xad], [0x34f, 0x34f], [0x61c, 0x61c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180e, 0x180e], [0x200b, 0x200f], [0x202a, 0x202f], [0x2060, 0x2064], [0x2066, 0x2069], [0x2800, 0x28ff], [0x3164, 0x3164], [0xfeff, 0xfeff], [0xffa0, 0xffa0], [0xe000, 0xf8ff], [0xd800, 0xdfff]] as const) SPECIAL_UNITS.fill(1, from, to + 1);
/** How many characters after a change are looked at one by one before a regex finds the next change. */
const NEAR = 64;

/**
 * Offset map from normalised text back to the original, stored as segments. An identity segment maps `len`
 * normalised code units one-to-one onto original code units; a replaced segment maps its whole output onto one
 * original span (an NFKC expansion or composition).
 */
class OffsetMap {
  /** Five fields per segment (one allocation per text): normalised start, original start and end, length, identity. */
  private seg = new Int32Array(16 * 5);
  private count = 0;

  /** Appends `length` identity-mapped units: normalised offset `norm` ↔ original offset `orig`. */
  identity(norm: number, orig: number, length: number): void {
    const b = (this.count - 1) * 5;
    const seg = this.seg;
    if (b >= 0 && seg[b + 4] === 1 && seg[b]! + seg[b + 3]! === norm && seg[b + 1]! + seg[b + 3]! === orig) {
      seg[b + 3] = seg[b + 3]! + length;
      seg[b + 2] = orig + length;
      return;
    }
    this.add(norm, orig, orig + length, length, 1);
  }

  /** Appends `length` normalised units that all come from original span [orig, origEnd). */
  replaced(norm: number, orig: number, origEnd: number, length: number): void {
    this.add(norm, orig, origEnd, length, 0);
  }

  private add(norm: number, orig: number, origEnd: number, length: number, ident: number): void {
    if (length === 0) return;
    if ((this.count + 1) * 5 > this.seg.length) {
      const grown = new Int32Array(this.seg.length * 2);
      grown.set(this.seg);
      this.seg = grown;
    }
    const b = this.count++ * 5;
    const seg = this.seg;
    seg[b] = norm;
    seg[b + 1] = orig;
    seg[b + 2] = origEnd;
    seg[b + 3] = length;
    seg[b + 4] = ident;
  }

  /** Field offset of the segment holding normalised unit `pos`. */
  private find(pos: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.seg[mid * 5]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo * 5;
  }

  /** Original offset where normalised unit `pos` starts. */
  startOf(pos: number): number {
    const b = this.find(pos);
    const seg = this.seg;
    return seg[b + 4] ? seg[b + 1]! + (pos - seg[b]!) : seg[b + 1]!;
  }

  /** Original offset where normalised unit `pos` ends. */
  endOf(pos: number): number {
    const b = this.find(pos);
    const seg = this.seg;
    return seg[b + 4] ? seg[b + 1]! + (pos - seg[b]!) + 1 : seg[b + 2]!;
  }
}

/**
 * The normalised text as it is built: long runs are kept as slices of the input, short pieces are gathered as code
 * units first (a text where every other character is removed would otherwise be joined from a million slices).
 */
class OutputBuilder {
  private readonly parts: string[] = [];
  /** Allocated on the first short piece (most texts have none, or only a few). */
  private units: Uint16Array | undefined;
  private count = 0;

  /** Appends `input.slice(from, to)`. */
  copy(input: string, from: number, to: number): void {
    if (to - from >= 32) {
      this.flush();
      this.parts.push(input.slice(from, to));
      return;
    }
    this.units ??= new Uint16Array(1024);
    if (this.count + (to - from) > this.units.length) this.flush();
    const units = this.units;
    for (let k = from; k < to; k++) units[this.count++] = input.charCodeAt(k);
  }

  /** Appends `s`. */
  add(s: string): void {
    this.copy(s, 0, s.length);
  }

  private flush(): void {
    if (this.count === 0 || !this.units) return;
    this.parts.push(String.fromCharCode.apply(null, this.units.subarray(0, this.count) as unknown as number[]));
    this.count = 0;
  }

  /** The whole text. */
  done(): string {
    this.flush();
    return this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
  }
}

/**
 * Normalises `input` for scanning. NFKC first; U+00A0 and U+202F become spaces (normal in Dutch and French
 * typography, never reported); U+00AD soft hyphen is dropped silently; a file-initial BOM is dropped silently;
 * every other invisible or bidi character is dropped and reported with its original position; Braille runs of
 * 7 or more are reported (they are kept, since they are visible). Well-formed emoji tag sequences (black flag +
 * 2–6 tag characters + cancel tag) are kept and not reported.
 */
export function normalizeText(input: string): NormalizedText {
  return normalize(input, KEPT_HITS);
}

/** Hidden-character runs kept by a normalisation before the full list is asked for (a scan reports 200). */
const KEPT_HITS = 256;

/** {@link normalizeText}, keeping at most `keep` hidden-character runs (the full list is built again on demand). */
function normalize(input: string, keep: number): NormalizedText {
  const out = new OutputBuilder();
  const map = new OffsetMap();
  // Hidden characters as parallel lists (a text made of them would otherwise allocate an object per character).
  const invStart: number[] = [];
  const invEnd: number[] = [];
  const invKind: string[] = [];
  let truncated = false;
  const n = input.length;
  let outLen = 0;
  let i = 0;
  // In text that is already NFKC only the special characters need attention; elsewhere every non-ASCII one does.
  const skip = input.normalize('NFKC') === input ? SPECIAL : NON_ASCII;

  const emit = (s: string, from: number, to: number): void => {
    if (s.length === 0) return;
    out.add(s);
    if (s.length === to - from && s === input.slice(from, to)) map.identity(outLen, from, s.length);
    else map.replaced(outLen, from, to, s.length);
    outLen += s.length;
  };
  const report = (start: number, end: number, kind: string): void => {
    const last = invStart.length - 1;
    if (last >= 0 && invEnd[last] === start && invKind[last] === kind) invEnd[last] = end;
    else if (last + 1 >= keep) truncated = true;
    else {
      invStart.push(start);
      invEnd.push(end);
      invKind.push(kind);
    }
  };

  let brailleStart = -1;
  let brailleCount = 0;
  const closeBraille = (at: number): void => {
    if (brailleCount >= 7) report(brailleStart, at, 'run of Braille pattern characters');
    brailleStart = -1;
    brailleCount = 0;
  };

  while (i < n) {
    // Copy whole runs of characters that need no change: the next few characters are looked at one by one (dense
    // special characters, such as every other one invisible, would cost a regex call each), then the regex jumps.
    let runEnd = i;
    const near = Math.min(n, i + NEAR);
    if (skip === SPECIAL) while (runEnd < near && SPECIAL_UNITS[input.charCodeAt(runEnd)] !== 1) runEnd++;
    else while (runEnd < near && input.charCodeAt(runEnd) < 0x80) runEnd++;
    if (runEnd === near && near < n) {
      skip.lastIndex = near;
      const next = skip.exec(input);
      runEnd = next ? next.index : n;
    }
    // A base letter followed by combining marks must normalise together with them ("e" + U+0301 → "é").
    if (runEnd < n && runEnd > i && skip === NON_ASCII && COMBINING.test(input[runEnd] as string)) runEnd--;
    if (runEnd > i) {
      if (brailleCount) closeBraille(i);
      out.copy(input, i, runEnd);
      map.identity(outLen, i, runEnd - i);
      outLen += runEnd - i;
      i = runEnd;
      if (i >= n) break;
      if (input.charCodeAt(i) < 0x80 && !COMBINING.test(input[i + 1] ?? '')) continue;
    }
    const cp = input.codePointAt(i) as number;
    const size = cp > 0xffff ? 2 : 1;

    if (cp >= 0x2800 && cp <= 0x28ff) {
      let j = i;
      while (j < n && input.charCodeAt(j) >= 0x2800 && input.charCodeAt(j) <= 0x28ff) j++;
      if (brailleStart < 0) brailleStart = i;
      brailleCount += j - i;
      out.copy(input, i, j);
      map.identity(outLen, i, j - i);
      outLen += j - i;
      i = j;
      continue;
    }
    if (brailleCount) closeBraille(i);

    if (cp === 0x00a0 || cp === 0x202f) {
      emit(' ', i, i + 1);
      i++;
      continue;
    }
    if (cp === 0x00ad || (cp === 0xfeff && i === 0)) {
      i++;
      continue;
    }
    // Emoji flag tag sequence: U+1F3F4, 2–6 tag characters, U+E007F.
    if (cp === 0x1f3f4) {
      let j = i + 2;
      let tags = 0;
      while (j < n && tags < 7) {
        const t = input.codePointAt(j) as number;
        if (t >= 0xe0020 && t <= 0xe007e) {
          tags++;
          j += 2;
        } else break;
      }
      if (tags >= 2 && tags <= 6 && input.codePointAt(j) === 0xe007f) {
        emit(input.slice(i, j + 2), i, j + 2);
        i = j + 2;
        continue;
      }
    }
    const kind = invisibleKind(cp);
    if (kind) {
      report(i, i + size, kind);
      i += size;
      continue;
    }
    if (skip === SPECIAL) {
      // Already NFKC: a surrogate pair or other character that needs no change.
      emit(input.slice(i, i + size), i, i + size);
      i += size;
      continue;
    }
    // A base character plus its combining marks normalises as one unit.
    let j = i + size;
    while (j < n) {
      const m = input.codePointAt(j) as number;
      if (m < 0x300) break;
      const ch = String.fromCodePoint(m);
      if (!COMBINING.test(ch) || invisibleKind(m)) break;
      j += m > 0xffff ? 2 : 1;
    }
    emit(input.slice(i, j).normalize('NFKC'), i, j);
    i = j;
  }
  if (brailleCount) closeBraille(n);

  const text = out.done();
  const hits = (limit: number): InvisibleHit[] => {
    // Runs past the kept ones were counted, not stored: the whole list comes from a second, unlimited pass.
    if (truncated && limit > invStart.length) return normalize(input, Infinity).firstInvisible(limit);
    const list: InvisibleHit[] = [];
    for (let k = 0; k < invStart.length && k < limit; k++) list.push({ start: invStart[k]!, end: invEnd[k]!, kind: invKind[k]! });
    return list;
  };
  let invisible: InvisibleHit[] | undefined;
  return {
    original: input,
    text,
    get invisible() {
      invisible ??= hits(Infinity);
      return invisible;
    },
    firstInvisible: hits,
    toOriginal(start: number, end: number) {
      if (text.length === 0) return { start: 0, end: 0 };
      const s = Math.min(Math.max(start, 0), text.length - 1);
      const e = Math.min(Math.max(end, s + 1), text.length);
      return { start: map.startOf(s), end: map.endOf(e - 1) };
    },
  };
}

/**
 * Compact UTS #39-style confusable map: Cyrillic and Greek letters that render like Latin letters. Each entry
 * maps one code unit to one code unit, so a skeleton has the same length and offsets as its input.
 */
export const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic lower case
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ɡ: 'g', ь: 'b', г: 'r', п: 'n',
  // Cyrillic upper case
  А: 'A', В: 'B', Е: 'E', Ё: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X',
  Ѕ: 'S', І: 'I', Ї: 'I', Ј: 'J', Ԁ: 'D', Ԛ: 'Q', Ԝ: 'W', Һ: 'H', Ӏ: 'I',
  // Greek
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y', ω: 'w',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y',
  Χ: 'X',
  // Latin look-alikes outside ASCII that NFKC keeps
  ı: 'i', ȷ: 'j', ℓ: 'l',
};

const CONFUSABLE_CLASS = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'u');
/** The confusable letters as a table of UTF-16 code units (every one is a single unit): a whole text is checked
 * with one pass over its units, several times faster than the regex class on long text. */
const CONFUSABLE_UNITS = new Uint8Array(0x10000);
for (const ch of Object.keys(CONFUSABLES)) {
  if (ch.length !== 1) throw new Error(`confusable ${ch} is not a single UTF-16 unit`);
  CONFUSABLE_UNITS[ch.charCodeAt(0)] = 1;
}

/**
 * A class of a few ranges that covers every confusable letter (neighbours less than 64 apart share a range): a
 * native scan for it answers "none" for Latin text several times faster than a pass over the units.
 */
const CONFUSABLE_NEAR: RegExp = (() => {
  const codes = Object.keys(CONFUSABLES).map((ch) => ch.charCodeAt(0)).sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  for (const c of codes) {
    const last = ranges[ranges.length - 1];
    if (last && c - last[1] < 64) last[1] = c;
    else ranges.push([c, c]);
  }
  const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
  return new RegExp(`[${ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('')}]`);
})();

/** Whether `text` holds a confusable letter (the same answer as `CONFUSABLE_CLASS.test(text)`). */
function hasConfusable(text: string): boolean {
  if (!CONFUSABLE_NEAR.test(text)) return false;
  for (let i = 0; i < text.length; i++) if (CONFUSABLE_UNITS[text.charCodeAt(i)] === 1) return true;
  return false;
}

/** Maps every confusable letter in `s` to its Latin look-alike (same length as `s`). */
export function skeleton(s: string): string {
  if (!CONFUSABLE_CLASS.test(s)) return s;
  let r = '';
  for (const ch of s) r += CONFUSABLES[ch] ?? ch;
  return r;
}

const WORD = /[\p{L}\p{N}_]{1,200}/gu;
const LATIN = /[A-Za-z]/;
const NON_LATIN_CONFUSABLE = CONFUSABLE_CLASS;

function allConfusable(w: string): boolean {
  for (const ch of w) if (CONFUSABLES[ch] === undefined) return false;
  return true;
}

/**
 * Skeletonises words that mix Latin letters with Cyrillic/Greek look-alikes ("іgnоre") or consist only of
 * look-alikes, leaving other Cyrillic or Greek prose untouched. Length-preserving. Returns the text and the spans of mixed-script words.
 */
export function deconfuseMixedWords(text: string): { text: string; mixed: Array<{ start: number; end: number }> } {
  if (!hasConfusable(text)) return { text, mixed: [] };
  const mixed: Array<{ start: number; end: number }> = [];
  const result = text.replace(WORD, (w, offset: number) => {
    if (NON_LATIN_CONFUSABLE.test(w) && (LATIN.test(w) || allConfusable(w))) {
      mixed.push({ start: offset, end: offset + w.length });
      return skeleton(w);
    }
    return w;
  });
  return { text: result, mixed };
}
