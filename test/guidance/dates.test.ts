// Pins the date arithmetic every deadline and stay count rests on: real-date validation, month ends, weekdays and
// "today" in Brussels rather than in UTC.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  fromDayNumber,
  isIsoDate,
  todayInBrussels,
  toDayNumber,
  weekdayName,
} from '../../src/guidance/dates.js';
import { isoDateArb } from './arbitraries.js';

describe('dates', () => {
  it('accepts real dates and rejects impossible ones', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
    expect(isIsoDate('25-04-01')).toBe(false);
    expect(isIsoDate('2025-4-1')).toBe(false);
  });

  it('adds months keeping the day, or the last day of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-01-10', 3)).toBe('2025-04-10');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
  });

  it('knows weekdays', () => {
    expect(weekdayName('2026-11-23')).toBe('Monday');
    expect(weekdayName('2000-01-01')).toBe('Saturday');
    expect(weekdayName('1970-01-01')).toBe('Thursday');
  });

  it('gives today in Brussels, which differs from UTC around midnight', () => {
    expect(todayInBrussels(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(todayInBrussels(new Date('2026-07-15T22:30:00Z'))).toBe('2026-07-16'); // summer time, UTC+2
    expect(todayInBrussels(new Date('2026-07-15T21:30:00Z'))).toBe('2026-07-15');
    expect(todayInBrussels(new Date('2026-11-23T10:00:00Z'))).toBe('2026-11-23');
  });

  it('round-trips day numbers and adds days consistently', () => {
    fc.assert(
      fc.property(isoDateArb(), fc.integer({ min: -1000, max: 1000 }), (d, n) => {
        expect(fromDayNumber(toDayNumber(d)!)).toBe(d);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });

  it('never overflows a month when adding months', () => {
    fc.assert(
      fc.property(isoDateArb(), fc.integer({ min: 0, max: 120 }), (d, n) => {
        const r = addMonths(d, n);
        expect(isIsoDate(r)).toBe(true);
        expect(Number(r.slice(8, 10))).toBeLessThanOrEqual(Number(d.slice(8, 10)));
      }),
    );
  });
});
