import type { Corpus } from '../corpus/types.js';
import type { Skill } from '../skill/schema.js';
import { fold } from './fold.js';
import { documentSlugTokens, tokenize, type Token } from './tokenize.js';

/** One ranked hit. `uri` is the skill's `SKILL.md` resource. */
export interface SearchResult {
  skill: string;
  title: string;
  uri: string;
  score: number;
  snippet: string;
}

/** A search index over one immutable corpus; build it once at load and share it. */
export interface SearchIndex {
  /** Ranked skills for a query in any of NL, FR, DE or EN; at most `limit` results, best first. */
  search(query: string, limit?: number): SearchResult[];
  /** Skill names starting with (or containing) `prefix`, for argument completion. */
  completeName(prefix: string, limit?: number): string[];
}

/**
 * Field weights for BM25F. Aliases are the names people actually type in their own language, so they rank
 * highest; the skill name and document numbers come next; running text counts least.
 */
export const FIELD_WEIGHTS = {
  aliases: 6,
  name: 4,
  title: 3,
  documents: 3,
  description: 2,
  body: 1,
} as const;
type Field = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];

const K1 = 1.2;
const B = 0.75;
/** Weight of a query word that only matches as a prefix of an indexed word ("regist" → "registration"). */
const PREFIX_WEIGHT = 0.5;
const MIN_PREFIX = 4;
const SNIPPET_LENGTH = 200;

interface Doc {
  skill: Skill;
  /** Plain sentences used to pick a snippet; computed the first time the skill is among the returned results. */
  sentences?: string[];
  /** The same sentences folded for matching against query words. */
  folded?: string[];
}

/**
 * Where one indexed word occurs: document numbers, ascending, and per document the word's query-independent
 * share of the BM25F score (idf × saturated field-weighted term frequency), so a query only multiplies and adds.
 */
interface Postings {
  docs: Int32Array;
  impacts: Float64Array;
}

/** Counters kept per (word, document) pair while building: the document number, then one count per field. */
const STRIDE = 1 + FIELDS.length;

function fieldTexts(skill: Skill): Record<Field, Token[]> {
  const aliases = skill.meta.aliases ?? [];
  return {
    aliases: aliases.flatMap((a) => tokenize(a)),
    name: tokenize(skill.name.replace(/-/g, ' ')),
    title: tokenize(skill.meta.title),
    documents: (skill.meta.documents ?? []).flatMap((d) => documentSlugTokens(d)),
    description: tokenize(skill.description),
    body: skill.sections.flatMap((s) => tokenize(`${s.title} ${s.text}`)),
  };
}

