import { fileDiagnostic, parseProblems, type CorpusRule } from '../rule.js';

/** The fact vocabulary is a UTF-8 YAML file a parser accepts. */
export const factsYaml: CorpusRule = {
  id: 'facts-yaml',
  scope: 'corpus',
  description: 'facts.yaml is UTF-8 text and valid YAML.',
  check({ source }) {
    const v = source.vocabulary;
    if (!v) return [];
    if (v.text === undefined) return [fileDiagnostic(v.path, this.id, 'facts.yaml is not UTF-8 text')];
    return parseProblems([v.parsed], this.id);
  },
};
