/**
 * The text a scan runs over, read once for every rule family. A pattern of a family is a global regex with the
 * words its matches can start with, written next to it (`starts`), or words one of which every match contains
 * (`gate`). One pass of a single keyword regex over the lower-cased text finds where any start word of any pattern
 * begins; each pattern then runs, anchored, only at those places, which gives exactly the matches a global scan
 * would (a match can only start there) without a pass over the text per pattern. A gated pattern runs only when
 * one of its words occurs. Text where lower-casing changes lengths or case-folding reaches ASCII from outside it
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
}

interface Registered {
  pattern: Pattern;
  sticky: RegExp;
}

const registry: Registered[] = [];
const idOf = new WeakMap<Pattern, number>();
const every: Pattern[] = [];
const gateWords = new Set<string>();
let gateFinder: { re: RegExp; prefixes: Map<string, string[]> } | undefined;
/** For each keyword: the patterns it (or a word that is a prefix of it) may start, with how many units before it. */
let finder: { re: RegExp; dispatch: Map<string, (readonly [id: number, shift: number])[]> } | undefined;

/** Registers a pattern with `starts` (at module load); its id indexes the candidate lists of a scan. */
export function pattern<P extends Pattern>(p: P): P {
  every.push(p);
  if (p.gate) keywords(p.gate);
  if (p.plainIf) keywords(p.plainIf);
  if (p.starts || p.before) {
    idOf.set(p, registry.length);
    registry.push({ pattern: p, sticky: new RegExp(p.re.source, p.re.flags.replace('g', '') + 'y') });
    finder = undefined;
  }
  return p;
}

/** Registers words a family tests with {@link ScanText.has}, so one pass finds which of them occur. */
export function keywords<W extends readonly string[]>(words: W): W {
  for (const w of words) gateWords.add(w);
  gateFinder = undefined;
  return words;
}

/** Every pattern defined with {@link pattern} (for the test that checks starts and gates against plain scans). */
export function definedPatterns(): readonly Pattern[] {
  return every;
}

/** The regex over every gate word, and for each word the gate words that are prefixes of it (itself included). */
function wordFinder(): NonNullable<typeof gateFinder> {
  if (gateFinder) return gateFinder;
  const words = [...gateWords].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const prefixes = new Map(words.map((w) => [w, words.filter((x) => w.startsWith(x))] as const));
  gateFinder = { re: new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g'), prefixes };
  return gateFinder;
}

/** Builds the one keyword regex over every start word, and for each word the patterns it (or a prefix of it) starts. */
function keywordFinder(): NonNullable<typeof finder> {
  if (finder) return finder;
  const byWord = new Map<string, Set<string>>();
  const add = (w: string, id: number, shift: number) => {
    let set = byWord.get(w);
    if (!set) byWord.set(w, (set = new Set()));
    set.add(`${id}:${shift}`);
  };
  registry.forEach((r, id) => {
    for (const w of r.pattern.starts ?? []) add(w, id, 0);
    for (const w of r.pattern.before ?? []) add(w, id, 1);
  });
  const words = [...byWord.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  // The regex reports the longest word starting at a place; every shorter word starting there is a prefix of it.
  const dispatch = new Map<string, (readonly [number, number])[]>();
  for (const w of words) {
    const entries = new Set<string>();
    for (let n = 1; n <= w.length; n++) for (const e of byWord.get(w.slice(0, n)) ?? []) entries.add(e);
    const list = [...entries].map((e) => e.split(':').map(Number) as [number, number]);
    // Per pattern, the earlier place first, so each candidate list stays sorted.
    dispatch.set(w, list.sort((a, b) => a[0] - b[0] || b[1] - a[1]));
  }
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  finder = { re: new RegExp(`(?<![a-z0-9])(?:${escaped.join('|')})`, 'g'), dispatch };
  return finder;
}

const FOLDS_TO_ASCII = /[\u017f\u212a]/;
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
  private present: Set<string> | undefined;

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
    if (!this.present) {
      // One pass finds every registered word that occurs (at every place, so overlapping words count too).
      const { re, prefixes } = wordFinder();
      const present = new Set<string>();
      const lower = this.lower();
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(lower))) {
        for (const w of prefixes.get(m[0])!) present.add(w);
        re.lastIndex = m.index + 1;
      }
      this.present = present;
    }
    const present = this.present;
    const lower = this.lower();
    return words.some((w) => (gateWords.has(w) ? present.has(w) : lower.includes(w)));
  }

  /** Whether lower-casing keeps every offset and maps nothing from outside ASCII into it. */
  private isIndexable(): boolean {
    this.indexable ??= this.lower().length === this.text.length && !FOLDS_TO_ASCII.test(this.text);
    return this.indexable;
  }

  /** A value computed once per text (a family's intermediate result that another family reads too). */
  once<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  private index(): number[][] | undefined {
    if (this.candidates === undefined && this.isIndexable()) {
      const { re, dispatch } = keywordFinder();
      const lower = this.lower();
      const lists: number[][] = registry.map(() => []);
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(lower))) {
        const at = m.index;
        for (const [id, shift] of dispatch.get(m[0]) ?? []) {
          const list = lists[id]!;
          const from = Math.max(0, at - shift);
          // Lists stay sorted: an earlier word ended no later than `at - 1`.
          if (list[list.length - 1] !== from) list.push(from);
        }
        re.lastIndex = at + 1;
      }
      this.candidates = lists;
    }
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
    if (id === undefined || !lists || lists[id]!.length * DENSE > this.text.length) {
      globalScan(p.re, this.text, fn, limit);
      return;
    }
    const sticky = registry[id]!.sticky;
    let resume = 0;
    let n = 0;
    for (const at of lists[id]!) {
      if (at < resume) continue;
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
