/**
 * The text a scan runs over, read once for every rule family. A pattern of a family is a global regex with the
 * words its matches can start with, written next to it (`starts`), or words one of which every match contains
 * (`gate`). One pass of a keyword automaton (Aho-Corasick) over the lower-cased text finds where any start word of
 * any pattern begins, and which gate words occur; each pattern then runs, anchored, only at those places, which
 * gives exactly the matches a global scan would (a match can only start there) without a pass over the text per
 * pattern. A gated pattern runs only when one of its words occurs. Text where lower-casing changes lengths or case-folding reaches ASCII from outside it
 * (ſ, the Kelvin sign — NFKC removes both, decoded payloads may hold them) is scanned with every pattern's plain
 * global regex instead.
 */

/** A pattern of a rule family. */
export interface Pattern {
  /** A global regex. */
  re: RegExp;
  /**
   * Lower-case words (each starting with a letter) every match starts with, at a place not preceded by an ASCII
   * letter or digit. `test/safety/gates.test.ts` checks this against a plain scan over the test texts.
   */
  starts?: readonly string[];
  /**
   * Lower-case words every match may instead start one unit before (a separator such as a space or `(` in front
   * of the word), or at the very start of the text.
   */
  before?: readonly string[];
  /** Lower-case words one of which occurs in every match; the pattern is skipped on text without any. */
  gate?: readonly string[];
  /**
   * Lower-case words that every match not starting at a start word holds (a form that begins with a digit, say):
   * on text with one of them the pattern is scanned with its plain regex.
   */
  plainIf?: readonly string[];
  /**
   * A character every match holds at most `distance` units after its start, with no `stop` character before it
   * (the pipe of `curl … | sh`): {@link ScanText.each} tries only start words that have one, at any density.
   */
  within?: { char: string; stop: string; distance: number };
}

interface Registered {
  pattern: Pattern;
  sticky: RegExp;
}

const registry: Registered[] = [];
const idOf = new WeakMap<Pattern, number>();
const every: Pattern[] = [];
const gateWords = new Set<string>();
/** The keyword automaton over every gate and start word; built on the first scan, rebuilt if a pattern is added. */
let machine: Automaton | undefined;

/** Registers a pattern with `starts` (at module load); its id indexes the candidate lists of a scan. */
export function pattern<P extends Pattern>(p: P): P {
  every.push(p);
  if (p.gate) keywords(p.gate);
  if (p.plainIf) keywords(p.plainIf);
  if (p.starts || p.before) {
    idOf.set(p, registry.length);
    registry.push({ pattern: p, sticky: new RegExp(p.re.source, p.re.flags.replace('g', '') + 'y') });
    machine = undefined;
  }
  return p;
}

/** Registers words a family tests with {@link ScanText.has}, so one pass finds which of them occur. */
export function keywords<W extends readonly string[]>(words: W): W {
  for (const w of words) {
    if (!gateWords.has(w)) machine = undefined;
    gateWords.add(w);
  }
  return words;
}

/** Every pattern defined with {@link pattern} (for the test that checks starts and gates against plain scans). */
export function definedPatterns(): readonly Pattern[] {
  return every;
}

/**
 * An Aho-Corasick automaton, as a complete transition table, over every gate word and every start word: one step
 * per code unit of the lower-cased text finds every place where any of them occurs. Code units that occur in no
 * word share class 0, which always leads back to the root.
 */
interface Automaton {
  /** Class of each UTF-16 code unit (0: in no word). */
  cls: Uint8Array;
  /** Number of classes. */
  width: number;
  /**
   * The transitions, by row (`state * width`): `step[row + class]` is twice the next state, plus 1 when a word
   * ends in that state.
   */
  step: Uint16Array | Int32Array;
  /** Per state, the range `[outFrom[s], outFrom[s + 1])` of `out` holding the words that end there. */
  outFrom: Int32Array;
  /** Word ids. */
  out: Int32Array;
  /** Per word: its length, and its gate id (or -1). */
  wordLength: Int32Array;
  wordGate: Int32Array;
  /** Per word, the range `[startFrom[w], startFrom[w + 1])` of `startId` / `startShift`: the patterns it starts. */
  startFrom: Int32Array;
  startId: Int32Array;
  /** How many units before the word the pattern's match starts (1 for a `before` word). */
  startShift: Int32Array;
  /** Gate word → gate id. */
  gateId: Map<string, number>;
}

