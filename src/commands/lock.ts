import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadCorpus } from '../load-corpus.js';
import { LOCK_FILE, lockInputOf, readLock, updateLock, writeLock } from '../corpus/lock.js';
import type { CommandIO } from './io.js';

export const LOCK_USAGE = `Usage: loket lock [--root DIR]

Records in ${LOCK_FILE} the digest of every served file: each file of every skill version (SKILL.md and its
supporting files), every reference and facts.yaml. A skill version already recorded with other content is
refused: bump metadata.version in that SKILL.md first. A format-1 lock is upgraded.`;

/** `loket lock`: returns the exit code. */
export async function runLock(argv: string[], io: CommandIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    io.stderr.write(`loket lock: ${(error as Error).message}\n\n${LOCK_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${LOCK_USAGE}\n`);
    return 0;
  }
  const root = resolve(values.root ?? io.cwd);
  // The lock records what the files are now: parse them, never a cache.
  const corpus = await loadCorpus(root, { cache: false });
  const current = await readLock(root);
  if (current.diagnostics.length && !current.legacy) {
    io.stderr.write(`loket lock: ${current.diagnostics[0]!.message}\n`);
  }
  const { lock, conflicts } = updateLock(lockInputOf(corpus), current);
  for (const c of conflicts) io.stderr.write(`loket lock: ${c} is already recorded with other content; bump its metadata.version\n`);
  await writeLock(root, lock);
  io.stderr.write(`${LOCK_FILE}: ${corpus.skills.length} skills, ${Object.keys(lock.references).length} references and ${Object.keys(lock.corpus).length} root files recorded\n`);
  return conflicts.length ? 1 : 0;
}
