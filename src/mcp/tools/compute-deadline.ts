import * as z from 'zod';
import { ISO_DATE_PATTERN } from '../../guidance/dates.js';
import { computeDeadline, DEADLINE_UNITS, DeadlineSchema } from '../../guidance/deadlines.js';
import { isGuidanceError } from '../../guidance/error.js';
import { defineTool, fail, ok } from './define.js';

const isoDate = z.string().regex(ISO_DATE_PATTERN, 'expected a date written YYYY-MM-DD');

/** compute_deadline: a Belgian deadline counted in working days, calendar days or months. */
export const computeDeadlineTool = defineTool({
  name: 'compute_deadline',
  title: 'Compute a Belgian deadline',
  description:
    'Computes the last day of a period counted from an event in Belgium: working days (Saturdays, Sundays and ' +
    'Belgian federal public holidays skipped, Easter-based holidays computed for any year), calendar days, or ' +
    'months (31 January + 1 month = end of February). The day of the event is not counted. Lists the days ' +
    'skipped and, where another reading gives an earlier date, the safe date.',
  inputSchema: z.strictObject({
    from: isoDate.describe('Day of the event the period runs from (e.g. arrival), YYYY-MM-DD; not itself counted'),
    amount: z.number().int().min(0).max(3660).describe('How many units to add, e.g. 3 for "within 3 working days"'),
    unit: z.enum(DEADLINE_UNITS).describe('working-days, calendar-days or months'),
    saturday_is_working_day: z
      .boolean()
      .optional()
      .describe('Count Saturdays as working days (a contested reading of "jours ouvrables"); default false'),
  }),
  outputSchema: DeadlineSchema,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  handler: (args) => {
    const result = computeDeadline({
      from: args.from,
      amount: args.amount,
      unit: args.unit,
      saturday_is_working_day: args.saturday_is_working_day ?? false,
    });
    if (isGuidanceError(result)) return fail(result.message);
    const lines = [`Due: ${result.due}.`, result.rule];
    if (result.safe_due) lines.push(`Safe date: ${result.safe_due}.`);
    if (result.skipped.length > 0) {
      lines.push(`Not counted: ${result.skipped.map((s) => `${s.date} (${s.reason})`).join(', ')}.`);
    }
    lines.push(...result.notes);
    return ok(result, lines.join('\n'));
  },
});
