import type { Skill } from '../skill/schema.js';
import { STEM_MARK } from './expand.js';
import { type Field, FIELDS, metadataTexts, sectionWords } from './fields.js';
import { audienceCodes } from './nationality.js';
import type { WordForms } from './stem.js';
import { analyze, documentSlugTokens, isStopword, type Token } from './tokenize.js';
import { WordTable } from './word-table.js';

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
  /** Two bytes a posting when the corpus has at most 65,536 skills (always, in practice), four otherwise. */
  docIds: Uint16Array | Int32Array;
  /** Query-independent share of the score: field weight × idf × saturated, length-normalised frequency, summed over fields. */
  impacts: Float64Array;
  /** Folded words of names, titles and aliases, for typo lookups. */
  keyWords: Set<string>;
}

/** Entries per chunk of an {@link EntryLog}: 2^15, 256 KiB of term numbers and counts. */
const CHUNK_BITS = 15;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/**
 * The (term, count) entries of the whole corpus in the order they are made: per document, per field, one entry
 * per distinct term. Which document and field an entry belongs to is kept apart, as where each (document × field)
 * ends. Stored in fixed-size chunks, so growing never copies and the log holds at most one part-filled chunk more
 * than it needs.
 */
class EntryLog {
  size = 0;
  readonly terms: Int32Array[] = [];
  readonly counts: Int32Array[] = [];

  add(term: number, count: number): number {
    const at = this.size++;
    const slot = at & CHUNK_MASK;
    if (slot === 0) {
      this.terms.push(new Int32Array(CHUNK_SIZE));
      this.counts.push(new Int32Array(CHUNK_SIZE));
    }
    this.terms[at >>> CHUNK_BITS]![slot] = term;
    this.counts[at >>> CHUNK_BITS]![slot] = count;
    return at;
  }

  addCount(at: number, count: number): void {
    this.counts[at >>> CHUNK_BITS]![at & CHUNK_MASK]! += count;
  }
}

/**
 * Tokenizes every skill once and lays the postings out in typed arrays. Each distinct word is folded and stemmed
 * once for the whole corpus (the same words recur thousands of times); within a field, words are counted first
 * and turned into terms (the word and its stems) once per distinct word. Section text is read for words only:
 * annex and card names in running text mostly point to other procedures. It is read in place, skipping what its
 * own text leaves out, with each word numbered from the text itself, so no copy of a section or of its words is
 * made. `stays` are the stay-length codes of each skill, matched in its situation field with its audience codes.
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
  // Per (document × field): its length in words and codes, and where its entries end in the log.
  const lengths = new Int32Array(count * fieldCount);
  const ends = new Int32Array(count * fieldCount);
  const totals = new Float64Array(fieldCount);
  const keyWords = new Set<string>();
  const entries = new EntryLog();

  // Terms (words, stems and codes) by number, with the (document × field) each was last counted in and its entry there.
  const termIds = new Map<Token, number>();
  const termStamp: number[] = [];
  const termEntry: number[] = [];
  const idOf = (token: Token): number => {
    let id = termIds.get(token);
    if (id === undefined) {
      id = termIds.size;
      termIds.set(token, id);
      termStamp.push(-1);
      termEntry.push(0);
    }
    return id;
  };
  // Distinct words as written and lower-cased, by number (-1 for a stopword), with their terms and a per-field count.
  const wordNumbers = new Map<string, number>();
  const wordTerms: number[][] = [];
  const wordKey: string[] = [];
  const wordStamp: number[] = [];
  const wordCount: number[] = [];

  let stamp = -1;
  let length = 0;
  const distinct: number[] = [];

  const addTerm = (id: number, n: number) => {
    if (termStamp[id] === stamp) entries.addCount(termEntry[id]!, n);
    else {
      termStamp[id] = stamp;
      termEntry[id] = entries.add(id, n);
    }
  };
  const addCode = (token: Token) => {
    length++;
    addTerm(idOf(token), 1);
  };
  // The number of a word as written (lower-cased first, then folded and stemmed, the first time it is seen).
  const numberOf = (word: string): number => {
    let w = wordNumbers.get(word);
    if (w === undefined) {
      const lower = word.toLowerCase();
      w = wordNumbers.get(lower);
      if (w === undefined) {
        if (isStopword(lower)) w = -1;
        else {
          const { folded, stems } = forms(lower);
          w = wordTerms.length;
          const terms = [idOf(folded)];
          for (const s of stems) terms.push(idOf(STEM_MARK + s));
          wordTerms.push(terms);
          wordKey.push(folded);
          wordStamp.push(-1);
          wordCount.push(0);
        }
        wordNumbers.set(lower, w);
      }
      if (lower !== word) wordNumbers.set(word, w);
    }
    return w;
  };
  const countWord = (w: number) => {
    if (w < 0) return;
    length++;
    if (wordStamp[w] !== stamp) {
      wordStamp[w] = stamp;
      wordCount[w] = 0;
      distinct.push(w);
    }
    wordCount[w]!++;
  };
  // Section text, by far the most of a corpus, is read without cutting out each word.
  const sectionTable = new WordTable(numberOf);

  for (let doc = 0; doc < count; doc++) {
    const skill = skills[doc]!;
    const texts = metadataTexts(skill, skillNames);
    for (let field = 0; field < fieldCount; field++) {
      const name = FIELDS[field]!;
      stamp = doc * fieldCount + field;
      length = 0;
      distinct.length = 0;
      if (name === 'situation') {
        for (const code of audienceCodes(texts.situation)) addCode(code);
        for (const code of stays.get(skill.name) ?? []) addCode(code);
      } else if (name === 'documents') {
        for (const text of texts.documents) for (const code of documentSlugTokens(text)) addCode(code);
      } else if (name === 'body') {
        for (const { text, blanks } of sectionWords(skill, skillNames)) {
          let from = 0;
          for (let b = 0; b < blanks.length; b += 2) {
            sectionTable.forEach(text, from, blanks[b]!, countWord);
            from = blanks[b + 1]!;
          }
          sectionTable.forEach(text, from, text.length, countWord);
        }
      } else {
        for (const text of texts[name]) {
          const { codes, words } = analyze(text);
          for (const code of codes) addCode(code);
          for (const word of words) countWord(numberOf(word));
        }
        if (KEY_FIELDS.has(name)) for (const w of distinct) keyWords.add(wordKey[w]!);
      }
      for (const w of distinct) for (const id of wordTerms[w]!) addTerm(id, wordCount[w]!);
      lengths[stamp] = length;
      ends[stamp] = entries.size;
      totals[field] = totals[field]! + length;
    }
  }
  return layOut(termIds, entries, { count, lengths, ends, totals, keyWords }, scoring);
}

/**
 * Lays the entries out by term (documents ascending), merging the fields of one (term, document) pair into one
 * posting whose impact folds in idf and length normalisation. Two passes over the log: the first counts, per term,
 * the documents holding it (per field and in all), so the postings are allocated once at their exact size; the
 * second writes each entry's share into its term's next posting. A term's entries come in document order, and a
 * document's fields in field order, so each impact is summed in the same order as the fields are listed.
 */
