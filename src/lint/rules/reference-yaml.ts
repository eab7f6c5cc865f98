import { fileDiagnostic, parseProblems, type CorpusRule } from '../rule.js';

/** A reference is a UTF-8 YAML file a parser accepts. */
export const referenceYaml: CorpusRule = {
  id: 'reference-yaml',
  scope: 'corpus',
  description: 'Reference files are UTF-8 text and valid YAML.',
  check({ source }) {
    const yaml = source.references.filter((r) => /\.ya?ml$/.test(r.name));
    const binary = yaml.filter((r) => r.text === undefined).map((r) => fileDiagnostic(r.path, this.id, 'This file is not UTF-8 text; a reference is a YAML file'));
    return [...binary, ...parseProblems(yaml.map((r) => r.parsed), this.id)];
  },
};
