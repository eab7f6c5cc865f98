import { LIMITS } from '../../corpus/load.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { fileDiagnostic, type CorpusRule } from '../rule.js';

/** The Skills extension's limits (SECURITY K4): files and bytes per skill, and our own cap on SKILL.md. */
export const skillSize: CorpusRule = {
  id: 'skill-size',
  scope: 'corpus',
  description: `A skill holds at most ${LIMITS.filesPerSkill} files and 16 MiB, and its SKILL.md at most 256 KiB.`,
  check({ source }) {
    const out: Diagnostic[] = [];
    for (const f of source.folders) {
      if (!f.hasSkillMd) continue;
      const at = `${f.dir}/SKILL.md`;
      if (f.fileCount > LIMITS.filesPerSkill) out.push(fileDiagnostic(at, this.id, `skills/${f.folder} has ${f.fileCount} files; a skill holds at most ${LIMITS.filesPerSkill}`));
      if (f.totalBytes > LIMITS.bytesPerSkill) out.push(fileDiagnostic(at, this.id, `skills/${f.folder} holds ${f.totalBytes} bytes; a skill holds at most 16 MiB`));
      if (f.skillMd && f.skillMdBytes > LIMITS.skillMdBytes) out.push(fileDiagnostic(at, this.id, `SKILL.md is ${f.skillMdBytes} bytes; keep it under 256 KiB and move detail to supporting files`));
    }
    return out;
  },
};
