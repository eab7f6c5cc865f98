import * as z from 'zod';
import { ISO_DATE_PATTERN, todayInBrussels } from '../../guidance/dates.js';
import {
  ACCOMMODATIONS,
  CARD_PROBLEMS,
  CARD_TYPES,
  findProcedure,
  isProcedureError,
  MAX_STAY_DAYS,
  PROCEDURE_SKILLS,
} from '../../guidance/procedure.js';
import { GuidanceCitationSchema } from '../../guidance/sources.js';
import { PLAN_VIEW_TOOL_META } from '../apps/plan.js';
import { PLAN_VIEW_FIELDS, planViewFields } from '../apps/plan-data.js';
import { defineTool, fail, ok } from './define.js';

const isoDate = z.string().regex(ISO_DATE_PATTERN, 'expected a date written YYYY-MM-DD');
const citations = z.array(GuidanceCitationSchema);

/** find_procedure: which Belgian commune procedure applies to a person, with deadlines and citations. */
export const findProcedureTool = defineTool({
  name: 'find_procedure',
  title: 'Find the commune procedure',
  description:
    'Finds which Belgian commune procedure applies to a person from their nationality, length of stay, ' +
    'accommodation, arrival date, family link to an EU citizen or residence card: arrival declaration (annex 3), ' +
    'declaration of presence (annex 3ter), EU registration (annex 19) or residence-card renewal, with the exact ' +
    'deadline or window, exemptions, facts still missing, and cited sources. Long stays of non-EU nationals and ' +
    'asylum are reported as out of scope.',
  inputSchema: z.strictObject({
    nationality: z.string().min(1).max(64).describe('Nationality as an ISO 3166-1 alpha-2 code, e.g. "FR", "MA", "US"'),
    intended_stay_days: z
      .number()
      .int()
      .min(1)
      .max(MAX_STAY_DAYS)
      .optional()
      .describe('Planned length of the stay in Belgium, in days'),
    accommodation: z.enum(ACCOMMODATIONS).optional().describe('Where the person stays'),
    arrival_date: isoDate.optional().describe('Day of entry into Belgium, YYYY-MM-DD'),
    family_of_eu_citizen: z
      .boolean()
      .optional()
      .describe('True for a family member accompanying or joining an EU, EEA or Swiss citizen'),
    residence_card: z
      .strictObject({
        type: z.enum(CARD_TYPES).describe('Letter on the Belgian residence card, e.g. A, B, K, L, EU, EU+, F, F+'),
        expires_on: isoDate.describe('Expiry date printed on the card, YYYY-MM-DD'),
        student: z.boolean().optional().describe('True when the A card was issued for studies'),
      })
      .optional()
      .describe('A Belgian residence card the person holds'),
    card_problem: z.enum(CARD_PROBLEMS).optional().describe('A problem with the residence card'),
    today: isoDate.optional().describe('Reference date, YYYY-MM-DD; defaults to today in Brussels'),
  }),
  outputSchema: z.object({
    today: z.string(),
    nationality: z.object({ code: z.string(), group: z.string(), regime: z.string() }),
    procedures: z.array(
      z.object({
        skill: z.enum(PROCEDURE_SKILLS),
        uri: z.string(),
        title: z.string(),
        document: z.string(),
        why: z.string(),
        deadline: z
          .object({ date: z.string(), rule: z.string(), safe_date: z.string().optional(), citations })
          .optional(),
        window: z.object({ opens: z.string(), closes: z.string(), citations }).optional(),
        citations,
      }),
    ),
    exempt: z.object({ reason: z.string(), citations }).optional(),
    out_of_scope: z
      .object({ reason: z.string(), skill: z.literal('arrival-in-belgium'), uri: z.string(), citations })
      .optional(),
    needs: z.array(z.string()).describe('Input names of facts that would make the answer more precise'),
    notes: z.array(z.string()).describe('Contested or practical points, citing as [id, locator]'),
    ...PLAN_VIEW_FIELDS,
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  _meta: PLAN_VIEW_TOOL_META,
  handler: (args, deps) => {
    const today = args.today ?? todayInBrussels(deps.now());
    const answer = findProcedure({ ...args, today });
    if (isProcedureError(answer)) return fail(answer.message);
    const lines: string[] = [];
    if (answer.exempt) lines.push(`No procedure needed: ${answer.exempt.reason}`);
    if (answer.out_of_scope) lines.push(`Out of scope here: ${answer.out_of_scope.reason} See ${answer.out_of_scope.uri}.`);
    for (const p of answer.procedures) {
      lines.push(`${p.title} — ${p.why}`);
      if (p.deadline) {
        lines.push(`  Deadline: ${p.deadline.date}${p.deadline.safe_date ? ` (safe date: ${p.deadline.safe_date})` : ''}. ${p.deadline.rule}`);
      }
      if (p.window) lines.push(`  Window: ${p.window.opens} to ${p.window.closes}.`);
      lines.push(`  Skill: ${p.uri}`);
    }
    if (answer.needs.length > 0) lines.push(`Still needed for a precise answer: ${answer.needs.join(', ')}.`);
    lines.push(...answer.notes.map((n) => `Note: ${n}`));
    return ok({ today, ...answer, ...planViewFields(answer, deps.corpus) }, lines.join('\n'));
  },
});
