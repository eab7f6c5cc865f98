import { PROCEDURE_FILE } from '../../procedures/compile.js';
import { VOCABULARY_FILE } from '../../procedures/vocabulary.js';
import { fileDiagnostic, parseProblems, type CorpusRule } from '../rule.js';

/** A procedure file reads only facts and events of the vocabulary, which must exist at the corpus root. */
export const procedureFact: CorpusRule = {
  id: 'procedure-fact',
  scope: 'corpus',
  description: 'Procedure files name facts and events of facts.yaml, and facts.yaml exists.',
  check({ source, resolution }) {
    if (resolution.hasVocabulary) return parseProblems(resolution.compilations, this.id);
    return source.folders
      .filter((f) => f.skillMd)
      .flatMap((f) => f.supporting.filter((s) => s.inSkill === PROCEDURE_FILE && s.info.served))
      .map((s) => fileDiagnostic(s.path, this.id, `${PROCEDURE_FILE} needs the fact vocabulary ${VOCABULARY_FILE} at the corpus root`));
  },
};
