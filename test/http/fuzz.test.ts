/**
 * Z1: whatever JSON a client posts to /mcp, with whatever subset of the headers the transport decides on, the
 * server answers with one of the statuses the transport defines, never a 5xx, and answers at all (a request left
 * without an answer for 2 s counts as a hang). The requests are `bench/fuzz-requests.ts`'s: any JSON value, or a
 * JSON-RPC request around one so they reach the tools and the store. 1,000 runs with a fixed seed;
 * `LOKET_FUZZ_RUNS` raises the count for a longer local or nightly run.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFINED_STATUSES, fuzzRequests, sendFuzzRequest } from '../../bench/fuzz-requests.js';
import { createHttpApp } from '../../src/http/app.js';
import { openSqliteStore, type SqliteSubmissionStore } from '../../src/store/sqlite.js';
import { createSubmissionService } from '../../src/submissions/service.js';
import { fixtureCorpus } from '../helpers/corpus.js';

const RUNS = Number(process.env.LOKET_FUZZ_RUNS ?? 1000);
/** A request with no answer after this long is a hang. */
const HANG_MS = 2000;

let server: Server;
let port: number;
let store: SqliteSubmissionStore;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  store = await openSqliteStore({ path: ':memory:', log: () => {} });
  const corpus = fixtureCorpus();
  // Rate limits off: every request goes as deep as its content lets it, rather than stopping at 429.
  server = createHttpApp({ corpus, submissions: createSubmissionService({ store, corpus, log: () => {} }), readLimitPerMinute: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await store.close();
});

describe('Z1', () => {
  it('Z1: any JSON body with any subset of the transport headers gets a defined status, never a 5xx or a hang', async () => {
    const seen = new Map<number, number>();
    // What the server logs meanwhile: refused requests as short lines, never an unexpected error.
    const logged: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
    await fc.assert(
      fc.asyncProperty(fuzzRequests(port), async (r) => {
        const status = await sendFuzzRequest(port, r, HANG_MS);
        seen.set(status, (seen.get(status) ?? 0) + 1);
        expect(DEFINED_STATUSES.has(status), `status ${status}`).toBe(true);
      }),
      { numRuns: RUNS, seed: 20261130, endOnFailure: true },
    ).finally(() => stderr.mockRestore());
    // The runs get past the guards as well as into them: answers and refusals both occur.
    expect(seen.get(200) ?? 0).toBeGreaterThan(0);
    expect([...seen.keys()].filter((s) => s >= 400).length).toBeGreaterThan(2);
    expect(unhandled).toEqual([]);
    expect(logged.filter((l) => !l.startsWith('loket: mcp: refused a request: '))).toEqual([]);
  }, 120_000);
});
