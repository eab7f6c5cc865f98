import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadCorpus } from '../corpus/load.js';
import { LOCK_FILE, readLock, updateLock, writeLock } from '../corpus/lock.js';
import type { CommandIO } from './io.js';

export const LOCK_USAGE = `Usage: loket lock [--root DIR]

Records the digest of every skill version in ${LOCK_FILE}. A version already recorded with other content is
refused: bump metadata.version in that SKILL.md first.`;

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
  const corpus = await loadCorpus(root);
  const current = await readLock(root);
  if (current.diagnostics.length) {
    io.stderr.write(`loket lock: ${current.diagnostics[0]!.message}\n`);
  }
  const { lock, conflicts } = updateLock(corpus.skills, current.lock);
  for (const c of conflicts) io.stderr.write(`loket lock: ${c} is already recorded with other content; bump its metadata.version\n`);
  await writeLock(root, lock);
  io.stderr.write(`${LOCK_FILE}: ${corpus.skills.length} skills recorded\n`);
  return conflicts.length ? 1 : 0;
}
