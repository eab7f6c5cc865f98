import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Skill } from '../skill/schema.js';

/** File at the corpus root recording the digest each published skill version had. */
export const LOCK_FILE = 'skills.lock.json';

/** Rule ids of lock problems: they fail `loket lint` but do not stop a skill from being served. */
export const LOCK_RULES: ReadonlySet<string> = new Set(['lock-schema', 'lock-entry', 'version-bump']);

/**
 * `skills.lock.json`: for every skill, every version ever published with the digest of its SKILL.md. Hosts bind
 * approval to digests, so changed bytes under an unchanged version would be a silent rug pull (SECURITY K2).
 */
export const SkillsLockSchema = z.strictObject({
  lockfileVersion: z.literal(1),
  skills: z.record(z.string(), z.record(z.string(), z.string().regex(/^sha256:[0-9a-f]{64}$/))),
});
export type SkillsLock = z.infer<typeof SkillsLockSchema>;

/** Reads the lock under `root`; `undefined` when there is none, a diagnostic when it is unreadable. */
export async function readLock(root: string): Promise<{ lock?: SkillsLock; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(join(root, LOCK_FILE), 'utf8');
  } catch {
    return { diagnostics: [] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { diagnostics: [{ file: LOCK_FILE, line: 1, column: 1, severity: 'error', ruleId: 'lock-schema', message: `${LOCK_FILE} is not valid JSON (${(error as Error).message}); regenerate it with \`loket lock\`` }] };
  }
  const parsed = SkillsLockSchema.safeParse(json);
  if (!parsed.success) {
    return { diagnostics: [{ file: LOCK_FILE, line: 1, column: 1, severity: 'error', ruleId: 'lock-schema', message: `${LOCK_FILE}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}; regenerate it with \`loket lock\`` }] };
  }
  return { lock: parsed.data, diagnostics: [] };
}

/**
 * Checks skills against the lock: a version already published with other bytes is an error (bump the version);
 * a version not yet recorded is an error too, so every published digest is reviewed in the change that adds it.
 */
export function checkLock(skills: readonly Skill[], lock: SkillsLock | undefined): Diagnostic[] {
  if (!lock) return [];
  const out: Diagnostic[] = [];
  for (const s of skills) {
    const recorded = lock.skills[s.name]?.[s.meta.version];
    const line = versionLine(s);
    if (recorded === undefined) {
      out.push({ file: s.path, line, column: 1, severity: 'error', ruleId: 'lock-entry', message: `${s.name} ${s.meta.version} is not recorded in ${LOCK_FILE}; run \`loket lock\` and commit the file with this change` });
    } else if (recorded !== s.digest) {
      out.push({ file: s.path, line, column: 1, severity: 'error', ruleId: 'version-bump', message: `SKILL.md changed but metadata.version is still ${s.meta.version}, which was published with other content; bump the version (then run \`loket lock\`)` });
    }
  }
  return out;
}

/** Adds the current digest of every skill version to the lock (never rewrites a recorded version). */
export function updateLock(skills: readonly Skill[], lock: SkillsLock | undefined): { lock: SkillsLock; conflicts: string[] } {
  const next: SkillsLock = { lockfileVersion: 1, skills: structuredClone(lock?.skills ?? {}) };
  const conflicts: string[] = [];
  for (const s of skills) {
    const versions = (next.skills[s.name] ??= {});
    const recorded = versions[s.meta.version];
    if (recorded && recorded !== s.digest) conflicts.push(`${s.name} ${s.meta.version}`);
    else versions[s.meta.version] = s.digest;
  }
  const sorted = Object.fromEntries(Object.entries(next.skills).sort(([a], [b]) => a.localeCompare(b)));
  return { lock: { lockfileVersion: 1, skills: sorted }, conflicts };
}

export async function writeLock(root: string, lock: SkillsLock): Promise<void> {
  await writeFile(join(root, LOCK_FILE), `${JSON.stringify(lock, null, 2)}\n`);
}

function versionLine(skill: Skill): number {
  const lines = new TextDecoder().decode(skill.files[0]!.bytes).split('\n');
  const i = lines.findIndex((l) => /^\s*version\s*:/.test(l));
  return i >= 0 ? i + 1 : 1;
}
