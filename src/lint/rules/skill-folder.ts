import { fileDiagnostic, type CorpusRule } from '../rule.js';

/** `skills/` holds one folder per skill and nothing else. */
export const skillFolder: CorpusRule = {
  id: 'skill-folder',
  scope: 'corpus',
  description: 'Only skill folders lie in skills/.',
  check({ source }) {
    return source.folders.filter((f) => !f.isDirectory).map((f) => fileDiagnostic(f.dir, this.id, 'Only folders belong in skills/: put this file inside a skill folder or remove it'));
  },
};
