import { fileDiagnostic, type CorpusRule } from '../rule.js';

/** Each allowed supporting file type has a size limit (SECURITY K11). */
export const skillFileSize: CorpusRule = {
  id: 'skill-file-size',
  scope: 'corpus',
  description: 'Supporting files stay within the size limit of their type.',
  check({ source }) {
    return source.folders
      .filter((f) => f.hasSkillMd)
      .flatMap((f) => f.supporting.filter((s) => s.info.type && !s.info.sizeOk))
      .map((s) => fileDiagnostic(s.path, this.id, `${s.inSkill} is ${s.info.size} bytes; a .${s.info.ext} file in a skill folder holds at most ${s.info.type!.maxBytes / 1024} KiB`));
  },
};
