/**
 * One contract for every submissions store (SPEC §7; SECURITY G2–G4, G7, G8), run against the embedded SQLite
 * store and the PostgreSQL store. Each test gets a fresh, empty database.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { QUARANTINE_POLICY } from '../../src/submissions/status.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { ObservationRecord, RatePolicy, SubmissionStore, ValidationRecord } from '../../src/store/store.js';
import { createDatabase, skipPostgres, startPgServer, type PgServer } from './postgres-cluster.js';

const quiet = () => undefined;
const sha = (value: string) => createHash('sha256').update(value).digest('hex');
const DIGEST = `sha256:${sha('skill body')}`;
const SKILL = 'annex-3-arrival-declaration';
const VERSION = '1.0.0';
const DAY0 = new Date('2026-11-23T10:00:00.000Z');
const at = (days: number, minutes = 0) => new Date(DAY0.getTime() + days * 86_400_000 + minutes * 60_000);

/** A vote as the submission pipeline would hand it to the store (dedupe and payload hashes as in service.ts). */
function vote(
  o: { key: string; verdict?: 'confirm' | 'reject'; flag?: boolean; when?: Date; sid?: string | null; version?: string; reason?: string | null } = {
    key: 'k1',
  },
): ValidationRecord {
  const when = o.when ?? DAY0;
  const day = when.toISOString().slice(0, 10);
  const version = o.version ?? VERSION;
  const body = JSON.stringify({ verdict: o.verdict ?? 'confirm', flag: o.flag ?? false, reason: o.reason ?? null });
  return {
    submissionId: o.sid ?? null,
    dedupeKey: sha(JSON.stringify(['validation', SKILL, version, body, o.key, day])),
    payloadHash: sha(JSON.stringify(['validation', SKILL, version, body])),
    skill: SKILL,
    version,
    digest: DIGEST,
    verdict: o.verdict ?? 'confirm',
    injectionFlag: o.flag ?? false,
    reason: o.reason ?? null,
    diversityKey: o.key,
    utcDay: day,
    createdAt: when.toISOString(),
  };
}

function observation(o: { key: string; text?: string; sid?: string | null; held?: boolean }): ObservationRecord {
  const text = o.text ?? 'The commune asks for an appointment booked online before the visit.';
  const body = JSON.stringify({ kind: 'commune-practice', text });
  const day = DAY0.toISOString().slice(0, 10);
  return {
    submissionId: o.sid ?? null,
    dedupeKey: sha(JSON.stringify(['observation', SKILL, VERSION, body, o.key, day])),
    payloadHash: sha(JSON.stringify(['observation', SKILL, VERSION, body])),
    skill: SKILL,
    version: VERSION,
    kind: 'commune-practice',
    text,
    commune: null,
    state: o.held ? 'held' : 'open',
    heldFor: o.held ? ['R1'] : [],
    diversityKey: o.key,
    utcDay: day,
    createdAt: DAY0.toISOString(),
  };
}

/** Where a fresh database comes from; `open()` may be called more than once (one store per simulated process). */
interface Backend {
  name: 'sqlite' | 'postgres';
  skip: boolean;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  fresh(): Promise<{ open(): Promise<SubmissionStore>; cleanup(): Promise<void> }>;
}

let pgServer: PgServer | undefined;
const backends: Backend[] = [
  {
    name: 'sqlite',
    skip: false,
    setup: async () => undefined,
    teardown: async () => undefined,
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'loket-contract-'));
      const path = join(dir, 'loket.db');
      return { open: () => openSqliteStore({ path, log: quiet }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    skip: skipPostgres('store contract'),
    setup: async () => {
      pgServer = await startPgServer();
    },
    teardown: async () => {
      await pgServer?.stop();
    },
    fresh: async () => {
      if (!pgServer) throw new Error('PostgreSQL server not started');
      const db = await createDatabase(pgServer);
      return { open: () => openPostgresStore({ url: db.url, log: quiet }), cleanup: db.drop };
    },
  },
];

const RATE: RatePolicy = { capacity: 5, refillSeconds: 180, dailyLimit: 60, globalHourlyLimit: 2000 };

