// Pins the 90/180 count of the Schengen Borders Code art. 6(1) against worked examples published by a Schengen
// state's migration authority for the European Commission's calculator, and its invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../src/guidance/dates.js';
import { isGuidanceError } from '../../src/guidance/error.js';
import { computeSchengenStay, type SchengenResult, type Stay } from '../../src/guidance/schengen.js';
import { isoDateArb } from './arbitraries.js';

function ok(r: ReturnType<typeof computeSchengenStay>): SchengenResult {
  if (isGuidanceError(r)) throw new Error(r.message);
  return r;
}

describe('computeSchengenStay: worked examples of the Swiss State Secretariat for Migration (EC calculator guide)', () => {
  it('example 2: two stays, exit on 30 Nov 2014 — legal, and a stay would have been possible until 13 Dec 2014', () => {
    // https://www.sem.admin.ch/sem/de/home/themen/einreise/aufenthaltsrechner/bsp-2.html
    // Stays 15.08.2014–30.09.2014 and 01.11.2014–30.11.2014, control on departure 30.11.2014.
    const done = ok(computeSchengenStay({ stays: [{ entry: '2014-08-15', exit: '2014-09-30' }, { entry: '2014-11-01', exit: '2014-11-30' }], on: '2014-11-30' }));
    expect(done.days_used).toBe(77);
    expect(done.overstay_days).toBe(0);
    const inProgress = ok(computeSchengenStay({ stays: [{ entry: '2014-08-15', exit: '2014-09-30' }, { entry: '2014-11-01' }], on: '2014-11-30' }));
    expect(inProgress.latest_exit).toBe('2014-12-13');
  });

  it('example 4: June–July 2013 falls outside the window; could have remained until 31 March 2014', () => {
    // https://www.ejpd.admin.ch/sem/en/home/themen/einreise/aufenthaltsrechner/bsp-4.html
    // Stays 01.06.2013–13.07.2013, 15.08.2013–30.09.2013, 01.01.2014–30.01.2014, control 30.01.2014.
    const stays: Stay[] = [
      { entry: '2013-06-01', exit: '2013-07-13' },
      { entry: '2013-08-15', exit: '2013-09-30' },
      { entry: '2014-01-01', exit: '2014-01-30' },
    ];
    const r = ok(computeSchengenStay({ stays, on: '2014-01-30' }));
    expect(r.window_start).toBe('2013-08-04');
    expect(r.days_used).toBe(47 + 30);
    expect(r.overstay_days).toBe(0);
    const open = ok(computeSchengenStay({ stays: [stays[0]!, stays[1]!, { entry: '2014-01-01' }], on: '2014-01-30' }));
    expect(open.latest_exit).toBe('2014-03-31');
  });

  it('example 5: overstay of 9 days on departure 09.06.2014; re-entry on 30.08.2014 possible for up to 50 days', () => {
    // https://www.e-doc.admin.ch/sem/de/home/themen/einreise/aufenthaltsrechner/bsp-5.html
    const stays: Stay[] = [
      { entry: '2013-09-01', exit: '2013-09-30' },
      { entry: '2014-02-21', exit: '2014-04-20' },
      { entry: '2014-05-01', exit: '2014-06-09' },
    ];
    const r = ok(computeSchengenStay({ stays, on: '2014-06-09' }));
    expect(r.overstay_days).toBe(9);
    expect(r.days_remaining).toBe(0);
    const again = ok(computeSchengenStay({ stays: [...stays, { entry: '2014-08-30' }], on: '2014-08-30' }));
    expect(daysBetween('2014-08-30', again.latest_exit!) + 1).toBe(50);
  });
});

