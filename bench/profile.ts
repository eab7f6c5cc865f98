/**
 * Summarises a V8 `.cpuprofile` (written by `node --cpu-prof`) into the functions with the most self time, so a
 * missed budget in BENCHMARKS.md names the slowest part instead of guessing.
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** One row of the summary: a function (name and location) and its self time. */
export interface ProfileRow {
  fn: string;
  location: string;
  selfMs: number;
  selfPct: number;
}

function shortUrl(url: string, root: string): string {
  if (!url) return '(native)';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  const rel = relative(root, path);
  return rel.startsWith('..') ? path : rel;
}

/** Milliseconds spent in each profile node itself, from its samples. */
function selfTimes(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i]!;
    // The delta before sample i+1 is the time spent in sample i.
    const dt = (deltas[i + 1] ?? 0) / 1000;
    self.set(id, (self.get(id) ?? 0) + dt);
  }
  return self;
}

/**
 * Top `limit` functions by self time. Samples are weighted by their time deltas; frames are grouped by function
 * name and location. `(idle)`, `(program)` and `(garbage collector)` stay in, because GC time is often the answer.
 */
export function summarizeProfile(profile: CpuProfile, limit = 10, root = process.cwd()): ProfileRow[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n] as const));
  const self = selfTimes(profile);
  const grouped = new Map<string, ProfileRow>();
  let total = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    total += ms;
    const fn = functionName || '(anonymous)';
    const location = url ? `${shortUrl(url, root)}:${lineNumber + 1}` : '';
    const key = `${fn}@${location}`;
    const row = grouped.get(key) ?? { fn, location, selfMs: 0, selfPct: 0 };
    row.selfMs += ms;
    grouped.set(key, row);
  }
  const rows = [...grouped.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, limit);
  for (const row of rows) row.selfPct = total > 0 ? (100 * row.selfMs) / total : 0;
  return rows;
}

/** Self time per source file (or package), to name the slowest part at a glance. */
export function summarizeByFile(profile: CpuProfile, limit = 8, root = process.cwd()): ProfileRow[] {
  const rows = summarizeProfile(profile, Number.MAX_SAFE_INTEGER, root);
  const total = rows.reduce((sum, r) => sum + r.selfMs, 0);
  const files = new Map<string, number>();
  for (const r of rows) {
    let file = r.location.replace(/:\d+$/, '') || r.fn;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    if (pkg) file = `node_modules/${pkg[1]}`;
    files.set(file, (files.get(file) ?? 0) + r.selfMs);
  }
  return [...files.entries()]
    .map(([location, selfMs]) => ({ fn: '', location, selfMs, selfPct: total > 0 ? (100 * selfMs) / total : 0 }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, limit);
}

/** A stage of a profiled run, named by the function that runs it. */
export interface Phase {
  label: string;
  /** The function's name as the profile records it. */
  fn: string;
}

/** Time spent in one stage of a profiled run. */
export interface PhaseRow {
  label: string;
  ms: number;
  pct: number;
}

/**
 * Time per stage of a run: each sample goes to the innermost frame on its stack that runs one of `phases` (a stage
 * called from another counts for itself, not for the one around it), garbage collection to its own row, the rest
 * to "other". Rows come in the order of `phases`, then garbage collection, then other; idle time is left out.
 */
export function summarizePhases(profile: CpuProfile, phases: readonly Phase[]): PhaseRow[] {
  const GC = 'garbage collection';
  const OTHER = 'other (module loading, the rest)';
  const byId = new Map(profile.nodes.map((n) => [n.id, n] as const));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const labelOf = new Map(phases.map((p) => [p.fn, p.label] as const));
  const phaseOfNode = new Map<number, string | null>();
  const phaseOf = (id: number): string | null => {
    const known = phaseOfNode.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const name = node?.callFrame.functionName;
    let found: string | null;
    if (!node || name === '(idle)') found = null;
    else if (name === '(garbage collector)') found = GC;
    else found = labelOf.get(name!) ?? (parent.has(id) ? phaseOf(parent.get(id)!) : OTHER);
    phaseOfNode.set(id, found);
    return found;
  };
  const ms = new Map<string, number>();
  let total = 0;
  for (const [id, dt] of selfTimes(profile)) {
    const phase = phaseOf(id);
    if (phase === null) continue;
    ms.set(phase, (ms.get(phase) ?? 0) + dt);
    total += dt;
  }
  return [...phases.map((p) => p.label), GC, OTHER]
    .filter((label, i, all) => all.indexOf(label) === i)
    .map((label) => ({ label, ms: ms.get(label) ?? 0, pct: total > 0 ? (100 * (ms.get(label) ?? 0)) / total : 0 }));
}

/** A Markdown table of phase rows. */
export function phaseTable(rows: readonly PhaseRow[]): string {
  return ['| stage | ms | share |', '|---|---:|---:|', ...rows.map((r) => `| ${r.label} | ${r.ms.toFixed(0)} | ${r.pct.toFixed(1)} % |`)].join('\n');
}

/** Reads a `.cpuprofile` file. */
export async function readProfile(path: string): Promise<CpuProfile> {
  return JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
}

/** A Markdown table of profile rows. */
export function profileTable(rows: readonly ProfileRow[], byFile = false): string {
  const head = byFile ? '| file or package | self ms | self % |\n|---|---:|---:|' : '| function | location | self ms | self % |\n|---|---|---:|---:|';
  const body = rows.map((r) =>
    byFile
      ? `| \`${r.location}\` | ${r.selfMs.toFixed(0)} | ${r.selfPct.toFixed(1)} |`
      : `| \`${r.fn.replace(/\|/g, '\\|')}\` | \`${r.location}\` | ${r.selfMs.toFixed(0)} | ${r.selfPct.toFixed(1)} |`,
  );
  return [head, ...body].join('\n');
}
