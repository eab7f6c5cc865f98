import type { CorpusRule } from '../rule.js';
import { lineOfKey } from '../skill-lines.js';

/** `metadata.next` hands the person over to skills that exist. */
export const nextResolves: CorpusRule = {
  id: 'next-resolves',
  scope: 'corpus',
  description: 'Every skill named in `metadata.next` exists.',
  check({ skills }) {
    const names = new Set(skills.map((s) => s.name));
    return skills.flatMap((s) =>
      (s.meta.next ?? [])
        .filter((next) => !names.has(next))
        .map((next) => ({ file: s.path, line: lineOfKey(s, 'next'), column: 1, severity: 'error' as const, ruleId: this.id, message: `metadata.next names \`${next}\`, which is not a skill in skills/` })),
    );
  },
};
