/**
 * Benchmark for the safety library (SECURITY.md I4): scan speed in ms per 10 KB over the published skills and the
 * sample texts, and the time for each 1 MB adversarial string. Prints a Markdown table (median and spread over
 * the runs). Run: node --import tsx bench/safety.ts [runs]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectPersonalData, scanInjection } from '../src/safety/index.js';
import { ADVERSARIAL_STRINGS } from '../test/safety/adversarial-strings.js';

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
  const samples = path.resolve(root, '..', 'shared', 'samples');
  if (existsSync(samples)) {
    for (const f of readdirSync(samples).filter((x) => x.endsWith('.txt')).sort()) {
      out.push({ name: `samples/${f}`, text: readFileSync(path.join(samples, f), 'utf8') });
    }
  }
  return out;
}

function measure(fn: () => void): number[] {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b);
}

const median = (xs: number[]): number => xs[Math.floor(xs.length / 2)] as number;
const fmt = (x: number): string => (x < 10 ? x.toFixed(2) : x.toFixed(0));

const rows: string[] = [];
rows.push(`Safety scan benchmark: ${runs} runs each, Node ${process.version}, ${new Date().toISOString()}`);
rows.push('');
rows.push('| input | size (KB) | injection ms/10 KB (median) | spread (min–max) | PII ms/10 KB (median) | spread (min–max) |');
rows.push('|---|---|---|---|---|---|');
for (const { name, text } of inputs()) {
  const per10k = 10240 / text.length;
  const inj = measure(() => scanInjection(text, { context: 'skill' })).map((t) => t * per10k);
  const pii = measure(() => detectPersonalData(text)).map((t) => t * per10k);
  rows.push(`| ${name} | ${(text.length / 1024).toFixed(1)} | ${fmt(median(inj))} | ${fmt(inj[0] as number)}–${fmt(inj[inj.length - 1] as number)} | ${fmt(median(pii))} | ${fmt(pii[0] as number)}–${fmt(pii[pii.length - 1] as number)} |`);
}
rows.push('');
rows.push('| 1 MB adversarial string | family | injection ms (median) | spread | PII ms (median) | spread |');
rows.push('|---|---|---|---|---|---|');
for (const a of ADVERSARIAL_STRINGS) {
  const inj = measure(() => scanInjection(a.text, { context: 'skill' }));
  const pii = measure(() => detectPersonalData(a.text));
  rows.push(`| ${a.name} | ${a.family} | ${fmt(median(inj))} | ${fmt(inj[0] as number)}–${fmt(inj[inj.length - 1] as number)} | ${fmt(median(pii))} | ${fmt(pii[0] as number)}–${fmt(pii[pii.length - 1] as number)} |`);
}
console.log(rows.join('\n'));
