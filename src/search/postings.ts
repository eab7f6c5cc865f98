import type { Skill } from '../skill/schema.js';
import { STEM_MARK } from './expand.js';
import { type Field, FIELDS, fieldTexts } from './fields.js';
import { audienceCodes } from './nationality.js';
import type { WordForms } from './stem.js';
import { analyze, documentSlugTokens, forEachWord, isStopword, type Token } from './tokenize.js';

/** BM25 length normalisation. */
const B = 0.75;

/** Fields whose words typos are matched against: the names a person might misspell. */
const KEY_FIELDS: ReadonlySet<Field> = new Set(['aliases', 'name', 'title']);

/** How the postings are scored (see `RankingOptions` in index.ts). */
export interface ScoringOptions {
  fieldWeights: Readonly<Record<Field, number>>;
  k1: number;
  perFieldIdf: boolean;
}

/** The inverted index as flat arrays: word numbers, and per word a range of documents and score impacts. */
export interface PostingTable {
  termIds: Map<Token, number>;
  /** Postings of word `id` are `docIds`/`impacts` at `offsets[id]` up to `offsets[id + 1]`, documents ascending. */
  offsets: Int32Array;
  docIds: Int32Array;
  /** Query-independent share of the score: field weight × idf × saturated, length-normalised frequency, summed over fields. */
  impacts: Float64Array;
  /** Folded words of names, titles and aliases, for typo lookups. */
  keyWords: Set<string>;
}

/** A growable list of (term, document, field, count) entries in typed arrays. */
class Entries {
  size = 0;
  term: Int32Array;
  doc: Int32Array;
  field: Uint8Array;
  count: Int32Array;

  constructor(capacity: number) {
    this.term = new Int32Array(capacity);
    this.doc = new Int32Array(capacity);
    this.field = new Uint8Array(capacity);
    this.count = new Int32Array(capacity);
  }

  add(term: number, doc: number, field: number, count: number): number {
    if (this.size === this.term.length) this.grow();
    const at = this.size++;
    this.term[at] = term;
    this.doc[at] = doc;
    this.field[at] = field;
    this.count[at] = count;
    return at;
  }

  private grow(): void {
    const capacity = this.term.length * 2;
    const copy = <T extends Int32Array | Uint8Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.term = copy(this.term, new Int32Array(capacity));
    this.doc = copy(this.doc, new Int32Array(capacity));
    this.field = copy(this.field, new Uint8Array(capacity));
    this.count = copy(this.count, new Int32Array(capacity));
  }
}

/**
 * Tokenizes every skill once and lays the postings out in typed arrays. Each distinct word is folded and stemmed
 * once for the whole corpus (the same words recur thousands of times); within a field, words are counted first
 * and turned into terms (the word and its stems) once per distinct word. Section text is read for words only:
 * annex and card names in running text mostly point to other procedures. `stays` are the stay-length codes of
 * each skill, matched in its situation field with its audience codes.
 */
export function buildPostings(
  skills: readonly Skill[],
  stays: ReadonlyMap<string, readonly Token[]>,
  scoring: ScoringOptions,
  forms: (lowerWord: string) => WordForms,
): PostingTable {
  const skillNames = new Set(skills.map((s) => s.name));
  const count = skills.length;
  const fieldCount = FIELDS.length;
  const lengths = new Int32Array(count * fieldCount);
  const totals = new Float64Array(fieldCount);
  const keyWords = new Set<string>();

  // Terms (words, stems and codes) by number.
  const termIds = new Map<Token, number>();
  const idOf = (token: Token): number => {
    let id = termIds.get(token);
    if (id === undefined) {
      id = termIds.size;
      termIds.set(token, id);
    }
    return id;
  };
  // Distinct lower-cased words by number (-1 for a stopword), with their terms and a per-field count.
  const wordNumbers = new Map<string, number>();
  const wordTerms: number[][] = [];
  const wordKey: string[] = [];
  const wordStamp: number[] = [];
  const wordCount: number[] = [];
  // Per term, the (document × field) it was last counted in and where.
  const termStamp: number[] = [];
  const termEntry: number[] = [];
  // A shipped skill gives about a thousand entries, a synthetic benchmark one a few hundred; grown by doubling.
  const entries = new Entries(Math.max(1024, count * 256));

  let stamp = -1;
  let doc = 0;
  let field = 0;
  let length = 0;
  const distinct: number[] = [];

  const addTerm = (id: number, n: number) => {
    if (termStamp[id] === stamp) {
      entries.count[termEntry[id]!]! += n;
      return;
    }
    termStamp[id] = stamp;
    termEntry[id] = entries.add(id, doc, field, n);
  };
  const addCode = (token: Token) => {
    length++;
    addTerm(idOf(token), 1);
  };
  const addWord = (word: string) => {
    let w = wordNumbers.get(word);
    if (w === undefined) {
      const lower = word.toLowerCase();
      w = wordNumbers.get(lower);
      if (w === undefined) {
        if (isStopword(lower)) w = -1;
        else {
          const { folded, stems } = forms(lower);
          w = wordTerms.length;
          wordTerms.push([idOf(folded), ...stems.map((s) => idOf(STEM_MARK + s))]);
          wordKey.push(folded);
          wordStamp.push(-1);
          wordCount.push(0);
        }
        wordNumbers.set(lower, w);
      }
      if (lower !== word) wordNumbers.set(word, w);
    }
    if (w < 0) return;
    length++;
    if (wordStamp[w] !== stamp) {
      wordStamp[w] = stamp;
      wordCount[w] = 0;
      distinct.push(w);
    }
    wordCount[w]!++;
  };

  for (doc = 0; doc < count; doc++) {
    const skill = skills[doc]!;
    const texts = fieldTexts(skill, skillNames);
    for (field = 0; field < fieldCount; field++) {
      const name = FIELDS[field]!;
      stamp = doc * fieldCount + field;
      length = 0;
      distinct.length = 0;
      if (name === 'situation') {
        for (const code of [...audienceCodes(texts.situation), ...(stays.get(skill.name) ?? [])]) addCode(code);
      } else if (name === 'documents') {
        for (const text of texts.documents) for (const code of documentSlugTokens(text)) addCode(code);
      } else if (name === 'body') {
        for (const text of texts.body) forEachWord(text, addWord);
      } else {
        for (const text of texts[name]) {
          const { codes, words } = analyze(text);
          for (const code of codes) addCode(code);
          for (const word of words) addWord(word);
        }
        if (KEY_FIELDS.has(name)) for (const w of distinct) keyWords.add(wordKey[w]!);
      }
      for (const w of distinct) for (const id of wordTerms[w]!) addTerm(id, wordCount[w]!);
      lengths[stamp] = length;
      totals[field] = totals[field]! + length;
    }
  }
  return layOut(termIds, entries, { count, lengths, totals, keyWords }, scoring);
}

