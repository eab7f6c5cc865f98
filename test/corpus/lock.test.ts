// Pins the lock over every served file (SECURITY K2, K12): changed bytes of SKILL.md or of a supporting file under
// an unchanged version fail lint, so does a file added or removed under it; a version, reference or root file
// missing from skills.lock.json fails lint; a deleted lock fails lint instead of switching the check off; an
// edited lock entry fails lint; `loket lock` never rewrites a recorded version and upgrades a format-1 lock.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/load-corpus.js';
import { lockInputOf, readLock, updateLock, writeLock } from '../../src/corpus/lock.js';
import { fixtures, repoRoot } from '../helpers/paths.js';

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
const OPTIONS = { today: '2026-11-23', cache: false } as const;

const FACTS = [
  'facts:',
  '  nationality:',
  '    type: country',
  '    describe: Nationality as an ISO code',
  '    ask:',
  '      en: What is your nationality?',
  '      nl: Wat is je nationaliteit?',
  '      fr: Quelle est votre nationalité ?',
  '      de: Welche Staatsangehörigkeit haben Sie?',
  '',
].join('\n');

/** A copy of the fixture corpus with a facts.yaml, locked as it is. */
async function lockedCopy(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'loket-lock-'));
  temps.push(dir);
  cpSync(resolve(fixtures, 'corpus'), dir, { recursive: true });
  writeFileSync(join(dir, 'facts.yaml'), FACTS);
  await writeLock(dir, updateLock(lockInputOf(await loadCorpus(dir, OPTIONS)), undefined).lock);
  return dir;
}
const errors = async (dir: string) =>
  (await loadCorpus(dir, OPTIONS)).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}:${d.column} ${d.ruleId}`);
const edit = (file: string, from: string, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
const lint = (root: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', resolve(repoRoot, 'src/cli.ts'), 'lint', '--root', root, '--today', '2026-11-23'], { cwd: repoRoot, encoding: 'utf8' });

describe('skills.lock.json', () => {
  it('K12: a locked corpus lints clean, and the lock records every served file', async () => {
    const dir = await lockedCopy();
    expect(await errors(dir)).toEqual([]);
    const { lock } = await readLock(dir);
    expect(Object.keys(lock!.skills['valid-skill']!['1.2.0']!)).toEqual(['SKILL.md', 'checklist.md']);
    expect(Object.keys(lock!.references)).toEqual(['guide-b', 'law-a', 'unused-c']);
    expect(Object.keys(lock!.corpus)).toEqual(['facts.yaml']);
  });

  it('K2: changed SKILL.md bytes under an unchanged version are an error at the version line', async () => {
    const dir = await lockedCopy();
    edit(join(dir, 'skills/second-skill/SKILL.md'), 'For tests', 'For some tests');
    expect(await errors(dir)).toEqual(['skills/second-skill/SKILL.md:7:1 version-bump']);
    expect((await loadCorpus(dir, OPTIONS)).getSkill('second-skill')).toBeDefined();
  });

  it('K12: a changed, added or removed supporting file under an unchanged version is an error at that file', async () => {
    const dir = await lockedCopy();
    edit(join(dir, 'skills/valid-skill/checklist.md'), 'passport', 'passport and a photo');
    expect(await errors(dir)).toEqual(['skills/valid-skill/checklist.md:1:1 version-bump']);
    writeFileSync(join(dir, 'skills/valid-skill/procedure.yaml'), 'routes: []\n');
    expect(await errors(dir)).toContain('skills/valid-skill/procedure.yaml:1:1 version-bump');
    unlinkSync(join(dir, 'skills/valid-skill/checklist.md'));
    const found = await errors(dir);
    expect(found.some((e) => e.startsWith('skills/valid-skill/SKILL.md:') && e.endsWith('version-bump'))).toBe(true);
  });

  it('K12: a changed reference or facts.yaml is an error until it is recorded again', async () => {
    const dir = await lockedCopy();
    edit(join(dir, 'references/law-a.yaml'), 'checked:', 'notes: Read again.\nchecked:');
    edit(join(dir, 'facts.yaml'), 'an ISO code', 'an ISO 3166 code');
    expect(await errors(dir)).toEqual(['facts.yaml:1:1 lock-digest', 'references/law-a.yaml:1:1 lock-digest']);
    const read = await readLock(dir);
    await writeLock(dir, updateLock(lockInputOf(await loadCorpus(dir, OPTIONS)), read).lock);
    expect(await errors(dir)).toEqual([]);
  });

  it('K12: a reference not in the lock is an error', async () => {
    const dir = await lockedCopy();
    writeFileSync(join(dir, 'references/new-ref.yaml'), readFileSync(join(dir, 'references/guide-b.yaml')));
    expect(await errors(dir)).toEqual(['references/new-ref.yaml:1:1 lock-entry']);
  });

  it('K12: a deleted lock is an error, never a silent pass', async () => {
    const dir = await lockedCopy();
    unlinkSync(join(dir, 'skills.lock.json'));
    edit(join(dir, 'skills/second-skill/SKILL.md'), 'For tests', 'For some tests');
    expect(await errors(dir)).toEqual(['skills.lock.json:1:1 lock-missing']);
    const r = lint(dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^skills\.lock\.json:1:1 error lock-missing /m);
  });

  it('K12: an edited lock entry fails lint at the file it no longer matches', async () => {
    const dir = await lockedCopy();
    const lockFile = join(dir, 'skills.lock.json');
    const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
    lock.skills['valid-skill']['1.2.0']['checklist.md'] = `sha256:${'0'.repeat(64)}`;
    delete lock.references['guide-b'];
    writeFileSync(lockFile, JSON.stringify(lock, null, 2));
    const r = lint(dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^skills\/valid-skill\/checklist\.md:1:1 error version-bump /m);
    expect(r.stdout).toMatch(/^references\/guide-b\.yaml:1:1 error lock-entry /m);
  });

  it('K12: a malformed lock is an error at the line of the bad entry, saying how to fix it', async () => {
    const dir = await lockedCopy();
    const lockFile = join(dir, 'skills.lock.json');
    writeFileSync(lockFile, readFileSync(lockFile, 'utf8').replace(/"law-a": "sha256:[0-9a-f]+"/, '"law-a": "md5:1234"'));
    const problem = (await loadCorpus(dir, OPTIONS)).diagnostics.find((d) => d.ruleId === 'lock-schema')!;
    expect(problem.line).toBe(readFileSync(lockFile, 'utf8').split('\n').findIndex((l) => l.includes('"law-a"')) + 1);
    expect(problem.message).toMatch(/loket lock/);
    writeFileSync(lockFile, '{ not json');
    expect((await loadCorpus(dir, OPTIONS)).diagnostics.find((d) => d.ruleId === 'lock-schema')?.message).toMatch(/loket lock/);
  });

  it('K2: a bumped version must be recorded, and recording keeps the old entry', async () => {
    const dir = await lockedCopy();
    edit(join(dir, 'skills/second-skill/SKILL.md'), 'For tests', 'For some tests');
    edit(join(dir, 'skills/second-skill/SKILL.md'), 'version: "0.1.0"', 'version: "0.2.0"');
    expect(await errors(dir)).toEqual(['skills/second-skill/SKILL.md:7:1 lock-entry']);
    const before = await readLock(dir);
    const { lock, conflicts } = updateLock(lockInputOf(await loadCorpus(dir, OPTIONS)), before);
    expect(conflicts).toEqual([]);
    expect(Object.keys(lock.skills['second-skill']!)).toEqual(['0.1.0', '0.2.0']);
    expect(lock.skills['second-skill']!['0.1.0']).toEqual(before.lock!.skills['second-skill']!['0.1.0']);
  });

  it('K2: loket lock refuses to record new bytes under a recorded version', async () => {
    const dir = await lockedCopy();
    edit(join(dir, 'skills/valid-skill/checklist.md'), 'passport', 'passport and a photo');
    const r = spawnSync(process.execPath, ['--import', 'tsx', resolve(repoRoot, 'src/cli.ts'), 'lock', '--root', dir], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/valid-skill 1\.2\.0 is already recorded with other content/);
  });

  it('K12: a format-1 lock fails lint until `loket lock` upgrades it; the upgrade keeps every recorded version', async () => {
    const dir = await lockedCopy();
    const current = (await readLock(dir)).lock!;
    const v1 = { lockfileVersion: 1, skills: { 'second-skill': { '0.0.9': `sha256:${'1'.repeat(64)}`, '0.1.0': current.skills['second-skill']!['0.1.0']!['SKILL.md'] }, 'valid-skill': { '1.2.0': current.skills['valid-skill']!['1.2.0']!['SKILL.md'] } } };
    writeFileSync(join(dir, 'skills.lock.json'), JSON.stringify(v1, null, 2));
    expect(await errors(dir)).toEqual(['skills.lock.json:2:3 lock-schema']);
    const { lock, conflicts } = updateLock(lockInputOf(await loadCorpus(dir, OPTIONS)), await readLock(dir));
    expect(conflicts).toEqual([]);
    expect(lock.skills['second-skill']!['0.0.9']).toEqual({ 'SKILL.md': `sha256:${'1'.repeat(64)}` });
    expect(lock.skills['valid-skill']).toEqual(current.skills['valid-skill']);
    await writeLock(dir, lock);
    expect(await errors(dir)).toEqual([]);
  });
});
