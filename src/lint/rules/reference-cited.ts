import { citedIds } from '../../procedures/compile.js';
import { idsCitedBy } from '../../skill/citation-table.js';
import type { CorpusRule } from '../rule.js';

/** A reference nobody cites is dead weight in the registry (a warning). */
export const referenceCited: CorpusRule = {
  id: 'reference-cited',
  scope: 'corpus',
  description: 'Every reference is cited by a skill or a procedure file (a warning).',
  check({ skills, resolution }) {
    const cited = new Set<string>([...resolution.procedures.values()].flatMap(citedIds));
    for (const s of skills) for (const id of idsCitedBy(s)) cited.add(id);
    return resolution.registry
      .list()
      .filter((r) => !cited.has(r.id))
      .map((r) => ({ file: `references/${r.id}.yaml`, line: 1, column: 1, severity: 'warning' as const, ruleId: this.id, message: `No skill cites \`${r.id}\`; cite it or remove the file` }));
  },
};
