import { SUPPORTING_FILE_TYPES } from '../../corpus/served-files.js';
import { fileDiagnostic, type CorpusRule } from '../rule.js';

/** A skill folder serves documentation only: scripts, HTML, SVG, archives and executables are refused (SECURITY K11). */
export const skillFileType: CorpusRule = {
  id: 'skill-file-type',
  scope: 'corpus',
  description: 'Supporting files are of an allowed type (Markdown, text, YAML, JSON, CSV, PDF, PNG, JPEG).',
  check({ source }) {
    const allowed = Object.keys(SUPPORTING_FILE_TYPES).map((e) => `.${e}`).join(', ');
    return source.folders
      .filter((f) => f.hasSkillMd)
      .flatMap((f) => f.supporting.filter((s) => !s.info.type))
      .map((s) => fileDiagnostic(s.path, this.id, `${s.inSkill}: this file type is not served from a skill folder; allowed: ${allowed}. Remove it or convert it to Markdown`));
  },
};
