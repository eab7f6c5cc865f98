import { fileDiagnostic, type CorpusRule } from '../rule.js';

/** A skill folder is served through its SKILL.md; a folder without one is a mistake. */
export const skillMissing: CorpusRule = {
  id: 'skill-missing',
  scope: 'corpus',
  description: 'Every folder in skills/ holds a SKILL.md.',
  check({ source }) {
    return source.folders
      .filter((f) => f.isDirectory && !f.hasSkillMd)
      .map((f) => fileDiagnostic(`${f.dir}/SKILL.md`, this.id, `The folder skills/${f.folder} has no SKILL.md; add one or remove the folder`));
  },
};
