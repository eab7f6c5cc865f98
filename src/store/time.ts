/** The UTC day of an instant, `YYYY-MM-DD` (vote days, salt days and daily limits are all UTC). */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
