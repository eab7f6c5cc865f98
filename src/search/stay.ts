import type { Cond } from '../procedures/conditions.js';
import { fold } from './fold.js';

/**
 * How long a person stays decides between procedures that share every other word (a short-stay declaration or a
 * long-stay registration). The lengths each procedure applies to are data: the `intended_stay_days` ranges in
 * the conditions of its procedure file. A query that says how long ("for two months", "zes weken",
 * "plus de trois mois", "ein Jahr") is read as a number of days and matched against those ranges.
 */

/** The fact the procedure files state the length of a stay in. */
const STAY_FACT = 'intended_stay_days';

/** A range of days from a procedure file's conditions. */
export interface StayRange {
  min?: number | undefined;
  max?: number | undefined;
}

/** The `intended_stay_days` ranges anywhere in a route's conditions. */
export function stayRanges(cond: Cond): StayRange[] {
  switch (cond.kind) {
    case 'test':
      return cond.path === STAY_FACT && cond.test.kind === 'range' ? [{ min: cond.test.min, max: cond.test.max }] : [];
    case 'not':
      return [];
    default:
      return cond.items.flatMap(stayRanges);
  }
}

/** The code of a range, shared by every skill that states it. */
export function stayCode(range: StayRange): string {
  return `stay:${range.min ?? ''}-${range.max ?? ''}`;
}

/** Whether `days` falls in `range`. */
export function inRange(range: StayRange, days: number): boolean {
  return (range.min === undefined || days >= range.min) && (range.max === undefined || days <= range.max);
}

/** Number words one to twelve in EN, NL, FR and DE (and the articles that mean one: "a year", "een jaar"). */
const NUMBERS: Readonly<Record<string, number>> = Object.fromEntries(
  [
    'a an one een ein eine einen un une',
    'two twee deux zwei',
    'three drie trois drei',
    'four vier quatre',
    'five vijf cinq funf',
    'six zes sechs',
    'seven zeven sept sieben',
    'eight acht huit',
    'nine negen neuf neun',
    'ten tien dix zehn',
    'eleven elf onze',
    'twelve twaalf douze zwolf',
  ].flatMap((line, i) => line.split(' ').map((w) => [w, i + 1] as const)),
);

/** Units of time and their length in days. */
const UNITS: Readonly<Record<string, number>> = Object.fromEntries(
  [
    ['day days dag dagen jour jours tag tage tagen', 1],
    ['week weeks weken semaine semaines woche wochen', 7],
    ['month months maand maanden mois monat monate monaten', 30],
    ['year years jaar jaren an ans annee annees jahr jahre jahren', 365],
  ].flatMap(([words, days]) => (words as string).split(' ').map((w) => [w, days as number] as const)),
);

/** "more than" and "less than" in the four languages, folded, as the word before the number. */
const MORE = new Set(['than', 'dan', 'de', 'als']);
const MORE_LEAD = new Set(['more', 'longer', 'over', 'meer', 'langer', 'plus', 'mehr', 'uber', 'ueber']);
const LESS_LEAD = new Set(['less', 'shorter', 'under', 'minder', 'korter', 'moins', 'weniger', 'unter']);
/** "after five years" counts time already spent, not a stay to come. */
const AFTER = new Set(['after', 'na', 'apres', 'nach', 'since', 'sinds', 'depuis', 'seit']);

/** Words that only say the stay lasts that long: "drei Wochen lang", "two months long". */
const LASTING = new Set(['long', 'lang', 'lange', 'durant', 'pendant', 'during', 'gedurende']);

/** A stay length a query states: the days, and the folded words that state it (which say nothing else). */
export interface StatedStay {
  days: number;
  words: ReadonlySet<string>;
}

/**
 * The stay a query states: a number or number word followed by a unit ("2 months", "drie maanden", "un an"), one
 * day more after "more than" and one less after "less than". Undefined when it states none. Its words are the
 * number, the unit, the "more than" or "less than" before it and a "long" after it.
 */
export function statedStay(query: string): StatedStay | undefined {
  const words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  for (let i = 1; i < words.length; i++) {
    const unit = UNITS[words[i]!];
    if (unit === undefined) continue;
    const token = words[i - 1]!;
    const count = /^\d{1,3}$/.test(token) ? Number(token) : NUMBERS[token];
    if (count === undefined) continue;
    let days = count * unit;
    const before = words.slice(Math.max(0, i - 4), i - 1);
    if (before.length > 0 && AFTER.has(before[before.length - 1]!)) continue;
    const stated = new Set([token, words[i]!]);
    const lead = before.find((w) => MORE_LEAD.has(w) || LESS_LEAD.has(w));
    if (lead !== undefined && (before.some((w) => MORE.has(w)) || lead === 'over' || lead === 'under' || lead === 'uber' || lead === 'unter')) {
      days += MORE_LEAD.has(lead) ? 1 : -1;
      for (const w of before) if (w === lead || MORE.has(w)) stated.add(w);
    }
    const after = words[i + 1];
    if (after !== undefined && LASTING.has(after)) stated.add(after);
    return { days, words: stated };
  }
  return undefined;
}

/** The days of {@link statedStay}. */
export function statedStayDays(query: string): number | undefined {
  return statedStay(query)?.days;
}
