import { parseProblems, type CorpusRule } from '../rule.js';

/** Every `{placeholder}` in a procedure text names a fact, a computed date, a route date or a lookup. */
export const procedurePlaceholder: CorpusRule = {
  id: 'procedure-placeholder',
  scope: 'corpus',
  description: 'Placeholders name something.',
  check({ resolution }) {
    return parseProblems(resolution.compilations, this.id);
  },
};
