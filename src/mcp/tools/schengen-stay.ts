import * as z from 'zod';
import { ISO_DATE_PATTERN, todayInBrussels } from '../../guidance/dates.js';
import { isGuidanceError } from '../../guidance/error.js';
import { computeSchengenStay, MAX_STAYS, SchengenResultSchema } from '../../guidance/schengen.js';
import { defineTool, fail, ok } from './define.js';

const isoDate = z.string().regex(ISO_DATE_PATTERN, 'expected a date written YYYY-MM-DD');

/** schengen_stay: the 90-days-in-any-180 count for short stays in the Schengen area. */
export const schengenStayTool = defineTool({
  name: 'schengen_stay',
  title: 'Schengen 90/180 short-stay count',
  description:
    'Counts the days spent in the Schengen area in the 180-day period ending on a given day (entry and exit days ' +
    'both count) under the 90-days-in-any-180 rule of the Schengen Borders Code: days used, days remaining, days ' +
    'over the limit and, for a stay in progress, the last day the person can remain.',
  inputSchema: z.strictObject({
    stays: z
      .array(
        z.strictObject({
          entry: isoDate.describe('Day of entry into the Schengen area, YYYY-MM-DD'),
          exit: isoDate.optional().describe('Day of exit, YYYY-MM-DD; omit for the stay in progress (last stay only)'),
        }),
      )
      .max(MAX_STAYS)
      .describe('Stays in date order, not overlapping'),
    on: isoDate.optional().describe('Day to check, YYYY-MM-DD; defaults to today in Brussels'),
  }),
  outputSchema: SchengenResultSchema,
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  handler: (args, deps) => {
    const on = args.on ?? todayInBrussels(deps.now());
    const result = computeSchengenStay({ stays: args.stays, on });
    if (isGuidanceError(result)) return fail(result.message);
    const lines = [
      `On ${on}: ${result.days_used} of 90 days used in the period ${result.window_start} to ${on}; ${result.days_remaining} remaining.`,
    ];
    if (result.overstay_days > 0) lines.push(`Over the limit by ${result.overstay_days} day(s).`);
    if (result.latest_exit) lines.push(`Latest exit for the stay in progress: ${result.latest_exit}.`);
    lines.push(...result.notes);
    return ok(result, lines.join('\n'));
  },
});
