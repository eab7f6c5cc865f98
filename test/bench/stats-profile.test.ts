import { describe, expect, it } from 'vitest';
import { summarizeByFile, summarizePhases, summarizeProfile } from '../../bench/profile.js';
import { percentiles, quantile, summarize } from '../../bench/stats.js';

describe('benchmark statistics', () => {
  it('interpolates quantiles between closest ranks and ignores input order', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4, 5], 1)).toBe(5);
    expect(quantile([10], 0.99)).toBe(10);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });

  it('summarises repeated runs as median, range and IQR', () => {
    expect(summarize([5, 1, 9, 3, 7])).toEqual({ median: 5, min: 1, max: 9, q1: 3, q3: 7, n: 5 });
  });

  it('puts one slow request in p99 but not in p50', () => {
    const latencies = [...Array.from({ length: 99 }, () => 1), 100];
    const p = percentiles(latencies);
    expect(p.p50).toBe(1);
    expect(p.p99).toBeGreaterThan(1);
  });
});

describe('CPU profile summary', () => {
  const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0, columnNumber: 0 });
  const profile = {
    startTime: 0,
    endTime: 10_000,
    nodes: [
      { id: 1, callFrame: frame('(root)', '') },
      { id: 2, callFrame: frame('parse', 'file:///repo/src/skill/parse.ts') },
      { id: 3, callFrame: frame('tokenize', 'file:///repo/node_modules/micromark/lib/x.js') },
      { id: 4, callFrame: frame('(idle)', '') },
    ],
    // Each sample's time is the next delta: parse 3 ms, tokenize 1 ms, idle 5 ms.
    samples: [2, 2, 2, 3, 4],
    timeDeltas: [0, 1000, 1000, 1000, 1000, 5000],
  };

  it('ranks functions by self time and leaves idle time out', () => {
    const rows = summarizeProfile(profile, 10, '/repo');
    expect(rows.map((r) => r.fn)).toEqual(['parse', 'tokenize']);
    expect(rows[0]!.selfMs).toBe(3);
    expect(rows[0]!.location).toBe('src/skill/parse.ts:1');
    expect(rows[0]!.selfPct).toBe(75);
  });

  it('groups self time by package', () => {
    const rows = summarizeByFile(profile, 10, '/repo');
    expect(rows.map((r) => r.location)).toEqual(['src/skill/parse.ts', 'node_modules/micromark']);
  });

  it('splits the time into stages, each sample counted for the innermost stage on its stack', () => {
    const staged = {
      startTime: 0,
      endTime: 10_000,
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2, 5, 6, 7] },
        { id: 2, callFrame: frame('lintCorpus', 'file:///repo/src/lint/index.js'), children: [3] },
        { id: 3, callFrame: frame('parseSkill', 'file:///repo/src/skill/parse.js'), children: [4] },
        { id: 4, callFrame: frame('inline', 'file:///repo/src/skill/markdown-subset.js') },
        { id: 5, callFrame: frame('(garbage collector)', '') },
        { id: 6, callFrame: frame('(idle)', '') },
        { id: 7, callFrame: frame('compileSourceTextModule', 'node:internal/modules/esm/utils') },
      ],
      // lintCorpus 1 ms, parseSkill (through inline) 2 ms + 1 ms, GC 2 ms, idle 3 ms, module loading 1 ms.
      samples: [2, 4, 4, 3, 5, 5, 6, 6, 6, 7],
      timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
    };
    const rows = summarizePhases(staged, [
      { label: 'parse', fn: 'parseSkill' },
      { label: 'lint', fn: 'lintCorpus' },
      { label: 'scan', fn: 'scanInjection' },
    ]);
    expect(rows.map((r) => [r.label, r.ms])).toEqual([
      ['parse', 3],
      ['lint', 1],
      ['scan', 0],
      ['garbage collection', 2],
      ['other (module loading, the rest)', 1],
    ]);
    expect(rows.reduce((sum, r) => sum + r.pct, 0)).toBeCloseTo(100);
    expect(rows[0]!.pct).toBeCloseTo(300 / 7);
  });
});
