import { parseProblems, type CorpusRule } from '../rule.js';

/** A reference's file name is its id, the one skills cite: kebab-case. */
export const referenceId: CorpusRule = {
  id: 'reference-id',
  scope: 'corpus',
  description: 'Reference file names are kebab-case ids.',
  check({ source }) {
    return parseProblems(source.references.map((r) => r.parsed), this.id);
  },
};
