import { PLAN_VIEW_TOOL_META } from '../apps/plan.js';

/** find_procedure's name. */
export const FIND_PROCEDURE = 'find_procedure';

/**
 * What find_procedure shows in `tools/list` besides its schemas: its description names the facts of the corpus's
 * vocabulary (`facts.yaml`), in order. Kept apart from the tool so a server can list it before loading the tool.
 */
export function findProcedurePresentation(factNames: readonly string[]) {
  const facts = factNames.join(', ');
  return {
    name: FIND_PROCEDURE,
    title: 'Find the commune procedure',
    description:
      'Finds which Belgian commune procedures apply to a person from facts about them ' +
      `(${facts || 'none declared'}): each procedure with its computed deadline or window and safe date, ` +
      'exemptions, what is not a commune matter, the facts still missing with the question to ask in English, ' +
      'Dutch, French or German, and cited sources. Give what you know; ask for the rest.',
    annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    _meta: PLAN_VIEW_TOOL_META,
  };
}
