import { parseProblems, type CorpusRule } from '../rule.js';

/** Every citation of a procedure file, in cite lists and inline tags, resolves in references/. */
export const procedureCitation: CorpusRule = {
  id: 'procedure-citation',
  scope: 'corpus',
  description: 'Procedure citations resolve.',
  check({ resolution }) {
    return parseProblems(resolution.compilations, this.id);
  },
};
