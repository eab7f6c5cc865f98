/** Words of running text as the index reads them: runs of letters and digits. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Per UTF-16 unit outside ASCII and the surrogates: 0 not yet classified, 1 a letter or digit, 2 neither. */
const classes = new Uint8Array(0x10000);

function isWordUnit(c: number): boolean {
  let k = classes[c]!;
  if (k === 0) {
    k = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
    classes[c] = k;
  }
  return k === 1;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * Numbers the words of texts without cutting each one out of its text: a word's characters are hashed as they
 * are scanned and looked up in an open-addressing table of the words seen so far, so a word is copied out, and
 * given its number by `number`, only the first time it is seen as written. Words are the runs of letters and
 * digits `forEachWord` (tokenize.ts) reads, split the same way.
 */
export class WordTable {
  private mask: number;
  private hashes: Int32Array;
  private values: Int32Array;
  /** The word in each slot, '' for an empty one. */
  private words: string[];
  private size = 0;

  constructor(private readonly number: (word: string) => number, capacity = 1 << 12) {
    this.mask = capacity - 1;
    this.hashes = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.words = new Array<string>(capacity).fill('');
  }

  /** Calls `each` with the number of every word of `text` from `start` up to `end`, in order. */
  forEach(text: string, start: number, end: number, each: (n: number) => void): void {
    let from = -1;
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      let width = 1;
      let inWord: boolean;
      if (c < 128) inWord = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
      else if (c < 0xd800 || c > 0xdfff) inWord = isWordUnit(c);
      else {
        // A letter outside the Basic Multilingual Plane is two UTF-16 units.
        if (c <= 0xdbff && i + 1 < end) width = 2;
        inWord = LETTER_OR_DIGIT.test(text.slice(i, i + width));
      }
      if (inWord) {
        if (from < 0) {
          from = i;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ c, FNV_PRIME);
        if (width === 2) hash = Math.imul(hash ^ text.charCodeAt(i + 1), FNV_PRIME);
      } else if (from >= 0) {
        each(this.lookup(text, from, i, hash));
        from = -1;
      }
      i += width - 1;
    }
    if (from >= 0) each(this.lookup(text, from, end, hash));
  }

  private lookup(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const word = this.words[slot]!;
      if (word.length === 0) break;
      if (this.hashes[slot] === hash && word.length === length && text.startsWith(word, start)) return this.values[slot]!;
    }
    const word = text.slice(start, end);
    const value = this.number(word);
    if ((this.size + 1) * 2 > this.words.length) this.rehash();
    this.insert(word, hash, value);
    return value;
  }

  private insert(word: string, hash: number, value: number): void {
    let slot = hash & this.mask;
    while (this.words[slot]!.length > 0) slot = (slot + 1) & this.mask;
    this.words[slot] = word;
    this.hashes[slot] = hash;
    this.values[slot] = value;
    this.size++;
  }

  /** Four times the slots: the table stays at most half full. */
  private rehash(): void {
    const { words, hashes, values } = this;
    const capacity = words.length * 4;
    this.mask = capacity - 1;
    this.hashes = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.words = new Array<string>(capacity).fill('');
    this.size = 0;
    for (let slot = 0; slot < words.length; slot++) if (words[slot]!.length > 0) this.insert(words[slot]!, hashes[slot]!, values[slot]!);
  }
}

function sameUnits(word: string, text: string, start: number): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
