import type { CorpusRule } from '../rule.js';
import { lineOfKey } from '../skill-lines.js';

/** A skill's name is its folder's name: URIs, the lock and `next` all use it. */
export const nameMatchesFolder: CorpusRule = {
  id: 'name-matches-folder',
  scope: 'corpus',
  description: 'The `name` of a skill equals its folder name.',
  check({ skills }) {
    return skills.flatMap((s) => {
      const folder = s.path.split('/').slice(-2, -1)[0];
      if (!folder || s.name === folder) return [];
      return [{ file: s.path, line: lineOfKey(s, 'name'), column: 7, severity: 'error' as const, ruleId: this.id, message: `name \`${s.name}\` must equal the folder name \`${folder}\`; rename one of them` }];
    });
  },
};
