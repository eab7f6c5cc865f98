/**
 * Runs in a fresh process (one per measurement) so RSS reflects one loaded corpus and nothing else: loads the
 * corpus under argv[2] once, builds the search index and compacts the heap as the server does at start-up, and
 * prints one JSON line. With `--warm`, the corpus is first loaded once untimed, so the timed load runs with every
 * function and regular expression already compiled and optimised: the cost of the work itself, without the
 * process's one-time start (its RSS is then not a start-up figure).
 */
import { compactHeap } from '../src/corpus/compact-heap.js';
import { loadCorpus } from '../src/load-corpus.js';
import { createSearchIndex } from '../src/search/index.js';
import { msSince } from './stats.js';

const args = process.argv.slice(2);
const warm = args.includes('--warm');
// Optional parse-cache folder: without it every skill is parsed (the cold figure); with it, unchanged skills come
// from the cache as on every start after the first.
const [root, cacheDir] = args.filter((a) => a !== '--warm');
if (!root) throw new Error('usage: load-child.ts <corpus root> [parse-cache dir] [--warm]');
const gc = (globalThis as { gc?: () => void }).gc;
if (warm) {
  await loadCorpus(root, { cache: cacheDir ?? false });
  gc?.();
}
const rssBefore = process.memoryUsage().rss;
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
const corpus = await loadCorpus(root, { cache: cacheDir ?? false });
const loadMs = msSince(start);
const cpu = process.cpuUsage(cpuStart);
const indexStart = process.hrtime.bigint();
const index = createSearchIndex(corpus);
const indexMs = msSince(indexStart);
const compactStart = process.hrtime.bigint();
compactHeap();
const compactMs = msSince(compactStart);
gc?.();
const mem = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    skills: corpus.skills.length,
    errors: corpus.diagnostics.filter((d) => d.severity === 'error').length,
    loadMs,
    // CPU time of the load (user + system): on a busy machine, wall time includes waiting for a core.
    loadCpuMs: (cpu.user + cpu.system) / 1000,
    indexMs,
    compactMs,
    rssBeforeMb: rssBefore / 2 ** 20,
    rssMb: mem.rss / 2 ** 20,
    heapUsedMb: mem.heapUsed / 2 ** 20,
    // Keep the corpus and index reachable until after the measurement.
    alive: typeof index.search === 'function' && corpus.skills.length >= 0,
  })}\n`,
);
