/**
 * Calendar dates as `YYYY-MM-DD` strings on the proleptic Gregorian calendar, computed in UTC so that no local time
 * zone or daylight-saving change can shift a day. Deadlines and stays are whole days; a time of day never matters.
 */

/** A calendar date written `YYYY-MM-DD` (four-digit year). */
export type IsoDate = string;

/** The shape of a date argument. */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const MS_PER_DAY = 86_400_000;

/** Weekday names indexed like `Date#getUTCDay()` (0 = Sunday). */
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (rejects 2025-02-30 and 2025-13-01). */
export function isIsoDate(value: string): boolean {
  return toDayNumber(value) !== undefined;
}

/**
 * Days since 1970-01-01 for a `YYYY-MM-DD` date, or `undefined` when the text is not a real date. Day numbers make
 * date arithmetic exact integer arithmetic.
 */
export function toDayNumber(value: string): number | undefined {
  if (!ISO_DATE_PATTERN.test(value)) return undefined;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / MS_PER_DAY);
}

/** The `YYYY-MM-DD` date of a day number (see {@link toDayNumber}). */
export function fromDayNumber(dayNumber: number): IsoDate {
  return formatUtcDate(new Date(dayNumber * MS_PER_DAY));
}

/** Like {@link toDayNumber} but for dates already validated; throws on a malformed date (a programming error). */
export function dayNumber(value: IsoDate): number {
  const n = toDayNumber(value);
  if (n === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${value}`);
  return n;
}

/** `YYYY-MM-DD` of the UTC calendar day of `date`. */
export function formatUtcDate(date: Date): IsoDate {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  const d = date.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Number of days in `month` (1–12) of `year`, Gregorian leap-year rule. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Gregorian leap year: divisible by 4, except centuries not divisible by 400. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * `date` plus `months` calendar months. When the target month is shorter, the result is its last day: 31 January
 * plus one month is 28 February (29 in a leap year), the usual reading of "within N months" for a deadline.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  dayNumber(date);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const index = year * 12 + (month - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const td = Math.min(day, daysInMonth(ty, tm));
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** The English name of the weekday of `date`. */
export function weekdayName(date: IsoDate): (typeof WEEKDAY_NAMES)[number] {
  return WEEKDAY_NAMES[weekday(date)]!;
}

/** The earlier of two dates. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

/** The later of two dates. */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/**
 * The calendar date in Belgium at instant `now`. "Today" for a person in Belgium changes at midnight Brussels time,
 * not at midnight UTC, so 23:30 UTC on 31 December is already 1 January in Brussels.
 */
export function todayInBrussels(now: Date): IsoDate {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Brussels',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}
