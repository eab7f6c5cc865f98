/** P1: national register and BIS numbers (checksum and valid birth date), anywhere or near a keyword. */
import { hasValidNationalDate, isValidNationalNumber } from '../identifiers.js';
import { type Hit, digitsOf, each, near } from './shared.js';

const NN_KEYWORDS = /rijksregister|\bniss\b|\binsz\b|num[ée]ro national|registre national|national (?:register |registry |identification )?number|\bbis[- ]?(?:number|nummer|num[ée]ro)|\bnn\b|identificatienummer|nationalnummer|sozialversicherungsnummer/i;

/** Adds the P1 hits of `text` to `hits`. */
export function detectNationalNumbers(text: string, hits: Hit[]): void {
  each(/(?<!\d)\d{2}[. ]?\d{2}[. ]?\d{2}[-. ]?\d{3}[. ]?\d{2}(?!\d)/g, text, (m) => {
    const d = digitsOf(m[0]);
    const start = m.index;
    const end = start + m[0].length;
    const valid = isValidNationalNumber(d);
    const gated = near(text, start, end, NN_KEYWORDS) && (m[0].length > 11 || hasValidNationalDate(d));
    if (valid || gated) {
      const bis = Number(d.slice(2, 4)) >= 20;
      hits.push({ id: 'P1', category: bis ? 'BIS number' : 'national register number', start, end, allowKey: d });
    }
  });
}
