import { fileDiagnostic, parseProblems, type CorpusRule } from '../rule.js';

/** Every fact of the vocabulary is well formed, and the front-door skill it names exists. */
export const factsSchema: CorpusRule = {
  id: 'facts-schema',
  scope: 'corpus',
  description: 'facts.yaml matches its schema and `start` names a skill.',
  check({ source, resolution, skills }) {
    const out = parseProblems([source.vocabulary?.parsed], this.id);
    const start = resolution.vocabulary.source.start;
    if (start !== undefined && !skills.some((s) => s.name === start)) out.push(fileDiagnostic(source.vocabulary!.path, this.id, `start names \`${start}\`, which is not a skill in skills/`));
    return out;
  },
};
