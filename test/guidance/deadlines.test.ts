// Pins compute_deadline: working days skip weekends and federal holidays and never count the day of the event; the
// Saturday question yields a safe (earlier) date; months clamp to the month end; bad input comes back as a value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGuidanceError } from '../../src/guidance/error.js';
import { addDays, weekday } from '../../src/guidance/dates.js';
import {
  computeDeadline,
  type Deadline,
  isWorkingDay,
  nonWorkingReason,
} from '../../src/guidance/deadlines.js';
import { publicHolidayOn } from '../../src/guidance/holidays.js';
import { isoDateArb } from './arbitraries.js';

function ok(r: ReturnType<typeof computeDeadline>): Deadline {
  if (isGuidanceError(r)) throw new Error(r.message);
  return r;
}

describe('computeDeadline: working days', () => {
  it('annex 3 over Easter 2026: arrival Thursday 2 April, 3 working days → Wednesday 8 April', () => {
    const r = ok(computeDeadline({ from: '2026-04-02', amount: 3, unit: 'working-days' }));
    expect(r.due).toBe('2026-04-08');
    expect(r.skipped).toEqual([
      { date: '2026-04-04', reason: 'Saturday' },
      { date: '2026-04-05', reason: 'Sunday' },
      { date: '2026-04-06', reason: 'Easter Monday (public holiday)' },
    ]);
    // Counting Saturday as a working day gives Tuesday 7 April: the safe date.
    expect(r.safe_due).toBe('2026-04-07');
    expect(r.notes.join(' ')).toMatch(/Saturday/);
    expect(r.citations.map((c) => c.id)).toEqual(['loi-1974-01-04-jours-feries', 'ar-1974-04-18-jours-feries']);
  });

  it('with saturday_is_working_day the due date is the earlier one and no safer date exists', () => {
    const r = ok(computeDeadline({ from: '2026-04-02', amount: 3, unit: 'working-days', saturday_is_working_day: true }));
    expect(r.due).toBe('2026-04-07');
    expect(r.safe_due).toBeUndefined();
    expect(r.skipped).toEqual([
      { date: '2026-04-05', reason: 'Sunday' },
      { date: '2026-04-06', reason: 'Easter Monday (public holiday)' },
    ]);
  });

  it('annex 3ter: 10 working days from Monday 2 March 2026 → Monday 16 March, no holiday in between', () => {
    const r = ok(computeDeadline({ from: '2026-03-02', amount: 10, unit: 'working-days' }));
    expect(r.due).toBe('2026-03-16');
    expect(r.skipped.map((s) => s.reason)).toEqual(['Saturday', 'Sunday', 'Saturday', 'Sunday']);
  });

  it('skips a run of holidays: Ascension and Whit Monday 2026', () => {
    const r = ok(computeDeadline({ from: '2026-05-13', amount: 1, unit: 'working-days' }));
    expect(r.due).toBe('2026-05-15');
    expect(r.skipped).toEqual([{ date: '2026-05-14', reason: 'Ascension Day (public holiday)' }]);
  });

  it('names a holiday that falls on a weekend as both', () => {
    expect(nonWorkingReason('2026-11-01')).toBe("Sunday; All Saints' Day (public holiday)");
    expect(nonWorkingReason('2026-08-15')).toBe('Saturday; Assumption Day (public holiday)');
    expect(nonWorkingReason('2026-08-15', true)).toBe('Assumption Day (public holiday)');
    expect(nonWorkingReason('2008-05-01')).toBe('Labour Day and Ascension Day (public holiday)');
  });

  it('0 working days is the day itself', () => {
    expect(ok(computeDeadline({ from: '2026-04-04', amount: 0, unit: 'working-days' })).due).toBe('2026-04-04');
  });
});

describe('computeDeadline: calendar days and months', () => {
  it('annex 19: three months after 31 January 2025 is 30 April 2025', () => {
    expect(ok(computeDeadline({ from: '2025-01-31', amount: 3, unit: 'months' })).due).toBe('2025-04-30');
  });

  it('31 January + 1 month is 28 February, or 29 in a leap year', () => {
    expect(ok(computeDeadline({ from: '2025-01-31', amount: 1, unit: 'months' })).due).toBe('2025-02-28');
    expect(ok(computeDeadline({ from: '2024-01-31', amount: 1, unit: 'months' })).due).toBe('2024-02-29');
  });

  it('gives the last working day before a due date that falls on a closed day', () => {
    // 2026-01-01 + 3 months = Wednesday 1 April 2026, a working day: no safe date.
    expect(ok(computeDeadline({ from: '2026-01-01', amount: 3, unit: 'months' })).safe_due).toBeUndefined();
    // 2026-01-04 + 3 months = Saturday 4 April 2026; the Friday before is 3 April.
    const r = ok(computeDeadline({ from: '2026-01-04', amount: 3, unit: 'months' }));
    expect(r.due).toBe('2026-04-04');
    expect(r.safe_due).toBe('2026-04-03');
    // Calendar days landing on Easter Monday 2026 → the Friday before.
    const c = ok(computeDeadline({ from: '2026-03-27', amount: 10, unit: 'calendar-days' }));
    expect(c.due).toBe('2026-04-06');
    expect(c.safe_due).toBe('2026-04-03');
    expect(c.skipped).toEqual([]);
  });
});

