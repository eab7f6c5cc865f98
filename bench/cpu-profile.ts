/** Runs a command under `node --cpu-prof` and summarises the profile it writes. */
import { readdir } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { readProfile, summarizeByFile, summarizeProfile } from './profile.js';
import type { ProfileFinding } from './types.js';

/** A fresh folder for `--cpu-prof-dir`. */
export async function profileDir(tmp: string): Promise<string> {
  return mkdtemp(join(tmp, 'prof-'));
}

/** Summarises the largest `.cpuprofile` in `dir` (the process that did the work). */
export async function findingFrom(dir: string, title: string, command: string, repo: string): Promise<ProfileFinding | undefined> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return undefined;
  let best: { top: ReturnType<typeof summarizeProfile>; byFile: ReturnType<typeof summarizeByFile>; total: number } | undefined;
  for (const f of files) {
    const profile = await readProfile(join(dir, f));
    const top = summarizeProfile(profile, 12, repo);
    const byFile = summarizeByFile(profile, 8, repo);
    const total = byFile.reduce((s, r) => s + r.selfMs, 0);
    if (!best || total > best.total) best = { top, byFile, total };
  }
  return best && { title, command, top: best.top, byFile: best.byFile };
}
