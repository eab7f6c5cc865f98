/**
 * Submission write throughput with `synchronous=FULL` (SQLite, WAL) through the real submission pipeline
 * (validation, personal-data and injection scanners, rate-limit token, idempotent insert, tally), and through the
 * store alone; PostgreSQL the same way when the store and `scripts/pg-test-cluster.sh` exist. Plus the `kill -9`
 * check: a writer process is killed mid-stream and every receipt it had printed must be in the database.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadCorpus } from '../src/load-corpus.js';
import type { Corpus } from '../src/corpus/types.js';
import type { ObservationRecord, SubmissionStore } from '../src/store/store.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { createSubmissionService } from '../src/submissions/service.js';
import { findingFrom, profileDir } from './cpu-profile.js';
import { fmt, showSummary, summarize, type Summary } from './stats.js';
import { observationText } from './submission-text.js';
import type { BenchContext, BenchResult, ProfileFinding } from './types.js';
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';

const exec = promisify(execFile);
const BUDGET_PER_S = 500;
const NO_LIMITS = { capacity: 1e9, refillSeconds: 1, dailyLimit: 1e9, globalHourlyLimit: 1e9 };
const SKILL = 'arrival-in-belgium';

type Mode = 'service' | 'store';

function record(corpus: Corpus, n: number, salt: string): ObservationRecord {
  const skill = corpus.getSkill(SKILL)!;
  const text = observationText(n, salt);
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');
  return {
    submissionId: null,
    dedupeKey: hash(`dedupe|${salt}|${n}`),
    payloadHash: hash(`payload|${text}`),
    skill: SKILL,
    version: skill.meta.version,
    diversityKey: `bench-${n % 64}`,
    utcDay: new Date().toISOString().slice(0, 10),
    createdAt: new Date().toISOString(),
    kind: 'caveat',
    text,
    commune: null,
    state: 'open',
    heldFor: [],
  };
}

/** Writes up to `count` submissions (stopping at `maxMs`) with `inflight` outstanding; returns writes per second. */
async function writeRun(store: SubmissionStore, corpus: Corpus, mode: Mode, opts: { count: number; maxMs: number; inflight: number; salt: string; warmup: number }): Promise<{ perSecond: number; written: number }> {
  const service = createSubmissionService({ store, corpus, ratePolicy: NO_LIMITS, log: () => {} });
  // Warm-up writes (not counted): the first calls load the scanners and compile the pipeline.
  for (let w = 0; w < opts.warmup; w++) {
    const text = observationText(w, `${opts.salt}-warm`);
    if (mode === 'service') await service.submitObservation({ skill: SKILL, kind: 'caveat', text }, { rateKey: 'warm', diversityKey: 'warm', now: new Date() });
    else await store.recordObservation(record(corpus, w, `${opts.salt}-warm`));
  }
  let next = 0;
  let written = 0;
  const start = performance.now();
  const deadline = start + opts.maxMs;
  await Promise.all(
    Array.from({ length: opts.inflight }, async () => {
      while (next < opts.count && performance.now() < deadline) {
        const n = next++;
        if (mode === 'service') {
          const r = await service.submitObservation(
            { skill: SKILL, kind: 'caveat', text: observationText(n, opts.salt) },
            { rateKey: `bench-${n % 64}`, diversityKey: `bench-${n % 64}`, now: new Date() },
          );
          if (!r.ok) throw new Error(`submission rejected: ${r.error.code} ${r.error.message}`);
        } else {
          const r = await store.recordObservation(record(corpus, n, opts.salt));
          if (!r.ok) throw new Error(`store rejected: ${r.error.code}`);
        }
        written++;
      }
    }),
  );
  return { perSecond: written / ((performance.now() - start) / 1000), written };
}

interface Series {
  label: string;
  summary: Summary;
}

