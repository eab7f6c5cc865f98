import { LOCK_FILE } from '../../corpus/lock.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { fileDiagnostic, type CorpusRule } from '../rule.js';
import { lineOfKey } from '../skill-lines.js';

/** Every skill version, reference and root file is recorded in the lock, so every digest is reviewed in the change that adds it (SECURITY K2, K12). */
export const lockEntry: CorpusRule = {
  id: 'lock-entry',
  scope: 'corpus',
  withholds: false,
  description: 'Every skill version, reference and root file is recorded in skills.lock.json.',
  check({ source, skills, resolution }) {
    const read = source.lock;
    if (!read.exists || !read.lock) return [];
    const lock = read.lock;
    const out: Diagnostic[] = [];
    for (const s of skills) {
      if (lock.skills[s.name]?.[s.meta.version] !== undefined) continue;
      out.push({ ...fileDiagnostic(s.path, this.id, `${s.name} ${s.meta.version} is not recorded in ${LOCK_FILE}; run \`loket lock\` and commit the file with this change`), line: lineOfKey(s, 'version') });
    }
    if (read.legacy) return out;
    const missing = (what: Readonly<Record<string, string>>, recorded: Readonly<Record<string, string>>, fileOf: (key: string) => string) => {
      for (const key of Object.keys(what)) {
        if (recorded[key] === undefined) out.push(fileDiagnostic(fileOf(key), this.id, `${fileOf(key)} is not recorded in ${LOCK_FILE}; run \`loket lock\` and commit the file with this change`));
      }
    };
    missing(resolution.referenceDigests, lock.references, (id) => `references/${id}.yaml`);
    missing(resolution.rootDigests, lock.corpus, (path) => path);
    return out;
  },
};
