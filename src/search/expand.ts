import { boundedDistance, distanceRows } from './edit-distance.js';
import { fold } from './fold.js';
import type { Token } from './tokenize.js';

/** Indexed terms a query word may stand for, each with the share of its score it keeps. */
export interface Alternative {
  id: number;
  weight: number;
}

/**
 * How much a match through each route counts against an exact match (1). Tuned on the tuning part of
 * `test/search/queries.yaml`; the held-apart part never was.
 */
export const MATCH_WEIGHTS = {
  exact: 1,
  /** The word and an indexed word share a Snowball stem in one of the four languages. */
  stem: 0.9,
  /** An everyday word of the same meaning in another language ("quitter" → "leave"). */
  synonym: 0.7,
  /** A part of a compound the index does not hold whole ("Führerschein|umtausch"). */
  part: 0.8,
  /** One typo away from a name, title or alias word. */
  typo1: 0.6,
  /** Two typos away (words of nine letters or more). */
  typo2: 0.4,
  /** The word begins an indexed word ("registr" → "registration"). */
  prefix: 0.5,
} as const;

/** Indexed stems live beside words, marked so a stem never meets a word by accident. */
export const STEM_MARK = '~';
const MIN_PREFIX = 4;
const MAX_PREFIX_EXPANSIONS = 32;
/** Shortest word looked up with typos, and the length from which two typos are allowed. */
const MIN_TYPO = 5;
const TWO_TYPOS = 9;
/** Compounds are split into parts of at least this many letters ("binnen|kort" is not split), joined by nothing or a linking s/e/n/en/es. */
const MIN_PART = 5;
const MIN_COMPOUND = 8;
const LINKS = ['', 's', 'e', 'n', 'en', 'es'];

/** The term dictionary of an index, with the lookups query expansion needs. */
export interface Lexicon {
  termIds: ReadonlyMap<Token, number>;
  /** Indexed words (no stems, no codes), sorted, for prefix lookups. */
  words: readonly string[];
  /** Words of names, titles and aliases by first letter and length (`a:9`), for typo lookups. */
  keyWords: ReadonlyMap<string, readonly string[]>;
}

/** Builds the lookups over a term dictionary. `keyWords` are the words typos are matched against. */
export function createLexicon(termIds: ReadonlyMap<Token, number>, keyWords: Iterable<string>): Lexicon {
  const words = [...termIds.keys()].filter((t) => !t.startsWith(STEM_MARK) && !t.includes(':')).sort();
  const buckets = new Map<string, string[]>();
  for (const w of new Set(keyWords)) {
    const key = `${w[0]}:${w.length}`;
    const list = buckets.get(key);
    if (list) list.push(w);
    else buckets.set(key, [w]);
  }
  return { termIds, words, keyWords: buckets };
}

/** Letters two English words of one line must begin with alike to be forms of one word ("regist|er", "regist|ration"). */
const SAME_FORM_PREFIX = 5;
const sameWordForm = (a: string, b: string) => a.length >= SAME_FORM_PREFIX && a.slice(0, SAME_FORM_PREFIX) === b.slice(0, SAME_FORM_PREFIX);

/**
 * Lines of words with one meaning (see `everyday-words.ts`: English words, `|`, the other languages) as a lookup
 * from any word's folded form or stem to the English words of its lines. Words of `exactLines` match only as
 * written (a country name: "belgie" but not "belg", which is "a Belgian").
 */
export function createSynonyms(lines: readonly string[], stemsOf: (lowerWord: string) => readonly string[], exactLines: readonly string[] = []): (lowerWord: string) => readonly string[] {
  // Lines by a word as written (folded), and by a word or stem of it.
  const byWord = new Map<string, Set<number>>();
  const byKey = new Map<string, Set<number>>();
  const put = (map: Map<string, Set<number>>, key: string, i: number) => {
    const set = map.get(key) ?? new Set<number>();
    set.add(i);
    map.set(key, set);
  };
  const all = [...lines, ...exactLines];
  const heads = all.map((line) => (line.split('|')[0] ?? '').split(/\s+/).filter(Boolean));
  all.forEach((line, i) => {
    for (const word of line.replace('|', ' ').split(/\s+/).filter(Boolean)) {
      put(byWord, fold(word), i);
      for (const key of i < lines.length ? [fold(word), ...stemsOf(word)] : [fold(word)]) put(byKey, key, i);
    }
  });
  // The lines each English word heads.
  const headed = new Map<string, number[]>();
  heads.forEach((words, i) => {
    for (const w of words) headed.set(w, [...(headed.get(w) ?? []), i]);
  });
  return (lowerWord) => {
    const folded = fold(lowerWord);
    // An English word is already in the skills' language. It matches only the other forms of itself on the lines
    // it heads that the stemmer does not join to it ("registration" → "register"): words beginning with the same
    // five letters, not the other words of the line ("husband" is not "spouse" in a skill's text).
    const own = headed.get(folded);
    if (own) return [...new Set(own.flatMap((i) => (heads[i] ?? []).filter((w) => w !== folded && sameWordForm(w, folded))))];
    // A word listed as written means what its lines say; only a word listed nowhere is looked up by its stems
    // ("épouse", a spouse, is not "épouser", to marry, though both stem to "épous").
    const lineIds = new Set<number>(byWord.get(folded));
    if (lineIds.size === 0) for (const key of [folded, ...stemsOf(lowerWord)]) for (const i of byKey.get(key) ?? []) lineIds.add(i);
    const out: string[] = [];
    for (const i of lineIds) for (const w of heads[i] ?? []) if (w !== folded) out.push(w);
    return out;
  };
}

