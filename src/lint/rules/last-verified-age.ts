import type { CorpusRule } from '../rule.js';
import { lineOfKey } from '../skill-lines.js';

/** Days after which `last-verified` earns a warning. */
export const STALE_AFTER_DAYS = 180;

/** Procedures change: a skill whose claims were last checked long ago is flagged for review. */
export const lastVerifiedAge: CorpusRule = {
  id: 'last-verified-age',
  scope: 'corpus',
  description: `\`last-verified\` is at most ${STALE_AFTER_DAYS} days old (a warning).`,
  check({ skills, today }) {
    return skills.flatMap((s) => {
      const age = daysBetween(s.meta['last-verified'], today);
      if (age <= STALE_AFTER_DAYS) return [];
      return [{ file: s.path, line: lineOfKey(s, 'last-verified'), column: 1, severity: 'warning' as const, ruleId: this.id, message: `last-verified is ${s.meta['last-verified']}, ${age} days ago; re-check the claims against the cited sources and update it` }];
    });
  },
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
