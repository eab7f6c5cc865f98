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
  lengths: Record<Field, number>;
  /** Plain sentences used to pick a snippet. */
  sentences: string[];
}

interface Posting {
  doc: number;
  tf: Record<Field, number>;
}

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

/**
 * Builds the inverted index (BM25F over name, title, aliases, description, documents and section text, with
 * accent and case folding and document-name tokens). Pure: it reads the corpus and keeps no other state.
 */
export function createSearchIndex(corpus: Pick<Corpus, 'skills'>): SearchIndex {
  const docs: Doc[] = [];
  const postings = new Map<Token, Posting[]>();
  const totals: Record<Field, number> = { aliases: 0, name: 0, title: 0, documents: 0, description: 0, body: 0 };

  corpus.skills.forEach((skill, index) => {
    const fields = fieldTexts(skill);
    const lengths = { aliases: 0, name: 0, title: 0, documents: 0, description: 0, body: 0 } as Record<Field, number>;
    const perToken = new Map<Token, Posting>();
    for (const field of FIELDS) {
      const tokens = fields[field];
      lengths[field] = tokens.length;
      totals[field] += tokens.length;
      for (const token of tokens) {
        let posting = perToken.get(token);
        if (!posting) {
          posting = { doc: index, tf: { aliases: 0, name: 0, title: 0, documents: 0, description: 0, body: 0 } };
          perToken.set(token, posting);
        }
        posting.tf[field] += 1;
      }
    }
    for (const [token, posting] of perToken) {
      const list = postings.get(token);
      if (list) list.push(posting);
      else postings.set(token, [posting]);
    }
    docs.push({ skill, lengths, sentences: sentencesOf(skill) });
  });

  const count = docs.length;
  const averages = Object.fromEntries(FIELDS.map((f) => [f, count === 0 ? 0 : totals[f] / count])) as Record<Field, number>;
  const vocabulary = [...postings.keys()].filter((t) => !t.startsWith('doc:')).sort();

  function idf(token: Token): number {
    const df = postings.get(token)?.length ?? 0;
    return Math.log(1 + (count - df + 0.5) / (df + 0.5));
  }

  function weightedTf(posting: Posting): number {
    const doc = docs[posting.doc];
    if (!doc) return 0;
    let sum = 0;
    for (const field of FIELDS) {
      const tf = posting.tf[field];
      if (tf === 0) continue;
      const average = averages[field] || 1;
      sum += (FIELD_WEIGHTS[field] * tf) / (1 - B + (B * doc.lengths[field]) / average);
    }
    return sum;
  }

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
      let best: { sentence: string; hits: number } | undefined;
      for (const sentence of doc.sentences) {
        const folded = fold(sentence);
        let hits = 0;
        for (const word of queryWords) if (folded.includes(word)) hits++;
        if (hits > 0 && (!best || hits > best.hits)) best = { sentence, hits };
      }
      if (best) return clip(best.sentence, SNIPPET_LENGTH);
    }
    return clip(doc.skill.description, SNIPPET_LENGTH);
  }

  return {
    search(query: string, limit = 10): SearchResult[] {
      const tokens = [...new Set(tokenize(query))];
      if (tokens.length === 0 || count === 0) return [];
      const scores = new Map<number, number>();
      for (const token of tokens) {
        // A word counts once per document, through its best expansion.
        const best = new Map<number, number>();
        for (const { token: term, weight } of expansions(token)) {
          const termIdf = idf(term);
          for (const posting of postings.get(term) ?? []) {
            const tf = weightedTf(posting);
            const value = weight * termIdf * ((tf * (K1 + 1)) / (tf + K1));
            if (value > (best.get(posting.doc) ?? 0)) best.set(posting.doc, value);
          }
        }
        for (const [doc, value] of best) scores.set(doc, (scores.get(doc) ?? 0) + value);
      }
      const words = tokens.filter((t) => !t.startsWith('doc:') && t.length >= 3);
      return [...scores.entries()]
        .sort((a, b) => b[1] - a[1] || (docs[a[0]]?.skill.name ?? '').localeCompare(docs[b[0]]?.skill.name ?? ''))
        .slice(0, Math.max(0, limit))
        .flatMap(([index, score]) => {
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
      const names = docs.map((d) => d.skill.name);
      const starts = names.filter((n) => n.startsWith(wanted));
      const contains = names.filter((n) => !n.startsWith(wanted) && n.includes(wanted));
      return [...starts.sort(), ...contains.sort()].slice(0, limit);
    },
  };
}
