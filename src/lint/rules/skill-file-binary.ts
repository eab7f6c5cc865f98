import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { fileDiagnostic, type CorpusRule } from '../rule.js';

/** Text files of a skill are UTF-8, and an allowed binary file is what its extension says (SECURITY K11). */
export const skillFileBinary: CorpusRule = {
  id: 'skill-file-binary',
  scope: 'corpus',
  description: 'SKILL.md and text supporting files are UTF-8; binary supporting files start with their type\'s signature.',
  check({ source }) {
    const out: Diagnostic[] = [];
    for (const f of source.folders) {
      if (!f.hasSkillMd) continue;
      if (!f.skillMd) out.push(fileDiagnostic(`${f.dir}/SKILL.md`, this.id, 'SKILL.md is not UTF-8 text; save it as UTF-8 Markdown'));
      for (const s of f.supporting) {
        const { info } = s;
        if (!info.type || !info.sizeOk || info.served) continue;
        out.push(
          fileDiagnostic(
            s.path,
            this.id,
            info.type.format
              ? `${s.inSkill} is not UTF-8 text, but .${info.ext} files are text; save it as UTF-8 or remove it`
              : `${s.inSkill} does not start like a .${info.ext} file; a binary file must be what its extension says`,
          ),
        );
      }
    }
    return out;
  },
};
