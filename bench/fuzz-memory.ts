/**
 * Z5: the memory of a server under hostile traffic. `loket serve` as installed (the repository's corpus, SQLite
 * store, read limit off so every request goes as deep as its content lets it) answers fuzzed requests
 * (`bench/fuzz-requests.ts`, the Z1 test's, from a fixed seed), 8 in flight over keep-alive connections. After a
 * warm-up and then every 10,000 requests the server collects its garbage and reports its RSS and JS heap in use
 * (`bench/memory-probe.cjs`, preloaded). Budget: RSS grows by less than 50 MB over 50,000 requests. Every
 * answer's status is checked too: one outside the transport's defined set, or no answer within 2 s, fails the
 * budget whatever the memory.
 */
import type { ChildProcess } from 'node:child_process';
import { Agent } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFINED_STATUSES, fuzzRequests, sendFuzzRequest, type FuzzRequest } from './fuzz-requests.js';
import { installedLoket } from './cold-start.js';
import { startHttpServer } from './http.js';
import { fmt } from './stats.js';
import type { BenchContext, BenchResult } from './types.js';

const GROWTH_BUDGET_MB = 50;
const IN_FLIGHT = 8;
const HANG_MS = 2000;
const SEED = 20261130;

/**
 * What the server holds, in MB, read after two full collections: its RSS, its JS heap in use, and what V8 keeps
 * for the heap (used or not) in the young generation and in the rest.
 */
interface Held {
  rss: number;
  heapUsed: number;
  young: number;
  old: number;
}

/** Asks the server's preloaded probe (`bench/memory-probe.cjs`) to collect its garbage and report what it holds. */
function measureHeld(child: ChildProcess): Promise<Held> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the memory probe did not answer within 30 s')), 30_000);
    child.once('message', (m: { rss: number; heapUsed: number; heapTotal: number; spaces: Record<string, number>; collected: boolean }) => {
      clearTimeout(timer);
      const young = m.spaces.new_space ?? 0;
      if (!m.collected) reject(new Error('the server was not started with --expose-gc'));
      else resolve({ rss: m.rss / 2 ** 20, heapUsed: m.heapUsed / 2 ** 20, young: young / 2 ** 20, old: (m.heapTotal - young) / 2 ** 20 });
    });
    child.send('measure');
  });
}