function automaton(): Automaton {
  if (machine) return machine;
  const byWord = new Map<string, { gate: number; starts: Array<readonly [number, number]> }>();
  const entry = (w: string) => {
    let e = byWord.get(w);
    if (!e) byWord.set(w, (e = { gate: -1, starts: [] }));
    return e;
  };
  const gateId = new Map<string, number>();
  for (const w of gateWords) {
    gateId.set(w, gateId.size);
    entry(w).gate = gateId.get(w)!;
  }
  registry.forEach((r, id) => {
    for (const w of r.pattern.starts ?? []) entry(w).starts.push([id, 0]);
    for (const w of r.pattern.before ?? []) entry(w).starts.push([id, 1]);
  });
  const cls = new Uint8Array(0x10000);
  let width = 1;
  for (const w of byWord.keys()) for (let i = 0; i < w.length; i++) if (cls[w.charCodeAt(i)] === 0) cls[w.charCodeAt(i)] = width++;
  if (width > 255) throw new Error('keyword alphabet too large');
  // The trie: each state's children as (class, state) pairs, outputs per state.
  const child = new Map<number, number>();
  const kids: number[][] = [[]];
  const own: number[][] = [[]];
  const words: Array<{ length: number; gate: number; starts: Array<readonly [number, number]> }> = [];
  for (const [w, e] of byWord) {
    let s = 0;
    for (let i = 0; i < w.length; i++) {
      const c = cls[w.charCodeAt(i)]!;
      let t = child.get(s * width + c);
      if (t === undefined) {
        t = own.length;
        own.push([]);
        kids.push([]);
        child.set(s * width + c, t);
        kids[s]!.push(c, t);
      }
      s = t;
    }
    own[s]!.push(words.length);
    words.push({ length: w.length, gate: e.gate, starts: e.starts });
  }
  const states = own.length;
  // Breadth first: a state's failure state is shallower, so its row and outputs are complete already. A row
  // starts as a copy of its failure state's row (one native copy, not a loop per class), then takes its children.
  // Two bytes an entry while every state fits (it does by far): half the memory the scan walks through per text.
  const step = states * 2 + 1 <= 0xffff ? new Uint16Array(states * width) : new Int32Array(states * width);
  const fail = new Int32Array(states);
  const outputs: number[][] = own.map((o) => o.slice());
  const flagged = (t: number) => t * 2 + (outputs[t]!.length > 0 ? 1 : 0);
  const queue: number[] = [];
  const root = kids[0]!;
  for (let k = 0; k < root.length; k += 2) {
    step[root[k]!] = flagged(root[k + 1]!);
    queue.push(root[k + 1]!);
  }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    const f = fail[s]!;
    step.copyWithin(s * width, f * width, f * width + width);
    const list = kids[s]!;
    for (let k = 0; k < list.length; k += 2) {
      const c = list[k]!;
      const t = list[k + 1]!;
      fail[t] = step[f * width + c]! >> 1;
      outputs[t]!.push(...outputs[fail[t]!]!);
      step[s * width + c] = flagged(t);
      queue.push(t);
    }
  }
  const outFrom = new Int32Array(states + 1);
  for (let s = 0; s < states; s++) outFrom[s + 1] = outFrom[s]! + outputs[s]!.length;
  const out = new Int32Array(outFrom[states]!);
  for (let s = 0; s < states; s++) out.set(outputs[s]!, outFrom[s]!);
  const startFrom = new Int32Array(words.length + 1);
  words.forEach((w, i) => (startFrom[i + 1] = startFrom[i]! + w.starts.length));
  const starts = words.flatMap((w) => w.starts);
  machine = {
    cls,
    width,
    step,
    outFrom,
    out,
    wordLength: Int32Array.from(words, (w) => w.length),
    wordGate: Int32Array.from(words, (w) => w.gate),
    startFrom,
    startId: Int32Array.from(starts, (x) => x[0]),
    startShift: Int32Array.from(starts, (x) => x[1]),
    gateId,
  };
  return machine;
}

/** The candidate list of a pattern none of whose start words occurs (shared, never written). */
const NONE: number[] = [];
/** A pattern with more than one start word per this many characters is scanned with its plain regex. */
const DENSE = 32;

/** One text under scan, with its lower-cased copy and, on first use, the places where each pattern may match. */
export class ScanText {
  readonly text: string;
  private lowered: string | undefined;
  private candidates: number[][] | undefined;
  /** False when lower-casing does not keep offsets (then patterns run as plain global regexes). */
  private indexable: boolean | undefined;
  private readonly memo = new Map<string, unknown>();
  /** Which gate words occur (by gate id), from the keyword pass. */
  private present: Uint8Array | undefined;

