import { LOCK_FILE } from '../../corpus/lock.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { fileDiagnostic, type CorpusRule } from '../rule.js';

/** A reference or root file changed since it was locked is reviewed, then recorded again (SECURITY K12). */
export const lockDigest: CorpusRule = {
  id: 'lock-digest',
  scope: 'corpus',
  withholds: false,
  description: 'References and root files match the digests recorded in skills.lock.json.',
  check({ source, resolution }) {
    const read = source.lock;
    if (!read.exists || !read.lock || read.legacy) return [];
    const lock = read.lock;
    const out: Diagnostic[] = [];
    const changed = (what: Readonly<Record<string, string>>, recorded: Readonly<Record<string, string>>, fileOf: (key: string) => string) => {
      for (const [key, digest] of Object.entries(what)) {
        const before = recorded[key];
        if (before !== undefined && before !== digest) out.push(fileDiagnostic(fileOf(key), this.id, `${fileOf(key)} changed since it was recorded in ${LOCK_FILE}; review the change, then run \`loket lock\` and commit both`));
      }
    };
    changed(resolution.referenceDigests, lock.references, (id) => `references/${id}.yaml`);
    changed(resolution.rootDigests, lock.corpus, (path) => path);
    return out;
  },
};
