import { LOCK_FILE } from '../../corpus/lock.js';
import { fileDiagnostic, type CorpusRule } from '../rule.js';

/** Without a lock no digest is checked, so a missing lock is an error itself: deleting it never turns the check off. */
export const lockMissing: CorpusRule = {
  id: 'lock-missing',
  scope: 'corpus',
  withholds: false,
  description: 'The corpus has a skills.lock.json.',
  check({ source }) {
    if (source.lock.exists) return [];
    return [fileDiagnostic(LOCK_FILE, this.id, `There is no ${LOCK_FILE}: every served file must be recorded with its digest. Run \`loket lock\` and commit the file; if it was deleted, restore it from version control`)];
  },
};
