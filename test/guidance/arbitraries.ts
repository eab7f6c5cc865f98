import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from '../../src/guidance/dates.js';

/** Any date from 1900 to 2199 as YYYY-MM-DD. */
export const isoDateArb = (min = '1900-01-01', max = '2199-12-31'): fc.Arbitrary<string> =>
  fc.integer({ min: toDayNumber(min)!, max: toDayNumber(max)! }).map(fromDayNumber);
