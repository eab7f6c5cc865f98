/**
 * Several stateless `loket serve` processes behind a load balancer, one PostgreSQL database (SPEC §7).
 * Two real server processes are started; MCP clients submit to both at once. Callers are told apart the way a
 * deployment behind a reverse proxy does it: the processes trust 127.0.0.1 as a proxy (`--trust-proxy`, T16) and
 * each client sends its own `X-Forwarded-For` address, so each gets its own rate-limit and diversity key (G1).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/load-corpus.js';
import { repoRoot } from '../helpers/paths.js';
import { createDatabase, skipPostgres, startPgServer, type PgServer } from '../store/postgres-cluster.js';

interface Served {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

/** The environment of a server process: ours, minus settings that would move it off 127.0.0.1:<free port>. */
function serveEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  for (const name of ['HOST', 'PORT', 'LOKET_ROOT']) delete env[name];
  return env;
}

/** Starts `loket serve --port 0` on the database and resolves with the URL it reports on stderr. */
async function startServe(databaseUrl: string): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', '--trust-proxy', '127.0.0.1'], {
    cwd: repoRoot,
    env: serveEnv(databaseUrl),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // If this test worker dies before afterAll, the server must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`loket serve did not report its port in time:\n${log}`)), 90_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      const match = /loket listening on (http:\/\/\S+\/mcp)/.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`loket serve exited with ${code}:\n${log}`));
    });
  });
  return { child, url, stderr: () => log };
}

async function stopServe(served: Served | undefined): Promise<void> {
  if (!served || served.child.exitCode !== null) return;
  served.child.kill('SIGTERM');
  await Promise.race([once(served.child, 'exit'), new Promise((r) => setTimeout(r, 10_000))]);
  if (served.child.exitCode === null) served.child.kill('SIGKILL');
}

