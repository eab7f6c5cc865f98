import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTempCorpus } from '../../bench/generate.js';
import { moduleUrl, runModuleChild } from '../helpers/module-child.js';

const MiB = 2 ** 20;

// A fresh process (started without --expose-gc) loads a corpus and builds its index as the server does, then
// compacts its heap; it reports V8's old generation (reserved and used) before and after, and whether a `gc`
// function became visible anywhere.
const CHILD = `
const v8 = await import('node:v8');
const vm = await import('node:vm');
const old = () => { const s = v8.getHeapSpaceStatistics().find((x) => x.space_name === 'old_space'); return { size: s.space_size, used: s.space_used_size }; };
const { loadCorpus } = await import(${moduleUrl('src/load-corpus.ts')});
const { createSearchIndex } = await import(${moduleUrl('src/search/index.ts')});
const { compactHeap } = await import(${moduleUrl('src/corpus/compact-heap.ts')});
const corpus = await loadCorpus(process.argv[1], { cache: false });
const index = createSearchIndex(corpus);
const before = old();
compactHeap();
const after = old();
compactHeap();
console.log(JSON.stringify({
  skills: corpus.skills.length,
  found: index.search('registration', 1).length,
  before,
  after,
  again: old(),
  gcInMain: typeof globalThis.gc,
  gcInNewContext: vm.runInNewContext('typeof gc'),
}));
`;

interface ChildReport {
  skills: number;
  found: number;
  before: { size: number; used: number };
  after: { size: number; used: number };
  again: { size: number; used: number };
  gcInMain: string;
  gcInNewContext: string;
}


describe('heap compaction after the start-up load', () => {
  let corpus: Awaited<ReturnType<typeof generateTempCorpus>>;
  beforeAll(async () => {
    corpus = await generateTempCorpus(120, { seed: 3, today: '2026-11-01' });
  }, 60_000);
  afterAll(async () => corpus?.cleanup());

  it('gives back the half-empty pages the load left, keeps every loaded object, and exposes no gc function', async () => {
    const r = await runModuleChild<ChildReport>(CHILD, [corpus.root]);
    expect(r.skills).toBe(120);
    expect(r.found).toBe(1);
    // Compacted: the old generation is reserved at about what it holds (a page or two of slack), and smaller. A
    // plain full collection at this point leaves about 10 MB reserved above what is live, on pages it does not move.
    expect(r.after.size).toBeLessThan(r.before.size);
    expect(r.after.size - r.after.used).toBeLessThan(2 * MiB);
    // A second compaction finds nothing more to give back.
    expect(r.again.size).toBeLessThanOrEqual(r.after.size + MiB / 2);
    expect(r.gcInMain).toBe('undefined');
    expect(r.gcInNewContext).toBe('undefined');
  }, 120_000);
});
