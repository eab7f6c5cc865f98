/**
 * CPU time of the no-injection lint rule over every file a corpus load scans (SKILL.md, procedure files,
 * references), once each in a fresh process, the way `loadCorpus` meets them. Run from the repository root:
 * node --import tsx bench/scan-lint.ts <corpus root>
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { noInjection } from '../src/lint/rules/no-injection.js';

const root = process.argv[2];
if (!root) throw new Error('usage: scan-lint.ts <corpus root>');
const files: Array<{ path: string; text: string; format?: 'yaml' }> = [];
for (const d of readdirSync(path.join(root, 'skills'))) {
  for (const f of readdirSync(path.join(root, 'skills', d))) {
    const p = `skills/${d}/${f}`;
    files.push({ path: p, text: readFileSync(path.join(root, p), 'utf8'), ...(f.endsWith('.yaml') ? { format: 'yaml' as const } : {}) });
  }
}
for (const f of readdirSync(path.join(root, 'references'))) files.push({ path: `references/${f}`, text: readFileSync(path.join(root, 'references', f), 'utf8'), format: 'yaml' });
const skills = readdirSync(path.join(root, 'skills')).length;
// The first pass is what a load pays (warm-up included); the second shows the steady state.
const passes: number[] = [];
let diagnostics = 0;
for (let pass = 0; pass < 2; pass++) {
  const c = process.cpuUsage();
  diagnostics = 0;
  for (const f of files) diagnostics += noInjection.check(f as Parameters<typeof noInjection.check>[0]).length;
  const u = process.cpuUsage(c);
  passes.push((u.user + u.system) / 1000);
}
console.log(JSON.stringify({ files: files.length, skills, diagnostics, firstPassCpuMs: Math.round(passes[0]!), secondPassCpuMs: Math.round(passes[1]!), firstPassMsPerSkill: +(passes[0]! / skills).toFixed(3) }));
