// Pins the Belgian federal public holidays: the Easter computation (earliest and latest possible dates, known
// years) and the ten holidays of the Law of 4 January 1974 / Royal Decree of 18 April 1974.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, weekdayName } from '../../src/guidance/dates.js';
import { belgianPublicHolidays, easterSunday, publicHolidayOn, publicHolidaysOn } from '../../src/guidance/holidays.js';

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
  ])('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it.each([
    [1818, '1818-03-22'],
    [2285, '2285-03-22'],
  ])('earliest possible Easter: %i is 22 March', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it.each([
    [1943, '1943-04-25'],
    [2038, '2038-04-25'],
  ])('latest possible Easter: %i is 25 April', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('is always a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const e = easterSunday(year);
        expect(weekdayName(e)).toBe('Sunday');
        expect(e.slice(5) >= '03-22' && e.slice(5) <= '04-25').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses years outside the Gregorian range', () => {
    expect(() => easterSunday(1582)).toThrow(RangeError);
  });
});

describe('belgianPublicHolidays', () => {
  // Published lists of the ten federal holidays. belgium.be was not in the stored page corpus; these lists agree with
  // the Royal Decree of 18 April 1974 (ar-1974-04-18-jours-feries):
  // 2025: https://pwclegal.be/en/news/belgian-public-holidays-2025--deadline-for-communicating-replace.html
  //       https://businessbelgium.be/news/official-public-holidays-2025-belgium/
  // 2026: https://www.jobat.be/fr/art/les-10-jours-de-conge-officiels-en-2026
  //       https://www.expressmedical.be/fr/blogs/post-detail/jours-feries-legaux---conges-scolaires-2026
  it('matches the published 2025 list', () => {
    expect(belgianPublicHolidays(2025).map((h) => h.date)).toEqual([
      '2025-01-01', '2025-04-21', '2025-05-01', '2025-05-29', '2025-06-09',
      '2025-07-21', '2025-08-15', '2025-11-01', '2025-11-11', '2025-12-25',
    ]);
  });

  it('matches the published 2026 list, with names', () => {
    expect(belgianPublicHolidays(2026).map((h) => [h.date, h.name])).toEqual([
      ['2026-01-01', "New Year's Day"],
      ['2026-04-06', 'Easter Monday'],
      ['2026-05-01', 'Labour Day'],
      ['2026-05-14', 'Ascension Day'],
      ['2026-05-25', 'Whit Monday'],
      ['2026-07-21', 'National Day'],
      ['2026-08-15', 'Assumption Day'],
      ['2026-11-01', "All Saints' Day"],
      ['2026-11-11', 'Armistice Day'],
      ['2026-12-25', 'Christmas Day'],
    ]);
  });

  it.each([2024, 2027, 2038, 2285, 1818, 1943])('derives the Easter-based holidays of %i', (year) => {
    const easter = easterSunday(year);
    const byName = new Map(belgianPublicHolidays(year).map((h) => [h.name, h.date]));
    expect(byName.get('Easter Monday')).toBe(addDays(easter, 1));
    expect(byName.get('Ascension Day')).toBe(addDays(easter, 39));
    expect(byName.get('Whit Monday')).toBe(addDays(easter, 50));
    expect(weekdayName(byName.get('Ascension Day')!)).toBe('Thursday');
    expect(weekdayName(byName.get('Whit Monday')!)).toBe('Monday');
  });

  it('handles the extremes: Ascension on 30 April after the earliest Easter, Whit Monday on 14 June after the latest', () => {
    expect(publicHolidayOn('2285-04-30')?.name).toBe('Ascension Day');
    expect(publicHolidayOn('2038-06-14')?.name).toBe('Whit Monday');
    expect(publicHolidayOn('2038-06-03')?.name).toBe('Ascension Day');
  });

  it('keeps both holidays when Ascension falls on Labour Day (Easter on 23 March, e.g. 2008)', () => {
    expect(easterSunday(2008)).toBe('2008-03-23');
    expect(publicHolidaysOn('2008-05-01').map((h) => h.name)).toEqual(['Labour Day', 'Ascension Day']);
  });

  it('has ten holidays in order every year, the fixed ones on their days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
        const list = belgianPublicHolidays(year);
        expect(list).toHaveLength(10);
        const dates = list.map((h) => h.date);
        expect([...dates].sort()).toEqual(dates);
        // Only Labour Day and Ascension can coincide.
        expect(new Set(dates).size).toBe(easterSunday(year).endsWith('03-23') ? 9 : 10);
        for (const md of ['01-01', '05-01', '07-21', '08-15', '11-01', '11-11', '12-25']) {
          expect(dates).toContain(`${String(year).padStart(4, '0')}-${md}`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('does not treat community holidays or Whit Sunday as federal holidays', () => {
    expect(publicHolidayOn('2026-07-11')).toBeUndefined();
    expect(publicHolidayOn('2026-09-27')).toBeUndefined();
    expect(publicHolidayOn('2026-11-15')).toBeUndefined();
    expect(publicHolidayOn('2026-05-24')).toBeUndefined();
    expect(publicHolidayOn('2026-12-26')).toBeUndefined();
  });

  it('gives French and Dutch names', () => {
    const whit = belgianPublicHolidays(2026).find((h) => h.name === 'Whit Monday')!;
    expect(whit.name_fr).toBe('Lundi de Pentecôte');
    expect(whit.name_nl).toBe('Pinkstermaandag');
  });
});