/** Runs the Z5 memory benchmark. */
export async function runFuzzMemory(ctx: BenchContext): Promise<BenchResult> {
  const total = ctx.quick ? 2_000 : 50_000;
  const warmup = ctx.quick ? 200 : 2_000;
  const every = ctx.quick ? 1_000 : 10_000;
  // The server as installed (bin/loket.js over the compiled dist/), serving the repository's skills.
  const args = ['--expose-gc', '--require', join(ctx.repo, 'bench/memory-probe.cjs'), await installedLoket(ctx), 'serve', '--root', ctx.repo, '--host', '127.0.0.1', '--port', '0', '--read-limit', '0', '--db', join(ctx.tmp, 'fuzz.db')];
  const server = await startHttpServer(args, ctx.repo, { ipc: true });
  const port = Number(new URL(server.endpoint).port);
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let chunk = 0;
  /** Sends `count` fuzzed requests, `IN_FLIGHT` at a time, generated a chunk at a time from the fixed seed. */
  const send = async (count: number): Promise<void> => {
    const requests: FuzzRequest[] = fc.sample(fuzzRequests(port), { numRuns: count, seed: SEED + chunk++ });
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        try {
          const status = await sendFuzzRequest(port, r, HANG_MS, agent);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (!DEFINED_STATUSES.has(status) && failures.length < 5) failures.push(`status ${status} for ${r.body.slice(0, 80)}`);
        } catch (error) {
          if (failures.length < 5) failures.push(`${(error as Error).message} for ${r.body.slice(0, 80)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  };
  const samples: Array<{ after: number } & Held> = [];
  const started = process.hrtime.bigint();
  try {
    await send(warmup);
    samples.push({ after: 0, ...(await measureHeld(server.child)) });
    for (let done = 0; done < total; done += every) {
      await send(Math.min(every, total - done));
      samples.push({ after: Math.min(done + every, total), ...(await measureHeld(server.child)) });
      ctx.log(`fuzz memory: ${samples.at(-1)!.after.toLocaleString('en-US')} requests, server RSS ${fmt(samples.at(-1)!.rss, 0)} MB, heap in use ${fmt(samples.at(-1)!.heapUsed, 1)} MB`);
    }
  } finally {
    agent.destroy();
    await server.stop();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const growth = samples.at(-1)!.rss - samples[0]!.rss;
  const heapGrowth = samples.at(-1)!.heapUsed - samples[0]!.heapUsed;
  const answered = [...statuses.values()].reduce((a, b) => a + b, 0);
  const pass = ctx.quick ? null : growth < GROWTH_BUDGET_MB && failures.length === 0;
  const byStatus = [...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n.toLocaleString('en-US')}`).join(', ');
  // What moved after the first 10,000 requests.
  const settled = samples.find((s) => s.after >= every) ?? samples[0]!;
  const markdown = [
    `\`loket serve\` as installed (\`bin/loket.js\` over the compiled dist/; the repository's skills, SQLite store, read limit off) answering ${total.toLocaleString('en-US')} fuzzed POSTs to /mcp after ${warmup.toLocaleString('en-US')} warm-up ones (\`bench/fuzz-requests.ts\`, seed ${SEED}: any JSON value or a JSON-RPC request around one, with any subset of Origin, Host, Content-Type, Accept, MCP-Protocol-Version and Mcp-Session-Id), ${IN_FLIGHT} in flight over keep-alive connections, in ${fmt(seconds, 0)} s. At each point the server runs two full garbage collections (\`--expose-gc\`, asked through \`bench/memory-probe.cjs\`, preloaded with \`--require\`; the server's code is untouched) and reports its RSS and the JS heap in use, so the figures are what it holds, not where its collector happened to be.`,
    '',
    `| requests after the warm-up | ${samples.map((s) => s.after.toLocaleString('en-US')).join(' | ')} |`,
    `|---|${samples.map(() => '---:').join('|')}|`,
    `| server RSS (MB) | ${samples.map((s) => fmt(s.rss, 0)).join(' | ')} |`,
    `| server JS heap in use (MB) | ${samples.map((s) => fmt(s.heapUsed, 1)).join(' | ')} |`,
    `| V8 heap kept: young generation (MB) | ${samples.map((s) => fmt(s.young, 1)).join(' | ')} |`,
    `| V8 heap kept: the other spaces (MB) | ${samples.map((s) => fmt(s.old, 1)).join(' | ')} |`,
    '',
    `Over the run RSS moved ${fmt(growth, 1)} MB, the JS heap in use ${fmt(heapGrowth, 1)} MB, the young generation V8 keeps ${fmt(samples.at(-1)!.young - samples[0]!.young, 1)} MB and the other spaces it keeps ${fmt(samples.at(-1)!.old - samples[0]!.old, 1)} MB; from ${settled.after.toLocaleString('en-US')} requests on, RSS moved ${fmt(samples.at(-1)!.rss - settled.rss, 1)} MB and the heap in use ${fmt(samples.at(-1)!.heapUsed - settled.heapUsed, 1)} MB. A leak shows as a heap in use that keeps growing; memory V8 keeps for its heap (a young generation grown for the allocation rate of steady traffic, pages of the old generation) stays while requests keep coming.`,
    '',
    `Answers by status (warm-up included): ${byStatus}; ${answered.toLocaleString('en-US')} answered, ${failures.length === 0 ? 'none outside the defined set and none left without an answer' : `failures: ${failures.join('; ')}`}.`,
  ].join('\n');
  return {
    name: 'fuzz-memory',
    title: 'Server memory under fuzzed requests (Z5)',
    markdown,
    budgets: [
      {
        what: `Z5: server RSS growth over ${total.toLocaleString('en-US')} fuzzed requests`,
        budget: `< ${GROWTH_BUDGET_MB} MB, every answer a defined status`,
        measured: `${fmt(growth, 1)} MB (${fmt(samples[0]!.rss, 0)} → ${fmt(samples.at(-1)!.rss, 0)} MB; JS heap in use ${heapGrowth >= 0 ? '+' : ''}${fmt(heapGrowth, 1)} MB); ${failures.length} undefined or missing answers`,
        pass,
      },
    ],
    commands: [`node ${args.map((a) => (a === ctx.repo ? '.' : a.replace(ctx.tmp, '<tmp>').replace(`${ctx.repo}/`, ''))).join(' ')}`],
    profiles: [],
  };
}
