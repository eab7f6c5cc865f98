import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Skill } from '../../skill/schema.js';
import type { CorpusRule } from '../rule.js';
import { lineOfKey } from '../skill-lines.js';

/** Skill names are unique: a name is the key of every URI and tool argument. */
export const duplicateName: CorpusRule = {
  id: 'duplicate-name',
  scope: 'corpus',
  description: 'No two skills share a name.',
  check({ skills }) {
    const out: Diagnostic[] = [];
    const names = new Map<string, Skill>();
    for (const s of skills) {
      const first = names.get(s.name);
      if (first) out.push({ file: s.path, line: lineOfKey(s, 'name'), column: 1, severity: 'error', ruleId: this.id, message: `Skill name \`${s.name}\` is already used by ${first.path}; names are unique` });
      else names.set(s.name, s);
    }
    return out;
  },
};