async function measureStore(ctx: BenchContext, label: string, open: () => Promise<SubmissionStore>, corpus: Corpus, count: number, maxMs: number): Promise<Series[]> {
  const out: Series[] = [];
  for (const [mode, inflight] of [['service', 1], ['service', 16], ['store', 1]] as Array<[Mode, number]>) {
    const rates: number[] = [];
    for (let r = 0; r < ctx.runs; r++) {
      const store = await open();
      try {
        const { perSecond, written } = await writeRun(store, corpus, mode, { count, maxMs, inflight, warmup: ctx.quick ? 5 : 100, salt: `${label}-${mode}-${inflight}-${r}-${Date.now()}` });
        rates.push(perSecond);
        ctx.log(`submissions ${label} ${mode} inflight=${inflight} run ${r + 1}/${ctx.runs}: ${fmt(perSecond, 0)}/s (${written} writes)`);
      } finally {
        await store.close();
      }
    }
    out.push({ label: `${label}, ${mode === 'service' ? 'full pipeline (`submitObservation`)' : 'store only (`recordObservation`)'}, ${inflight} in flight`, summary: summarize(rates) });
  }
  return out;
}

/** Kills a writer with SIGKILL mid-stream and checks that every acknowledged receipt survived. */
async function crashCheck(ctx: BenchContext, corpus: Corpus, acks: number): Promise<{ acknowledged: number; found: number; lost: number }> {
  const path = join(ctx.tmp, 'crash.db');
  const child = spawn(process.execPath, ['--import', 'tsx', join(ctx.repo, 'bench/submit-child.ts'), path, ctx.repo], { cwd: ctx.repo, stdio: ['ignore', 'pipe', 'pipe'] });
  const ids: string[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => resolve(), 120_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line && line !== 'ready') ids.push(line);
      if (ids.length >= acks) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited early (${code}): ${stderr.slice(-500)}`));
    });
  });
  child.kill('SIGKILL');
  await exited;
  const store = await openSqliteStore({ path, log: () => {} });
  try {
    const exported = await store.exportAll(new Date());
    if (!exported.ok) throw new Error(`cannot read back the crashed database: ${exported.error.code}`);
    const present = new Set(exported.value.observations.map((o) => o.id));
    const found = ids.filter((id) => present.has(id)).length;
    return { acknowledged: ids.length, found, lost: ids.length - found };
  } finally {
    await store.close();
  }
}

async function postgresUrl(ctx: BenchContext): Promise<{ url?: string; reason?: string | undefined; stop?: () => Promise<void> }> {
  const script = join(ctx.repo, 'scripts/pg-test-cluster.sh');
  if (!existsSync(join(ctx.repo, 'src/store/postgres.ts'))) return { reason: 'src/store/postgres.ts does not exist in this checkout' };
  if (!existsSync(script)) return { reason: 'scripts/pg-test-cluster.sh does not exist in this checkout' };
  // Its own cluster folder directly under the system temp dir: the cluster runs as `postgres` when we are root,
  // and that user cannot enter the run's private (0700) scratch folder.
  const env = { ...process.env, LOKET_PG_DIR: join(tmpdir(), `loket-bench-pg-${process.pid}`), LOKET_PG_DATABASE: 'loket_bench' };
  try {
    const { stdout } = await exec('bash', [script, 'start'], { cwd: ctx.repo, env, timeout: 300_000 });
    const url = stdout.trim().split('\n').pop();
    if (!url?.startsWith('postgres')) return { reason: 'scripts/pg-test-cluster.sh start printed no URL' };
    return { url, stop: async () => void (await exec('bash', [script, 'stop'], { cwd: ctx.repo, env, timeout: 60_000 }).catch(() => undefined)) };
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim().split('\n').pop();
    return { reason: `scripts/pg-test-cluster.sh start failed: ${stderr || String((error as Error).message).split('\n')[0]}` };
  }
}

/** Runs the submission write benchmark. */
export async function runSubmissions(ctx: BenchContext): Promise<BenchResult> {
  const corpus = await loadCorpus(ctx.repo);
  if (!corpus.getSkill(SKILL)) throw new Error(`the corpus has no ${SKILL} skill`);
  const count = ctx.quick ? 30 : 1000;
  const maxMs = ctx.quick ? 5_000 : 10_000;
  let dbN = 0;
  const series = await measureStore(ctx, 'SQLite', () => openSqliteStore({ path: join(ctx.tmp, `submissions-${dbN++}.db`), log: () => {} }), corpus, count, maxMs);
  const crash = await crashCheck(ctx, corpus, ctx.quick ? 10 : 300);
  ctx.log(`kill -9: ${crash.acknowledged} acknowledged, ${crash.found} found, ${crash.lost} lost`);

  let pgNote: string;
  // Quick mode never starts a cluster: the script may install PostgreSQL from Debian's packages, which a smoke run must not do.
  const pg = ctx.quick ? { reason: 'skipped in quick mode (starting a throwaway cluster may install PostgreSQL)' } : await postgresUrl(ctx);
  if (pg.url) {
    try {
      const { openPostgresStore } = await import('../src/store/postgres.js');
      series.push(...(await measureStore(ctx, 'PostgreSQL', () => openPostgresStore({ url: pg.url!, log: () => {} }), corpus, count, maxMs)));
      pgNote = 'PostgreSQL ran against the throwaway cluster of `scripts/pg-test-cluster.sh`, which starts the server with `fsync=off`, `synchronous_commit=off`, `full_page_writes=off` (test data only): those rows are an upper bound on a durable PostgreSQL, not a FULL-sync figure, and are not compared with the budget.';
    } catch (error) {
      pgNote = `PostgreSQL: not run — ${(error as Error).message.split('\n')[0]}`;
    } finally {
      await pg.stop?.();
    }
  } else {
    pgNote = `PostgreSQL: not run — ${pg.reason}.`;
  }

  const sqliteSeq = series[0]!.summary;
  const best = Math.max(...series.filter((s) => s.label.startsWith('SQLite, full')).map((s) => s.summary.median));
  const pass = ctx.quick ? null : sqliteSeq.median >= BUDGET_PER_S && crash.lost === 0;
  const markdown = [
    `Writes of distinct \`submit_observation\` payloads to a fresh database per run (WAL, \`synchronous=FULL\`, as \`openDatabase\` sets them). "Full pipeline" is what the tool handler runs per call (validation, personal-data and injection scanners, rate-limit token write, idempotent insert, tally read), with the rate limits lifted; "store only" is one \`recordObservation\` transaction. ${ctx.runs} runs of up to ${count} writes each (capped at ${maxMs / 1000} s) after ${ctx.quick ? 5 : 100} uncounted warm-up writes; writes per second, median (min–max, IQR).`,
    '',
    '| store and path | writes/s |',
    '|---|---|',
    ...series.map((s) => `| ${s.label} | ${showSummary(s.summary, '', 0)} |`),
    '',
    `\`kill -9\` check: a writer process (\`bench/submit-child.ts\`) printed ${crash.acknowledged} receipts (each after the service returned, i.e. after COMMIT) and was killed with SIGKILL; ${crash.found} of them were in the database afterwards, **${crash.lost} lost**.`,
    '',
    pgNote,
  ].join('\n');
  const result: BenchResult = {
    name: 'submissions',
    title: 'Submission write throughput (synchronous=FULL)',
    markdown,
    budgets: [
      {
        what: 'submission write (FULL sync), SQLite, one at a time through the pipeline',
        budget: `≥ ${BUDGET_PER_S}/s sustained, nothing lost on \`kill -9\``,
        measured: `${fmt(sqliteSeq.median, 0)}/s (${fmt(sqliteSeq.min, 0)}–${fmt(sqliteSeq.max, 0)}); best path ${fmt(best, 0)}/s; ${crash.lost} of ${crash.acknowledged} lost on kill -9`,
        pass,
        peer: `store only ${fmt(series[2]!.summary.median, 0)}/s`,
      },
    ],
    commands: ['npm run bench -- --only submissions', `node --import tsx bench/submit-child.ts <tmp>/crash.db . (killed with SIGKILL)`],
    profiles: [],
  };
  if (pass === false) {
    const finding = await profileWrites(ctx, corpus, Math.min(count, 400));
    if (finding) result.profiles.push(finding);
  }
  return result;
}

async function profileWrites(ctx: BenchContext, corpus: Corpus, count: number): Promise<ProfileFinding | undefined> {
  const dir = await profileDir(ctx.tmp);
  const store = await openSqliteStore({ path: join(ctx.tmp, 'profile.db'), log: () => {} });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    await writeRun(store, corpus, 'service', { count, maxMs: 30_000, inflight: 1, warmup: 50, salt: `profile-${Date.now()}` });
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await store.close();
    await writeFile(join(dir, 'submissions.cpuprofile'), JSON.stringify(profile));
  }
  return findingFrom(dir, `${count} SQLite submissions through the pipeline, one at a time`, 'npm run bench -- --only submissions (inspector profile of the write loop)', ctx.repo);
}
