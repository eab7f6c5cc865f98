import * as z from 'zod';
import { addDays, addMonths, type IsoDate, toDayNumber, weekday, weekdayName } from './dates.js';
import type { GuidanceError } from './error.js';
import { publicHolidaysOn } from './holidays.js';
import { cite, GuidanceCitationSchema, type GuidanceCitation } from './sources.js';

/**
 * Deadlines as Belgian foreigners' law counts them: "within three working days of entry" (Law art. 5), "within ten
 * working days" (art. 41bis), "within three months of arrival" (art. 42). The day of the event is not counted; a
 * working day is neither a Sunday nor a federal public holiday, and — the open question — maybe not a Saturday.
 */

/** How `amount` is counted. */
export type DeadlineUnit = 'working-days' | 'calendar-days' | 'months';

/** Units accepted by {@link computeDeadline}. */
export const DEADLINE_UNITS = ['working-days', 'calendar-days', 'months'] as const;

/** Largest amount accepted per unit (ten years), so that a typo cannot make the server loop for long. */
export const MAX_AMOUNT: Readonly<Record<DeadlineUnit, number>> = {
  'working-days': 2600,
  'calendar-days': 3660,
  months: 120,
};

/** Input of {@link computeDeadline}. */
export interface DeadlineRequest {
  /** Day of the event (arrival, entry, notification); not itself counted. */
  from: IsoDate;
  amount: number;
  unit: DeadlineUnit;
  /** Count Saturdays as working days ("jours ouvrables" in the wide sense). Default false. */
  saturday_is_working_day?: boolean;
}

/** A day passed over while counting working days, and why. */
export const SkippedDaySchema = z.object({
  date: z.string(),
  reason: z.string().describe('Why the day is not counted, e.g. "Sunday", "Easter Monday (public holiday)", or both when a holiday falls on a weekend'),
});
export type SkippedDay = z.infer<typeof SkippedDaySchema>;