/** An MCP client of one server process, appearing to come from `ip` (behind the trusted proxy). */
async function clientOf(served: Served, ip: string): Promise<Client> {
  const client = new Client({ name: 'loket-multiprocess-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(served.url), { requestInit: { headers: { 'x-forwarded-for': ip } } });
  await client.connect(transport);
  return client;
}

interface Outcome {
  ok: boolean;
  text: string;
  receipt?: { id: string; status: 'recorded' | 'duplicate' };
  status?: { confirms: number; rejects: number; flags: number; quarantined: boolean };
}

async function submit(client: Client, tool: 'submit_validation' | 'submit_observation', args: Record<string, unknown>): Promise<Outcome> {
  const result = await client.callTool({ name: tool, arguments: args });
  const text = (result.content as Array<{ type: string; text?: string }> | undefined)?.map((c) => c.text ?? '').join(' ') ?? '';
  const structured = result.structuredContent as { receipt?: Outcome['receipt']; skill_status?: Outcome['status'] } | undefined;
  return {
    ok: result.isError !== true,
    text,
    ...(structured?.receipt ? { receipt: structured.receipt } : {}),
    ...(structured?.skill_status ? { status: structured.skill_status } : {}),
  };
}

const skip = skipPostgres('multiprocess e2e');

describe.skipIf(skip)('two loket serve processes on one PostgreSQL database', () => {
  let server: PgServer | undefined;
  let database: Awaited<ReturnType<typeof createDatabase>> | undefined;
  let a: Served | undefined;
  let b: Served | undefined;
  const clients: Client[] = [];
  const skills: Array<{ name: string; version: string; digest: string }> = [];

  const connect = async (served: Served | undefined, ip: string) => {
    if (!served) throw new Error('server not started');
    const client = await clientOf(served, ip);
    clients.push(client);
    return client;
  };
  const vote = (skill: { name: string; version: string; digest: string }, extra: Record<string, unknown> = {}) => ({
    skill: skill.name,
    version: skill.version,
    digest: skill.digest,
    verdict: 'confirm',
    ...extra,
  });

  beforeAll(async () => {
    const corpus = await loadCorpus(repoRoot);
    for (const s of corpus.skills) skills.push({ name: s.name, version: s.meta.version, digest: s.digest });
    server = await startPgServer();
    database = await createDatabase(server);
    // Both processes start at once: the migration lock must let exactly one of them create the schema.
    [a, b] = await Promise.all([startServe(database.url), startServe(database.url)]);
  }, 240_000);

  afterAll(async () => {
    for (const client of clients) await client.close().catch(() => undefined);
    await Promise.all([stopServe(a), stopServe(b)]);
    await database?.drop().catch(() => undefined);
    await server?.stop();
  }, 60_000);

  it('both processes came up on the same schema, migrated once', async () => {
    const db = new pg.Client({ connectionString: database?.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
      expect(rows.map((r) => r.version)).toEqual(['0001_submissions']);
    } finally {
      await db.end();
    }
    expect(skills.length).toBeGreaterThanOrEqual(2);
  });

  it('G3: the same submission_id sent to both processes at once gets one receipt and one row', async () => {
    const skill = skills[0]!;
    const [ca1, ca2, cb1, cb2] = await Promise.all([
      connect(a, '198.51.100.7'),
      connect(a, '198.51.100.7'),
      connect(b, '198.51.100.7'),
      connect(b, '198.51.100.7'),
    ]);
    const submissionId = randomUUID();
    const outcomes = await Promise.all([ca1, cb1, ca2, cb2].map((c) => submit(c, 'submit_validation', vote(skill, { submission_id: submissionId }))));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(new Set(outcomes.map((o) => o.receipt?.id)).size).toBe(1);
    expect(outcomes.filter((o) => o.receipt?.status === 'recorded')).toHaveLength(1);
    expect(outcomes.filter((o) => o.receipt?.status === 'duplicate')).toHaveLength(3);

    const db = new pg.Client({ connectionString: database?.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ n: string }>('SELECT COUNT(*) AS n FROM validations WHERE submission_id = $1', [submissionId]);
      expect(Number(rows[0]?.n)).toBe(1);
    } finally {
      await db.end();
    }
  });

  it('G2: one network gets 5 submissions in a burst across both processes, not 5 per process', async () => {
    const skill = skills[0]!;
    const [ca, cb] = await Promise.all([connect(a, '203.0.113.20'), connect(b, '203.0.113.20')]);
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        submit(i % 2 === 0 ? ca : cb, 'submit_observation', {
          skill: skill.name,
          kind: 'caveat',
          text: `The counter closes at noon on Wednesdays, observation number ${i + 1} of this test.`,
          submission_id: randomUUID(),
        }),
      ),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(5);
    const limited = outcomes.filter((o) => !o.ok);
    expect(limited).toHaveLength(3);
    for (const o of limited) expect(o.text).toMatch(/try again in \d+ seconds/);
  });

  it('tallies count every process: votes from different networks through either process add up', async () => {
    const skill = skills[0]!;
    // 198.51.100.7 already confirmed this version in the G3 test.
    const voters = await Promise.all([connect(a, '192.0.2.10'), connect(b, '10.1.0.1'), connect(a, '10.2.0.1')]);
    const outcomes = await Promise.all([
      submit(voters[0]!, 'submit_validation', vote(skill)),
      submit(voters[1]!, 'submit_validation', vote(skill)),
      submit(voters[2]!, 'submit_validation', vote(skill, { verdict: 'reject', reason: 'The form changed last month.' })),
    ]);
    expect(outcomes.map((o) => o.receipt?.status)).toEqual(['recorded', 'recorded', 'recorded']);
    // G4: the rejecting network changes its mind through the other process; its vote is replaced, not added.
    const again = await connect(b, '10.2.0.1');
    const changed = await submit(again, 'submit_validation', vote(skill));
    expect(changed.ok).toBe(true);
    expect(changed.status).toMatchObject({ confirms: 4, rejects: 0, flags: 0, quarantined: false });
  });

  it('G7: injection flags from three networks arriving through different processes quarantine the version', async () => {
    const skill = skills[1]!;
    const flag = vote(skill, { verdict: 'reject', injection_flag: true });
    const [f1, f2] = await Promise.all([connect(a, '10.3.0.1'), connect(b, '10.4.0.1')]);
    const first = await Promise.all([submit(f1, 'submit_validation', flag), submit(f2, 'submit_validation', flag)]);
    expect(first.every((o) => o.ok)).toBe(true);
    const two = await submit(await connect(a, '10.5.0.1'), 'submit_validation', vote(skill));
    expect(two.status).toMatchObject({ flags: 2, quarantined: false });

    // A repeated flag from an already-counted network (other process) does not make a third key.
    const repeat = await submit(await connect(b, '10.3.0.1'), 'submit_validation', flag);
    expect(repeat.receipt?.status).toBe('duplicate');
    expect(repeat.status).toMatchObject({ flags: 2, quarantined: false });

    const third = await submit(await connect(b, '10.6.0.1'), 'submit_validation', flag);
    expect(third.status).toMatchObject({ flags: 3, quarantined: true });
    // The other process sees the quarantine too: it lives in the shared database, not in process memory.
    const seen = await submit(await connect(a, '10.7.0.1'), 'submit_validation', vote(skill));
    expect(seen.status).toMatchObject({ flags: 3, quarantined: true });
  });

  it('logs of both processes carry no database password', () => {
    const password = database ? decodeURIComponent(new URL(database.url).password) : '';
    expect(password.length).toBeGreaterThan(0);
    for (const served of [a, b]) expect(served?.stderr()).not.toContain(password);
  });
});
