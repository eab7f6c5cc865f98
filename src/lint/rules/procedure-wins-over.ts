import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { resolveWinsOver } from '../../guidance/guidance.js';
import type { CorpusRule } from '../rule.js';

/** A route's `wins-over` names routes that exist: `<id>` in its file, `<skill>#<id>`, or a skill with a procedure file. */
export const procedureWinsOver: CorpusRule = {
  id: 'procedure-wins-over',
  scope: 'corpus',
  description: 'Every `wins-over` entry names an existing route or skill with a procedure file.',
  check({ resolution }) {
    const procedures = [...resolution.procedures.values()];
    const all = procedures.flatMap((p) => p.routes);
    const out: Diagnostic[] = [];
    for (const p of procedures) {
      for (const route of p.routes) {
        for (const entry of route.winsOver) {
          if (resolveWinsOver(entry, route, all).length > 0) continue;
          out.push({ file: p.path, line: route.line, column: 1, severity: 'error', ruleId: this.id, message: `Route \`${route.id}\`: wins-over names \`${entry}\`, which is no route id of this file, <skill>#<id> or skill with a procedure file` });
        }
      }
    }
    return out;
  },
};
