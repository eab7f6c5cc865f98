import { parseProblems, type CorpusRule } from '../rule.js';

/** A procedure file is YAML a parser accepts. */
export const procedureYaml: CorpusRule = {
  id: 'procedure-yaml',
  scope: 'corpus',
  description: 'Procedure files are valid YAML.',
  check({ resolution }) {
    return parseProblems(resolution.compilations, this.id);
  },
};
