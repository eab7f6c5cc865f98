import { parseProblems, type CorpusRule } from '../rule.js';

/** Date expressions name a date fact of the vocabulary, or today, and parse. */
export const procedureDate: CorpusRule = {
  id: 'procedure-date',
  scope: 'corpus',
  description: 'Date expressions are valid.',
  check({ resolution }) {
    return parseProblems(resolution.compilations, this.id);
  },
};