describe.each(backends)('store contract: $name', (backend) => {
  describe.skipIf(backend.skip)(backend.name, () => {
    let store: SubmissionStore;
    let extra: SubmissionStore[] = [];
    let db: Awaited<ReturnType<Backend['fresh']>>;

    beforeAll(() => backend.setup(), 120_000);
    afterAll(() => backend.teardown());
    beforeEach(async () => {
      db = await backend.fresh();
      store = await db.open();
      extra = [];
    });
    afterEach(async () => {
      for (const s of [store, ...extra]) await s.close();
      await db.cleanup();
    });

    const value = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
      if (!result.ok) throw new Error(`store error ${result.error.code}`);
      return result.value;
    };

    it('records a vote and returns a receipt naming the row (D2)', async () => {
      const receipt = value(await store.recordValidation(vote({ key: 'k1', sid: 'sid-1' }), QUARANTINE_POLICY));
      expect(receipt.status).toBe('recorded');
      expect(receipt.id).toMatch(/^v-\d+$/);
      const exported = value(await store.exportAll(at(1)));
      expect(exported.validations).toHaveLength(1);
      expect(exported.validations[0]).toMatchObject({ ...vote({ key: 'k1', sid: 'sid-1' }), id: receipt.id, superseded: false, resolvedAt: null });
      const obs = value(await store.recordObservation(observation({ key: 'k1' })));
      expect(obs).toMatchObject({ status: 'recorded' });
      expect(obs.id).toMatch(/^o-\d+$/);
    });

    it('G3: a retry with the same submission_id or the same dedupe key returns the original receipt', async () => {
      const first = value(await store.recordValidation(vote({ key: 'k1', sid: 'sid-1' }), QUARANTINE_POLICY));
      expect(value(await store.recordValidation(vote({ key: 'k1', sid: 'sid-1' }), QUARANTINE_POLICY))).toEqual({ id: first.id, status: 'duplicate' });
      // Same payload, same network, same day, no submission_id: the derived dedupe key catches it.
      expect(value(await store.recordValidation(vote({ key: 'k1' }), QUARANTINE_POLICY))).toEqual({ id: first.id, status: 'duplicate' });
      const o1 = value(await store.recordObservation(observation({ key: 'k2' })));
      expect(value(await store.recordObservation(observation({ key: 'k2' })))).toEqual({ id: o1.id, status: 'duplicate' });
      const exported = value(await store.exportAll(at(0)));
      expect(exported.validations).toHaveLength(1);
      expect(exported.observations).toHaveLength(1);
    });

    it('G3: the same submission_id with another payload is refused as idempotency-key-reused', async () => {
      value(await store.recordValidation(vote({ key: 'k1', sid: 'sid-1' }), QUARANTINE_POLICY));
      const reused = await store.recordValidation(vote({ key: 'k1', sid: 'sid-1', verdict: 'reject' }), QUARANTINE_POLICY);
      expect(reused).toMatchObject({ ok: false, error: { code: 'idempotency-key-reused' } });
      const crossKind = await store.recordObservation(observation({ key: 'k1', sid: 'sid-1' }));
      expect(crossKind).toMatchObject({ ok: false, error: { code: 'idempotency-key-reused' } });
      const exported = value(await store.exportAll(at(0)));
      expect(exported.validations.map((v) => v.verdict)).toEqual(['confirm']);
      expect(exported.observations).toHaveLength(0);
    });

    it('G4: a later vote of the same key on the same day replaces the earlier one (last write wins)', async () => {
      value(await store.recordValidation(vote({ key: 'k1', verdict: 'confirm' }), QUARANTINE_POLICY));
      value(await store.recordValidation(vote({ key: 'k1', verdict: 'reject', when: at(0, 5) }), QUARANTINE_POLICY));
      expect(value(await store.tally(SKILL, VERSION))).toMatchObject({ confirms: 0, rejects: 1 });
      // Repeating the first vote makes it the latest word again, without adding a row.
      const again = value(await store.recordValidation(vote({ key: 'k1', verdict: 'confirm' }), QUARANTINE_POLICY));
      expect(again.status).toBe('duplicate');
      expect(value(await store.tally(SKILL, VERSION))).toMatchObject({ confirms: 1, rejects: 0 });
      const exported = value(await store.exportAll(at(0)));
      expect(exported.validations.filter((v) => !v.superseded)).toHaveLength(1);
      expect(exported.validations).toHaveLength(2);
    });

    it('tallies count distinct networks per verdict, per version', async () => {
      for (const key of ['k1', 'k2', 'k3']) value(await store.recordValidation(vote({ key }), QUARANTINE_POLICY));
      value(await store.recordValidation(vote({ key: 'k4', verdict: 'reject' }), QUARANTINE_POLICY));
      value(await store.recordValidation(vote({ key: 'k1', version: '0.9.0', verdict: 'reject' }), QUARANTINE_POLICY));
      // The same key confirming again on another day still counts once.
      value(await store.recordValidation(vote({ key: 'k1', when: at(1) }), QUARANTINE_POLICY));
      expect(value(await store.tally(SKILL, VERSION))).toEqual({
        skill: SKILL,
        version: VERSION,
        digest: DIGEST,
        confirms: 3,
        rejects: 1,
        flags: 0,
        quarantined: false,
      });
      expect(value(await store.tally(SKILL, '0.9.0'))).toMatchObject({ confirms: 0, rejects: 1 });
      expect(value(await store.tally(SKILL, '7.7.7'))).toMatchObject({ confirms: 0, rejects: 0, flags: 0, digest: null, quarantined: false });
    });

    it('G7: injection flags from 3 distinct keys within 7 days quarantine the version', async () => {
      value(await store.recordValidation(vote({ key: 'k1', flag: true, verdict: 'reject' }), QUARANTINE_POLICY));
      value(await store.recordValidation(vote({ key: 'k2', flag: true, verdict: 'reject', when: at(2) }), QUARANTINE_POLICY));
      expect(value(await store.tally(SKILL, VERSION))).toMatchObject({ flags: 2, quarantined: false });
      expect(value(await store.activeQuarantine(SKILL, VERSION))).toBeNull();
      value(await store.recordValidation(vote({ key: 'k3', flag: true, verdict: 'reject', when: at(6) }), QUARANTINE_POLICY));
      expect(value(await store.tally(SKILL, VERSION))).toMatchObject({ flags: 3, quarantined: true });
      expect(value(await store.activeQuarantine(SKILL, VERSION))).toMatchObject({ skill: SKILL, version: VERSION, clearedAt: null });
    });

    it('G7: three flags from one key, or flags spread over more than 7 days, do not quarantine', async () => {
      for (const day of [0, 1, 2]) {
        value(await store.recordValidation(vote({ key: 'k1', flag: true, verdict: 'reject', when: at(day) }), QUARANTINE_POLICY));
      }
      expect(value(await store.tally(SKILL, VERSION))).toMatchObject({ flags: 1, quarantined: false });
      value(await store.recordValidation(vote({ key: 'k2', flag: true, verdict: 'reject', when: at(9) }), QUARANTINE_POLICY));
      value(await store.recordValidation(vote({ key: 'k3', flag: true, verdict: 'reject', when: at(10) }), QUARANTINE_POLICY));
      // k1's flags are all older than 7 days by day 10, so only two keys are inside the window.
      expect(value(await store.tally(SKILL, VERSION))).toMatchObject({ flags: 3, quarantined: false });
      expect(value(await store.activeQuarantine(SKILL, VERSION))).toBeNull();
    });

    it('clearing a quarantine lifts it and resolves the flags that caused it', async () => {
      for (const key of ['k1', 'k2', 'k3']) value(await store.recordValidation(vote({ key, flag: true, verdict: 'reject' }), QUARANTINE_POLICY));
      expect(value(await store.clearQuarantine(SKILL, VERSION, at(1)))).toBe(true);
      expect(value(await store.activeQuarantine(SKILL, VERSION))).toBeNull();
      expect(value(await store.tally(SKILL, VERSION))).toMatchObject({ flags: 0, quarantined: false, rejects: 3 });
      expect(value(await store.clearQuarantine(SKILL, VERSION, at(1)))).toBe(false);
      // Old flags no longer count: two new keys are not enough for a new quarantine, a third is.
      value(await store.recordValidation(vote({ key: 'k4', flag: true, verdict: 'reject', when: at(1, 1) }), QUARANTINE_POLICY));
      value(await store.recordValidation(vote({ key: 'k5', flag: true, verdict: 'reject', when: at(1, 2) }), QUARANTINE_POLICY));
      expect(value(await store.tally(SKILL, VERSION))).toMatchObject({ flags: 2, quarantined: false });
      value(await store.recordValidation(vote({ key: 'k6', flag: true, verdict: 'reject', when: at(1, 3) }), QUARANTINE_POLICY));
      expect(value(await store.tally(SKILL, VERSION))).toMatchObject({ flags: 3, quarantined: true });
    });

    it('the review snapshot lists quarantines, open flags, held and open observations and tallies', async () => {
      const flag = value(await store.recordValidation(vote({ key: 'k1', flag: true, verdict: 'reject' }), QUARANTINE_POLICY));
      value(await store.recordValidation(vote({ key: 'k2' }), QUARANTINE_POLICY));
      const held = value(await store.recordObservation(observation({ key: 'k1', held: true, text: 'Held because soft findings were raised here.' })));
      const open = value(await store.recordObservation(observation({ key: 'k2' })));
      const snapshot = value(await store.review());
      expect(snapshot.quarantines).toEqual([]);
      expect(snapshot.openFlags.map((f) => f.id)).toEqual([flag.id]);
      expect(snapshot.heldObservations.map((o) => [o.id, o.heldFor])).toEqual([[held.id, ['R1']]]);
      expect(snapshot.openObservations.map((o) => o.id)).toEqual([open.id]);
      expect(snapshot.tallies).toEqual([{ skill: SKILL, version: VERSION, digest: DIGEST, confirms: 1, rejects: 1, flags: 1, quarantined: false }]);
      expect(value(await store.resolve('observation', open.id, at(1)))).toBe(true);
      expect(value(await store.resolve('observation', open.id, at(1)))).toBe(false);
      expect(value(await store.resolve('validation', flag.id, at(1)))).toBe(true);
      expect(value(await store.resolve('validation', 'o-999', at(1)))).toBe(false);
      const after = value(await store.review());
      expect(after.openObservations).toEqual([]);
      expect(after.openFlags).toEqual([]);
    });

    it('exports every row with the schema version and without salts or rate-limit state (G8)', async () => {
      value(await store.getOrCreateSalt('2026-11-23', 'a'.repeat(64)));
      value(await store.takeSubmissionToken('rate-key', DAY0, RATE));
      value(await store.recordValidation(vote({ key: 'k1' }), QUARANTINE_POLICY));
      value(await store.recordObservation(observation({ key: 'k1' })));
      const exported = value(await store.exportAll(at(1)));
      expect(exported.schemaVersion).toBe('0001_submissions');
      expect(exported.exportedAt).toBe(at(1).toISOString());
      expect(exported.validations).toHaveLength(1);
      expect(exported.observations).toHaveLength(1);
      expect(exported.observations[0]).toMatchObject({ ...observation({ key: 'k1' }), state: 'open', resolvedAt: null });
      const json = JSON.stringify(exported);
      expect(json).not.toContain('a'.repeat(64));
      expect(json).not.toContain('rate-key');
    });

    it('G2: a token bucket of 5 refilling one per 3 minutes, per key, plus a daily cap and a global breaker', async () => {
      for (let i = 0; i < 5; i++) expect(value(await store.takeSubmissionToken('key-a', DAY0, RATE))).toMatchObject({ allowed: true });
      expect(value(await store.takeSubmissionToken('key-a', DAY0, RATE))).toEqual({ allowed: false, scope: 'burst', retryAfterSeconds: 180 });
      expect(value(await store.takeSubmissionToken('key-b', DAY0, RATE))).toEqual({ allowed: true, remaining: 4 });
      expect(value(await store.takeSubmissionToken('key-a', at(0, 3), RATE))).toEqual({ allowed: true, remaining: 0 });
      expect(value(await store.takeSubmissionToken('key-a', at(0, 3), RATE))).toMatchObject({ allowed: false, scope: 'burst' });

      const daily: RatePolicy = { capacity: 100, refillSeconds: 1, dailyLimit: 3, globalHourlyLimit: 1000 };
      for (let i = 0; i < 3; i++) expect(value(await store.takeSubmissionToken('key-d', DAY0, daily))).toMatchObject({ allowed: true });
      expect(value(await store.takeSubmissionToken('key-d', DAY0, daily))).toEqual({ allowed: false, scope: 'daily', retryAfterSeconds: 14 * 3600 });
      expect(value(await store.takeSubmissionToken('key-d', at(1), daily))).toMatchObject({ allowed: true });

      const global: RatePolicy = { capacity: 5, refillSeconds: 180, dailyLimit: 60, globalHourlyLimit: 2 };
      const hour = new Date('2026-11-25T08:00:00.000Z');
      expect(value(await store.takeSubmissionToken('g1', hour, global))).toMatchObject({ allowed: true });
      expect(value(await store.takeSubmissionToken('g2', hour, global))).toMatchObject({ allowed: true });
      expect(value(await store.takeSubmissionToken('g3', hour, global))).toEqual({ allowed: false, scope: 'global', retryAfterSeconds: 600 });
    });

    it('G2: concurrent takes from two store connections never hand out more than the bucket holds', async () => {
      const other = await db.open();
      extra.push(other);
      const decisions = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? store : other).takeSubmissionToken('shared-key', DAY0, RATE)),
      );
      const allowed = decisions.map(value).filter((d) => d.allowed);
      expect(allowed).toHaveLength(5);
    });

    it('G3: 20 concurrent identical submissions through two store connections make exactly 1 row', async () => {
      const other = await db.open();
      extra.push(other);
      const record = vote({ key: 'k1', sid: '01JD6Z0000000000000000000A' });
      const receipts = (
        await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : other).recordValidation(record, QUARANTINE_POLICY)))
      ).map(value);
      expect(new Set(receipts.map((r) => r.id)).size).toBe(1);
      expect(receipts.filter((r) => r.status === 'recorded')).toHaveLength(1);
      const observations = (
        await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? store : other).recordObservation(observation({ key: 'k9' }))))
      ).map(value);
      expect(observations.filter((r) => r.status === 'recorded')).toHaveLength(1);
      const exported = value(await store.exportAll(at(0)));
      expect(exported.validations).toHaveLength(1);
      expect(exported.observations).toHaveLength(1);
    });

    it('G7: flags arriving at once from different keys still quarantine exactly once', async () => {
      const other = await db.open();
      extra.push(other);
      await Promise.all(
        ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'].map((key, i) =>
          (i % 2 === 0 ? store : other).recordValidation(vote({ key, flag: true, verdict: 'reject' }), QUARANTINE_POLICY).then(value),
        ),
      );
      expect(value(await store.tally(SKILL, VERSION))).toMatchObject({ flags: 6, quarantined: true });
      const exported = value(await store.exportAll(at(0)));
      expect(exported.quarantines).toHaveLength(1);
    });

    it('G8: the first salt of a day wins for every connection and old salts can be deleted', async () => {
      const other = await db.open();
      extra.push(other);
      const [a, b] = await Promise.all([store.getOrCreateSalt('2026-11-23', 'a'.repeat(64)), other.getOrCreateSalt('2026-11-23', 'b'.repeat(64))]);
      expect(value(a)).toBe(value(b));
      value(await store.getOrCreateSalt('2026-11-22', 'c'.repeat(64)));
      value(await store.getOrCreateSalt('2026-11-21', 'd'.repeat(64)));
      expect(value(await store.deleteSaltsBefore('2026-11-23'))).toBe(2);
      expect(value(await other.getOrCreateSalt('2026-11-22', 'e'.repeat(64)))).toBe('e'.repeat(64));
    });
  });
});
