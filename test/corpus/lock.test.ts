// Pins the rug-pull guard (SECURITY K2): changed SKILL.md bytes under an unchanged version fail lint, a version
// missing from skills.lock.json fails lint, and `loket lock` never rewrites a recorded version.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { readLock, updateLock, writeLock } from '../../src/corpus/lock.js';
import { fixtures } from '../helpers/paths.js';

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
async function lockedCopy(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'loket-lock-'));
  temps.push(dir);
  cpSync(resolve(fixtures, 'corpus'), dir, { recursive: true });
  const corpus = await loadCorpus(dir, { rules: [], today: '2026-11-23' });
  await writeLock(dir, updateLock(corpus.skills, undefined).lock);
  return dir;
}
const ruleIds = async (dir: string) => (await loadCorpus(dir, { rules: [], today: '2026-11-23' })).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.ruleId}`);

describe('skills.lock.json', () => {
  it('K2: a locked corpus lints clean', async () => {
    expect(await ruleIds(await lockedCopy())).toEqual([]);
  });

  it('K2: changed bytes under an unchanged version are an error at the version line', async () => {
    const dir = await lockedCopy();
    const file = join(dir, 'skills/second-skill/SKILL.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('For tests', 'For some tests'));
    expect(await ruleIds(dir)).toEqual(['skills/second-skill/SKILL.md:7 version-bump']);
    const corpus = await loadCorpus(dir, { rules: [], today: '2026-11-23' });
    expect(corpus.getSkill('second-skill')).toBeDefined();
  });

  it('K2: a bumped version must be recorded, and recording keeps the old digest', async () => {
    const dir = await lockedCopy();
    const file = join(dir, 'skills/second-skill/SKILL.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('For tests', 'For some tests').replace('version: "0.1.0"', 'version: "0.2.0"'));
    expect(await ruleIds(dir)).toEqual(['skills/second-skill/SKILL.md:7 lock-entry']);
    const corpus = await loadCorpus(dir, { rules: [], today: '2026-11-23' });
    const before = (await readLock(dir)).lock!;
    const { lock, conflicts } = updateLock(corpus.skills, before);
    expect(conflicts).toEqual([]);
    expect(Object.keys(lock.skills['second-skill']!)).toEqual(['0.1.0', '0.2.0']);
    expect(lock.skills['second-skill']!['0.1.0']).toBe(before.skills['second-skill']!['0.1.0']);
  });

  it('refuses to record new bytes under a recorded version', async () => {
    const dir = await lockedCopy();
    const file = join(dir, 'skills/second-skill/SKILL.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('For tests', 'For some tests'));
    const corpus = await loadCorpus(dir, { rules: [], today: '2026-11-23' });
    expect(updateLock(corpus.skills, (await readLock(dir)).lock).conflicts).toEqual(['second-skill 0.1.0']);
  });

  it('an unreadable lock is a lint error that says how to fix it', async () => {
    const dir = await lockedCopy();
    writeFileSync(join(dir, 'skills.lock.json'), '{ not json');
    const corpus = await loadCorpus(dir, { rules: [], today: '2026-11-23' });
    expect(corpus.diagnostics.find((d) => d.ruleId === 'lock-schema')?.message).toMatch(/loket lock/);
  });
});
