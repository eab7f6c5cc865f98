import { addDays, type IsoDate } from './dates.js';

/**
 * Belgian federal public holidays (jours fériés légaux / wettelijke feestdagen), listed in the Royal Decree of
 * 18 April 1974 under the Law of 4 January 1974. Three of them move with Easter, so they are computed for the
 * requested year rather than read from a table of years. Community and regional holidays (27 September, 11 July,
 * 15 November …) are not federal and do not stop the deadlines counted here.
 */
export interface PublicHoliday {
  date: IsoDate;
  /** English name, e.g. "Easter Monday". */
  name: string;
  /** French and Dutch names as used by Belgian authorities. */
  name_fr: string;
  name_nl: string;
}

/**
 * Easter Sunday of `year` in the Gregorian calendar, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 * Valid from 1583, the first full Gregorian year; the result always lies between 22 March and 25 April.
 */
export function easterSunday(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Easter is computed for Gregorian years 1583–9999, got ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ten federal public holidays of `year`, in date order. */
export function belgianPublicHolidays(year: number): readonly PublicHoliday[] {
  const easter = easterSunday(year);
  const y = String(year).padStart(4, '0');
  return [
    { date: `${y}-01-01`, name: "New Year's Day", name_fr: 'Jour de l’An', name_nl: 'Nieuwjaar' },
    { date: addDays(easter, 1), name: 'Easter Monday', name_fr: 'Lundi de Pâques', name_nl: 'Paasmaandag' },
    { date: `${y}-05-01`, name: 'Labour Day', name_fr: 'Fête du Travail', name_nl: 'Dag van de Arbeid' },
    { date: addDays(easter, 39), name: 'Ascension Day', name_fr: 'Ascension', name_nl: 'Onze-Lieve-Heer-Hemelvaart' },
    { date: addDays(easter, 50), name: 'Whit Monday', name_fr: 'Lundi de Pentecôte', name_nl: 'Pinkstermaandag' },
    { date: `${y}-07-21`, name: 'National Day', name_fr: 'Fête nationale', name_nl: 'Nationale feestdag' },
    { date: `${y}-08-15`, name: 'Assumption Day', name_fr: 'Assomption', name_nl: 'Onze-Lieve-Vrouw-Hemelvaart' },
    { date: `${y}-11-01`, name: "All Saints' Day", name_fr: 'Toussaint', name_nl: 'Allerheiligen' },
    { date: `${y}-11-11`, name: 'Armistice Day', name_fr: 'Armistice', name_nl: 'Wapenstilstand' },
    { date: `${y}-12-25`, name: 'Christmas Day', name_fr: 'Noël', name_nl: 'Kerstmis' },
  ].sort((p, q) => (p.date < q.date ? -1 : p.date > q.date ? 1 : 0));
}

/**
 * The federal public holidays falling on `date`: usually none or one, but two when Ascension falls on 1 May (Easter
 * on 23 March, as in 2008 and 2160).
 */
export function publicHolidaysOn(date: IsoDate): PublicHoliday[] {
  return belgianPublicHolidays(Number(date.slice(0, 4))).filter((h) => h.date === date);
}

/** The first federal public holiday falling on `date`, if any. */
export function publicHolidayOn(date: IsoDate): PublicHoliday | undefined {
  return publicHolidaysOn(date)[0];
}
