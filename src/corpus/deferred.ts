import type { Corpus } from './types.js';

/**
 * A corpus that exists before it is loaded: an object with the {@link Corpus} interface that reads through to the
 * corpus `settle` is given. The stdio server builds its MCP server over it before loading the corpus, so that it can
 * answer `initialize` and `tools/list` first; it holds back every other message until `settle` has run, so reading
 * this object earlier is a programming error and throws. One identity for the life of the process, so caches kept
 * per corpus (search index, published skill entries) key on it.
 */
export function deferredCorpus(): { corpus: Corpus; settle(loaded: Corpus): void } {
  let loaded: Corpus | undefined;
  const get = (): Corpus => {
    if (!loaded) throw new Error('the corpus was read before it was loaded');
    return loaded;
  };
  const corpus: Corpus = Object.freeze({
    get root() {
      return get().root;
    },
    get skills() {
      return get().skills;
    },
    getSkill: (name: string) => get().getSkill(name),
    get registry() {
      return get().registry;
    },
    get guidance() {
      return get().guidance;
    },
    get diagnostics() {
      return get().diagnostics;
    },
    get fileDigests() {
      return get().fileDigests;
    },
  });
  return {
    corpus,
    settle: (c) => {
      loaded = c;
    },
  };
}
