import { buildCorpus } from './corpus/build.js';
import { readCorpus, readVocabulary } from './corpus/load.js';
import { defaultCacheDir, openParseCache } from './corpus/parse-cache.js';
import type { Corpus } from './corpus/types.js';
import { withSmallYoungGeneration } from './corpus/young-generation.js';
import { lintCorpus, lintVocabularyText } from './lint/index.js';
import { EMPTY_VOCABULARY, type FactVocabulary, VOCABULARY_FILE } from './procedures/vocabulary.js';

/** Options of {@link loadCorpus}. */
export interface LoadOptions {
  /** Date used for age warnings, `YYYY-MM-DD` (default: today, UTC). */
  today?: string;
  /**
   * Folder of the parse cache (default: the user's cache folder, see `defaultCacheDir`), or `false` to parse and
   * check every file. The cache maps the digest of each file to its parse and to the result of the rules that read
   * that file alone, so only new or changed files are parsed and scanned; it is never read from inside the corpus
   * tree and only trusted when it authenticates as written by this user's loket (see `parse-cache.ts`).
   */
  cache?: string | false;
}

/**
 * The corpus as the server serves it and `loket lint` reports it: every file under `root` read and parsed once
 * (`corpus/load.ts`), every lint rule run over the result (`lint/`), and the skills without errors built into an
 * immutable corpus (`corpus/build.ts`). Problems are collected as diagnostics; a skill with an error in any of its
 * files is left out, and nothing in the files can crash the load.
 */
export function loadCorpus(root: string, options: LoadOptions = {}): Promise<Corpus> {
  return withSmallYoungGeneration(async () => {
    const cache = options.cache === false ? undefined : await openParseCache({ dir: options.cache ?? defaultCacheDir(), root, variant: 'rules' });
    const source = await readCorpus(root, cache ? { cache } : {});
    const checked = lintCorpus(source, { ...(options.today ? { today: options.today } : {}), ...(cache ? { cache } : {}) });
    await cache?.save();
    return buildCorpus(checked);
  });
}

/** The fact vocabulary of a corpus, decided from `facts.yaml` alone, and the digest of the file it was read from. */
export interface LoadedVocabulary {
  /** Absent when the corpus has no `facts.yaml`. */
  digest?: string;
  vocabulary: FactVocabulary;
}

/**
 * The fact vocabulary {@link loadCorpus} gives the corpus under `root`, read from `facts.yaml` alone and decided the
 * same way: the parsed vocabulary, or the empty one when the file is missing, does not parse, or the rules over
 * served text find an error in it. Every rule runs here; no cache is read.
 */
export function loadVocabulary(root: string): LoadedVocabulary {
  const file = readVocabulary(root);
  if (!file) return { vocabulary: EMPTY_VOCABULARY };
  const parsed = file.parsed?.vocabulary;
  const usable = parsed !== undefined && !lintVocabularyText({ path: file.path, text: file.text! }).some((d) => d.severity === 'error');
  return { digest: file.digest, vocabulary: usable ? parsed : EMPTY_VOCABULARY };
}

/** Whether `corpus` was loaded with the vocabulary `listed` holds: from the same `facts.yaml` bytes, with the same facts. */
export function hasVocabulary(corpus: Corpus, listed: LoadedVocabulary): boolean {
  return corpus.fileDigests?.corpus[VOCABULARY_FILE] === listed.digest && JSON.stringify(corpus.guidance.vocabulary.source) === JSON.stringify(listed.vocabulary.source);
}
