import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Skill } from '../skill/schema.js';
import type { Registry } from './types.js';

/** Days after which `last-verified` earns a warning. */
export const STALE_AFTER_DAYS = 180;

/**
 * Cross-file checks over parsed skills: citations resolve, names are unique, `next` targets exist, every
 * reference is cited (by a skill or a procedure file, `alsoCited`), `last-verified` is recent.
 */
export function checkCorpus(skills: readonly Skill[], registry: Registry, options: { today: string; alsoCited?: readonly string[] }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = new Map<string, Skill>();
  for (const s of skills) {
    const folder = s.path.split('/').slice(-2, -1)[0];
    if (folder && s.name !== folder) out.push({ file: s.path, line: lineOfKey(s, 'name'), column: 7, severity: 'error', ruleId: 'name-matches-folder', message: `name \`${s.name}\` must equal the folder name \`${folder}\`; rename one of them` });
    const first = names.get(s.name);
    if (first) out.push({ file: s.path, line: lineOfKey(s, 'name'), column: 1, severity: 'error', ruleId: 'duplicate-name', message: `Skill name \`${s.name}\` is already used by ${first.path}; names are unique` });
    else names.set(s.name, s);
  }
  const cited = new Set<string>(options.alsoCited ?? []);
  for (const s of skills) {
    for (const c of s.citations) {
      cited.add(c.id);
      if (!registry.has(c.id)) {
        out.push({ file: s.path, line: c.line, column: c.column, severity: 'error', ruleId: 'citation-resolves', message: `Citation \`[${c.id}${c.locator ? `, ${c.locator}` : ''}]\` does not resolve: there is no references/${c.id}.yaml${suggest(c.id, registry)}` });
      }
    }
    for (const next of s.meta.next ?? []) {
      if (!skills.some((o) => o.name === next)) out.push({ file: s.path, line: lineOfKey(s, 'next'), column: 1, severity: 'error', ruleId: 'next-resolves', message: `metadata.next names \`${next}\`, which is not a skill in skills/` });
    }
    const age = daysBetween(s.meta['last-verified'], options.today);
    if (age > STALE_AFTER_DAYS) out.push({ file: s.path, line: lineOfKey(s, 'last-verified'), column: 1, severity: 'warning', ruleId: 'last-verified-age', message: `last-verified is ${s.meta['last-verified']}, ${age} days ago; re-check the claims against the cited sources and update it` });
  }
  for (const r of registry.list()) {
    if (!cited.has(r.id)) out.push({ file: `references/${r.id}.yaml`, line: 1, column: 1, severity: 'warning', ruleId: 'reference-cited', message: `No skill cites \`${r.id}\`; cite it or remove the file` });
  }
  return out;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function lineOfKey(skill: Skill, key: string): number {
  const lines = new TextDecoder().decode(skill.files[0]!.bytes).split('\n');
  const i = lines.findIndex((l) => new RegExp(`^\\s*${key}\\s*:`).test(l));
  return i >= 0 ? i + 1 : 1;
}

function suggest(id: string, registry: Registry): string {
  const close = registry.list().find((r) => r.id.startsWith(id.split('-').slice(0, 2).join('-')));
  return close ? ` (did you mean \`${close.id}\`?)` : '';
}
