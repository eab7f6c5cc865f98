/**
 * What only the PostgreSQL store has to get right: migrations when several processes start at once, clean errors
 * when the server is unreachable (naming DATABASE_URL, never the password), serialization failures and lost
 * connections retried in-process, and correctness under concurrent writers from several pools (one per process).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUARANTINE_POLICY } from '../../src/submissions/status.js';
import { describeStore, openStore, StoreOpenError } from '../../src/store/open.js';
import { isPostgresUrl, openPostgresStore, PgSubmissionStore, redactDatabaseUrl } from '../../src/store/postgres.js';
import { SqliteSubmissionStore } from '../../src/store/sqlite.js';
import type { StoreResult, ValidationRecord } from '../../src/store/store.js';
import { createDatabase, skipPostgres, startPgServer, type PgServer } from './postgres-cluster.js';

const sha = (value: string) => createHash('sha256').update(value).digest('hex');
const DIGEST = `sha256:${sha('skill body')}`;
const WHEN = new Date('2026-11-23T10:00:00.000Z');

function vote(key: string, o: { flag?: boolean; sid?: string; skill?: string } = {}): ValidationRecord {
  const skill = o.skill ?? 'annex-3-arrival-declaration';
  const body = JSON.stringify({ verdict: o.flag ? 'reject' : 'confirm', flag: o.flag ?? false });
  return {
    submissionId: o.sid ?? null,
    dedupeKey: sha(JSON.stringify(['validation', skill, '1.0.0', body, key, '2026-11-23'])),
    payloadHash: sha(JSON.stringify(['validation', skill, '1.0.0', body])),
    skill,
    version: '1.0.0',
    digest: DIGEST,
    verdict: o.flag ? 'reject' : 'confirm',
    injectionFlag: o.flag ?? false,
    reason: null,
    diversityKey: key,
    utcDay: '2026-11-23',
    createdAt: WHEN.toISOString(),
  };
}

const value = <T>(result: StoreResult<T>): T => {
  if (!result.ok) throw new Error(`store error ${result.error.code}: ${result.error.message}`);
  return result.value;
};

/** A local port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('choosing the store from DATABASE_URL', () => {
  it('opens SQLite at dbPath when no PostgreSQL URL is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loket-open-'));
    try {
      for (const databaseUrl of [undefined, '', '   ']) {
        const store = await openStore({ databaseUrl, dbPath: join(dir, 'loket.db'), log: () => undefined });
        expect(store).toBeInstanceOf(SqliteSubmissionStore);
        await store.close();
      }
      expect(describeStore({})).toEqual({ kind: 'sqlite', where: './data/loket.db' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a DATABASE_URL that is not PostgreSQL instead of silently using SQLite', async () => {
    await expect(openStore({ databaseUrl: 'mysql://root:hunter2@db/loket' })).rejects.toThrow(StoreOpenError);
    await expect(openStore({ databaseUrl: 'mysql://root:hunter2@db/loket' })).rejects.not.toThrow(/hunter2/);
  });

  it('recognises postgres:// and postgresql:// URLs and redacts credentials for logs', () => {
    expect(isPostgresUrl('postgres://u:p@h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://u:p@h:5432/db')).toBe(true);
    expect(isPostgresUrl('sqlite:./data/loket.db')).toBe(false);
    expect(isPostgresUrl(undefined)).toBe(false);
    expect(redactDatabaseUrl('postgres://loket:s3cr%40t@db.internal:5432/loket?sslmode=require')).toBe(
      'postgres://***@db.internal:5432/loket?sslmode=require',
    );
    expect(redactDatabaseUrl('postgresql://h/db?password=s3cret&sslmode=require')).toBe('postgresql://***@h/db?password=***&sslmode=require');
    expect(describeStore({ databaseUrl: 'postgres://loket:pw@db:5432/loket' })).toEqual({ kind: 'postgres', where: 'postgres://***@db:5432/loket' });
  });
});

describe('an unreachable PostgreSQL server', () => {
  const PASSWORD = 'n0t-in-any-log';

  it('fails to open with store-unavailable, a hint to check DATABASE_URL and no password', async () => {
    const lines: string[] = [];
    const url = `postgres://loket:${PASSWORD}@127.0.0.1:${await closedPort()}/loket`;
    const error = await openStore({ databaseUrl: url, log: (line) => lines.push(line) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as StoreOpenError).code).toBe('store-unavailable');
    expect((error as Error).message).toContain('DATABASE_URL');
    expect((error as Error).message).toContain('127.0.0.1');
    expect((error as Error).message).not.toContain(PASSWORD);
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });

  it('answers every call with a store-unavailable value, never a throw', async () => {
    const lines: string[] = [];
    const store = new PgSubmissionStore({ url: `postgres://loket:${PASSWORD}@127.0.0.1:${await closedPort()}/loket`, log: (l) => lines.push(l) });
    try {
      const results = [
        await store.recordValidation(vote('k1'), QUARANTINE_POLICY),
        await store.tally('annex-3-arrival-declaration', '1.0.0'),
        await store.takeSubmissionToken('key', WHEN, { capacity: 5, refillSeconds: 180, dailyLimit: 60, globalHourlyLimit: 2000 }),
        await store.getOrCreateSalt('2026-11-23', 'a'.repeat(64)),
        await store.review(),
      ];
      for (const result of results) {
        expect(result).toMatchObject({ ok: false, error: { code: 'store-unavailable' } });
        if (!result.ok) {
          expect(result.error.message).toContain('DATABASE_URL');
          expect(result.error.message).not.toContain(PASSWORD);
        }
      }
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toContain(PASSWORD);
    } finally {
      await store.close();
    }
  });
});

const skip = skipPostgres('postgres store');

describe.skipIf(skip)('PostgreSQL store on a live server', () => {
  let server: PgServer;
  const drops: Array<() => Promise<void>> = [];
  const fresh = async () => {
    const db = await createDatabase(server);
    drops.push(db.drop);
    return db.url;
  };

  beforeAll(async () => {
    server = await startPgServer();
  }, 120_000);
  afterAll(async () => {
    for (const drop of drops) await drop().catch(() => undefined);
    await server?.stop();
  });

  it('migrates exactly once when five processes start at the same moment', async () => {
    const url = await fresh();
    const stores = await Promise.all(Array.from({ length: 5 }, () => openPostgresStore({ url, log: () => undefined })));
    try {
      const versions = (await stores[0]!.pool.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version);
      expect(versions).toEqual(['0001_submissions']);
      await stores[1]!.migrate();
      expect(await stores[2]!.schemaVersion()).toBe('0001_submissions');
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('refuses a wrong password with store-unavailable and does not echo it', async () => {
    const url = new URL(server.adminUrl);
    url.password = 'wrong-password-xyz';
    const error = await openStore({ databaseUrl: url.toString(), log: () => undefined }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error?.message).toContain('28P01');
    expect(error?.message).not.toContain('wrong-password-xyz');
  });

  it('D4: four processes × 50 votes at once → exactly 200 rows, one quarantine, no error surfaced', async () => {
    const url = await fresh();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore({ url, log: () => undefined })));
    try {
      const results = await Promise.all(
        stores.flatMap((store, p) =>
          Array.from({ length: 50 }, (_, i) => store.recordValidation(vote(`p${p}-k${i}`, { flag: i % 10 === 0 }), QUARANTINE_POLICY)),
        ),
      );
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(results.map(value).filter((r) => r.status === 'recorded')).toHaveLength(200);
      const exported = value(await stores[0]!.exportAll(WHEN));
      expect(exported.validations).toHaveLength(200);
      expect(exported.quarantines).toHaveLength(1);
      expect(value(await stores[3]!.tally('annex-3-arrival-declaration', '1.0.0'))).toMatchObject({ confirms: 180, rejects: 20, flags: 20, quarantined: true });
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('a burst larger than the pool waits for a free connection instead of failing', async () => {
    const url = await fresh();
    const store = await openPostgresStore({ url, poolMax: 1, connectTimeoutMs: 300, log: () => undefined });
    try {
      // The only connection stays busy for longer than the connect timeout.
      const busy = await store.pool.connect();
      const writes = Promise.all(Array.from({ length: 10 }, (_, i) => store.recordValidation(vote(`burst-${i}`), QUARANTINE_POLICY)));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      busy.release();
      const results = await writes;
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(value(await store.tally('annex-3-arrival-declaration', '1.0.0')).confirms).toBe(10);
    } finally {
      await store.close();
    }
  });

  it('retries serialization failures and deadlocks (40001, 40P01) in-process; the caller sees one receipt', async () => {
    const url = await fresh();
    const store = await openPostgresStore({ url, log: () => undefined });
    try {
      // The next two COMMITs fail the way PostgreSQL reports a serialization failure and a deadlock.
      const failures = ['40001', '40P01'];
      const connect = store.pool.connect.bind(store.pool) as () => Promise<pg.PoolClient>;
      (store.pool as unknown as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
        const client = await connect();
        const query = client.query.bind(client) as (text: string, params?: unknown[]) => Promise<unknown>;
        (client as unknown as { query: typeof query }).query = async (text: string, params?: unknown[]) => {
          if (text === 'COMMIT' && failures.length > 0) {
            await query('ROLLBACK');
            throw Object.assign(new Error('could not serialize access'), { code: failures.shift() });
          }
          return query(text, params);
        };
        return client;
      };
      const receipt = value(await store.recordValidation(vote('k1', { sid: '01JD6Z00000000000000000001' }), QUARANTINE_POLICY));
      expect(receipt.status).toBe('recorded');
      expect(failures).toEqual([]);
      expect(value(await store.exportAll(WHEN)).validations).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('survives its connections being terminated by the server (restart, failover)', async () => {
    const url = await fresh();
    const lines: string[] = [];
    const store = await openPostgresStore({ url, log: (l) => lines.push(l) });
    try {
      value(await store.recordValidation(vote('k1'), QUARANTINE_POLICY));
      const admin = new pg.Client({ connectionString: server.adminUrl });
      await admin.connect();
      try {
        const terminated = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'loket' AND datname = $1`,
          [new URL(url).pathname.slice(1)],
        );
        expect(terminated.rowCount).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
      const receipt = value(await store.recordValidation(vote('k2'), QUARANTINE_POLICY));
      expect(receipt.status).toBe('recorded');
      expect(value(await store.tally('annex-3-arrival-declaration', '1.0.0')).confirms).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('D2: a receipt means committed — another process sees the row at once', async () => {
    const url = await fresh();
    const [writer, reader] = await Promise.all([openPostgresStore({ url, log: () => undefined }), openPostgresStore({ url, log: () => undefined })]);
    try {
      for (let i = 0; i < 10; i++) {
        const receipt = value(await writer.recordValidation(vote(`k${i}`), QUARANTINE_POLICY));
        const { rows } = await reader.pool.query('SELECT 1 FROM validations WHERE id = $1', [receipt.id.slice(2)]);
        expect(rows).toHaveLength(1);
      }
    } finally {
      await Promise.all([writer.close(), reader.close()]);
    }
  });
});
