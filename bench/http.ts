/**
 * HTTP `tools/call` latency and throughput: loket's `get_stage` and `search_skills` (over `loket serve`, the real
 * corpus, SQLite store) side by side with the SDK's bare echo tool (`bench/echo-server.ts`), at 1, 8 and 32
 * concurrent clients, in the same run. Servers run in their own processes on 127.0.0.1; the load generator is
 * this process. Targets are interleaved within each repetition so all see the same machine state.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { findingFrom, profileDir } from './cpu-profile.js';
import { loadRun, type CallSpec, type LoadRun } from './http-load.js';
import { fmt, summarize, type Summary } from './stats.js';
import type { BenchContext, BenchResult } from './types.js';

/** Budgets, same run: `get_stage` p99 at most this multiple of echo's p99, throughput at least this share of echo's. */
const P99_RATIO = 1.1;
const THROUGHPUT_SHARE = 0.8;

/** A server child process and its `/mcp` URL. */
interface Running {
  child: ChildProcess;
  endpoint: string;
  stop: () => Promise<void>;
}

/**
 * Spawns a server that prints `listening on http://127.0.0.1:<port>/mcp` to stderr and waits for that line; with
 * `ipc`, the child also gets an IPC channel (for a preloaded probe such as `bench/memory-probe.cjs`).
 */
export function startHttpServer(args: string[], cwd: string, options: { ipc?: boolean } = {}): Promise<Running> {
  const child = spawn(process.execPath, args, { cwd, stdio: options.ipc ? ['ignore', 'ignore', 'pipe', 'ipc'] : ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within 60 s: ${err.slice(-500)}`));
    }, 60_000);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      if (err.length < 20_000) err += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          endpoint: m[1]!,
          stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
            child.kill('SIGTERM');
            await exited;
            clearTimeout(kill);
          },
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening: ${err.slice(-500)}`));
    });
  });
}

const SEARCH_QUERIES = ['déclaration d\'arrivée', 'register as EU citizen', 'verblijfskaart verlengen', 'lost residence card', 'Anmeldung Gemeinde', 'annex 19', 'aankomstverklaring', 'presence declaration'];

const TARGETS: Array<{ key: string; label: string; server: 'loket' | 'echo'; spec: CallSpec }> = [
  { key: 'get_stage', label: 'loket `get_stage`', server: 'loket', spec: { tool: 'get_stage', args: (i) => ({ skill: 'annex-3ter-presence-declaration', stage: 1 + (i % 6) }) } },
  { key: 'search_skills', label: 'loket `search_skills`', server: 'loket', spec: { tool: 'search_skills', args: (i) => ({ query: SEARCH_QUERIES[i % SEARCH_QUERIES.length]!, limit: 10 }) } },
  { key: 'echo', label: 'SDK bare `echo`', server: 'echo', spec: { tool: 'echo', args: (i) => ({ text: `hello ${i}` }) } },
];

function loketArgs(ctx: BenchContext, extra: string[] = []): string[] {
  return [...extra, '--import', 'tsx', join(ctx.repo, 'src/cli.ts'), 'serve', '--host', '127.0.0.1', '--port', '0', '--read-limit', '0', '--db', join(ctx.tmp, 'http.db')];
}
const echoArgs = (ctx: BenchContext) => ['--import', 'tsx', join(ctx.repo, 'bench/echo-server.ts')];

interface Cell {
  p50: Summary;
  p90: Summary;
  p99: Summary;
  rps: Summary;
  requests: number;
}

const cell = (runs: LoadRun[]): Cell => ({
  p50: summarize(runs.map((r) => r.p50)),
  p90: summarize(runs.map((r) => r.p90)),
  p99: summarize(runs.map((r) => r.p99)),
  rps: summarize(runs.map((r) => r.rps)),
  requests: runs.reduce((s, r) => s + r.requests, 0),
});

const range = (s: Summary, d?: number) => `${fmt(s.median, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})`;

