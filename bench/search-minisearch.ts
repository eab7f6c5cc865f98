/**
 * The same search built on MiniSearch (a maintained full-text library: radix tree, BM25+, fuzzy and prefix
 * search, field boosts), for comparison with loket's own index on the evaluation set and on latency. It reads the
 * same fields with the same weights and the same analysis (document codes, folded words, Snowball stems in the
 * four languages); what differs is the ranking and the matching around it (MiniSearch's fuzzy and prefix search
 * instead of loket's typo, compound, nationality, everyday-word and coverage handling, and no front-door bias).
 */
import MiniSearch from 'minisearch';
import type { Skill } from '../src/skill/schema.js';
import { FIELD_WEIGHTS, FIELDS, fieldTexts, type Field } from '../src/search/fields.js';
import { fold } from '../src/search/fold.js';
import { createStemCache } from '../src/search/stem.js';
import { analyze, documentSlugTokens } from '../src/search/tokenize.js';

interface Row {
  id: number;
  skill: string;
  /** Field texts joined by a separator the tokenizer splits on. */
  [field: string]: string | number;
}

const SEPARATOR = '\u0000';

/** A ranker over `skills` backed by MiniSearch: skill names for a query, best first. */
export function createMiniSearchRanker(skills: readonly Skill[]): (query: string, limit?: number) => string[] {
  const names = new Set(skills.map((s) => s.name));
  const stems = createStemCache();
  const terms = (text: string, field?: string): string[] => {
    const out: string[] = [];
    for (const part of text.split(SEPARATOR)) {
      if (field === 'documents') {
        out.push(...documentSlugTokens(part));
        continue;
      }
      if (field === 'audience') {
        out.push(`aud:${part}`);
        continue;
      }
      const { codes, words } = analyze(part);
      out.push(...codes);
      for (const word of words) out.push(fold(word), ...stems.stems(word).map((s) => `~${s}`));
    }
    return out;
  };
  const search = new MiniSearch<Row>({
    fields: FIELDS,
    storeFields: ['skill'],
    tokenize: (text, field) => terms(text, field),
    processTerm: (term) => term,
    searchOptions: {
      boost: Object.fromEntries(FIELDS.map((f) => [f, FIELD_WEIGHTS[f]])) as Record<Field, number>,
      // Fuzzy and prefix matching on words only (not on codes or stems).
      fuzzy: (term) => (term.includes(':') || term.startsWith('~') || term.length < 5 ? false : 0.2),
      prefix: (term) => !term.includes(':') && !term.startsWith('~') && term.length >= 4,
      tokenize: (text) => terms(text),
      processTerm: (term) => term,
    },
  });
  search.addAll(
    skills.map((skill, id) => {
      const texts = fieldTexts(skill, names);
      return { id, skill: skill.name, ...Object.fromEntries(FIELDS.map((f) => [f, texts[f].join(SEPARATOR)])) };
    }),
  );
  return (query, limit = 10) => search.search(query).slice(0, limit).map((r) => String(r['skill']));
}
