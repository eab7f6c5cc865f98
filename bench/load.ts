/**
 * Corpus load time and memory against corpus size: each measurement is a fresh `node` process
 * (`bench/load-child.ts`) that loads one synthetic corpus (parse + lint + resolve + digest), builds the search
 * index, and reports the load time and its RSS after a full GC, so sizes do not share a heap. The child runs
 * compiled JavaScript, as `loket` does when installed: the sources and the child are compiled by esbuild one
 * module per file (as `scripts/build.mjs` builds dist/) into the run's scratch folder, so no TypeScript loader
 * sits in the baseline RSS or the CPU profile.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readdir, rm, symlink } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { syntheticCorpus } from './corpora.js';
import { findingFrom, largestProfile, profileDir } from './cpu-profile.js';
import { phaseTable, summarizePhases, type Phase } from './profile.js';
import { fmt, showSummary, summarize, type Summary } from './stats.js';
import type { BenchContext, BenchResult, ProfileFinding } from './types.js';

const run = promisify(execFile);
const MS_PER_SKILL_BUDGET = 2;
const LOAD_1000_BUDGET_MS = 2000;
const RSS_1000_BUDGET_MB = 200;

interface ChildReport {
  skills: number;
  errors: number;
  loadMs: number;
  loadCpuMs: number;
  indexMs: number;
  compactMs: number;
  rssBeforeMb: number;
  rssMb: number;
  heapUsedMb: number;
}

/** Where {@link stageChild} compiles the sources and the child: inside the run's scratch folder. */
const stageOf = (ctx: BenchContext) => join(ctx.tmp, 'load-compiled');

/** Every `.ts` file under `dir`. */
async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sources(p)));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const staged = new Map<string, Promise<void>>();
/**
 * Compiles `src/` and the child (with the bench module it imports) to JavaScript under the scratch folder, one
 * module per file with the checkout's layout, with the checkout's node_modules linked beside them; once per run.
 */
