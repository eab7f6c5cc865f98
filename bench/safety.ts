/**
 * Benchmark for the safety library (SECURITY.md I4): scan speed in ms per 10 KB over the published skills and the
 * sample texts, and the time for each 1 MB adversarial string. Prints a Markdown table (median and spread over
 * the runs). Run: node --import tsx bench/safety.ts [runs]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { noInjection } from '../src/lint/rules/no-injection.js';
import { detectPersonalData, scanInjection } from '../src/safety/index.js';
import { ADVERSARIAL_STRINGS, fill } from '../test/safety/adversarial-strings.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Math.max(5, Number(process.argv[2] ?? 5));

function inputs(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const skills = path.join(root, 'skills');
  if (existsSync(skills)) {
    for (const d of readdirSync(skills).sort()) {
      const f = path.join(skills, d, 'SKILL.md');
      if (existsSync(f)) out.push({ name: `skills/${d}/SKILL.md`, text: readFileSync(f, 'utf8') });
    }
  }
  const samples = path.join(root, 'test', 'fixtures', 'samples');
  if (existsSync(samples)) {
    for (const f of readdirSync(samples).filter((x) => x.endsWith('.txt')).sort()) {
      out.push({ name: `samples/${f}`, text: readFileSync(path.join(samples, f), 'utf8') });
    }
  }
  return out;
}

/** Wall-clock and CPU (user + system) milliseconds per run, sorted, after one warm-up run. */
function measure(fn: () => void): { wall: number[]; cpu: number[] } {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const u = process.cpuUsage(c);
    cpu.push((u.user + u.system) / 1000);
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

const median = (xs: number[]): number => xs[Math.floor(xs.length / 2)] as number;
const fmt = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(0));
const cell = (xs: number[], k = 1): string => {
  const s = xs.map((x) => x * k);
  return `${fmt(median(s))} (${fmt(s[0] as number)}–${fmt(s[s.length - 1] as number)})`;
};

const rows: string[] = [];
rows.push(`Safety scan benchmark: ${runs} runs each after a warm-up, Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} CPUs.`);
rows.push('Cells: median (min–max). CPU = user + system time of this process, less sensitive to a busy machine than wall time.');
rows.push('');
rows.push('| input | KB | injection wall ms/10 KB | injection CPU ms/10 KB | PII wall ms/10 KB | PII CPU ms/10 KB |');
rows.push('|---|---|---|---|---|---|');
for (const { name, text } of inputs()) {
  const k = 10240 / text.length;
  const inj = measure(() => scanInjection(text, { context: 'skill' }));
  const pii = measure(() => detectPersonalData(text));
  rows.push(`| ${name} | ${(text.length / 1024).toFixed(1)} | ${cell(inj.wall, k)} | ${cell(inj.cpu, k)} | ${cell(pii.wall, k)} | ${cell(pii.cpu, k)} |`);
}
rows.push('');
/** SECURITY I4: a 1 MB adversarial string is scanned in at most this many milliseconds. */
const BUDGET_MS = 200;
rows.push(`| 1 MB adversarial string | family | injection wall ms | injection CPU ms | PII wall ms | PII CPU ms | injection ≤ ${BUDGET_MS} ms (CPU median) |`);
rows.push('|---|---|---|---|---|---|---|');
let within = 0;
for (const a of ADVERSARIAL_STRINGS) {
  const inj = measure(() => scanInjection(a.text, { context: 'skill' }));
  const pii = measure(() => detectPersonalData(a.text));
  const ok = median(inj.cpu) <= BUDGET_MS;
  if (ok) within++;
  rows.push(`| ${a.name} | ${a.family} | ${cell(inj.wall)} | ${cell(inj.cpu)} | ${cell(pii.wall)} | ${cell(pii.cpu)} | ${ok ? 'yes' : '**no**'} |`);
}
rows.push('');
rows.push(`I4: ${within} of ${ADVERSARIAL_STRINGS.length} strings within ${BUDGET_MS} ms of CPU (median); on a busy machine CPU time grows too, so read the misses against the load average above.`);

// The whole lint of one hostile skill file: frontmatter plus a single 1 MiB line of "![" (linear since the image
// rule stopped scanning 500 characters after every opener), through the same rule `loket lint` runs.
const hostile = `---\nname: hostile\ndescription: x\n---\n${fill('![')}\n`;
const lint = measure(() => noInjection.check({ path: 'skills/hostile/SKILL.md', text: hostile }));
rows.push('');
rows.push('| whole lint of one SKILL.md | KB | wall ms | CPU ms | budget |');
rows.push('|---|---|---|---|---|');
rows.push(`| a single line of "![" repeated | ${(hostile.length / 1024).toFixed(0)} | ${cell(lint.wall)} | ${cell(lint.cpu)} | ≤ ${BUDGET_MS} ms: ${median(lint.cpu) <= BUDGET_MS ? 'met' : '**missed**'} |`);
console.log(rows.join('\n'));
