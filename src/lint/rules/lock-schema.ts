import type { CorpusRule } from '../rule.js';

/** `skills.lock.json` is readable JSON in the current format (format 1 is reported so `loket lock` upgrades it). */
export const lockSchema: CorpusRule = {
  id: 'lock-schema',
  scope: 'corpus',
  withholds: false,
  description: 'skills.lock.json is valid JSON in lock format 2.',
  check({ source }) {
    return source.lock.diagnostics.filter((d) => d.ruleId === this.id);
  },
};
