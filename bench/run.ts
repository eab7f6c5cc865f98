/**
 * The benchmark runner: `npm run bench` runs everything and prints a Markdown report; `-- --quick` is the smoke
 * mode CI runs (a few iterations, small corpora, budgets not judged, exit 0 unless something crashes);
 * `-- --only <name>[,<name>]` runs a subset; `-- --write` (full mode only) rewrites BENCHMARKS.md with the
 * machine, every SPEC §9 budget with its measured value, pass/miss and ratio to its peer, the exact commands,
 * and a CPU profile of the slowest part wherever a budget is missed.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineInfo, type MachineInfo } from './machine.js';
import { profileTable } from './profile.js';
import type { BenchContext, BenchResult, BudgetRow } from './types.js';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));

/** Every benchmark, in run order. */
export const BENCHMARKS: Record<string, (ctx: BenchContext) => Promise<BenchResult>> = {
  'cold-start': async (ctx) => (await import('./cold-start.js')).runColdStart(ctx),
  http: async (ctx) => (await import('./http.js')).runHttp(ctx),
  search: async (ctx) => (await import('./search.js')).runSearch(ctx),
  submissions: async (ctx) => (await import('./submissions.js')).runSubmissions(ctx),
  safety: runSafety,
  'fuzz-memory': async (ctx) => (await import('./fuzz-memory.js')).runFuzzMemory(ctx),
  // Last: 10,000 skills make this the longest benchmark by far.
  load: async (ctx) => (await import('./load.js')).runLoad(ctx),
};

/** Options of {@link runBenchmarks}. */
export interface RunOptions {
  /** Called with the report so far after each benchmark (the runner saves it, so a long run is never all lost). */
  onProgress?: (partial: RunReport) => Promise<void>;
  quick: boolean;
  only?: string[];
  /** Benchmarks left out of this run (named in the report). */
  skip?: string[];
  runs?: number;
  log?: (line: string) => void;
}

/** What a whole run produced. */
export interface RunReport {
  quick: boolean;
  skipped?: string[];
  machineStart: MachineInfo;
  machineEnd: MachineInfo;
  results: BenchResult[];
  failures: Array<{ name: string; error: string }>;
  seconds: number;
}

/**
 * `bench/safety.ts` belongs to the safety work; when it exists it runs as its own process (so its interface
 * stays its own) and its standard output becomes its section of the report.
 */
async function runSafety(ctx: BenchContext): Promise<BenchResult> {
  const file = join(ctx.repo, 'bench/safety.ts');
  // Its only argument is a run count (minimum 5), so quick mode runs it as it is.
  const args = ['--import', 'tsx', file];
  const command = 'node --import tsx bench/safety.ts';
  if (!existsSync(file)) {
    return { name: 'safety', title: 'Safety scanners', markdown: 'Not run: `bench/safety.ts` does not exist in this checkout.', budgets: [], commands: [], profiles: [] };
  }
  const limitMs = (ctx.quick ? 10 : 20) * 60_000;
  const { code, stdout, stderr, timedOut } = await new Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ctx.repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err += c;
      for (const line of c.split('\n')) if (line.trim()) ctx.log(`safety: ${line}`);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.once('exit', (c) => {
      clearTimeout(timer);
      resolve({ code: c, stdout: out, stderr: err, timedOut });
    });
  });
  // A run that is still going at the limit is slow, not broken: it is reported, and the run goes on.
  if (timedOut) {
    return { name: 'safety', title: 'Safety scanners (bench/safety.ts)', markdown: `Not finished: \`${command}\` was still running after ${limitMs / 60_000} min and was stopped; run it on its own for its figures.`, budgets: [], commands: [command], profiles: [] };
  }
  if (code !== 0) throw new Error(`${command} exited with ${code}: ${stderr.slice(-500)}`);
  return { name: 'safety', title: 'Safety scanners (bench/safety.ts)', markdown: stdout.trim() || '(no output)', budgets: [], commands: [command], profiles: [] };
}

/** Runs the selected benchmarks in a scratch folder; a benchmark that throws is recorded, the others still run. */
export async function runBenchmarks(options: RunOptions): Promise<RunReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const skip = new Set(options.skip ?? []);
  for (const name of [...(options.only ?? []), ...skip]) if (!BENCHMARKS[name]) throw new Error(`unknown benchmark "${name}"; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
  const names = (options.only?.length ? options.only : Object.keys(BENCHMARKS)).filter((n) => !skip.has(n));
  const tmp = await mkdtemp(join(tmpdir(), 'loket-bench-'));
  const ctx: BenchContext = { quick: options.quick, runs: options.runs ?? (options.quick ? 2 : 5), repo: REPO, tmp, log };
  const started = performance.now();
  const machineStart = machineInfo();
  const results: BenchResult[] = [];
  const failures: RunReport['failures'] = [];
  try {
    for (const name of names) {
      log(`== ${name}`);
      const t = performance.now();
      try {
        results.push(await BENCHMARKS[name]!(ctx));
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push({ name, error: message });
        log(`!! ${name} failed: ${message}`);
      }
      log(`== ${name} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      await options.onProgress?.({ quick: options.quick, skipped: [...skip], machineStart, machineEnd: machineInfo(), results, failures, seconds: (performance.now() - started) / 1000 });
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return { quick: options.quick, skipped: [...skip], machineStart, machineEnd: machineInfo(), results, failures, seconds: (performance.now() - started) / 1000 };
}