/** Runs the HTTP comparison. */
export async function runHttp(ctx: BenchContext): Promise<BenchResult> {
  const concurrencies = [1, 8, 32];
  const requestsFor = (c: number) => (ctx.quick ? 32 : c === 1 ? 400 : 1000);
  const maxMs = ctx.quick ? 5_000 : 12_000;
  const loket = await startHttpServer(loketArgs(ctx), ctx.repo);
  const echo = await startHttpServer(echoArgs(ctx), ctx.repo);
  const results = new Map<string, LoadRun[]>();
  try {
    for (const c of concurrencies) {
      for (let r = 0; r < ctx.runs; r++) {
        const order = r % 2 === 0 ? TARGETS : [...TARGETS].reverse();
        for (const t of order) {
          const endpoint = t.server === 'loket' ? loket.endpoint : echo.endpoint;
          const run = await loadRun(endpoint, t.spec, { concurrency: c, requests: requestsFor(c), maxMs });
          const key = `${t.key}@${c}`;
          results.set(key, [...(results.get(key) ?? []), run]);
          ctx.log(`http ${t.key} c=${c} run ${r + 1}/${ctx.runs}: p50 ${fmt(run.p50)} p99 ${fmt(run.p99)} ms, ${fmt(run.rps)} req/s${run.errors ? `, ${run.errors} errors` : ''}`);
        }
      }
    }
  } finally {
    await loket.stop();
    await echo.stop();
  }

  const rows: string[] = [];
  const cells = new Map<string, Cell>();
  for (const c of concurrencies) {
    for (const t of TARGETS) {
      const k = `${t.key}@${c}`;
      const x = cell(results.get(k) ?? []);
      cells.set(k, x);
      const echoRps = cells.get(`echo@${c}`)?.rps.median ?? cell(results.get(`echo@${c}`) ?? []).rps.median;
      const share = t.key === 'echo' ? '1.00' : fmt(x.rps.median / echoRps);
      rows.push(`| ${c} | ${t.label} | ${range(x.p50)} | ${range(x.p90)} | ${range(x.p99)} | ${range(x.rps, 0)} | ${share} | ${x.requests} |`);
    }
  }
  const gs = cells.get('get_stage@32')!;
  const ec = cells.get('echo@32')!;
  const share = gs.rps.median / ec.rps.median;
  const p99Ratio = gs.p99.median / ec.p99.median;
  const p99Pass = ctx.quick ? null : p99Ratio <= P99_RATIO;
  const sharePass = ctx.quick ? null : share >= THROUGHPUT_SHARE;
  const rel = (a: string[]) => a.map((x) => x.replace(`${ctx.repo}/`, '').replace(ctx.tmp, '<tmp>')).join(' ');
  const commands = [`node ${rel(loketArgs(ctx))}`, `node ${rel(echoArgs(ctx))}`];
  const markdown = [
    `Closed-loop load from the runner process (keep-alive \`node:http\` agents, one POST per \`tools/call\`, stateless, no \`initialize\` needed), against \`loket serve\` (real corpus, SQLite store) and the SDK's bare echo tool (\`bench/echo-server.ts\`: same \`createMcpHandler\` + \`toNodeHandler\` wiring, no guards, no corpus). Each cell: median (min–max) over ${ctx.runs} runs of up to ${requestsFor(32)} requests (${requestsFor(1)} at 1 client) after 50 warm-up calls, each run capped at ${maxMs / 1000} s; targets interleaved within each repetition. Latency in ms; throughput in answered requests per second; "share of echo" = median throughput ÷ echo's median throughput at the same concurrency.`,
    '',
    '| clients | call | p50 | p90 | p99 | req/s | share of echo | answers |',
    '|---:|---|---|---|---|---|---:|---:|',
    ...rows,
    '',
    `Reading the 32-client row: in a closed loop, mean latency ≈ clients ÷ throughput (Little's law). The bare echo tool answers ${fmt(ec.rps.median, 0)} req/s here, so even echo averages about ${fmt((32 / ec.rps.median) * 1000, 0)} ms at 32 clients (measured p50 ${fmt(ec.p50.median)} ms, p99 ${fmt(ec.p99.median)} ms) on this machine, where the load generator shares the same ${cpus().length} cores; the budgets are therefore ratios to echo in the same run.`,
  ].join('\n');
  const result: BenchResult = {
    name: 'http',
    title: 'HTTP tools/call latency and throughput',
    markdown,
    budgets: [
      {
        what: 'HTTP `tools/call get_stage`, 32 concurrent: p99',
        budget: `≤ ${P99_RATIO}× echo's p99`,
        measured: `${fmt(gs.p99.median)} ms (${fmt(gs.p99.min)}–${fmt(gs.p99.max)})`,
        pass: p99Pass,
        peer: `echo p99 ${fmt(ec.p99.median)} ms`,
        ratio: `${fmt(p99Ratio)}× echo`,
      },
      {
        what: 'HTTP `tools/call get_stage`, 32 concurrent: throughput',
        budget: `≥ ${THROUGHPUT_SHARE * 100} % of the SDK's bare echo tool`,
        measured: `${fmt(gs.rps.median, 0)} req/s = ${fmt(share * 100, 0)} % of echo`,
        pass: sharePass,
        peer: `echo ${fmt(ec.rps.median, 0)} req/s`,
        ratio: `${fmt(share)}×`,
      },
    ],
    commands,
    profiles: [],
  };
  if (p99Pass === false || sharePass === false) {
    const dir = await profileDir(ctx.tmp);
    const profiled = await startHttpServer(loketArgs(ctx, ['--cpu-prof', `--cpu-prof-dir=${dir}`]), ctx.repo);
    try {
      await loadRun(profiled.endpoint, TARGETS[0]!.spec, { concurrency: 32, requests: requestsFor(32), maxMs });
    } finally {
      await profiled.stop();
    }
    const finding = await findingFrom(dir, 'loket serve under 32 concurrent `get_stage` calls (whole process: start-up + one load run)', `node --cpu-prof ${commands[0]!.slice(5)}`, ctx.repo);
    if (finding) result.profiles.push(finding);
  }
  return result;
}
