/**
 * PostgreSQL for the store tests. Uses `LOKET_TEST_DATABASE_URL` when CI provides one (scripts/pg-test-cluster.sh);
 * otherwise, when the server binaries are on this machine, starts a throwaway cluster with the same script and
 * stops it afterwards. Each suite gets its own fresh database, so test files can run in parallel.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../scripts/pg-test-cluster.sh', import.meta.url));

function serverBinariesPresent(): boolean {
  try {
    if (readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb')))) return true;
  } catch {
    // no Debian layout
  }
  return (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/** Where the PostgreSQL tests get a server from, decided when the test file is collected. */
export const pgSource: 'env' | 'script' | undefined = process.env.LOKET_TEST_DATABASE_URL
  ? 'env'
  : serverBinariesPresent()
    ? 'script'
    : undefined;

/** True when the PostgreSQL suites must be skipped; prints why, once per file. */
export function skipPostgres(suite: string): boolean {
  if (pgSource !== undefined) return false;
  console.warn(
    `[${suite}] SKIPPED PostgreSQL tests: LOKET_TEST_DATABASE_URL is not set and no PostgreSQL server binaries were found ` +
      '(run `export LOKET_TEST_DATABASE_URL="$(scripts/pg-test-cluster.sh start)"`).',
  );
  return true;
}

export interface PgServer {
  /** URL of a database on the server the tests may use to create more databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** The server for this file: the one in `LOKET_TEST_DATABASE_URL`, or a throwaway cluster started now. */
export async function startPgServer(): Promise<PgServer> {
  const fromEnv = process.env.LOKET_TEST_DATABASE_URL;
  if (fromEnv) return { adminUrl: fromEnv, stop: async () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'loket-pg-'));
  const env = { ...process.env, LOKET_PG_DIR: dir };
  const { stdout } = await run('bash', [SCRIPT, 'start'], { env, timeout: 300_000 });
  const adminUrl = stdout.trim().split('\n').pop() ?? '';
  return {
    adminUrl,
    stop: async () => {
      try {
        await run('bash', [SCRIPT, 'stop'], { env, timeout: 60_000 });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A fresh, empty database on `server`, dropped by `drop()`. */
export async function createDatabase(server: PgServer): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `loket_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
