/**
 * G3 on both stores: a submission id is one key whatever its case. UUIDs and ULIDs are case-insensitive by
 * definition, so a client resending its key in another case gets its original receipt (or `idempotency_key_reused`
 * for another payload), never a second row.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalSubmissionId } from '../../src/store/core.js';
import { QUARANTINE_POLICY } from '../../src/store/lifecycle.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { ObservationRecord, StoreResult, SubmissionStore, ValidationRecord } from '../../src/store/store.js';
import { createDatabase, skipPostgres, startPgServer, type PgServer } from './postgres-cluster.js';

const sha = (value: string) => createHash('sha256').update(value).digest('hex');
const WHEN = '2026-11-23T10:00:00.000Z';
const UUID = '5f0c6a2e-3b1d-4c8e-9a7f-0d2b4e6c8a1f';
const ULID = '01JD6Z8Q4R5S6T7V8W9X0YZABC';

function vote(sid: string, verdict: 'confirm' | 'reject', key: string): ValidationRecord {
  return {
    submissionId: sid,
    dedupeKey: sha(`dedupe|${verdict}|${key}`),
    payloadHash: sha(`payload|${verdict}`),
    skill: 'annex-3-arrival-declaration',
    version: '1.0.0',
    digest: `sha256:${sha('body')}`,
    verdict,
    injectionFlag: false,
    reason: null,
    diversityKey: key,
    utcDay: WHEN.slice(0, 10),
    createdAt: WHEN,
  };
}

function observation(sid: string, key: string): ObservationRecord {
  return {
    submissionId: sid,
    dedupeKey: sha(`observation|${key}`),
    payloadHash: sha('observation payload'),
    skill: 'annex-3-arrival-declaration',
    version: '1.0.0',
    kind: 'caveat',
    text: 'The counter closes at noon on Wednesdays.',
    commune: null,
    state: 'open',
    heldFor: [],
    diversityKey: key,
    utcDay: WHEN.slice(0, 10),
    createdAt: WHEN,
  };
}

const value = <T>(result: StoreResult<T>): T => {
  if (!result.ok) throw new Error(`store error ${result.error.code}`);
  return result.value;
};

describe('canonical submission ids', () => {
  it('spells UUIDs in lower case and ULIDs in upper case, and leaves other ids as they are', () => {
    expect(canonicalSubmissionId(UUID.toUpperCase())).toBe(UUID);
    expect(canonicalSubmissionId(ULID.toLowerCase())).toBe(ULID);
    expect(canonicalSubmissionId('Sid-1')).toBe('Sid-1');
    expect(canonicalSubmissionId(null)).toBeNull();
  });
});

let pgServer: PgServer | undefined;
const backends = [
  {
    name: 'sqlite',
    skip: false,
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'loket-sid-'));
      const store = await openSqliteStore({ path: join(dir, 'loket.db'), log: () => undefined });
      return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    skip: skipPostgres('submission ids'),
    open: async () => {
      pgServer ??= await startPgServer();
      const db = await createDatabase(pgServer);
      return { store: await openPostgresStore({ url: db.url, log: () => undefined }), cleanup: db.drop };
    },
  },
];

afterAll(async () => {
  await pgServer?.stop();
});

describe.each(backends)('submission ids on $name', ({ name, skip, open }) => {
  describe.skipIf(skip)(name, () => {
    let store: SubmissionStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await open());
    }, 120_000);
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    it('G3: the same UUID or ULID in another case returns the original receipt and stores one row', async () => {
      const first = value(await store.recordValidation(vote(UUID.toUpperCase(), 'confirm', 'k1'), QUARANTINE_POLICY));
      expect(value(await store.recordValidation(vote(UUID, 'confirm', 'k2'), QUARANTINE_POLICY))).toEqual({ id: first.id, status: 'duplicate' });
      const obs = value(await store.recordObservation(observation(ULID.toLowerCase(), 'k1')));
      expect(value(await store.recordObservation(observation(ULID, 'k2')))).toEqual({ id: obs.id, status: 'duplicate' });
      const exported = value(await store.exportAll(new Date(WHEN)));
      expect(exported.validations.map((v) => v.submissionId)).toEqual([UUID]);
      expect(exported.observations.map((o) => o.submissionId)).toEqual([ULID]);
    });

    it('G3: the same id in another case with another payload is refused as idempotency_key_reused', async () => {
      const other = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
      value(await store.recordValidation(vote(other, 'confirm', 'k3'), QUARANTINE_POLICY));
      const reused = await store.recordValidation(vote(other.toUpperCase(), 'reject', 'k3'), QUARANTINE_POLICY);
      expect(reused).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } });
      const crossKind = await store.recordObservation(observation(other.toUpperCase(), 'k4'));
      expect(crossKind).toMatchObject({ ok: false, error: { code: 'idempotency_key_reused' } });
    });
  });
});
