import { checkAgreement } from '../../procedures/agreement.js';
import type { CompiledProcedure } from '../../procedures/compile.js';
import type { CorpusRule } from '../rule.js';

/**
 * A skill's prose and its procedure file state the same deadlines: every amount counted from an event in a
 * `Deadline:` line or in Who and when is a rule of the file (or of a skill it hands over to through `next`), and
 * every deadline of the file is stated in Who and when.
 */
export const procedureAgreement: CorpusRule = {
  id: 'procedure-agreement',
  scope: 'corpus',
  description: 'The deadlines of the prose and of the procedure file agree.',
  check({ source, resolution, skills, timed }) {
    const texts = new Map(source.folders.filter((f) => f.skillMd).map((f) => [f.folder, f.skillMd!] as const));
    return skills.flatMap((s) => {
      const md = texts.get(s.name);
      if (!md) return [];
      const handedOver = (s.meta.next ?? []).map((n) => resolution.procedures.get(n)).filter((x): x is CompiledProcedure => x !== undefined);
      // The parse's timed lines spare decoding the file again; its text is read only without them.
      return checkAgreement(md.path, timed.get(md.path) ?? md.text, resolution.procedures.get(s.name), handedOver, resolution.vocabulary.eventPhrases);
    });
  },
};
