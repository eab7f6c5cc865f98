import * as z from 'zod';
import { fromDayNumber, type IsoDate, toDayNumber } from './dates.js';
import { FIRST_YEAR, LAST_YEAR } from './deadlines.js';
import type { GuidanceError } from './error.js';
import { cite, GuidanceCitationSchema } from './sources.js';

/**
 * The short-stay rule of the Schengen Borders Code, art. 6(1): a third-country national may stay at most 90 days in
 * any 180-day period. For a given day, the period is that day and the 179 days before it; every day spent in the
 * Schengen area counts, the day of entry and the day of exit included.
 */

/** Days allowed in any window. */
export const MAX_DAYS = 90;
/** Length of the rolling window, the reference day included. */
export const WINDOW_DAYS = 180;
/** Most stays accepted in one request. */
export const MAX_STAYS = 200;

/** One stay in the Schengen area; `exit` absent means the person is still there. */
export interface Stay {
  entry: IsoDate;
  exit?: IsoDate;
}

/** Input of {@link computeSchengenStay}. */
export interface SchengenRequest {
  /** Stays in date order, not overlapping; only the last may lack an exit. */
  stays: Stay[];
  /** The day to check; the window is this day and the 179 days before it. */
  on: IsoDate;
}

/** The result of {@link computeSchengenStay} and the output of `schengen_stay`. */
export const SchengenResultSchema = z.object({
  on: z.string().describe('Day checked, YYYY-MM-DD'),
  window_start: z.string().describe('First day of the 180-day period ending on the day checked'),
  days_used: z.number().int().describe('Days of presence in the period (a stay in progress counts up to the day checked)'),
  days_remaining: z.number().int().describe('Days still available in this period: 90 − days_used, never below 0'),
  overstay_days: z.number().int().describe('Days in this period beyond 90'),
  latest_exit: z
    .string()
    .optional()
    .describe('For a stay in progress: the last day the person can remain without a break before some 180-day period holds more than 90 days; absent when even the entry day breaks the rule'),
  citations: z.array(GuidanceCitationSchema),
  notes: z.array(z.string()),
});
export type SchengenResult = z.infer<typeof SchengenResultSchema>;

/** Why the stays cannot be counted, naming the stays to fix. */
export type SchengenError = GuidanceError<'invalid-date' | 'invalid-stays'>;

interface Interval {
  from: number;
  to: number | undefined;
}

function checkDate(value: string, label: string): number | SchengenError {
  const n = toDayNumber(value);
  if (n === undefined) return { code: 'invalid-date', message: `${label} "${value}" is not a real date: write it as YYYY-MM-DD` };
  const year = Number(value.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    return { code: 'invalid-date', message: `${label} must be between ${FIRST_YEAR} and ${LAST_YEAR}, got ${value}` };
  }
  return n;
}

function describeStay(stay: Stay, index: number): string {
  return `stay ${index + 1} (${stay.entry} to ${stay.exit ?? 'no exit yet'})`;
}

/** Validates stays: real dates, entry ≤ exit, date order, no overlap, only the last stay open. */
function parseStays(stays: Stay[]): Interval[] | SchengenError {
  if (stays.length > MAX_STAYS) {
    return { code: 'invalid-stays', message: `at most ${MAX_STAYS} stays can be checked at once, got ${stays.length}` };
  }
  const intervals: Interval[] = [];
  for (const [i, stay] of stays.entries()) {
    const from = checkDate(stay.entry, `stay ${i + 1} entry`);
    if (typeof from !== 'number') return from;
    let to: number | undefined;
    if (stay.exit !== undefined) {
      const t = checkDate(stay.exit, `stay ${i + 1} exit`);
      if (typeof t !== 'number') return t;
      if (t < from) {
        return { code: 'invalid-stays', message: `${describeStay(stay, i)} ends before it starts: the exit must be on or after the entry` };
      }
      to = t;
    } else if (i !== stays.length - 1) {
      return {
        code: 'invalid-stays',
        message: `${describeStay(stay, i)} has no exit but is not the last stay: only the stay in progress may omit its exit`,
      };
    }
    const prev = intervals[i - 1];
    const prevStay = stays[i - 1];
    if (prev !== undefined && prevStay !== undefined) {
      if (from < prev.from) {
        return {
          code: 'invalid-stays',
          message: `${describeStay(stay, i)} starts before ${describeStay(prevStay, i - 1)}: list the stays in date order`,
        };
      }
      if (prev.to !== undefined && from <= prev.to) {
        return {
          code: 'invalid-stays',
          message: `${describeStay(prevStay, i - 1)} and ${describeStay(stay, i)} overlap: a day can be counted only once, so a new stay must start after the previous exit`,
        };
      }
    }
    intervals.push({ from, to });
  }
  return intervals;
}

/** Days of presence in [start, end], with an open stay treated as present through `openUntil`. */
function presentDays(intervals: Interval[], start: number, end: number, openUntil: number): number {
  let total = 0;
  for (const s of intervals) {
    const a = Math.max(s.from, start);
    const b = Math.min(s.to ?? openUntil, end);
    if (b >= a) total += b - a + 1;
  }
  return total;
}

/**
 * Counts Schengen days for the window ending on `on`. Stays must be given in date order and must not overlap; an
 * unsorted or overlapping list is rejected with a message naming the stays, because silently reordering dates
 * typed by hand hides mistakes. Stays or parts of stays after `on` are not counted.
 */
export function computeSchengenStay(request: SchengenRequest): SchengenResult | SchengenError {
  const on = checkDate(request.on, 'on');
  if (typeof on !== 'number') return on;
  const intervals = parseStays(request.stays);
  if (!Array.isArray(intervals)) return intervals;

  const start = on - (WINDOW_DAYS - 1);
  const daysUsed = presentDays(intervals, start, on, on);
  const notes: string[] = [];
  const result: SchengenResult = {
    on: request.on,
    window_start: fromDayNumber(start),
    days_used: daysUsed,
    days_remaining: Math.max(0, MAX_DAYS - daysUsed),
    overstay_days: Math.max(0, daysUsed - MAX_DAYS),
    citations: [cite('regulation-2016-399-schengen-borders-code', 'art. 6(1)'), cite('ec-schengen-short-stay-calculator')],
    notes,
  };

  const last = intervals[intervals.length - 1];
  if (last !== undefined && last.to === undefined) {
    // Under continuous presence the window count never decreases from one day to the next (a day enters, at most
    // one leaves), so the first day over 90 ends the lawful stay for good.
    let day = last.from;
    let lastLawful: number | undefined;
    for (;;) {
      const count = presentDays(intervals, day - (WINDOW_DAYS - 1), day, day);
      if (count > MAX_DAYS) break;
      lastLawful = day;
      day += 1;
    }
    if (lastLawful !== undefined) {
      result.latest_exit = fromDayNumber(lastLawful);
      if (lastLawful < on) {
        notes.push(`The stay in progress went over 90 days in a 180-day period after ${result.latest_exit}.`);
      }
    } else {
      notes.push('The stay in progress broke the 90/180 rule from its first day: 90 days had already been used.');
    }
  }
  if (intervals.some((s) => s.from > on)) {
    notes.push('Days after the day checked are not counted in days_used.');
  }
  notes.push(
    'A visa may allow fewer days than 90/180, and holders of a Belgian or other Schengen residence permit or a long-stay visa are not bound by this count.',
  );
  return result;
}