  constructor(text: string) {
    this.text = text;
  }

  /** The text lower-cased (for gates and keyword search; offsets equal the text's when {@link indexable}). */
  lower(): string {
    this.lowered ??= this.text.toLowerCase();
    return this.lowered;
  }

  /** Whether one of `words` occurs in the lower-cased text (always true where lower-casing is not exact). */
  has(words: readonly string[]): boolean {
    if (!this.isIndexable()) return true;
    this.keywordPass();
    const present = this.present!;
    const { gateId } = automaton();
    for (const w of words) {
      const id = gateId.get(w);
      if (id === undefined ? this.lower().includes(w) : present[id] === 1) return true;
    }
    return false;
  }

  /** Whether lower-casing keeps every offset and maps nothing from outside ASCII into it. */
  private isIndexable(): boolean {
    this.indexable ??= this.lower().length === this.text.length && this.text.indexOf('\u017f') < 0 && this.text.indexOf('\u212a') < 0;
    return this.indexable;
  }

  /** A value computed once per text (a family's intermediate result that another family reads too). */
  once<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  /**
   * One pass of the keyword automaton over the lower-cased text: which gate words occur anywhere, and for every
   * pattern the sorted places where one of its start words begins (not after an ASCII letter or digit), moved
   * one unit earlier for a `before` word.
   */
  private keywordPass(): void {
    if (this.candidates !== undefined) return;
    const { cls, width, step, outFrom, out, wordLength, wordGate, startFrom, startId, startShift, gateId } = automaton();
    const lower = this.lower();
    const present = new Uint8Array(gateId.size);
    // A list is allocated when its pattern's first start word shows up (most patterns have none in a text).
    const lists: number[][] = new Array<number[]>(registry.length).fill(NONE);
    let unsorted = false;
    let row = 0;
    for (let k = 0; k < lower.length; k++) {
      const v = step[row + cls[lower.charCodeAt(k)]!]!;
      const s = v >> 1;
      row = s * width;
      if ((v & 1) === 0) continue;
      const to = outFrom[s + 1]!;
      for (let o = outFrom[s]!; o < to; o++) {
        const w = out[o]!;
        const gate = wordGate[w]!;
        if (gate >= 0) present[gate] = 1;
        const last = startFrom[w + 1]!;
        let e = startFrom[w]!;
        if (e === last) continue;
        const at = k - wordLength[w]! + 1;
        if (at > 0 && isAsciiLowerAlnum(lower.charCodeAt(at - 1))) continue;
        for (; e < last; e++) {
          let list = lists[startId[e]!]!;
          if (list === NONE) lists[startId[e]!] = list = [];
          const from = at > 0 ? at - startShift[e]! : 0;
          const end = list.length === 0 ? -1 : list[list.length - 1]!;
          if (end === from) continue;
          if (end > from) unsorted = true;
          list.push(from);
        }
      }
    }
    // Words are reported where they end: a longer word can end after a shorter one that starts later.
    if (unsorted) {
      for (let i = 0; i < lists.length; i++) {
        const list = lists[i]!;
        let sorted = true;
        for (let j = 1; j < list.length && sorted; j++) sorted = list[j - 1]! < list[j]!;
        if (!sorted) lists[i] = [...new Set(list)].sort((x, y) => x - y);
      }
    }
    this.present = present;
    this.candidates = lists;
  }

  private index(): number[][] | undefined {
    if (!this.isIndexable()) return undefined;
    this.keywordPass();
    return this.candidates;
  }

  /**
   * Calls `fn` for every match of `p` in the text, in order, exactly as a global scan with `p.re` would find
   * them (a match resumes the search at its end; an empty match one unit further). `limit` caps the calls.
   */
  each(p: Pattern, fn: (m: RegExpExecArray) => boolean | void, limit = Infinity): void {
    if (p.gate && !this.has(p.gate)) return;
    const id = this.indexed(p);
    const lists = id === undefined ? undefined : this.index();
    // Where start words are dense (hostile text made of them) one regex pass beats a call per place.
    if (id === undefined || !lists || (!p.within && lists[id]!.length * DENSE > this.text.length)) {
      globalScan(p.re, this.text, fn, limit);
      return;
    }
    const sticky = registry[id]!.sticky;
    const text = this.text;
    const within = p.within;
    // The next `char` and the next `stop` at or after the place tried last (both only move forward).
    let char = -2;
    let stop = -2;
    let resume = 0;
    let n = 0;
    for (const at of lists[id]!) {
      if (at < resume) continue;
      if (within) {
        if (char !== -1 && char < at) char = text.indexOf(within.char, at);
        if (char === -1) break;
        if (stop !== -1 && stop < at) stop = text.indexOf(within.stop, at);
        if (char - at > within.distance || (stop !== -1 && stop < char)) continue;
      }
      sticky.lastIndex = at;
      const m = sticky.exec(this.text);
      if (!m) continue;
      if (fn(m) === false || ++n >= limit) break;
      resume = m[0].length === 0 ? at + 1 : at + m[0].length;
    }
  }