describe('computeSchengenStay: rules', () => {
  it('counts the entry and the exit day', () => {
    const r = ok(computeSchengenStay({ stays: [{ entry: '2026-03-01', exit: '2026-03-01' }], on: '2026-03-10' }));
    expect(r.days_used).toBe(1);
    expect(r.days_remaining).toBe(89);
  });

  it('a 90-day stay from 1 January 2026 may last until 31 March 2026 inclusive', () => {
    const r = ok(computeSchengenStay({ stays: [{ entry: '2026-01-01' }], on: '2026-01-01' }));
    expect(r.latest_exit).toBe('2026-03-31');
  });

  it('counts only days in the window and after-window days are not counted', () => {
    const r = ok(computeSchengenStay({ stays: [{ entry: '2025-01-01', exit: '2025-12-31' }], on: '2025-06-29' }));
    expect(r.window_start).toBe('2025-01-01');
    expect(r.days_used).toBe(180);
    expect(r.overstay_days).toBe(90);
  });

  it('rejects overlapping stays, naming both', () => {
    const r = computeSchengenStay({ stays: [{ entry: '2026-01-01', exit: '2026-01-10' }, { entry: '2026-01-10', exit: '2026-01-12' }], on: '2026-02-01' });
    expect(isGuidanceError(r) && r.message).toMatch(/stay 1 \(2026-01-01 to 2026-01-10\) and stay 2 \(2026-01-10 to 2026-01-12\) overlap/);
  });

  it('rejects unsorted stays, asking for date order', () => {
    const r = computeSchengenStay({ stays: [{ entry: '2026-02-01', exit: '2026-02-10' }, { entry: '2026-01-01', exit: '2026-01-05' }], on: '2026-03-01' });
    expect(isGuidanceError(r) && r.message).toMatch(/stay 2 .* starts before stay 1 .*date order/);
  });

  it('rejects an open stay that is not the last, an exit before entry, and impossible dates', () => {
    expect(isGuidanceError(computeSchengenStay({ stays: [{ entry: '2026-01-01' }, { entry: '2026-02-01', exit: '2026-02-02' }], on: '2026-03-01' }))).toBe(true);
    const backwards = computeSchengenStay({ stays: [{ entry: '2026-01-10', exit: '2026-01-01' }], on: '2026-03-01' });
    expect(isGuidanceError(backwards) && backwards.message).toMatch(/ends before it starts/);
    const bad = computeSchengenStay({ stays: [{ entry: '2026-02-30' }], on: '2026-03-01' });
    expect(isGuidanceError(bad) && bad.message).toMatch(/stay 1 entry "2026-02-30" is not a real date/);
  });

  it('gives no latest_exit when 90 days were already used before the entry day', () => {
    const r = ok(computeSchengenStay({ stays: [{ entry: '2026-01-01', exit: '2026-03-31' }, { entry: '2026-04-01' }], on: '2026-04-01' }));
    expect(r.latest_exit).toBeUndefined();
    expect(r.overstay_days).toBe(1);
  });

  it('cites the Schengen Borders Code art. 6(1)', () => {
    const r = ok(computeSchengenStay({ stays: [], on: '2026-04-01' }));
    expect(r.citations).toContainEqual({ id: 'regulation-2016-399-schengen-borders-code', locator: 'art. 6(1)' });
    expect(r.days_used).toBe(0);
    expect(r.days_remaining).toBe(90);
  });
});

/** Sorted, non-overlapping stays between 2024 and 2026; the last one maybe open. */
const staysArb = fc
  .tuple(
    isoDateArb('2024-01-01', '2025-06-30'),
    fc.array(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 70 })), { minLength: 1, maxLength: 8 }),
    fc.boolean(),
  )
  .map(([start, parts, open]) => {
    const stays: Stay[] = [];
    let cursor = start;
    for (const [gap, length] of parts) {
      const entry = addDays(cursor, gap);
      const exit = addDays(entry, length);
      stays.push({ entry, exit });
      cursor = exit;
    }
    if (open) delete stays[stays.length - 1]!.exit;
    return stays;
  });

describe('computeSchengenStay: properties', () => {
  it('days_used fits in the window; used + remaining = 90 without overstay; overstay = used − 90 otherwise', () => {
    fc.assert(
      fc.property(staysArb, isoDateArb('2024-01-01', '2027-06-30'), (stays, on) => {
        const r = ok(computeSchengenStay({ stays, on }));
        expect(r.days_used).toBeGreaterThanOrEqual(0);
        expect(r.days_used).toBeLessThanOrEqual(180);
        expect(daysBetween(r.window_start, on)).toBe(179);
        if (r.overstay_days === 0) expect(r.days_used + r.days_remaining).toBe(90);
        else expect(r.days_used - r.overstay_days).toBe(90);
      }),
    );
  });

  it('matches a day-by-day count', () => {
    fc.assert(
      fc.property(staysArb, isoDateArb('2024-01-01', '2027-06-30'), (stays, on) => {
        const r = ok(computeSchengenStay({ stays, on }));
        let count = 0;
        for (let d = r.window_start; d <= on; d = addDays(d, 1)) {
          if (stays.some((s) => s.entry <= d && d <= (s.exit ?? on))) count += 1;
        }
        expect(r.days_used).toBe(count);
      }),
    );
  });

  it('rejects any reordering of two or more stays that is not date order', () => {
    fc.assert(
      fc.property(staysArb.filter((s) => s.length >= 2 && s.every((x) => x.exit !== undefined)), fc.integer({ min: 1, max: 7 }), (stays, k) => {
        const i = k % stays.length;
        const j = (i + 1) % stays.length;
        const swapped = [...stays];
        [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
        expect(isGuidanceError(computeSchengenStay({ stays: swapped, on: '2027-01-01' }))).toBe(true);
      }),
    );
  });

  it('latest_exit keeps every window at 90 days or less, and one more day breaks the rule', () => {
    fc.assert(
      fc.property(staysArb.filter((s) => s[s.length - 1]!.exit === undefined), (stays) => {
        const entry = stays[stays.length - 1]!.entry;
        const r = ok(computeSchengenStay({ stays, on: entry }));
        if (r.latest_exit === undefined) {
          expect(ok(computeSchengenStay({ stays, on: entry })).days_used).toBeGreaterThan(90);
          return;
        }
        for (let d = entry; d <= r.latest_exit; d = addDays(d, 1)) {
          expect(ok(computeSchengenStay({ stays, on: d })).days_used).toBeLessThanOrEqual(90);
        }
        expect(ok(computeSchengenStay({ stays, on: addDays(r.latest_exit, 1) })).days_used).toBe(91);
      }),
      { numRuns: 60 },
    );
  });
});