/** One list of alternatives from several, each indexed word once at its best weight. */
export function merge(...lists: Alternative[][]): Alternative[] {
  const best = new Map<number, number>();
  for (const list of lists) for (const { id, weight } of list) best.set(id, Math.max(weight, best.get(id) ?? 0));
  return [...best].map(([id, weight]) => ({ id, weight }));
}

/** Expands query words against a {@link Lexicon}. */
export function createExpander(lexicon: Lexicon, stemsOf: (lowerWord: string) => readonly string[], synonymsOf: (lowerWord: string) => readonly string[] = () => []) {
  const { termIds, words, keyWords } = lexicon;
  const rows = distanceRows(64);

  /** Exact and stem matches of a word; empty when the index holds neither. */
  function direct(lower: string, weight = 1, out: Alternative[] = []): Alternative[] {
    const add = (token: Token, w: number) => {
      const id = termIds.get(token);
      if (id === undefined) return;
      const seen = out.find((a) => a.id === id);
      if (seen) seen.weight = Math.max(seen.weight, w);
      else out.push({ id, weight: w });
    };
    const folded = fold(lower);
    add(folded, weight * MATCH_WEIGHTS.exact);
    add(STEM_MARK + folded, weight * MATCH_WEIGHTS.stem);
    for (const stem of stemsOf(lower)) {
      add(STEM_MARK + stem, weight * MATCH_WEIGHTS.stem);
      add(stem, weight * MATCH_WEIGHTS.stem);
    }
    return out;
  }

  function prefixed(folded: string): Alternative[] {
    if (folded.length < MIN_PREFIX || /^\d+$/.test(folded)) return [];
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (words[mid]! < folded) lo = mid + 1;
      else hi = mid;
    }
    const out: Alternative[] = [];
    for (let i = lo; i < words.length && out.length < MAX_PREFIX_EXPANSIONS; i++) {
      const word = words[i]!;
      if (!word.startsWith(folded)) break;
      if (word !== folded) out.push({ id: termIds.get(word)!, weight: MATCH_WEIGHTS.prefix });
    }
    return out;
  }

  function typos(folded: string): Alternative[] {
    if (folded.length < MIN_TYPO || folded.length >= rows[0].length || /\d/.test(folded)) return [];
    const max = folded.length >= TWO_TYPOS ? 2 : 1;
    const out: Alternative[] = [];
    // Typos are looked for among words with the same first letter (a first letter is rarely mistyped).
    for (let len = folded.length - max; len <= folded.length + max; len++) {
      for (const word of keyWords.get(`${folded[0]}:${len}`) ?? []) {
        const d = boundedDistance(folded, word, max, rows);
        if (d > 0 && d <= max) out.push({ id: termIds.get(word)!, weight: d === 1 ? MATCH_WEIGHTS.typo1 : MATCH_WEIGHTS.typo2 });
      }
    }
    return out;
  }

  const known = (part: string) => termIds.has(part) || termIds.has(STEM_MARK + part);

  /** Splits an unknown compound into known parts, longest first part first; undefined when it does not split. */
  function split(folded: string, depth = 0): string[] | undefined {
    for (let i = folded.length - MIN_PART; i >= MIN_PART; i--) {
      const head = folded.slice(0, i);
      if (!known(head)) continue;
      for (const link of LINKS) {
        if (!folded.startsWith(link, i)) continue;
        const tail = folded.slice(i + link.length);
        if (tail.length < MIN_PART) continue;
        if (known(tail)) return [head, tail];
        if (depth === 0 && tail.length >= MIN_COMPOUND) {
          const rest = split(tail, depth + 1);
          if (rest) return [head, ...rest];
        }
      }
    }
    return undefined;
  }

  return {
    /**
     * The alternatives of one query word, as one or more groups (a compound gives a group per part): exact and
     * stem matches and everyday-word equivalents; for a word the index does not hold, the parts of a compound or,
     * failing that, the words it begins and words one or two typos away.
     */
    word(lower: string): Alternative[][] {
      const folded = fold(lower);
      const found = direct(lower);
      const synonyms: Alternative[] = [];
      for (const synonym of synonymsOf(lower)) direct(synonym, MATCH_WEIGHTS.synonym, synonyms);
      // A word the index holds is taken as written; only an unknown word may be the start of a longer one.
      if (found.length > 0) return [merge(found, synonyms)];
      const fromPrefix = prefixed(folded);
      if (folded.length >= MIN_COMPOUND) {
        const parts = split(folded);
        if (parts) return parts.map((p) => direct(p, MATCH_WEIGHTS.part));
      }
      return [merge(synonyms, fromPrefix, typos(folded))];
    },
    /** The alternatives of two neighbouring words written apart that the index holds as one ("aankomst verklaring"). */
    joined(first: string, second: string): Alternative[] {
      const a = fold(first);
      const b = fold(second);
      for (const link of ['', 's']) {
        const id = termIds.get(a + link + b);
        if (id !== undefined) return [{ id, weight: MATCH_WEIGHTS.exact }];
      }
      return [];
    },
    /**
     * The alternative of a document code, if indexed; a plus card the index does not hold ("E+") stands for the
     * card it is the permanent form of ("E"), as a part of its name.
     */
    code(token: Token): Alternative[] {
      const id = termIds.get(token);
      if (id !== undefined) return [{ id, weight: MATCH_WEIGHTS.exact }];
      const base = token.startsWith('card:') && token.endsWith('+') ? termIds.get(token.slice(0, -1)) : undefined;
      return base === undefined ? [] : [{ id: base, weight: MATCH_WEIGHTS.part }];
    },
  };
}
