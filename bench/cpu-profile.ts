/** Runs a command under `node --cpu-prof` and summarises the profile it writes. */
import { readdir } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { readProfile, summarizeByFile, summarizeProfile, type CpuProfile } from './profile.js';
import type { ProfileFinding } from './types.js';

/** A fresh folder for `--cpu-prof-dir`. */
export async function profileDir(tmp: string): Promise<string> {
  return mkdtemp(join(tmp, 'prof-'));
}

/** The `.cpuprofile` in `dir` with the most samples (the process that did the work), or undefined. */
export async function largestProfile(dir: string): Promise<CpuProfile | undefined> {
  let best: CpuProfile | undefined;
  for (const f of (await readdir(dir)).filter((x) => x.endsWith('.cpuprofile'))) {
    const profile = await readProfile(join(dir, f));
    if (!best || (profile.samples?.length ?? 0) > (best.samples?.length ?? 0)) best = profile;
  }
  return best;
}

/** Summarises the largest `.cpuprofile` in `dir` (the process that did the work). */
export async function findingFrom(dir: string, title: string, command: string, repo: string): Promise<ProfileFinding | undefined> {
  const profile = await largestProfile(dir);
  return profile && { title, command, top: summarizeProfile(profile, 12, repo), byFile: summarizeByFile(profile, 8, repo) };
}
