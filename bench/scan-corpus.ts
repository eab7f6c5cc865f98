/**
 * CPU time of the injection scan alone over a generated corpus (every SKILL.md and reference file, skill context),
 * the share of the corpus load that the scan accounts for. Run: node --import tsx bench/scan-corpus.ts <corpus root> [runs]
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scanInjection } from '../src/safety/index.js';

const root = process.argv[2];
if (!root) throw new Error('usage: scan-corpus.ts <corpus root> [runs]');
const runs = Number(process.argv[3] ?? 5);
const texts: string[] = [];
for (const d of readdirSync(path.join(root, 'skills'))) texts.push(readFileSync(path.join(root, 'skills', d, 'SKILL.md'), 'utf8'));
const skillCount = texts.length;
for (const f of readdirSync(path.join(root, 'references'))) texts.push(readFileSync(path.join(root, 'references', f), 'utf8'));
const bytes = texts.reduce((n, t) => n + t.length, 0);

const cpu: number[] = [];
let findings = 0;
for (let r = 0; r <= runs; r++) {
  const c = process.cpuUsage();
  findings = 0;
  for (const t of texts) findings += scanInjection(t, { context: 'skill' }).length;
  const u = process.cpuUsage(c);
  if (r > 0) cpu.push((u.user + u.system) / 1000);
}
cpu.sort((a, b) => a - b);
const median = cpu[Math.floor(cpu.length / 2)]!;
console.log(JSON.stringify({ texts: texts.length, skills: skillCount, kb: Math.round(bytes / 1024), findings, cpuMs: cpu.map((x) => Math.round(x)), medianMs: Math.round(median), msPerSkill: +(median / skillCount).toFixed(3), msPer10KB: +((median * 10240) / bytes).toFixed(3) }));
