import type { Corpus } from '../corpus/types.js';
import { withSmallYoungGenerationSync } from '../corpus/young-generation.js';
import type { Guidance } from '../guidance/guidance.js';
import type { Skill } from '../skill/schema.js';
import { skillUri } from '../skill/uri.js';
import { EVERYDAY_WORDS } from './everyday-words.js';
import { type Alternative, createExpander, createLexicon, createSynonyms, merge } from './expand.js';
import { type Field, FIELD_WEIGHTS } from './fields.js';
import { fold } from './fold.js';
import { audienceCodes, countryNames, createNationalityLookup, languagePositionWords, type NationalityAudience, phraseAudiences, queryAudienceCodes } from './nationality.js';
import { createPlaceLookup } from './places.js';
import { buildPostings } from './postings.js';
import { createStemCache } from './stem.js';
import { inRange, statedStay, stayCode, type StayRange, stayRanges } from './stay.js';
import { analyze, type Token } from './tokenize.js';

export { FIELD_WEIGHTS } from './fields.js';

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

const SNIPPET_LENGTH = 200;
/**
 * Extra share of its score the front-door skill (`start` in the fact vocabulary) gets for generic phrasing, a
 * query that names no document, nationality or length of stay: "I just moved to Belgium, where do I start" should
 * open the front door rather than whichever procedure shares a word with it. Tuned on the tuning part of the
 * evaluation set.
 */
const FRONT_DOOR_BOOST = 0.2;

/** Ranking settings, for measuring alternatives on the evaluation set; the defaults are the tuned ones. */
export interface RankingOptions {
  fieldWeights: Record<Field, number>;
  /** BM25 term-frequency saturation. */
  k1: number;
  /** Score each field with its own idf (BM25 per field, summed) rather than one idf over the merged fields (BM25F). */
  perFieldIdf: boolean;
  /**
   * Exponent of the share of the query's words (and codes) a skill matches, multiplied into its score: a skill
   * that matches "tourist", "friends" and "register" beats one that matches "register" alone very well.
   */
  coordination: number;
  frontDoorBoost: number;
  /**
   * Share of a match the front door keeps, in score and in the share of the query it covers, when the query names
   * a document, nationality or stay length, or a procedure's name the front door shares with it: the front door
   * lists them all to route between procedures, so naming one points to the procedure it belongs to, with the
   * front door still among the results.
   */
  frontDoorListing: number;
  /** Match everyday words across the four languages (see `everyday-words.ts`). */
  everydayWords: boolean;
}

/** The ranking `search_skills` uses, tuned on the tuning part of `test/search/queries.yaml`. */
export const DEFAULT_RANKING: Readonly<RankingOptions> = Object.freeze({
  fieldWeights: FIELD_WEIGHTS,
  k1: 1.2,
  perFieldIdf: true,
  coordination: 3,
  frontDoorBoost: FRONT_DOOR_BOOST,
  frontDoorListing: 0.25,
  everydayWords: true,
});

