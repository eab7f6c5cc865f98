import { daysInMonth, weekday } from '../../guidance/dates.js';

/** Month grids for the plan view: weeks from Monday to Sunday, as calendars in Belgium are printed. */

export interface Month {
  year: number;
  /** 1–12 */
  month: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a day of a month. */
export function isoDay(m: Month, day: number): string {
  return `${String(m.year).padStart(4, '0')}-${pad(m.month)}-${pad(day)}`;
}

/** The distinct months of some dates, in calendar order, at most `limit` of them (the earliest). */
export function monthsOf(dates: readonly string[], limit = 6): Month[] {
  const keys = [...new Set(dates.map((d) => d.slice(0, 7)))].sort();
  return keys.slice(0, limit).map((k) => ({ year: Number(k.slice(0, 4)), month: Number(k.slice(5, 7)) }));
}

/**
 * The weeks of a month as rows of seven cells, Monday first; cells outside the month are `null`.
 */
export function monthWeeks(m: Month): Array<Array<string | null>> {
  const first = isoDay(m, 1);
  const lead = (weekday(first) + 6) % 7; // Monday = 0
  const cells: Array<string | null> = Array.from({ length: lead }, () => null);
  for (let day = 1; day <= daysInMonth(m.year, m.month); day++) cells.push(isoDay(m, day));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<Array<string | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
