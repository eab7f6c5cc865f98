import { parseProblems, type CorpusRule } from '../rule.js';

/** A procedure file matches its schema: routes with unique ids, a title and document for procedures, a `why`, deadlines and windows only on procedures, one safe reading. */
export const procedureSchema: CorpusRule = {
  id: 'procedure-schema',
  scope: 'corpus',
  description: 'Procedure files match their schema.',
  check({ resolution }) {
    return parseProblems(resolution.compilations, this.id);
  },
};