interface Doc {
  skill: Skill;
  /** Plain sentences used to pick a snippet; computed the first time the skill is among the returned results. */
  sentences?: string[];
  /** The same sentences folded for matching against query words. */
  folded?: string[];
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

// The nationality and place lookups depend on no corpus: built once, shared by every index.
let sharedNationality: ReturnType<typeof createNationalityLookup> | undefined;
let sharedPlace: ReturnType<typeof createPlaceLookup> | undefined;
const nationalityLookup = () => (sharedNationality ??= createNationalityLookup());
const placeLookup = () => (sharedPlace ??= createPlaceLookup());

/** One word, code, nationality or stay length of a query: the indexed terms it may match. */
interface QueryGroup {
  alternatives: Alternative[];
  /** A document code, nationality or stay length: it names a procedure's own situation. */
  specific: boolean;
  /** A stay length. */
  stay: boolean;
  /** A nationality (named, or "EU citizen", "non-EU"). */
  nationality: boolean;
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
 * The names (aliases, as folded words) the front door shares with another skill: "aankomstverklaring" or
 * "déclaration de présence" in its aliases is the name of a procedure it routes to, like an annex number.
 * Names that are document codes only are left out (codes are routed as such).
 */
function namesShared(front: Skill, skills: readonly Skill[]): string[][] {
  const key = (alias: string) => analyze(alias, { codes: false }).words.map((w) => fold(w)).join(' ');
  const others = new Set(skills.filter((s) => s !== front).flatMap((s) => (s.meta.aliases ?? []).map(key)));
  const out = new Map<string, string[]>();
  for (const alias of front.meta.aliases ?? []) {
    const { codes, words } = analyze(alias);
    const k = key(alias);
    if (codes.length === 0 && words.length > 0 && others.has(k)) out.set(k, words.map((w) => fold(w)));
  }
  return [...out.values()];
}

/**
 * Positions of the query words that spell one of `names`, with words written apart or together alike
 * ("aankomst verklaring" spells "aankomstverklaring").
 */
function sharedNameWords(words: readonly string[], names: readonly string[][]): Set<number> {
  const out = new Set<number>();
  if (names.length === 0) return out;
  const folded = words.map((w) => fold(w));
  for (const name of names) {
    const target = name.join('');
    for (let i = 0; i < folded.length; i++) {
      let spelled = '';
      for (let j = i; j < folded.length && spelled.length < target.length; j++) {
        spelled += folded[j];
        if (spelled === target) for (let k = i; k <= j; k++) out.add(k);
      }
    }
  }
  return out;
}

/**
 * What the index reads from a corpus: its skills, the front-door skill named in its fact vocabulary, and the
 * routes of its procedure files (for the stay lengths they apply to).
 */
export type SearchCorpus = Pick<Corpus, 'skills'> & { guidance?: Pick<Guidance, 'routes'> & { vocabulary: { source: { start?: string | undefined } } } };

/**
 * Builds the inverted index: BM25 per field (each with its own idf) over aliases, name, title, document codes,
 * stage titles, description and section text, multiplied by the share of the query a skill matches. Words are
 * accent- and case-folded and stemmed in NL, FR, DE and EN; annex, card and visa names become codes; a query word
 * also matches through its stems, an everyday word of the same meaning, the parts of a compound, or (when the
 * index does not hold it) as the start of a longer word or one or two typos away from a name or alias word. A
 * nationality or stay length in the query counts for the skills whose audience or procedure file fits it (and
 * is left out for skills meant for any nationality or stay); the front-door skill gets a bias for generic phrasing
 * and only a share of a match on what names one procedure. It only reads the corpus. Per-document field lengths and idf are folded into
 * each posting at build time; a query walks typed arrays and reuses one set of score buffers (searches are
 * synchronous, so they never overlap), and snippet sentences are prepared only for skills that are returned,
 * then kept for the next time.
 */
export function createSearchIndex(corpus: SearchCorpus, options: Partial<RankingOptions> = {}): SearchIndex {
  return withSmallYoungGenerationSync(() => buildSearchIndex(corpus, options));
}

function buildSearchIndex(corpus: SearchCorpus, options: Partial<RankingOptions>): SearchIndex {
  const ranking = { ...DEFAULT_RANKING, ...options };
  const docs: Doc[] = corpus.skills.map((skill) => ({ skill }));
  const count = docs.length;
  const stemCache = createStemCache();
  // The stay lengths each procedure file applies to, by skill.
  const stayRangesBySkill = new Map<string, StayRange[]>();
  for (const route of corpus.guidance?.routes ?? []) stayRangesBySkill.set(route.skill, [...(stayRangesBySkill.get(route.skill) ?? []), ...stayRanges(route.when)]);
  const allStayRanges = [...new Map([...stayRangesBySkill.values()].flat().map((r) => [stayCode(r), r])).values()];
  const stayCodesBySkill = new Map([...stayRangesBySkill].map(([skill, ranges]) => [skill, [...new Set(ranges.map(stayCode))]]));
  const staysUnstated = docs.map((d) => !stayRangesBySkill.get(d.skill.name)?.length);
  const start = corpus.guidance?.vocabulary.source.start;
  const frontDoor = start === undefined ? -1 : docs.findIndex((d) => d.skill.name === start);
  // Skills whose audience does not depend on nationality (meant for everyone, or for no named group), except
  // the front door, which routes by nationality.
  const nationalityUnstated = docs.map((d, i) => i !== frontDoor && audienceCodes(d.skill.meta.audience ?? []).length === 0);
  const sharedNames = frontDoor < 0 ? [] : namesShared(docs[frontDoor]!.skill, corpus.skills);
  const { termIds, offsets, docIds, impacts, keyWords } = buildPostings(corpus.skills, stayCodesBySkill, ranking, stemCache.forms);
  // The country the skills are about (their jurisdiction), named in any of the four languages, is one word.
  const homeLines = [...new Set(corpus.skills.map((s) => s.meta.jurisdiction))].map(countryNames).filter((n) => n.length > 1).map(([head, ...rest]) => `${head} | ${rest.join(' ')}`);
  const synonyms = ranking.everydayWords ? createSynonyms(EVERYDAY_WORDS, stemCache.stems, homeLines) : () => [];
  const expander = createExpander(createLexicon(termIds, keyWords), stemCache.peek, synonyms);
  const nationality = nationalityLookup();
  const place = placeLookup();

  // Tie-break on the skill name in locale order, precomputed as a rank.
  const nameRank = new Int32Array(count);
  // One collator for every comparison: the same order as `localeCompare`, without setting one up per call.
  const compare = new Intl.Collator().compare;
  const byName = docs.map((_, i) => i).sort((a, b) => compare(docs[a]?.skill.name ?? '', docs[b]?.skill.name ?? ''));
  byName.forEach((doc, rank) => {
    const previous = byName[rank - 1];
    const same = previous !== undefined && compare(docs[previous]?.skill.name ?? '', docs[doc]?.skill.name ?? '') === 0;
    nameRank[doc] = same ? (nameRank[previous] ?? rank) : rank;
  });
  const sortedNames = docs.map((d) => d.skill.name).sort();

  // Score buffers shared by every query (search is synchronous); reset after each use.
  const scores = new Float64Array(count);
  const best = new Float64Array(count);
  const scored = new Int32Array(count);
  const touched = new Int32Array(count);
  const matched = new Float64Array(count);
  const order: Order = (a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || (nameRank[a] ?? 0) - (nameRank[b] ?? 0) || a - b;

  /**
   * The query as groups of alternatives: one group per document code, word or compound part, and per
   * nationality or stay length it states. Codes, nationalities, stay lengths and the words of a name the front
   * door shares with a procedure are `specific`: they point to one procedure, which the front door only routes to.
   */
  function queryGroups(query: string, codes: readonly Token[], words: readonly string[], days: number | undefined, languageWords: ReadonlySet<string>): QueryGroup[] {
    const groups: QueryGroup[] = [];
    const add = (alternatives: Alternative[], specific = false, stay = false, nationality = false) => {
      if (alternatives.length > 0) groups.push({ alternatives, specific, stay, nationality });
    };
    const audiences = new Set<NationalityAudience>(phraseAudiences(query));
    for (const code of new Set(codes)) add(expander.code(code), true);
    // Each word's groups (a compound gives one per part), or undefined for a word left out.
    const seen = new Set<string>();
    const wordGroups = words.map((word) => {
      const folded = fold(word);
      if (seen.has(folded) || place(folded)) return undefined;
      seen.add(folded);
      const audience = nationality(folded, languageWords.has(folded));
      if (audience) audiences.add(audience);
      return expander.word(word);
    });
    // Two neighbouring words the index holds as one ("aankomst verklaring") are one of the readings of each: a
    // skill that holds the compound matches both words.
    wordGroups.forEach((own, i) => {
      const next = words[i + 1];
      const joined = own && next !== undefined ? expander.joined(words[i]!, next) : [];
      if (joined.length === 0) return;
      const last = own!.at(-1);
      if (last) own![own!.length - 1] = merge(last, joined);
      else own!.push(joined);
      const following = wordGroups[i + 1];
      if (following) following[0] = merge(following[0] ?? [], joined);
    });
    const routed = sharedNameWords(words, sharedNames);
    wordGroups.forEach((own, i) => {
      for (const group of own ?? []) add(group, routed.has(i));
    });
    for (const code of queryAudienceCodes(audiences)) add(expander.code(code), true, false, true);
    if (days !== undefined) for (const range of allStayRanges) if (inRange(range, days)) add(expander.code(stayCode(range)), true, true);
    return groups;
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
      if (count === 0) return [];
      const { codes, words } = analyze(query);
      // A stated length of stay is matched as such, not through its words ("drei Wochen lang").
      const stay = statedStay(query);
      const groups = queryGroups(query, codes, stay ? words.filter((w) => !stay.words.has(fold(w))) : words, stay?.days, languagePositionWords(query));
      if (groups.length === 0) return [];
      const specific = groups.some((g) => g.specific);
      let scoredCount = 0;
      for (const { alternatives, specific: routed } of groups) {
        // A group counts once per document, through its best alternative. A document, nationality or stay length
        // counts for the front door only at `frontDoorListing`.
        const listed = routed ? frontDoor : -1;
        let touchedCount = 0;
        for (const { id, weight } of alternatives) {
          const end = offsets[id + 1]!;
          for (let i = offsets[id]!; i < end; i++) {
            const doc = docIds[i]!;
            const value = weight * impacts[i]! * (doc === listed ? ranking.frontDoorListing : 1);
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
          matched[doc]! += doc === listed ? ranking.frontDoorListing : 1;
          best[doc] = 0;
        }
      }
      if (ranking.coordination > 0) {
        // A stated stay length is part of the query only for skills whose procedures depend on one: "for a year"
        // says nothing against a procedure for leaving or moving house. Likewise a nationality, only for skills
        // whose audience depends on one: "Moroccan" says nothing against exchanging a driving licence.
        const stayGroups = groups.filter((g) => g.stay).length;
        const nationalityGroups = groups.filter((g) => g.nationality).length;
        for (let i = 0; i < scoredCount; i++) {
          const doc = scored[i]!;
          const n = Math.max(1, groups.length - (staysUnstated[doc] ? stayGroups : 0) - (nationalityUnstated[doc] ? nationalityGroups : 0));
          scores[doc] = scores[doc]! * (matched[doc]! / n) ** ranking.coordination;
        }
      }
      // Generic phrasing: no document, nationality or length of stay that would point to one procedure.
      if (frontDoor >= 0 && !specific) scores[frontDoor] = scores[frontDoor]! * (1 + ranking.frontDoorBoost);
      const k = Math.min(scoredCount, Math.max(0, Math.trunc(limit) || 0));
      const top = topK(scored, scoredCount, k, order);
      const ranked = top.map((doc) => ({ doc, score: scores[doc] ?? 0 }));
      for (let i = 0; i < scoredCount; i++) {
        scores[scored[i]!] = 0;
        matched[scored[i]!] = 0;
      }
      const snippetWords = words.map((w) => fold(w)).filter((w) => w.length >= 3);
      return ranked.flatMap(({ doc: index, score }) => {
        const doc = docs[index];
        if (!doc) return [];
        return [{
          skill: doc.skill.name,
          title: doc.skill.meta.title,
          uri: skillUri(doc.skill.name),
          score: Math.round(score * 1000) / 1000,
          snippet: snippet(doc, snippetWords),
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