/**
 * Sorts the entries by term (documents stay ascending), merges the fields of one (term, document) pair into one
 * posting, and folds idf and length normalisation into its impact.
 */
function layOut(
  termIds: Map<Token, number>,
  entries: Entries,
  corpus: { count: number; lengths: Int32Array; totals: Float64Array; keyWords: Set<string> },
  { fieldWeights, k1, perFieldIdf }: ScoringOptions,
): PostingTable {
  const { count, lengths, totals, keyWords } = corpus;
  const fieldCount = FIELDS.length;
  const terms = termIds.size;
  const averages = FIELDS.map((_, f) => (count === 0 ? 0 : totals[f]! / count) || 1);
  const weights = FIELDS.map((name) => fieldWeights[name]);
  const situation = FIELDS.indexOf('situation');
  // Entries per term and, per term and field, the documents holding it; documents per term.
  const entryStart = new Int32Array(terms + 1);
  const fieldDf = new Int32Array(terms * fieldCount);
  const df = new Int32Array(terms);
  const lastDoc = new Int32Array(terms).fill(-1);
  for (let e = 0; e < entries.size; e++) {
    const id = entries.term[e]!;
    entryStart[id + 1]!++;
    fieldDf[id * fieldCount + entries.field[e]!]!++;
    if (lastDoc[id] !== entries.doc[e]) {
      lastDoc[id] = entries.doc[e]!;
      df[id]!++;
    }
  }
  for (let id = 0; id < terms; id++) entryStart[id + 1]! += entryStart[id]!;
  const byTerm = new Int32Array(entries.size);
  const cursor = entryStart.slice(0, terms);
  for (let e = 0; e < entries.size; e++) byTerm[cursor[entries.term[e]!]!++] = e;

  const offsets = new Int32Array(terms + 1);
  for (let id = 0; id < terms; id++) offsets[id + 1] = offsets[id]! + df[id]!;
  const docIds = new Int32Array(offsets[terms]!);
  const impacts = new Float64Array(offsets[terms]!);
  const idfOf = new Float64Array(count + 1);
  for (let n = 0; n <= count; n++) idfOf[n] = Math.log(1 + (count - n + 0.5) / (n + 0.5));
  const normalised = (e: number) => {
    const f = entries.field[e]!;
    return entries.count[e]! / (1 - B + (B * lengths[entries.doc[e]! * fieldCount + f]!) / averages[f]!);
  };
  for (let id = 0; id < terms; id++) {
    let at = offsets[id]!;
    const end = entryStart[id + 1]!;
    for (let i = entryStart[id]!; i < end; ) {
      const doc = entries.doc[byTerm[i]!]!;
      let impact = 0;
      let merged = 0;
      for (; i < end && entries.doc[byTerm[i]!] === doc; i++) {
        const e = byTerm[i]!;
        const f = entries.field[e]!;
        const tf = normalised(e);
        if (perFieldIdf) {
          // BM25 per field, summed with the field weights. The situation is a prior, not a word: it counts the
          // same however many skills share it.
          impact += weights[f]! * (f === situation ? 1 : idfOf[fieldDf[id * fieldCount + f]!]!) * ((tf * (k1 + 1)) / (tf + k1));
        } else merged += weights[f]! * tf;
      }
      if (!perFieldIdf) impact = idfOf[df[id]!]! * ((merged * (k1 + 1)) / (merged + k1));
      docIds[at] = doc;
      impacts[at] = impact;
      at++;
    }
  }
  return { termIds, offsets, docIds, impacts, keyWords };
}
