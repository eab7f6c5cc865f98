import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { lineLocator } from '../diagnostics/diagnostic.js';
import type { Skill } from '../skill/schema.js';
import type { Corpus } from './types.js';

/** File at the corpus root recording the digest of every served file. */
export const LOCK_FILE = 'skills.lock.json';

const Digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256:<64 hex>');

/**
 * `skills.lock.json`, format 2: for every skill, every version ever published with the digest of each file it
 * served (SKILL.md and its supporting files); the digest of every reference and of every served file at the
 * corpus root (the fact vocabulary). Hosts bind approval to digests, so changed bytes under an unchanged version
 * would be a silent rug pull (SECURITY K2, K12).
 */
export const SkillsLockSchema = z.strictObject({
  lockfileVersion: z.literal(2),
  skills: z.record(z.string(), z.record(z.string(), z.record(z.string(), Digest))),
  references: z.record(z.string(), Digest),
  corpus: z.record(z.string(), Digest),
});
export type SkillsLock = z.infer<typeof SkillsLockSchema>;

/** Format 1 recorded one SKILL.md digest per version; it is read so `loket lock` can upgrade it. */
const LegacyLockSchema = z.strictObject({
  lockfileVersion: z.literal(1),
  skills: z.record(z.string(), z.record(z.string(), Digest)),
});

/** The lock as read: `legacy` when it is format 1 (only SKILL.md digests, nothing else checked). */
export interface ReadLock {
  lock?: SkillsLock;
  legacy?: boolean;
  /** False when there is no lock file at all. */
  exists: boolean;
  diagnostics: Diagnostic[];
}

/** The served files of a corpus, as the lock records them. */
export interface LockInput {
  skills: readonly Skill[];
  /** Reference id → digest of `references/<id>.yaml`. */
  references: Readonly<Record<string, string>>;
  /** Path (from the corpus root) → digest, for served files at the root such as `facts.yaml`. */
  corpus: Readonly<Record<string, string>>;
}

const lockProblem = (text: string, needle: string, message: string, ruleId = 'lock-schema'): Diagnostic => {
  const at = needle ? Math.max(0, text.indexOf(needle)) : 0;
  const p = lineLocator(text)(at);
  return { file: LOCK_FILE, line: p.line, column: p.column, severity: 'error', ruleId, message };
};

/** Reads the lock under `root`; `exists: false` when there is none, a diagnostic when it is unreadable. */
export async function readLock(root: string): Promise<ReadLock> {
  let text: string;
  try {
    text = await readFile(join(root, LOCK_FILE), 'utf8');
  } catch {
    return { exists: false, diagnostics: [] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { exists: true, diagnostics: [lockProblem(text, '', `${LOCK_FILE} is not valid JSON (${(error as Error).message}); restore it from version control or regenerate it with \`loket lock\``)] };
  }
  const legacy = LegacyLockSchema.safeParse(json);
  if (legacy.success) {
    const skills = Object.fromEntries(Object.entries(legacy.data.skills).map(([name, versions]) => [name, Object.fromEntries(Object.entries(versions).map(([v, d]) => [v, { 'SKILL.md': d }]))]));
    return {
      exists: true,
      legacy: true,
      lock: { lockfileVersion: 2, skills, references: {}, corpus: {} },
      diagnostics: [lockProblem(text, '"lockfileVersion"', `${LOCK_FILE} is format 1, which records only SKILL.md; run \`loket lock\` to record every served file (supporting files, references, facts.yaml)`)],
    };
  }
  const parsed = SkillsLockSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.length ? String(issue.path[issue.path.length - 1]) : '';
    return { exists: true, diagnostics: [lockProblem(text, key ? `"${key}"` : '', `${LOCK_FILE}: ${issue?.path.join('.') || 'lock'} ${issue?.message}; restore it from version control or regenerate it with \`loket lock\``)] };
  }
  return { exists: true, lock: parsed.data, diagnostics: [] };
}

/** What the lock records of a loaded corpus: its served skills, references and root files. */
export function lockInputOf(corpus: Corpus): LockInput {
  return { skills: corpus.skills, references: corpus.fileDigests?.references ?? {}, corpus: corpus.fileDigests?.corpus ?? {} };
}

/** Digests of the files a skill serves, keyed by path inside its folder. */
export function skillFileDigests(skill: Skill): Record<string, string> {
  return Object.fromEntries(skill.files.map((f) => [f.path, f.digest]));
}

/**
 * The lock after recording the current corpus: new skill versions are added with every file they serve, a
 * recorded version is never rewritten (a conflict instead), and references and root files are recorded as they
 * are now. A version that a format-1 lock recorded with the same SKILL.md gets its supporting files added.
 */
export function updateLock(input: LockInput, read: Pick<ReadLock, 'lock' | 'legacy'> | undefined): { lock: SkillsLock; conflicts: string[] } {
  const skills = structuredClone(read?.lock?.skills ?? {});
  const conflicts: string[] = [];
  for (const s of input.skills) {
    const versions = (skills[s.name] ??= {});
    const recorded = versions[s.meta.version];
    const current = skillFileDigests(s);
    if (recorded === undefined) versions[s.meta.version] = current;
    else if (sameFiles(recorded, current)) continue;
    else if (read?.legacy && Object.keys(recorded).length === 1 && recorded['SKILL.md'] === current['SKILL.md']) versions[s.meta.version] = current;
    else conflicts.push(`${s.name} ${s.meta.version}`);
  }
  return {
    lock: {
      lockfileVersion: 2,
      skills: sortKeys(Object.fromEntries(Object.entries(skills).map(([n, v]) => [n, sortKeys(Object.fromEntries(Object.entries(v).map(([ver, files]) => [ver, sortKeys(files)])))]))),
      references: sortKeys({ ...input.references }),
      corpus: sortKeys({ ...input.corpus }),
    },
    conflicts,
  };
}

export async function writeLock(root: string, lock: SkillsLock): Promise<void> {
  await writeFile(join(root, LOCK_FILE), `${JSON.stringify(lock, null, 2)}\n`);
}

function sameFiles(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
