import { skillFileDigests } from '../../corpus/lock.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { CorpusRule } from '../rule.js';
import { lineOfKey } from '../skill-lines.js';

/**
 * A published skill version never changes: hosts bind approval to digests, so changed bytes under an unchanged
 * version would be a silent rug pull (SECURITY K2, K12). Any changed, added or removed file needs a new version.
 */
export const versionBump: CorpusRule = {
  id: 'version-bump',
  scope: 'corpus',
  withholds: false,
  description: 'A skill whose files changed since its version was recorded has a new version.',
  check({ source, skills }) {
    const read = source.lock;
    if (!read.exists || !read.lock) return [];
    const out: Diagnostic[] = [];
    const error = (file: string, line: number, message: string) => out.push({ file, line, column: 1, severity: 'error', ruleId: this.id, message });
    for (const s of skills) {
      const recorded = read.lock.skills[s.name]?.[s.meta.version];
      if (recorded === undefined) continue;
      const folder = s.path.replace(/SKILL\.md$/, '');
      // Found only for a diagnostic: it reads the whole SKILL.md.
      let versionLine: number | undefined;
      const line = () => (versionLine ??= lineOfKey(s, 'version'));
      const current = skillFileDigests(s);
      for (const [path, digest] of Object.entries(current)) {
        const before = recorded[path];
        if (before === digest || (before === undefined && read.legacy)) continue;
        const file = `${folder}${path}`;
        const at = path === 'SKILL.md' ? line() : 1;
        if (before === undefined) error(file, at, `${path} is new, but ${s.name} ${s.meta.version} was published without it; bump metadata.version in SKILL.md (then run \`loket lock\`)`);
        else if (path === 'SKILL.md') error(file, at, `SKILL.md changed but metadata.version is still ${s.meta.version}, which was published with other content; bump the version (then run \`loket lock\`)`);
        else error(file, at, `${path} changed but ${s.name} is still version ${s.meta.version}, which was published with other content; bump metadata.version in SKILL.md (then run \`loket lock\`)`);
      }
      for (const path of Object.keys(recorded)) {
        if (!(path in current)) error(s.path, line(), `${path} was published with ${s.name} ${s.meta.version} and is gone; bump metadata.version (then run \`loket lock\`)`);
      }
    }
    return out;
  },
};
