import { parseProblems, type CorpusRule } from '../rule.js';

/** A route whose conditions exclude each other can never apply. */
export const procedureUnreachable: CorpusRule = {
  id: 'procedure-unreachable',
  scope: 'corpus',
  description: 'Every route can apply.',
  check({ resolution }) {
    return parseProblems(resolution.compilations, this.id);
  },
};
