/**
 * The writer side of the `kill -9` durability check: opens the SQLite store at argv[2], then submits observations
 * through the real submission service as fast as it can and prints each receipt id on its own stdout line as soon
 * as the service returns it (after COMMIT). The parent kills this process with SIGKILL mid-stream and checks that
 * every printed id is in the database.
 */
import { loadCorpus } from '../src/load-corpus.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { createSubmissionService } from '../src/submissions/service.js';
import { observationText } from './submission-text.js';

const [path, repo] = process.argv.slice(2);
if (!path || !repo) throw new Error('usage: submit-child.ts <db path> <repo root>');
const corpus = await loadCorpus(repo);
const store = await openSqliteStore({ path, log: () => {} });
const service = createSubmissionService({
  store,
  corpus,
  ratePolicy: { capacity: 1e9, refillSeconds: 1, dailyLimit: 1e9, globalHourlyLimit: 1e9 },
  log: () => {},
});
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const result = await service.submitObservation(
    { skill: 'arrival-in-belgium', kind: 'caveat', text: observationText(i, 'crash') },
    { rateKey: `bench-${i % 64}`, diversityKey: `bench-${i % 64}`, now: new Date() },
  );
  if (!result.ok) throw new Error(result.error.message);
  process.stdout.write(`${result.receipt.id}\n`);
}