function stageChild(ctx: BenchContext): Promise<void> {
  const stage = stageOf(ctx);
  let done = staged.get(stage);
  if (!done) {
    done = (async () => {
      await mkdir(stage, { recursive: true });
      const entryPoints = [...(await sources(join(ctx.repo, 'src'))), join(ctx.repo, 'bench/load-child.ts'), join(ctx.repo, 'bench/stats.ts')];
      await build({ entryPoints, outdir: stage, outbase: ctx.repo, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
      await symlink(join(ctx.repo, 'node_modules'), join(stage, 'node_modules'), 'dir');
      // The compiled `.js` modules are ES modules, as under the checkout's package.json (type module).
      await copyFile(join(ctx.repo, 'package.json'), join(stage, 'package.json'));
    })();
    staged.set(stage, done);
  }
  return done;
}

const childArgs = (ctx: BenchContext, root: string, extra: string[] = [], cacheDir?: string, childFlags: string[] = []) => [
  '--expose-gc',
  ...extra,
  join(stageOf(ctx), 'bench/load-child.js'),
  root,
  ...(cacheDir ? [cacheDir] : []),
  ...childFlags,
];

async function measure(ctx: BenchContext, root: string, extra: string[] = [], cacheDir?: string, childFlags: string[] = []): Promise<ChildReport> {
  await stageChild(ctx);
  const { stdout } = await run(process.execPath, childArgs(ctx, root, extra, cacheDir, childFlags), { cwd: ctx.repo, maxBuffer: 1 << 20, timeout: 15 * 60_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildReport;
}

/**
 * What a missed load budget is made of, from this run's figures: the CPU time of a load with every skill parsed,
 * the least wall time any spreading of that work over this machine's cores could reach, and, from the two smallest
 * sizes, the cost of each further skill and the one-time part of a small load.
 */
function whyLoadMisses(
  bySize: ReadonlyMap<number, { load: Summary; cpu: Summary; cached: Summary }>,
  sizes: readonly number[],
  midSize: number,
  warm: { load: Summary; cpu: Summary } | undefined,
): string {
  const cores = cpus().length;
  const mid = bySize.get(midSize)!;
  const small = bySize.get(sizes[0]!)!;
  const marginal = (mid.load.median - small.load.median) / (midSize - sizes[0]!);
  const fixed = small.load.median - sizes[0]! * marginal;
  const bound = mid.cpu.median / cores;
  const n = midSize.toLocaleString('en-US');
  return [
    `Why the load with every skill parsed misses here: it is bound by CPU time, ${fmt(mid.cpu.median, 0)} ms of it for ${n} skills (${fmt(mid.cpu.median / midSize)} ms per skill, user + system), on a machine with ${cores} cores; spread perfectly over all of them the load would still take ${fmt(bound, 0)} ms${bound > LOAD_1000_BUDGET_MS ? `, above the ${LOAD_1000_BUDGET_MS / 1000} s budget` : ''}, so meeting it here means cutting that CPU time itself (the profile below shows where it goes).`,
    `From ${sizes[0]!.toLocaleString('en-US')} to ${n} skills each further skill adds ${fmt(marginal)} ms; about ${fmt(Math.max(0, fixed), 0)} ms of the ${sizes[0]!.toLocaleString('en-US')}-skill load is spent once per process (code and regular expressions compiled on first use), which is why its per-skill figure is the highest.`,
    ...(warm
      ? [
          warm.load.median > LOAD_1000_BUDGET_MS
            ? `Loaded a second time in the same process, with every function and regular expression already compiled and optimised (\`--warm\`), ${n} skills still take ${fmt(warm.load.median, 0)} ms (${fmt(warm.cpu.median, 0)} ms of CPU): the work done for each skill, not the process's one-time start, is what exceeds the budget.`
            : `Loaded a second time in the same process, with every function and regular expression already compiled and optimised (\`--warm\`), ${n} skills take ${fmt(warm.load.median, 0)} ms (${fmt(warm.cpu.median, 0)} ms of CPU): the rest of the miss is the process's one-time start.`,
        ]
      : []),
    `Every start after the first reads the parse cache instead: ${fmt(mid.cached.median, 0)} ms for ${n} skills, ${mid.cached.median <= LOAD_1000_BUDGET_MS ? 'within' : 'also above'} the budget.`,
  ].join(' ');
}

/** The stages of a load (and of what follows it at start-up), by the function that runs each. */
const LOAD_PHASES: readonly Phase[] = [
  { label: 'reading the files, digests (`readCorpus`)', fn: 'readCorpus' },
  { label: 'parsing each SKILL.md: frontmatter, Markdown, citation tags (`parseSkill`)', fn: 'parseSkill' },
  { label: 'injection scan of every served text (`scanInjection`, rule no-injection)', fn: 'scanInjection' },
  { label: 'building the typed skills (`buildSkill`)', fn: 'buildSkill' },
  { label: 'compiling procedure files, resolving citations (`resolveCorpus`)', fn: 'resolveCorpus' },
  { label: 'the other lint rules, UTF-8 decoding (`lintCorpus`)', fn: 'lintCorpus' },
  { label: 'after the load: search index (`createSearchIndex`)', fn: 'createSearchIndex' },
];

/** Runs the load/RSS scaling benchmark. */
export async function runLoad(ctx: BenchContext): Promise<BenchResult> {
  const sizes = ctx.quick ? [20, 60] : [100, 1000, 10000];
  const rows: string[] = [];
  let averageKb = 0;
  const bySize = new Map<number, { load: Summary; perSkill: Summary; rss: Summary; base: Summary; index: Summary; compact: Summary; cached: Summary; cpu: Summary; primeRss: Summary; cachedRss: Summary }>();
  for (const size of sizes) {
    const generated = await syntheticCorpus(ctx, size);
    averageKb = generated.skillBytes / size / 1024;
    // 10,000 skills take minutes per load on a small, busy machine; two fresh processes bound the run time.
    const runs = size >= 10000 ? Math.min(ctx.runs, 2) : ctx.runs;
    const reports: ChildReport[] = [];
    for (let r = 0; r < runs; r++) {
      const report = await measure(ctx, generated.root);
      if (report.skills !== size || report.errors > 0) throw new Error(`synthetic corpus of ${size} loaded ${report.skills} skills with ${report.errors} errors`);
      reports.push(report);
      ctx.log(`load ${size} run ${r + 1}/${runs}: ${fmt(report.loadMs, 0)} ms, RSS ${fmt(report.rssMb, 0)} MB`);
    }
    // The same corpus with the parse cache, as the server loads it: a first start that fills an empty cache, then
    // every start after the first, from it.
    const cacheDir = join(ctx.tmp, `parse-cache-${size}`);
    const primed: ChildReport[] = [];
    for (let r = 0; r < runs; r++) {
      await rm(cacheDir, { recursive: true, force: true });
      primed.push(await measure(ctx, generated.root, [], cacheDir));
    }
    const cachedReports: ChildReport[] = [];
    for (let r = 0; r < runs; r++) cachedReports.push(await measure(ctx, generated.root, [], cacheDir));
    const s = {
      cached: summarize(cachedReports.map((x) => x.loadMs)),
      primeRss: summarize(primed.map((x) => x.rssMb)),
      cachedRss: summarize(cachedReports.map((x) => x.rssMb)),
      load: summarize(reports.map((x) => x.loadMs)),
      perSkill: summarize(reports.map((x) => x.loadMs / size)),
      rss: summarize(reports.map((x) => x.rssMb)),
      base: summarize(reports.map((x) => x.rssBeforeMb)),
      index: summarize(reports.map((x) => x.indexMs)),
      compact: summarize(reports.map((x) => x.compactMs)),
      cpu: summarize(reports.map((x) => x.loadCpuMs)),
    };
    bySize.set(size, s);
    rows.push(`| ${size.toLocaleString('en-US')} | ${showSummary(s.load, '', 0)} | ${fmt(s.cpu.median, 0)} | ${showSummary(s.perSkill)} | ${showSummary(s.cached, '', 0)} | ${fmt(s.index.median, 0)} | ${fmt(s.compact.median, 0)} | ${showSummary(s.rss, '', 0)} | ${fmt(s.primeRss.median, 0)} | ${fmt(s.cachedRss.median, 0)} | ${fmt(s.base.median, 0)} | ${fmt(((s.rss.median - s.base.median) * 1024) / size, 0)} |`);
  }
  const mid = bySize.get(ctx.quick ? 60 : 1000)!;
  const largest = bySize.get(sizes[sizes.length - 1]!)!;
  const worstPerSkill = Math.max(...[...bySize.values()].map((s) => s.perSkill.median));
  const perSkillPass = ctx.quick ? null : worstPerSkill <= MS_PER_SKILL_BUDGET;
  const loadPass = ctx.quick ? null : mid.load.median <= LOAD_1000_BUDGET_MS;
  // The server's three ways to load: every file parsed (no cache), a first start filling the cache, from the cache.
  const worstRss = Math.max(mid.rss.median, mid.primeRss.median, mid.cachedRss.median);
  const rssPass = ctx.quick ? null : worstRss <= RSS_1000_BUDGET_MB;
  const midSize = ctx.quick ? 60 : 1000;
  const commands = [
    `node ${childArgs(ctx, `<tmp>/corpus-<N>`).map((a) => a.replace(`${stageOf(ctx)}/`, '<tmp>/load-compiled/')).join(' ')}`,
    'esbuild src/**/*.ts bench/load-child.ts bench/stats.ts --outdir=<tmp>/load-compiled --outbase=. --format=esm --platform=node --target=node20 (bench/load.ts does this through the esbuild API)',
    'node --import tsx bench/generate.ts <tmp>/corpus-<N> <N>',
  ];
  // A missed budget is explained from this run: a profile of one load (its stages and top functions) and, for a
  // missed load time, the same load repeated in a warm process.
  const loadMissed = perSkillPass === false || loadPass === false;
  let finding: ProfileFinding | undefined;
  let phases = '';
  let warm: { load: Summary; cpu: Summary } | undefined;
  if (loadMissed || rssPass === false) {
    const dir = await profileDir(ctx.tmp);
    const generated = await syntheticCorpus(ctx, midSize);
    await measure(ctx, generated.root, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    finding = await findingFrom(dir, `loading ${midSize.toLocaleString('en-US')} synthetic skills in a fresh process (module load + loadCorpus + index)`, `node --cpu-prof ${commands[0]!.slice(5)}`, stageOf(ctx));
    const profile = await largestProfile(dir);
    if (profile) phases = phaseTable(summarizePhases(profile, LOAD_PHASES));
    if (loadMissed) {
      const reports: ChildReport[] = [];
      for (let r = 0; r < ctx.runs; r++) reports.push(await measure(ctx, generated.root, [], undefined, ['--warm']));
      warm = { load: summarize(reports.map((x) => x.loadMs)), cpu: summarize(reports.map((x) => x.loadCpuMs)) };
      commands.push(`${commands[0]!} --warm`);
    }
  }
  const markdown = [
    `Each row: fresh processes (${ctx.runs} per size; at most 2 for 10,000 skills, which take minutes each here), each loading the synthetic corpus once with \`loadCorpus\` (read, parse, lint rules, resolve citations, digest), building the search index and compacting the heap once, as the server does before it serves (\`src/corpus/compact-heap.ts\`); RSS read after \`gc()\`, with corpus and index still referenced. A server's start-up is the load, the index build and the compaction, each in its own column. The child runs the sources compiled to JavaScript by esbuild (one module per file, as dist/ is built), without a TypeScript loader, as an installed \`loket\` does. "Baseline RSS" is the same process before loading (Node + the compiled loket modules). Load CPU is user + system time of the load, the figure to trust on a busy machine. Times in ms, memory in MB.`,
    '',
    '| skills | load ms (every skill parsed) | load CPU ms | ms per skill | load ms from the parse cache | index build ms | heap compaction ms | RSS after load (no cache) | RSS, first start filling the cache | RSS from the cache | baseline RSS | KB per skill above baseline (no cache) |',
    '|---:|---|---:|---|---|---:|---:|---|---:|---:|---:|---:|',
    ...rows,
    ...(loadMissed ? ['', whyLoadMisses(bySize, sizes, midSize, warm)] : []),
    ...(phases
      ? ['', `Where the main thread's time goes in one fresh process (the profiled run below, ${midSize.toLocaleString('en-US')} skills: module loading, the load, the index build and the heap compaction, whose collection counts as garbage collection; each sample is counted for the innermost stage on its stack, so a stage called from another counts for itself):`, '', phases]
      : []),
    '',
    `Synthetic skills are shaped like the shipped ones (\`bench/generate.ts\`): SKILL.md files average ${fmt(averageKb, 1)} KB with 6–9 stages, 150–250 citation tags and 2–6 contested notes, each with a procedure file, plus the fact vocabulary and a lock. Growth: ${fmt(mid.perSkill.median)} ms/skill at ${midSize.toLocaleString('en-US')} skills, ${fmt(largest.perSkill.median)} ms/skill at ${sizes[sizes.length - 1]!.toLocaleString('en-US')} (linear would keep this constant).`,
  ].join('\n');
  const result: BenchResult = {
    name: 'load',
    title: 'Corpus load time and RSS against corpus size',
    markdown,
    budgets: [
      { what: 'corpus load (parse + resolve + digest), per skill', budget: `≤ ${MS_PER_SKILL_BUDGET} ms per skill`, measured: `${fmt(worstPerSkill)} ms/skill (worst size, median)`, pass: perSkillPass },
      { what: `corpus load, ${midSize.toLocaleString('en-US')} synthetic skills`, budget: '≤ 2 s (1,000 skills)', measured: `${fmt(mid.load.median, 0)} ms (${fmt(mid.load.min, 0)}–${fmt(mid.load.max, 0)})`, pass: loadPass },
      { what: `corpus load from the parse cache (every start after the first), ${midSize.toLocaleString('en-US')} skills`, budget: '≤ 2 s (1,000 skills)', measured: `${fmt(mid.cached.median, 0)} ms (${fmt(mid.cached.min, 0)}–${fmt(mid.cached.max, 0)})`, pass: ctx.quick ? null : mid.cached.median <= LOAD_1000_BUDGET_MS },
      { what: `RSS with ${midSize.toLocaleString('en-US')} skills loaded`, budget: `≤ ${RSS_1000_BUDGET_MB} MB (1,000 skills)`, measured: `${fmt(worstRss, 0)} MB (worst of: no cache ${fmt(mid.rss.median, 0)}, first start filling the cache ${fmt(mid.primeRss.median, 0)}, from the cache ${fmt(mid.cachedRss.median, 0)}; baseline ${fmt(mid.base.median, 0)} MB)`, pass: rssPass },
    ],
    commands,
    profiles: [],
  };
  if (finding) result.profiles.push(finding);
  return result;
}
