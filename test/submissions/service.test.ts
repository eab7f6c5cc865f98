/**
 * Pins the submission pipeline (SPEC §5, §7; SECURITY D, G): what is accepted, what is refused with which code,
 * and that a refused submission leaves no row behind.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteSubmissionStore } from '../../src/store/sqlite.js';
import { createSubmissionService, SUBMISSION_RATE_POLICY, type SubmissionService } from '../../src/submissions/service.js';
import { client, DIGEST, fakeCorpus, observation, SKILL_NAME, validation, VERSION } from './helpers.js';

let store: SqliteSubmissionStore;
let service: SubmissionService;
let logs: string[];

const rows = (table: 'validations' | 'observations') =>
  (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

beforeEach(async () => {
  logs = [];
  store = await openSqliteStore({ path: ':memory:', log: (l) => logs.push(l) });
  service = createSubmissionService({ store, corpus: fakeCorpus(), log: (l) => logs.push(l) });
});
afterEach(async () => store.close());

describe('submit_validation', () => {
  it('records a vote and returns a receipt with the row id and the skill status', async () => {
    const result = await service.submitValidation(validation(), client(1));
    expect(result).toMatchObject({ ok: true, receipt: { status: 'recorded' } });
    if (!result.ok) return;
    const id = Number(result.receipt.id.replace('v-', ''));
    expect(store.db.prepare('SELECT verdict FROM validations WHERE id = ?').get(id)).toEqual({ verdict: 'confirm' });
    expect(result.skill_status).toEqual({
      skill: SKILL_NAME,
      version: VERSION,
      digest: DIGEST,
      confirms: 1,
      rejects: 0,
      flags: 0,
      under_review: false,
      quarantined: false,
    });
  });

  it('G3: the same payload twice returns the original receipt as duplicate and stores one row', async () => {
    const first = await service.submitValidation(validation({ reason: 'matched' }), client(1));
    const second = await service.submitValidation(validation({ reason: 'matched' }), client(1));
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(second.receipt).toEqual({ id: first.receipt.id, status: 'duplicate' });
    expect(rows('validations')).toBe(1);
  });

  it('G3: a retry with the same submission_id returns the original receipt', async () => {
    const id = '0b9a1e0c-6c2f-4f5e-9d2a-5f3c1e7b9a10';
    const first = await service.submitValidation(validation({ submission_id: id }), client(1));
    const retry = await service.submitValidation(validation({ submission_id: id }), client(1));
    expect(retry).toMatchObject({ ok: true, receipt: { id: first.ok ? first.receipt.id : '', status: 'duplicate' } });
    expect(rows('validations')).toBe(1);
  });

  it('G3: the same submission_id with a different payload is refused as idempotency-key-reused', async () => {
    const id = '01JD6Y2ZK3Q4W5E6R7T8Y9V0HP';
    expect(await service.submitValidation(validation({ submission_id: id }), client(1))).toMatchObject({ ok: true });
    const reused = await service.submitValidation(validation({ submission_id: id, verdict: 'reject' }), client(1));
    expect(reused).toMatchObject({ ok: false, error: { code: 'idempotency-key-reused' } });
    expect(rows('validations')).toBe(1);
    const asObservation = await service.submitObservation(observation({ submission_id: id }), client(1));
    expect(asObservation).toMatchObject({ ok: false, error: { code: 'idempotency-key-reused' } });
    expect(rows('observations')).toBe(0);
  });

  it('G3: a submission_id is compared case-insensitively (UUID and ULID)', async () => {
    const uuid = '0b9a1e0c-6c2f-4f5e-9d2a-5f3c1e7b9a10';
    const first = await service.submitValidation(validation({ submission_id: uuid }), client(1));
    // Another network, so only the id (not the dedupe key) can tie the retry to the first row.
    const upper = await service.submitValidation(validation({ submission_id: uuid.toUpperCase() }), client(2));
    expect(upper).toMatchObject({ ok: true, receipt: { id: first.ok ? first.receipt.id : '', status: 'duplicate' } });
    expect(rows('validations')).toBe(1);
    const ulid = '01JD6Y2ZK3Q4W5E6R7T8Y9V0HP';
    expect(await service.submitObservation(observation({ submission_id: ulid }), client(1))).toMatchObject({ ok: true });
    const lower = await service.submitObservation(observation({ submission_id: ulid.toLowerCase(), text: 'a different observation text here' }), client(2));
    expect(lower).toMatchObject({ ok: false, error: { code: 'idempotency-key-reused' } });
    expect(rows('observations')).toBe(1);
  });

  it('G3: 20 concurrent identical submissions store exactly one row', async () => {
    const id = '7f0c2b7e-1111-4a4a-8b8b-123456789abc';
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        service.submitValidation(validation({ submission_id: id }), { rateKey: `rate-${i}`, diversityKey: 'div-shared', now: new Date('2026-11-23T10:00:00Z') }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(new Set(results.map((r) => (r.ok ? r.receipt.id : '')))).toHaveProperty('size', 1);
    expect(results.filter((r) => r.ok && r.receipt.status === 'recorded')).toHaveLength(1);
    expect(rows('validations')).toBe(1);
  });

  it('G4: a later vote of the same key on the same day replaces the earlier one', async () => {
    await service.submitValidation(validation({ verdict: 'confirm' }), client(1));
    const second = await service.submitValidation(validation({ verdict: 'reject' }), client(1));
    expect(second).toMatchObject({ ok: true, receipt: { status: 'recorded' }, skill_status: { confirms: 0, rejects: 1 } });
    const other = await service.submitValidation(validation({ verdict: 'confirm' }), client(2));
    expect(other).toMatchObject({ ok: true, skill_status: { confirms: 1, rejects: 1 } });
    // Back to the first vote: last write wins again, never added on top.
    const again = await service.submitValidation(validation({ verdict: 'confirm' }), client(1));
    expect(again).toMatchObject({ ok: true, skill_status: { confirms: 2, rejects: 0 } });
  });

  it('Q2: a stale digest is refused with a hint to fetch the skill again', async () => {
    const result = await service.submitValidation(validation({ digest: `sha256:${'0'.repeat(64)}` }), client(1));
    expect(result).toMatchObject({ ok: false, error: { code: 'stale-version' } });
    if (!result.ok) expect(result.error.message).toMatch(/fetch the skill again/i);
    const oldVersion = await service.submitValidation(validation({ version: '0.9.0' }), client(1));
    expect(oldVersion).toMatchObject({ ok: false, error: { code: 'stale-version' } });
    expect(rows('validations')).toBe(0);
  });

  it('refuses an unknown skill by name', async () => {
    const result = await service.submitValidation(validation({ skill: 'no-such-skill' }), client(1));
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-skill' } });
  });

  it('Q1: an unknown key is refused', async () => {
    const result = await service.submitValidation(validation({ fetch_token: 'x' }), client(1));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!result.ok) expect(result.error.message).toContain('fetch_token');
    expect(rows('validations')).toBe(0);
  });

  it('Q1: __proto__ and constructor keys have no effect and are refused', async () => {
    const proto = JSON.parse(`{"skill":"${SKILL_NAME}","version":"${VERSION}","digest":"${DIGEST}","verdict":"confirm","__proto__":{"polluted":true,"verdict":"reject"}}`);
    const result = await service.submitValidation(proto, client(1));
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const ctor = JSON.parse(`{"skill":"${SKILL_NAME}","kind":"caveat","text":"a long enough observation text","constructor":{"prototype":{"polluted":true}}}`);
    expect(await service.submitObservation(ctor, client(1))).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(rows('validations') + rows('observations')).toBe(0);
  });

  it('Q4: lone surrogates and control characters are refused', async () => {
    for (const reason of ['broken \uD800 text', 'nul \u0000 byte', 'c1 \u0085 control', 'escape \u001b[31m']) {
      const result = await service.submitValidation(validation({ reason }), client(1));
      expect(result, JSON.stringify(reason)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    expect(await service.submitValidation(validation({ reason: 'tabs\tand\nnew lines\r\nare fine' }), client(1))).toMatchObject({ ok: true });
  });

  it('Q2: a reason longer than 500 characters is refused', async () => {
    expect(await service.submitValidation(validation({ reason: 'x'.repeat(501) }), client(1))).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});

describe('submit_observation', () => {
  it('records an observation against the served version', async () => {
    const result = await service.submitObservation(observation({ commune: 'Leuven' }), client(1));
    expect(result).toMatchObject({ ok: true, held: false, receipt: { status: 'recorded' }, skill_status: { version: VERSION } });
    expect(store.db.prepare('SELECT version, state, commune FROM observations').get()).toEqual({ version: VERSION, state: 'open', commune: 'Leuven' });
  });

  it('Q3: text length is counted after NFKC normalisation and stored normalised', async () => {
    // Nineteen full-width letters normalise to nineteen ASCII letters: too short.
    const short = await service.submitObservation(observation({ text: 'ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳ' }), client(1));
    expect(short).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const ok = await service.submitObservation(observation({ text: 'Ｔｈｅ commune needs an appointment.' }), client(1));
    expect(ok).toMatchObject({ ok: true });
    expect(store.db.prepare('SELECT text FROM observations').get()).toEqual({ text: 'The commune needs an appointment.' });
    expect(await service.submitObservation(observation({ text: 'y'.repeat(2001) }), client(1))).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('G3: the same observation twice is a duplicate', async () => {
    const first = await service.submitObservation(observation(), client(1));
    const second = await service.submitObservation(observation(), client(1));
    expect(second).toMatchObject({ ok: true, receipt: { id: first.ok ? first.receipt.id : '', status: 'duplicate' } });
    expect(rows('observations')).toBe(1);
  });
});

describe('rate limits', () => {
  it('G2: the 6th submission in a burst is refused with a retry-after, and allowed once a token is back', async () => {
    const at = new Date('2026-11-23T10:00:00Z');
    for (let i = 0; i < 5; i++) {
      const r = await service.submitObservation(observation({ text: `Observation number ${i} about the appointment desk.` }), client(1, at));
      expect(r.ok, `call ${i + 1}`).toBe(true);
    }
    const sixth = await service.submitObservation(observation({ text: 'Observation number 6 about the appointment desk.' }), client(1, at));
    expect(sixth).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAfterSeconds: SUBMISSION_RATE_POLICY.refillSeconds } });
    expect(rows('observations')).toBe(5);
    // Another network is not affected.
    expect(await service.submitObservation(observation(), client(2, at))).toMatchObject({ ok: true });
    const later = new Date(at.getTime() + SUBMISSION_RATE_POLICY.refillSeconds * 1000);
    expect(await service.submitObservation(observation({ text: 'Observation number 7 about the appointment desk.' }), client(1, later))).toMatchObject({
      ok: true,
    });
  });

  it('G2: at most 60 submissions a day per key, even when paced under the burst limit', async () => {
    const start = Date.parse('2026-11-23T00:00:00Z');
    for (let i = 0; i < 60; i++) {
      const now = new Date(start + i * SUBMISSION_RATE_POLICY.refillSeconds * 1000);
      const r = await service.submitObservation(observation({ text: `Paced observation number ${i} at the desk.` }), client(1, now));
      expect(r.ok, `call ${i + 1}`).toBe(true);
    }
    const now = new Date(start + 60 * SUBMISSION_RATE_POLICY.refillSeconds * 1000);
    const over = await service.submitObservation(observation({ text: 'Paced observation number 61 at the desk.' }), client(1, now));
    expect(over).toMatchObject({ ok: false, error: { code: 'rate-limited' } });
    if (!over.ok) {
      // Retry after the next UTC midnight.
      expect(over.error.retryAfterSeconds).toBe((Date.parse('2026-11-24T00:00:00Z') - now.getTime()) / 1000);
      expect(over.error.message).toContain(String(over.error.retryAfterSeconds));
    }
    const nextDay = await service.submitObservation(observation({ text: 'First observation of the next day.' }), client(1, new Date('2026-11-24T00:00:01Z')));
    expect(nextDay).toMatchObject({ ok: true });
  });

  it('G2: the global breaker refuses new submissions with retry-after 600', async () => {
    const small = createSubmissionService({
      store,
      corpus: fakeCorpus(),
      ratePolicy: { ...SUBMISSION_RATE_POLICY, globalHourlyLimit: 3 },
    });
    for (let i = 1; i <= 3; i++) expect(await small.submitValidation(validation(), client(i))).toMatchObject({ ok: true });
    expect(await small.submitValidation(validation(), client(4))).toMatchObject({
      ok: false,
      error: { code: 'rate-limited', retryAfterSeconds: 600 },
    });
  });
});

describe('quarantine', () => {
  const flag = (n: number, day = '2026-11-23') =>
    service.submitValidation(validation({ verdict: 'reject', injection_flag: true }), client(n, new Date(`${day}T12:00:00Z`)));

  it('G7: one flag puts the version under review; three distinct keys quarantine it', async () => {
    expect(await flag(1)).toMatchObject({ ok: true, skill_status: { flags: 1, under_review: true, quarantined: false } });
    expect(await flag(2)).toMatchObject({ ok: true, skill_status: { flags: 2, quarantined: false } });
    expect(await flag(3)).toMatchObject({ ok: true, skill_status: { flags: 3, quarantined: true } });
    expect(await service.skillStatus(SKILL_NAME, VERSION)).toMatchObject({ quarantined: true, digest: DIGEST });
  });

  it('G7: three flags from one key do not quarantine', async () => {
    await flag(1, '2026-11-21');
    await flag(1, '2026-11-22');
    const third = await flag(1, '2026-11-23');
    expect(third).toMatchObject({ ok: true, skill_status: { flags: 1, quarantined: false } });
    // Same day repeats replace each other (G4).
    await service.submitValidation(validation({ verdict: 'confirm', injection_flag: true, reason: 'again' }), client(1, new Date('2026-11-23T13:00:00Z')));
    expect(await service.skillStatus(SKILL_NAME, VERSION)).toMatchObject({ flags: 1, quarantined: false });
  });

  it('G7: flags spread over more than 7 days do not quarantine', async () => {
    await flag(1, '2026-11-01');
    await flag(2, '2026-11-05');
    expect(await flag(3, '2026-11-12')).toMatchObject({ ok: true, skill_status: { flags: 3, quarantined: false } });
  });

  it('G7: a quarantine stays until a maintainer clears it, and clearing resolves its flags', async () => {
    await flag(1);
    await flag(2);
    await flag(3);
    expect(await service.submitValidation(validation({ verdict: 'confirm' }), client(4, new Date('2026-12-30T12:00:00Z')))).toMatchObject({
      skill_status: { quarantined: true },
    });
    expect(await store.clearQuarantine(SKILL_NAME, VERSION, new Date('2026-12-30T13:00:00Z'))).toEqual({ ok: true, value: true });
    expect(await service.skillStatus(SKILL_NAME, VERSION)).toMatchObject({ flags: 0, under_review: false, quarantined: false });
  });
});

describe('store failures', () => {
  const failing = (method: 'recordValidation' | 'tally', code: 'store-full' | 'store-unavailable') =>
    new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === method) return async () => ({ ok: false, error: { code, message: 'internal detail' } });
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });

  it('D5: a full store is a clean store-full error value', async () => {
    const svc = createSubmissionService({ store: failing('recordValidation', 'store-full'), corpus: fakeCorpus() });
    const result = await svc.submitValidation(validation(), client(1));
    expect(result).toMatchObject({ ok: false, error: { code: 'store-full' } });
    if (!result.ok) expect(result.error.message).not.toContain('internal detail');
  });

  it('D2: when the status cannot be read after COMMIT, the error names the recorded receipt', async () => {
    const svc = createSubmissionService({ store: failing('tally', 'store-unavailable'), corpus: fakeCorpus() });
    const result = await svc.submitValidation(validation(), client(1));
    expect(result).toMatchObject({ ok: false, error: { code: 'store-unavailable', message: expect.stringMatching(/recorded as v-1/) } });
    expect(rows('validations')).toBe(1);
  });
});