function layOut(
  termIds: Map<Token, number>,
  entries: EntryLog,
  corpus: { count: number; lengths: Int32Array; ends: Int32Array; totals: Float64Array; keyWords: Set<string> },
  { fieldWeights, k1, perFieldIdf }: ScoringOptions,
): PostingTable {
  const { count, lengths, ends, totals, keyWords } = corpus;
  const fieldCount = FIELDS.length;
  const terms = termIds.size;
  const averages = new Float64Array(FIELDS.map((_, f) => (count === 0 ? 0 : totals[f]! / count) || 1));
  const weights = new Float64Array(FIELDS.map((name) => fieldWeights[name]));
  const situation = FIELDS.indexOf('situation');
  const stamps = ends.length;
  const { terms: termChunks, counts: countChunks } = entries;

  // Per term and field, the documents holding it; per term, the documents holding it in any field.
  const fieldDf = new Int32Array(terms * fieldCount);
  const offsets = new Int32Array(terms + 1);
  const lastDoc = new Int32Array(terms).fill(-1);
  for (let stamp = 0, at = 0; stamp < stamps; stamp++) {
    const doc = (stamp / fieldCount) | 0;
    const field = stamp - doc * fieldCount;
    for (const end = ends[stamp]!; at < end; at++) {
      const id = termChunks[at >>> CHUNK_BITS]![at & CHUNK_MASK]!;
      fieldDf[id * fieldCount + field]!++;
      if (lastDoc[id] !== doc) {
        lastDoc[id] = doc;
        offsets[id + 1]!++;
      }
    }
  }
  for (let id = 0; id < terms; id++) offsets[id + 1]! += offsets[id]!;

  const postings = offsets[terms]!;
  const docIds = count <= 0x10000 ? new Uint16Array(postings) : new Int32Array(postings);
  const impacts = new Float64Array(postings);
  const idfOf = new Float64Array(count + 1);
  for (let n = 0; n <= count; n++) idfOf[n] = Math.log(1 + (count - n + 0.5) / (n + 0.5));
  // Per term, the posting written last (its document is `docIds` there); one before the first while none is.
  const cursor = offsets.slice(0, terms);
  for (let id = 0; id < terms; id++) cursor[id]!--;
  for (let stamp = 0, at = 0; stamp < stamps; stamp++) {
    const doc = (stamp / fieldCount) | 0;
    const field = stamp - doc * fieldCount;
    const weight = weights[field]!;
    const norm = 1 - B + (B * lengths[stamp]!) / averages[field]!;
    for (const end = ends[stamp]!; at < end; at++) {
      const chunk = at >>> CHUNK_BITS;
      const slot = at & CHUNK_MASK;
      const id = termChunks[chunk]![slot]!;
      let p = cursor[id]!;
      if (p < offsets[id]! || docIds[p] !== doc) {
        p = ++cursor[id]!;
        docIds[p] = doc;
      }
      const tf = countChunks[chunk]![slot]! / norm;
      // BM25 per field, summed with the field weights. The situation is a prior, not a word: it counts the same
      // however many skills share it. Without per-field idf, the weighted frequencies are summed first (BM25F).
      if (perFieldIdf) impacts[p]! += weight * (field === situation ? 1 : idfOf[fieldDf[id * fieldCount + field]!]!) * ((tf * (k1 + 1)) / (tf + k1));
      else impacts[p]! += weight * tf;
    }
  }
  if (!perFieldIdf) {
    for (let id = 0; id < terms; id++) {
      const idf = idfOf[offsets[id + 1]! - offsets[id]!]!;
      for (let p = offsets[id]!; p < offsets[id + 1]!; p++) {
        const merged = impacts[p]!;
        impacts[p] = idf * ((merged * (k1 + 1)) / (merged + k1));
      }
    }
  }
  return { termIds, offsets, docIds, impacts, keyWords };
}