  /**
   * False when `p` cannot match inside `text.slice(from, to)` scanned on its own (no start word there); true when
   * it may. Lets a clause-wise scan skip clauses without slicing them.
   */
  mayMatchIn(p: Pattern, from: number, to: number): boolean {
    if (p.gate && !this.has(p.gate)) return false;
    const id = this.indexed(p);
    const lists = id === undefined ? undefined : this.index();
    if (id === undefined || !lists) return true;
    if (from > 0 && isAsciiAlnum(this.text.charCodeAt(from - 1))) return true;
    const list = lists[id]!;
    const i = lowerBound(list, from);
    return i < list.length && list[i]! < to;
  }

  /** The id of `p` when its start words cover every match in this text, else undefined (scan it plainly). */
  private indexed(p: Pattern): number | undefined {
    const id = idOf.get(p);
    if (id === undefined || (p.plainIf && this.has(p.plainIf))) return undefined;
    return id;
  }

  /** Whether `p` matches anywhere in the text. */
  some(p: Pattern): boolean {
    let found = false;
    this.each(p, () => {
      found = true;
      return false;
    });
    return found;
  }

  /** The first match of `p` in `clause` (the slice of the text at `from`) scanned on its own, or null. */
  firstIn(p: Pattern, from: number, clause: string): RegExpExecArray | null {
    let first: RegExpExecArray | null = null;
    this.eachIn(p, from, clause, (m) => {
      first = m;
      return false;
    });
    return first;
  }

  /**
   * Matches of `p` inside `text.slice(from, to)` scanned on its own (lookarounds see only the slice), with
   * indexes relative to the slice: the clause-wise scans of R6 and R11. `clause` is that slice.
   */
  eachIn(p: Pattern, from: number, clause: string, fn: (m: RegExpExecArray) => boolean | void, limit = Infinity): void {
    if (p.gate && !this.has(p.gate)) return;
    const id = this.indexed(p);
    const lists = id === undefined ? undefined : this.index();
    if (id === undefined || !lists) {
      globalScan(p.re, clause, fn, limit);
      return;
    }
    const list = lists[id]!;
    const to = from + clause.length;
    let i = lowerBound(list, from);
    if ((lowerBound(list, to) - i) * DENSE > clause.length) {
      globalScan(p.re, clause, fn, limit);
      return;
    }
    const sticky = registry[id]!.sticky;
    let resume = 0;
    let n = 0;
    const tryAt = (rel: number): boolean => {
      sticky.lastIndex = rel;
      const m = sticky.exec(clause);
      if (!m) return true;
      if (fn(m) === false || ++n >= limit) return false;
      resume = m[0].length === 0 ? rel + 1 : rel + m[0].length;
      return true;
    };
    // Start words are indexed where no ASCII letter or digit precedes them; inside the slice nothing precedes its
    // first place, so a slice that starts inside a word is also tried there.
    if (from > 0 && isAsciiAlnum(this.text.charCodeAt(from - 1)) && list[i] !== from && !tryAt(0)) return;
    for (; i < list.length; i++) {
      const at = list[i]!;
      if (at >= to) break;
      if (at - from < resume) continue;
      if (!tryAt(at - from)) return;
    }
  }
}

/** Calls `fn` for each match of the global regex `re` in `text` (at most `limit`); `fn` returns false to stop. */
export function globalScan(re: RegExp, text: string, fn: (m: RegExpExecArray) => boolean | void, limit = Infinity): void {
  const r = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  r.lastIndex = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = r.exec(text))) {
    // `fn` may scan other text with the same regex (a decoded block is scanned again): resume from here after it.
    const next = m[0].length === 0 ? r.lastIndex + 1 : r.lastIndex;
    if (fn(m) === false || ++n >= limit) break;
    r.lastIndex = next;
  }
  r.lastIndex = 0;
}

function isAsciiLowerAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
