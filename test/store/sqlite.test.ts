/**
 * Pins the SQLite store itself (SECURITY D1, D2, D7, G2, G3, G4): connection PRAGMAs, migrations, CHECK
 * constraints and UNIQUE indexes as the final guard, shared rate-limit state, and a bounded WAL.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, openSqliteStore } from '../../src/store/sqlite.js';
import type { ValidationRecord } from '../../src/store/store.js';

const dir = mkdtempSync(join(tmpdir(), 'loket-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const policy = { minKeys: 3, windowDays: 7 };
const record = (key: string, overrides: Partial<ValidationRecord> = {}): ValidationRecord => ({
  submissionId: null,
  dedupeKey: hex(`dedupe-${key}`),
  payloadHash: hex(`payload-${key}`),
  skill: 'annex-3-arrival-declaration',
  version: '1.0.0',
  digest: `sha256:${hex('body')}`,
  verdict: 'confirm',
  injectionFlag: false,
  reason: null,
  diversityKey: `div-${key}`,
  utcDay: '2026-11-23',
  createdAt: '2026-11-23T10:00:00.000Z',
  ...overrides,
});

describe('connection', () => {
  it('D1: the production connection factory sets WAL, synchronous=FULL, busy_timeout=5000, foreign_keys=ON', async () => {
    const path = join(dir, 'nested', 'folder', 'd1.db');
    const db = openDatabase(path);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
    const store = await openSqliteStore({ path });
    try {
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('D1: a rate-limit token skips the fsync, and the connection is back to synchronous=FULL for submissions', async () => {
    const store = await openSqliteStore({ path: join(dir, 'd1-token.db') });
    try {
      const rates = { capacity: 5, refillSeconds: 180, dailyLimit: 60, globalHourlyLimit: 2000 };
      expect((await store.takeSubmissionToken('k', new Date('2026-11-23T10:00:00Z'), rates)).ok).toBe(true);
      expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
      expect((await store.recordValidation(record('after-token'), policy)).ok).toBe(true);
      expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('applies each migration once, recorded in schema_migrations', async () => {
    const path = join(dir, 'migrations.db');
    await (await openSqliteStore({ path })).close();
    const store = await openSqliteStore({ path });
    try {
      const rows = store.db.prepare('SELECT version FROM schema_migrations').all();
      expect(rows).toEqual([{ version: '0001_submissions' }]);
      expect(store.schemaVersion()).toBe('0001_submissions');
    } finally {
      await store.close();
    }
  });
});

describe('constraints', () => {
  it('CHECK constraints refuse rows the contract forbids, even when written around the store', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      const insert = (verdict: string, reason: string | null) =>
        store.db
          .prepare(
            `INSERT INTO validations (dedupe_key, payload_hash, skill, version, digest, verdict, injection_flag, reason, diversity_key, utc_day, created_at)
             VALUES (?, ?, 'a', '1.0.0', ?, ?, 0, ?, 'k', '2026-11-23', '2026-11-23T10:00:00.000Z')`,
          )
          .run(hex(verdict + reason), hex('p'), `sha256:${hex('b')}`, verdict, reason);
      expect(() => insert('maybe', null)).toThrow(/CHECK/);
      expect(() => insert('confirm', 'x'.repeat(501))).toThrow(/CHECK/);
      expect(() => store.db.prepare(`UPDATE observations SET state = 'gone'`).run()).not.toThrow();
      expect(() => insert('confirm', 'fine')).not.toThrow();
    } finally {
      await store.close();
    }
  });

  it('G3: the UNIQUE indexes hold even without the application checks', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      expect(await store.recordValidation(record('a', { submissionId: 'id-1' }), policy)).toMatchObject({ ok: true });
      const raw = (r: ValidationRecord) =>
        store.db
          .prepare(
            `INSERT INTO validations (submission_id, dedupe_key, payload_hash, skill, version, digest, verdict, injection_flag, diversity_key, utc_day, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
          )
          .run(r.submissionId, r.dedupeKey, r.payloadHash, r.skill, r.version, r.digest, r.verdict, r.diversityKey, r.utcDay, r.createdAt);
      expect(() => raw(record('b', { submissionId: 'id-1' }))).toThrow(/UNIQUE/);
      expect(() => raw(record('a', { diversityKey: 'other' }))).toThrow(/UNIQUE/);
      // G4: a second current vote for the same key and day.
      expect(() => raw(record('c', { diversityKey: 'div-a' }))).toThrow(/UNIQUE/);
    } finally {
      await store.close();
    }
  });

  it('D2: the receipt names the committed row', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      const receipt = await store.recordValidation(record('x', { reason: 'named' }), policy);
      expect(receipt.ok).toBe(true);
      if (!receipt.ok) return;
      expect(store.db.inTransaction).toBe(false);
      const id = Number(receipt.value.id.replace('v-', ''));
      expect(store.db.prepare('SELECT reason FROM validations WHERE id = ?').get(id)).toEqual({ reason: 'named' });
    } finally {
      await store.close();
    }
  });
});

describe('rate limits', () => {
  const rate = { capacity: 5, refillSeconds: 180, dailyLimit: 60, globalHourlyLimit: 2000 };

  it('G2: token buckets live in the database, so two processes on one store share them', async () => {
    const path = join(dir, 'rate.db');
    const a = await openSqliteStore({ path });
    const b = await openSqliteStore({ path });
    const now = new Date('2026-11-23T10:00:00Z');
    try {
      for (let i = 0; i < 5; i++) expect(await (i % 2 ? a : b).takeSubmissionToken('k', now, rate)).toMatchObject({ ok: true, value: { allowed: true } });
      expect(await a.takeSubmissionToken('k', now, rate)).toEqual({ ok: true, value: { allowed: false, scope: 'burst', retryAfterSeconds: 180 } });
      expect(await b.takeSubmissionToken('k', new Date(now.getTime() + 60_000), rate)).toEqual({
        ok: true,
        value: { allowed: false, scope: 'burst', retryAfterSeconds: 120 },
      });
      expect(await b.takeSubmissionToken('k', new Date(now.getTime() + 180_000), rate)).toMatchObject({ ok: true, value: { allowed: true } });
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('salts', () => {
  it('G8: the first salt stored for a day wins, and older days are deleted', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      expect(await store.getOrCreateSalt('2026-11-22', 'a'.repeat(64))).toEqual({ ok: true, value: 'a'.repeat(64) });
      expect(await store.getOrCreateSalt('2026-11-22', 'b'.repeat(64))).toEqual({ ok: true, value: 'a'.repeat(64) });
      await store.getOrCreateSalt('2026-11-23', 'c'.repeat(64));
      expect(await store.deleteSaltsBefore('2026-11-23')).toEqual({ ok: true, value: 1 });
      expect(store.db.prepare('SELECT utc_day FROM salts').all()).toEqual([{ utc_day: '2026-11-23' }]);
    } finally {
      await store.close();
    }
  });
});

describe('write-ahead log', () => {
  it('D7: the -wal file stays under 64 MiB after 10,000 inserts with a long-lived reader', async () => {
    const path = join(dir, 'd7.db');
    const store = await openSqliteStore({ path, walCheckpointBytes: 4 * 1024 * 1024, checkpointEvery: 100 });
    // WAL growth does not depend on the sync level; skipping fsync keeps 10,000 commits fast. D1 pins FULL.
    store.db.pragma('synchronous = OFF');
    const reader = openDatabase(path);
    const count = reader.prepare('SELECT COUNT(*) AS n FROM validations');
    let maxWal = 0;
    let maxSeen = 0;
    try {
      reader.exec('BEGIN');
      count.get();
      for (let i = 0; i < 10_000; i++) {
        // The reader holds a snapshot across batches of 250 writes (passive checkpoints cannot pass it), then
        // lets one write through before reading again.
        if (i % 250 === 0) reader.exec('COMMIT');
        if (i % 250 === 1) {
          reader.exec('BEGIN');
          count.get();
        }
        const r = await store.recordValidation(record(`w${i}`, { reason: 'r'.repeat(300) }), policy);
        if (!r.ok) throw new Error(r.error.code);
        if (i % 500 === 0) maxWal = Math.max(maxWal, statSync(`${path}-wal`).size);
      }
      if (reader.inTransaction) reader.exec('COMMIT');
      maxSeen = store.checkpointIfLarge();
      maxWal = Math.max(maxWal, statSync(`${path}-wal`).size);
      expect((count.get() as { n: number }).n).toBe(10_000);
    } finally {
      reader.close();
      await store.close();
    }
    expect(maxWal).toBeLessThan(64 * 1024 * 1024);
    expect(maxSeen).toBeGreaterThanOrEqual(0);
  }, 120_000);
});
