import type { Registry } from '../../corpus/types.js';
import { idsCitedBy } from '../../skill/citation-table.js';
import type { CorpusRule } from '../rule.js';

/** Every citation tag names a reference of the registry, so every claim can be checked at its source. */
export const citationResolves: CorpusRule = {
  id: 'citation-resolves',
  scope: 'corpus',
  description: 'Every citation tag resolves to a file in references/.',
  check({ skills, resolution: { registry } }) {
    // The citations themselves (with their positions) are made only for a skill that cites an unknown id.
    return skills.flatMap((s) =>
      (idsCitedBy(s).every((id) => registry.has(id)) ? [] : s.citations)
        .filter((c) => !registry.has(c.id))
        .map((c) => ({
          file: s.path,
          line: c.line,
          column: c.column,
          severity: 'error' as const,
          ruleId: this.id,
          message: `Citation \`[${c.id}${c.locator ? `, ${c.locator}` : ''}]\` does not resolve: there is no references/${c.id}.yaml${suggest(c.id, registry)}`,
        })),
    );
  },
};

function suggest(id: string, registry: Registry): string {
  const close = registry.list().find((r) => r.id.startsWith(id.split('-').slice(0, 2).join('-')));
  return close ? ` (did you mean \`${close.id}\`?)` : '';
}