/** Sentences of a skill's description, summary and sections, for snippets. */
function sentencesOf(skill: Skill): string[] {
  const texts = [skill.description, skill.summary, ...skill.sections.map((s) => s.text)];
  return texts
    .flatMap((t) => t.split(/(?<=[.!?])\s+(?=\p{Lu})|\n+/u))
    .map((s) => s.replace(/^\s*[-*+]\s+/, '').replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

function clip(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const space = cut.lastIndexOf(' ');
  return `${(space > length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Ranks `a` before `b`: higher score first, then skill name (locale order). */
type Order = (a: number, b: number) => number;

/** The `k` best of `items` under `order`, best first, through a bounded heap (worst of the kept ones on top). */
function topK(items: Int32Array, n: number, k: number, order: Order): number[] {
  if (k <= 0 || n === 0) return [];
  if (k * 8 >= n) return Array.from(items.subarray(0, n)).sort(order).slice(0, k);
  const heap: number[] = [];
  // `order(x, y) > 0` means x ranks after y, i.e. x is worse.
  const siftUp = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (order(heap[i]!, heap[parent]!) <= 0) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && order(heap[left]!, heap[worst]!) > 0) worst = left;
      if (right < heap.length && order(heap[right]!, heap[worst]!) > 0) worst = right;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    if (heap.length < k) {
      heap.push(item);
      siftUp(heap.length - 1);
    } else if (order(item, heap[0]!) < 0) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort(order);
}

/**
 * Builds the inverted index (BM25F over name, title, aliases, description, documents and section text, with
 * accent and case folding and document-name tokens). Pure: it reads the corpus and keeps no other state.
 * Per-document field lengths and idf are folded into each posting at build time; a query walks typed arrays
 * and reuses one set of score buffers, and snippets are computed for the returned results only.
 */
export function createSearchIndex(corpus: Pick<Corpus, 'skills'>): SearchIndex {
  const docs: Doc[] = [];
  const count = corpus.skills.length;
  const lengths = new Int32Array(count * FIELDS.length);
  const totals = new Float64Array(FIELDS.length);
  // While building: per word, STRIDE numbers per document that contains it.
  const building = new Map<Token, number[]>();

  corpus.skills.forEach((skill, index) => {
    const fields = fieldTexts(skill);
    const perToken = new Map<Token, number[]>();
    FIELDS.forEach((field, f) => {
      const tokens = fields[field];
      lengths[index * FIELDS.length + f] = tokens.length;
      totals[f] = (totals[f] ?? 0) + tokens.length;
      for (const token of tokens) {
        let counts = perToken.get(token);
        if (!counts) {
          counts = new Array<number>(STRIDE).fill(0);
          counts[0] = index;
          perToken.set(token, counts);
        }
        counts[1 + f] = (counts[1 + f] ?? 0) + 1;
      }
    });
    for (const [token, counts] of perToken) {
      const list = building.get(token);
      if (list) list.push(...counts);
      else building.set(token, counts);
    }
    docs.push({ skill });
  });

  const averages = FIELDS.map((_, f) => (count === 0 ? 0 : (totals[f] ?? 0) / count));
  const weights = FIELDS.map((field) => FIELD_WEIGHTS[field]);
  const postings = new Map<Token, Postings>();
  for (const [token, flat] of building) {
    const df = flat.length / STRIDE;
    const idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
    const docIds = new Int32Array(df);
    const impacts = new Float64Array(df);
    for (let p = 0; p < df; p++) {
      const doc = flat[p * STRIDE] ?? 0;
      let tf = 0;
      for (let f = 0; f < FIELDS.length; f++) {
        const n = flat[p * STRIDE + 1 + f] ?? 0;
        if (n === 0) continue;
        const average = averages[f] || 1;
        tf += ((weights[f] ?? 0) * n) / (1 - B + (B * (lengths[doc * FIELDS.length + f] ?? 0)) / average);
      }
      docIds[p] = doc;
      impacts[p] = idf * ((tf * (K1 + 1)) / (tf + K1));
    }
    postings.set(token, { docs: docIds, impacts });
  }
  building.clear();
  const vocabulary = [...postings.keys()].filter((t) => !t.startsWith('doc:')).sort();

  // Tie-break on the skill name in locale order, precomputed as a rank.
  const nameRank = new Int32Array(count);
  const byName = docs.map((_, i) => i).sort((a, b) => (docs[a]?.skill.name ?? '').localeCompare(docs[b]?.skill.name ?? ''));
  byName.forEach((doc, rank) => {
    const previous = byName[rank - 1];
    const same = previous !== undefined && (docs[previous]?.skill.name ?? '').localeCompare(docs[doc]?.skill.name ?? '') === 0;
    nameRank[doc] = same ? (nameRank[previous] ?? rank) : rank;
  });
  const sortedNames = docs.map((d) => d.skill.name).sort();

  // Score buffers shared by every query (search is synchronous); reset after each use.
  const scores = new Float64Array(count);
  const best = new Float64Array(count);
  const scored = new Int32Array(count);
  const touched = new Int32Array(count);
  const order: Order = (a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || (nameRank[a] ?? 0) - (nameRank[b] ?? 0) || a - b;

  /** Indexed words a query word may stand for: itself, and longer words it begins. */
  function expansions(token: Token): Array<{ token: Token; weight: number }> {
    const out: Array<{ token: Token; weight: number }> = [];
    if (postings.has(token)) out.push({ token, weight: 1 });
    if (token.startsWith('doc:') || token.length < MIN_PREFIX || /^\d+$/.test(token)) return out;
    // Binary search to the first word >= token, then walk while the prefix holds.
    let lo = 0;
    let hi = vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((vocabulary[mid] ?? '') < token) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < vocabulary.length; i++) {
      const word = vocabulary[i] ?? '';
      if (!word.startsWith(token)) break;
      if (word !== token) out.push({ token: word, weight: PREFIX_WEIGHT });
    }
    return out;
  }

  function snippet(doc: Doc, queryWords: string[]): string {
    if (queryWords.length > 0) {
      if (!doc.sentences || !doc.folded) {
        doc.sentences = sentencesOf(doc.skill);
        doc.folded = doc.sentences.map((s) => {
          const folded = fold(s);
          return folded === s ? s : folded;
        });
      }
      let bestSentence: string | undefined;
      let bestHits = 0;
      doc.folded.forEach((folded, i) => {
        let hits = 0;
        for (const word of queryWords) if (folded.includes(word)) hits++;
        if (hits > bestHits) {
          bestHits = hits;
          bestSentence = doc.sentences?.[i];
        }
      });
      if (bestSentence !== undefined) return clip(bestSentence, SNIPPET_LENGTH);
    }
    return clip(doc.skill.description, SNIPPET_LENGTH);
  }

  return {
    search(query: string, limit = 10): SearchResult[] {
      const tokens = [...new Set(tokenize(query))];
      if (tokens.length === 0 || count === 0) return [];
      let scoredCount = 0;
      for (const token of tokens) {
        // A word counts once per document, through its best expansion.
        let touchedCount = 0;
        for (const { token: term, weight } of expansions(token)) {
          const list = postings.get(term);
          if (!list) continue;
          const { docs: ids, impacts } = list;
          for (let i = 0; i < ids.length; i++) {
            const doc = ids[i]!;
            const value = weight * impacts[i]!;
            const previous = best[doc]!;
            if (value > previous) {
              if (previous === 0) touched[touchedCount++] = doc;
              best[doc] = value;
            }
          }
        }
        for (let i = 0; i < touchedCount; i++) {
          const doc = touched[i]!;
          if (scores[doc] === 0) scored[scoredCount++] = doc;
          scores[doc] = scores[doc]! + best[doc]!;
          best[doc] = 0;
        }
      }
      const k = Math.min(scoredCount, Math.max(0, Math.trunc(limit) || 0));
      const top = topK(scored, scoredCount, k, order);
      const ranked = top.map((doc) => ({ doc, score: scores[doc] ?? 0 }));
      for (let i = 0; i < scoredCount; i++) scores[scored[i]!] = 0;
      const words = tokens.filter((t) => !t.startsWith('doc:') && t.length >= 3);
      return ranked.flatMap(({ doc: index, score }) => {
        const doc = docs[index];
        if (!doc) return [];
        return [{
          skill: doc.skill.name,
          title: doc.skill.meta.title,
          uri: `skill://${doc.skill.name}/SKILL.md`,
          score: Math.round(score * 1000) / 1000,
          snippet: snippet(doc, words),
        }];
      });
    },
    completeName(prefix: string, limit = 20): string[] {
      const wanted = fold(prefix.trim());
      const starts = sortedNames.filter((n) => n.startsWith(wanted));
      const contains = sortedNames.filter((n) => !n.startsWith(wanted) && n.includes(wanted));
      return [...starts, ...contains].slice(0, limit);
    },
  };
}
