/**
 * In-process `search_skills` latency: the search index the server builds at start-up, over a synthetic corpus of
 * 1,000 skills (100 in quick mode), queried with a mix of topic names, aliases in NL/FR/DE/EN, commune names and
 * rare words. Measures `index.search(query, 10)` only (what the tool handler spends on ranking).
 */
import { loadCorpus } from '../src/load-corpus.js';
import { createSearchIndex } from '../src/search/index.js';
import { syntheticCorpus } from './corpora.js';
import { findingFrom, profileDir } from './cpu-profile.js';
import { fmt, percentiles, showSummary, summarize } from './stats.js';
import type { BenchContext, BenchResult } from './types.js';
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const P99_BUDGET_MS = 5;

/** Runs the in-process search benchmark. */
export async function runSearch(ctx: BenchContext): Promise<BenchResult> {
  const size = ctx.quick ? 100 : 1000;
  const generated = await syntheticCorpus(ctx, size);
  const corpus = await loadCorpus(generated.root);
  const buildStart = performance.now();
  const index = createSearchIndex(corpus);
  const buildMs = performance.now() - buildStart;
  const queries = [...generated.queries, 'walk me through the building permit', 'kapvergunning gent', 'xyzzy nothing matches', 'déclaration'];
  const perRun = ctx.quick ? 100 : 2000;
  const measure = (n: number) => {
    const latencies: number[] = [];
    for (let i = 0; i < n; i++) {
      const q = queries[(i * 7919) % queries.length]!;
      const t = performance.now();
      const hits = index.search(q, 10);
      latencies.push(performance.now() - t);
      if (hits.length > 10) throw new Error('search returned more than the limit');
    }
    return latencies;
  };
  measure(ctx.quick ? 20 : 300);
  const runs = Array.from({ length: ctx.runs }, (_, r) => {
    const p = percentiles(measure(perRun));
    ctx.log(`search run ${r + 1}/${ctx.runs}: p50 ${fmt(p.p50, 3)} p99 ${fmt(p.p99, 3)} ms`);
    return p;
  });
  const p50 = summarize(runs.map((r) => r.p50));
  const p90 = summarize(runs.map((r) => r.p90));
  const p99 = summarize(runs.map((r) => r.p99));
  const pass = ctx.quick ? null : p99.median <= P99_BUDGET_MS;
  const markdown = [
    `\`createSearchIndex(corpus).search(query, 10)\` in-process over ${size} synthetic skills (${queries.length} distinct queries: topic names, NL/FR/DE aliases, commune names, rare words, one with no match). ${ctx.runs} runs of ${perRun} queries after a warm-up; index built once in ${fmt(buildMs, 0)} ms.`,
    '',
    '| figure | ms, median over runs (min–max, IQR) |',
    '|---|---|',
    `| p50 | ${showSummary(p50, '', 3)} |`,
    `| p90 | ${showSummary(p90, '', 3)} |`,
    `| p99 | ${showSummary(p99, '', 3)} |`,
  ].join('\n');
  const result: BenchResult = {
    name: 'search',
    title: `In-process search_skills over ${size} skills`,
    markdown,
    budgets: [
      {
        what: `\`search_skills\` over ${size} skills, in-process`,
        budget: `p99 ≤ ${P99_BUDGET_MS} ms`,
        measured: `p99 ${fmt(p99.median, 3)} ms (${fmt(p99.min, 3)}–${fmt(p99.max, 3)})`,
        pass,
      },
    ],
    commands: [`npm run bench -- --only search`],
    profiles: [],
  };
  if (pass === false) {
    // Profile the query loop only, in this process, through the inspector (same data as --cpu-prof).
    const dir = await profileDir(ctx.tmp);
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    measure(perRun);
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await writeFile(join(dir, 'search.cpuprofile'), JSON.stringify(profile));
    const finding = await findingFrom(dir, `search over ${size} skills, ${perRun} queries`, 'npm run bench -- --only search (inspector profile of the query loop)', ctx.repo);
    if (finding) result.profiles.push(finding);
  }
  return result;
}
