import { parseProblems, type CorpusRule } from '../rule.js';

/** Route and note conditions name facts of the vocabulary with values of their type. */
export const procedureCondition: CorpusRule = {
  id: 'procedure-condition',
  scope: 'corpus',
  description: 'Conditions name known facts with valid values.',
  check({ resolution }) {
    return parseProblems(resolution.compilations, this.id);
  },
};
