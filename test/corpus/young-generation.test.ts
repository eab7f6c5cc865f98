import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTempCorpus } from '../../bench/generate.js';
import { startingGrowthFactor } from '../../src/corpus/young-generation.js';
import { moduleUrl, runModuleChild } from '../helpers/module-child.js';

const MiB = 2 ** 20;

// A fresh process loads a corpus and builds its index, then allocates like a busy server; it reports the physical
// size of V8's young generation (new space, its reserved size) before the load, after it, and after the traffic.
const CHILD = `
const v8 = await import('node:v8');
const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const { loadCorpus } = await import(${moduleUrl('src/load-corpus.ts')});
const { createSearchIndex } = await import(${moduleUrl('src/search/index.ts')});
const before = newSpace();
const corpus = await loadCorpus(process.argv[1], { cache: false });
createSearchIndex(corpus);
const afterLoad = newSpace();
let window = [];
for (let i = 0; i < 400000; i++) {
  window.push({ i, label: 'request ' + i, pair: [i, i] });
  if (window.length > 50000) window = window.slice(25000);
}
console.log(JSON.stringify({ skills: corpus.skills.length, before, afterLoad, afterTraffic: newSpace() }));
`;


describe('memory kept after loading a corpus', () => {
  let corpus: Awaited<ReturnType<typeof generateTempCorpus>>;
  beforeAll(async () => {
    corpus = await generateTempCorpus(120, { seed: 2, today: '2026-11-01' });
  }, 60_000);
  afterAll(async () => corpus?.cleanup());

  it('the load and the index build leave the young generation at the size they found it; later traffic can grow it again', async () => {
    const r = await runModuleChild<{ skills: number; before: number; afterLoad: number; afterTraffic: number }>(CHILD, [corpus.root]);
    expect(r.skills).toBe(120);
    // Without the hold the burst doubles the young generation (16 → 32 MB here) and it stays resident.
    expect(r.afterLoad).toBeLessThanOrEqual(r.before + 4 * MiB);
    expect(r.afterTraffic).toBeGreaterThan(r.afterLoad);
  }, 120_000);
});

describe('startingGrowthFactor', () => {
  it("is V8's default without a flag, and the last one given on the command line or in NODE_OPTIONS otherwise", () => {
    expect(startingGrowthFactor([], '')).toBe(2);
    expect(startingGrowthFactor(['--semi-space-growth-factor=4'], '')).toBe(4);
    expect(startingGrowthFactor([], '--max-old-space-size=512 --semi_space_growth_factor=3')).toBe(3);
    expect(startingGrowthFactor(['--semi-space-growth-factor=5'], '--semi-space-growth-factor=3')).toBe(5);
  });
});