describe('computeDeadline: errors', () => {
  it.each([
    [{ from: '2025-02-30', amount: 3, unit: 'working-days' as const }, /YYYY-MM-DD/],
    [{ from: '1500-01-01', amount: 3, unit: 'working-days' as const }, /between 1583/],
    [{ from: '2025-02-03', amount: -1, unit: 'working-days' as const }, /whole number from 0/],
    [{ from: '2025-02-03', amount: 1.5, unit: 'calendar-days' as const }, /whole number/],
    [{ from: '2025-02-03', amount: 121, unit: 'months' as const }, /0 to 120/],
  ])('rejects %j with a message saying what to fix', (req, message) => {
    const r = computeDeadline(req);
    expect(isGuidanceError(r)).toBe(true);
    if (isGuidanceError(r)) expect(r.message).toMatch(message);
  });
});

describe('computeDeadline: properties', () => {
  const amount = fc.integer({ min: 1, max: 40 });

  it('the due date of N working days is a working day and exactly N working days lie in (from, due]', () => {
    fc.assert(
      fc.property(isoDateArb(), amount, fc.boolean(), (from, n, sat) => {
        const r = ok(computeDeadline({ from, amount: n, unit: 'working-days', saturday_is_working_day: sat }));
        expect(isWorkingDay(r.due, sat)).toBe(true);
        expect(weekday(r.due)).not.toBe(0);
        expect(publicHolidayOn(r.due)).toBeUndefined();
        if (!sat) expect(weekday(r.due)).not.toBe(6);
        let count = 0;
        for (let d = addDays(from, 1); d <= r.due; d = addDays(d, 1)) if (isWorkingDay(d, sat)) count += 1;
        expect(count).toBe(n);
        // Every day in (from, due] is either counted or listed as skipped.
        expect(count + r.skipped.length).toBe(Math.round((Date.parse(r.due) - Date.parse(from)) / 86_400_000));
      }),
    );
  });

  it('is monotonic: a later start or a larger amount never gives an earlier due date', () => {
    fc.assert(
      fc.property(isoDateArb(), fc.integer({ min: 0, max: 10 }), amount, fc.integer({ min: 0, max: 10 }), (from, shift, n, extra) => {
        for (const unit of ['working-days', 'calendar-days', 'months'] as const) {
          const a = ok(computeDeadline({ from, amount: n, unit })).due;
          expect(ok(computeDeadline({ from: addDays(from, shift), amount: n, unit })).due >= a).toBe(true);
          expect(ok(computeDeadline({ from, amount: n + extra, unit })).due >= a).toBe(true);
        }
      }),
    );
  });

  it('the Saturday-convention due date is never after the default one, and safe_due is the earlier of the two', () => {
    fc.assert(
      fc.property(isoDateArb(), amount, (from, n) => {
        const def = ok(computeDeadline({ from, amount: n, unit: 'working-days' }));
        const sat = ok(computeDeadline({ from, amount: n, unit: 'working-days', saturday_is_working_day: true }));
        expect(sat.due <= def.due).toBe(true);
        expect(def.safe_due ?? def.due).toBe(sat.due);
      }),
    );
  });

  it('calendar days add exactly N days; months keep or clamp the day number', () => {
    fc.assert(
      fc.property(isoDateArb(), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 24 }), (from, n, m) => {
        const c = ok(computeDeadline({ from, amount: n, unit: 'calendar-days' }));
        expect(c.due).toBe(addDays(from, n));
        if (c.safe_due) expect(c.safe_due < c.due && isWorkingDay(c.safe_due)).toBe(true);
        const mo = ok(computeDeadline({ from, amount: m, unit: 'months' })).due;
        const months = (Number(mo.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(mo.slice(5, 7)) - Number(from.slice(5, 7));
        expect(months).toBe(m);
      }),
    );
  });
});
