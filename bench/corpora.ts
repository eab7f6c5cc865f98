/** Synthetic corpora shared by the benchmarks of one run, generated once per size into the run's scratch folder. */
import { join } from 'node:path';
import { generateCorpus, type GeneratedCorpus } from './generate.js';
import type { BenchContext } from './types.js';

const cache = new Map<string, Promise<GeneratedCorpus>>();

/** The synthetic corpus of `count` skills for this run (seed 1), generated on first use. */
export function syntheticCorpus(ctx: BenchContext, count: number): Promise<GeneratedCorpus> {
  const root = join(ctx.tmp, `corpus-${count}`);
  let corpus = cache.get(root);
  if (!corpus) {
    ctx.log(`generating ${count} synthetic skills in ${root}`);
    corpus = generateCorpus(root, count, { seed: 1 });
    cache.set(root, corpus);
  }
  return corpus;
}
