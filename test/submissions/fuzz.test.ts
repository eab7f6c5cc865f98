/**
 * Z2 for the submission tools: valid argument shapes mutated with an extra key, a type swap or an oversized
 * string are refused as invalid-input, and nothing is written.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteSubmissionStore } from '../../src/store/sqlite.js';
import { createSubmissionService, type SubmissionService } from '../../src/submissions/service.js';
import { client, fakeCorpus, observation, validation } from './helpers.js';

let store: SqliteSubmissionStore;
let service: SubmissionService;
const rows = () =>
  (store.db.prepare('SELECT (SELECT COUNT(*) FROM validations) + (SELECT COUNT(*) FROM observations) AS n').get() as { n: number }).n;

beforeAll(async () => {
  store = await openSqliteStore({ path: ':memory:', log: () => {} });
  service = createSubmissionService({ store, corpus: fakeCorpus(), log: () => {} });
});
afterAll(async () => store.close());

type Args = Record<string, unknown>;
const mutation = (base: Args) =>
  fc.oneof(
    // An extra key (including prototype-looking ones).
    fc
      .tuple(fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype')), fc.jsonValue())
      .filter(([key]) => !(key in base))
      .map(([key, value]) => JSON.parse(JSON.stringify({ ...base }).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(value ?? null)},`)) as Args),
    // A type swap on an existing key.
    fc
      .tuple(fc.constantFrom(...Object.keys(base)), fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.object()))
      .map(([key, value]) => ({ ...base, [key]: value })),
    // An oversized string on an existing key.
    fc.constantFrom(...Object.keys(base)).map((key) => ({ ...base, [key]: 'x'.repeat(9000) })),
  );

describe('Z2', () => {
  it('Z2: mutated submit_validation arguments are invalid-input and write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(mutation(validation({ reason: 'matched what I saw' })), async (args) => {
        const before = rows();
        const result = await service.submitValidation(args, client(1));
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
        expect(rows()).toBe(before);
      }),
      { numRuns: 200, seed: 4242 },
    );
  });

  it('Z2: mutated submit_observation arguments are invalid-input and write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(mutation(observation({ commune: 'Leuven' })), async (args) => {
        const before = rows();
        const result = await service.submitObservation(args, client(1));
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
        expect(rows()).toBe(before);
      }),
      { numRuns: 200, seed: 4242 },
    );
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