/** A computed deadline: the result of {@link computeDeadline} and the output of `compute_deadline`. */
export const DeadlineSchema = z.object({
  due: z.string().describe('Last day of the period under the chosen Saturday convention, YYYY-MM-DD'),
  skipped: z.array(SkippedDaySchema).describe('Days not counted as working days, in date order (working-day counts only)'),
  safe_due: z
    .string()
    .optional()
    .describe('An earlier date that is safe under every reading, when one exists: the date when Saturdays count as working days, or the last working day before a due date on which offices are closed'),
  rule: z.string().describe('The counting rule applied, in one sentence'),
  citations: z.array(GuidanceCitationSchema),
  notes: z.array(z.string()),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

/** Why a deadline cannot be computed. */
export type DeadlineError = GuidanceError<'invalid-date' | 'invalid-amount'>;

/** Earliest and latest year the calculators accept (the holiday rules need a Gregorian Easter). */
export const FIRST_YEAR = 1583;
export const LAST_YEAR = 9989;

/**
 * Why `date` is not a working day, or `undefined` when it is one. Sundays and federal public holidays never are;
 * Saturdays only when `saturdayIsWorkingDay` is false.
 */
export function nonWorkingReason(date: IsoDate, saturdayIsWorkingDay = false): string | undefined {
  const wd = weekday(date);
  const holidays = publicHolidaysOn(date);
  const holiday = holidays.length > 0 ? `${holidays.map((h) => h.name).join(' and ')} (public holiday)` : undefined;
  const weekend = wd === 0 || (wd === 6 && !saturdayIsWorkingDay) ? weekdayName(date) : undefined;
  if (holiday && weekend) return `${weekend}; ${holiday}`;
  return holiday ?? weekend;
}

/** Whether `date` is a working day under the given Saturday convention. */
export function isWorkingDay(date: IsoDate, saturdayIsWorkingDay = false): boolean {
  return nonWorkingReason(date, saturdayIsWorkingDay) === undefined;
}

/**
 * The `amount`-th working day after `from` (the day of `from` itself is not counted), with the days passed over.
 * `amount` 0 gives `from`.
 */
export function addWorkingDays(
  from: IsoDate,
  amount: number,
  saturdayIsWorkingDay = false,
): { due: IsoDate; skipped: SkippedDay[] } {
  const skipped: SkippedDay[] = [];
  let day = from;
  let counted = 0;
  while (counted < amount) {
    day = addDays(day, 1);
    const reason = nonWorkingReason(day, saturdayIsWorkingDay);
    if (reason === undefined) counted += 1;
    else skipped.push({ date: day, reason });
  }
  return { due: day, skipped };
}

/** The last working day on or before `date` (default convention: Saturdays are not working days). */
export function lastWorkingDayOnOrBefore(date: IsoDate, saturdayIsWorkingDay = false): IsoDate {
  let day = date;
  while (!isWorkingDay(day, saturdayIsWorkingDay)) day = addDays(day, -1);
  return day;
}

const HOLIDAY_CITATIONS: GuidanceCitation[] = [
  cite('loi-1974-01-04-jours-feries'),
  cite('ar-1974-04-18-jours-feries', 'art. 1'),
];

const SATURDAY_NOTE =
  'Whether Saturday is a working day ("jour ouvrable" / "werkdag") is not settled for these deadlines: in Belgian ' +
  'law it sometimes is, and some communes say it is not. Where the two readings give different dates, the earlier ' +
  'one is the safe date.';

function describe(amount: number, unit: DeadlineUnit): string {
  const noun = unit === 'months' ? 'month' : unit === 'working-days' ? 'working day' : 'calendar day';
  return `${amount} ${noun}${amount === 1 ? '' : 's'}`;
}

/**
 * Computes a deadline counted from `from`. Pure: the same request always gives the same answer. Returns an error
 * value for a malformed date, an out-of-range year or a negative, fractional or huge amount.
 */
export function computeDeadline(request: DeadlineRequest): Deadline | DeadlineError {
  const { from, amount, unit } = request;
  const saturday = request.saturday_is_working_day ?? false;
  if (toDayNumber(from) === undefined) {
    return { code: 'invalid-date', message: `from "${from}" is not a real date: write it as YYYY-MM-DD, e.g. 2026-03-02` };
  }
  const year = Number(from.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    return { code: 'invalid-date', message: `from must be a date between ${FIRST_YEAR} and ${LAST_YEAR}, got ${from}` };
  }
  if (!Number.isInteger(amount) || amount < 0 || amount > MAX_AMOUNT[unit]) {
    return {
      code: 'invalid-amount',
      message: `amount must be a whole number from 0 to ${MAX_AMOUNT[unit]} for unit ${unit}, got ${amount}`,
    };
  }

  if (unit === 'working-days') {
    const chosen = addWorkingDays(from, amount, saturday);
    const other = addWorkingDays(from, amount, !saturday);
    const notes: string[] = [];
    let safe_due: IsoDate | undefined;
    if (other.due !== chosen.due) {
      if (other.due < chosen.due) safe_due = other.due;
      notes.push(
        `${SATURDAY_NOTE} Counting Saturdays gives ${saturday ? chosen.due : other.due}; not counting them gives ` +
          `${saturday ? other.due : chosen.due}.`,
      );
    }
    const rule =
      `${describe(amount, unit)} after ${from}: the day of the event is not counted; ` +
      `${saturday ? 'Sundays' : 'Saturdays, Sundays'} and Belgian federal public holidays are skipped` +
      `${saturday ? '; Saturdays count as working days' : ''}.`;
    return { due: chosen.due, skipped: chosen.skipped, ...(safe_due ? { safe_due } : {}), rule, citations: HOLIDAY_CITATIONS, notes };
  }

  const due = unit === 'months' ? addMonths(from, amount) : addDays(from, amount);
  const notes: string[] = [];
  let safe_due: IsoDate | undefined;
  const closed = nonWorkingReason(due, saturday);
  if (closed !== undefined && amount > 0) {
    safe_due = lastWorkingDayOnOrBefore(due, saturday);
    notes.push(
      `The last day, ${due}, is not a working day (${closed}); commune offices are normally closed, so the safe ` +
        `date is the last working day before it, ${safe_due}. Some rules move such a deadline to the next working ` +
        'day; this answer does not rely on that.',
    );
  }
  const rule =
    unit === 'months'
      ? `${describe(amount, unit)} after ${from}: the same day number ${amount === 1 ? 'one month' : `${amount} months`} later, or the last day of that month when it is shorter (31 January + 1 month = 28 or 29 February).`
      : `${describe(amount, unit)} after ${from}: every day counts, the day of the event does not.`;
  return { due, skipped: [], ...(safe_due ? { safe_due } : {}), rule, citations: HOLIDAY_CITATIONS, notes };
}
