/** P3: IBANs (checksum), and Belgian account numbers. */
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { isValidBelgianBban } from '../identifiers.js';
import { type Hit, each } from './shared.js';

/** Adds the P3 hits of `text` to `hits`. */
export function detectIbans(text: string, hits: Hit[]): void {
  each(/(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])/g, text, (m) => {
    // Trailing words can be swallowed by the pattern; try the longest prefix that validates.
    const parts = m[0].split(' ');
    for (let k = parts.length; k >= 1; k--) {
      const cand = parts.slice(0, k).join(' ');
      const iban = electronicFormatIBAN(cand) ?? '';
      if (iban.length < 15) break;
      if (!isValidIBAN(iban)) continue;
      if (iban.startsWith('BE') && !isValidBelgianBban(iban.slice(4))) continue;
      hits.push({ id: 'P3', category: 'IBAN', start: m.index, end: m.index + cand.length, allowKey: iban });
      return;
    }
  });
}