const verdict = (row: BudgetRow) => (row.pass === null ? '—' : row.pass ? '**pass**' : '**MISS**');

/** The Markdown report of a run (the body of BENCHMARKS.md). */
export function renderReport(report: RunReport): string {
  const m = report.machineStart;
  const budgets = report.results.flatMap((r) => r.budgets);
  const profiles = report.results.flatMap((r) => r.profiles);
  const lines: string[] = [
    '# Benchmarks',
    '',
    'Measured by `bench/` (SPEC §9 budgets). Regenerate with `npm run bench -- --write`; CI runs `npm run bench -- --quick`, which checks that every benchmark runs end to end without judging times.',
    '',
    report.quick ? '> **Quick (smoke) mode**: a few iterations over small corpora. These numbers are not judged against the budgets.\n' : '',
    '## Machine',
    '',
    `- CPU: ${m.cpu}, ${m.cores} cores`,
    `- Memory: ${m.memoryGb.toFixed(1)} GiB`,
    `- OS: ${m.os}`,
    `- Node: ${m.node} (the servers under test run from the compiled dist/ through \`bin/loket.js\`, and the corpus load/RSS child runs the sources compiled by esbuild one module per file; the benchmark harness and the other in-process benchmarks run the TypeScript sources through tsx)`,
    `- Date: ${m.date}; whole run ${(report.seconds / 60).toFixed(1)} min`,
    `- Load average (1/5/15 min) at start ${m.loadAverage.map((x) => x.toFixed(2)).join(' / ')}, at end ${report.machineEnd.loadAverage.map((x) => x.toFixed(2)).join(' / ')}${m.loadAverage[0] > m.cores ? ' — **the machine was busy with other work during this run; absolute times are inflated, ratios taken within the same run are the more reliable figures**' : ''}`,
    ...(m.nice !== 0 ? [`- Priority: the runner and its children ran at nice ${m.nice} (\`nice -n ${m.nice} npm run bench -- ${process.argv.slice(2).join(' ')}\`) to keep other work on the machine from preempting the measurements`] : []),
    '',
    '## Budgets (SPEC §9)',
    '',
    '| what | budget | measured (median, min–max) | result | peer | ratio to peer |',
    '|---|---|---|---|---|---|',
    ...budgets.map((b) => `| ${b.what} | ${b.budget} | ${b.measured} | ${verdict(b)} | ${b.peer ?? '—'} | ${b.ratio ?? '—'} |`),
    '',
  ];
  if (report.skipped?.length) {
    lines.push(`Not run in this report (\`--skip\`): ${report.skipped.map((n) => `\`${n}\``).join(', ')}.`, '');
  }
  if (report.failures.length) {
    lines.push('## Benchmarks that crashed', '', ...report.failures.map((f) => `- \`${f.name}\`: ${f.error.split('\n')[0]}`), '');
  }
  if (profiles.length) {
    lines.push('## Where the time goes (missed budgets)', '');
    for (const p of profiles) {
      lines.push(`### ${p.title}`, '', `Profile: \`${p.command}\`. Self time, top functions (sources run through tsx report line 1; compiled modules report their compiled line):`, '', profileTable(p.top), '', 'By file or package:', '', profileTable(p.byFile, true), '');
    }
  }
  lines.push('## Results', '');
  for (const r of report.results) lines.push(`### ${r.title}`, '', r.markdown, '');
  lines.push('## Commands', '', 'Everything: `npm run bench` (report on stdout), `npm run bench -- --write` (also rewrites this file), `npm run bench -- --quick` (smoke), `npm run bench -- --only <name>[,<name>]` (or `--skip`) with names ' + Object.keys(BENCHMARKS).map((n) => `\`${n}\``).join(', ') + '. `--runs N` overrides the repetitions (default 5; 2 in quick mode).', '', 'What each benchmark runs (`<tmp>` is the run\'s scratch folder):', '');
  for (const r of report.results) for (const c of r.commands) lines.push(`- ${r.name}: \`${c}\``);
  lines.push('');
  return lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n');
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, skip: { type: 'string' }, write: { type: 'boolean', default: false }, runs: { type: 'string' }, help: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`Usage: npm run bench -- [--quick] [--only|--skip ${Object.keys(BENCHMARKS).join('|')}[,…]] [--runs N] [--write]\n`);
    return 0;
  }
  const runs = values.runs === undefined ? undefined : Number(values.runs);
  if (runs !== undefined && (!Number.isInteger(runs) || runs < 1)) throw new Error('--runs takes a positive integer');
  const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
  const skip = values.skip?.split(',').map((s) => s.trim()).filter(Boolean);
  const progressFile = join(REPO, 'bench/results/partial.md.tmp');
  const onProgress = async (partial: RunReport) => {
    await mkdir(dirname(progressFile), { recursive: true });
    await writeFile(progressFile, `${renderReport(partial)}\n`);
  };
  const report = await runBenchmarks({ quick: values.quick, ...(only ? { only } : {}), ...(skip ? { skip } : {}), ...(runs ? { runs } : {}), ...(values.write ? { onProgress } : {}) });
  const markdown = renderReport(report);
  process.stdout.write(`${markdown}\n`);
  if (values.write) {
    if (report.quick || only?.length) process.stderr.write('bench: --write only rewrites BENCHMARKS.md after a full (not --quick, not --only) run; not written\n');
    else {
      await writeFile(join(REPO, 'BENCHMARKS.md'), `${markdown}\n`);
      process.stderr.write('bench: BENCHMARKS.md written\n');
    }
  }
  return report.failures.length > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
