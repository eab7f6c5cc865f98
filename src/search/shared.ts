import { createSearchIndex, type SearchCorpus, type SearchIndex } from './index.js';

const indexes = new WeakMap<object, SearchIndex>();

/**
 * The search index of a corpus, built on first use and shared by every request afterwards (the corpus is
 * immutable, so one index per corpus object is enough). `loket serve` calls it at start-up to build it early.
 */
export function searchIndexFor(corpus: SearchCorpus): SearchIndex {
  let index = indexes.get(corpus);
  if (!index) {
    index = createSearchIndex(corpus);
    indexes.set(corpus, index);
  }
  return index;
}
