/** P2: eID and residence card numbers (checksum) near a card keyword. */
import { isValidCardNumber } from '../identifiers.js';
import { type Hit, digitsOf, each, near } from './shared.js';

const CARD_KEYWORDS = /card ?number|kaartnummer|num[ée]ro de (?:la )?carte|kartennummer|\beid\b|identiteitskaart|carte d['’]identit[ée]|verblijfskaart|titre de s[ée]jour|residence card|aufenthaltskarte|personalausweis/i;

/** Adds the P2 hits of `text` to `hits`. */
export function detectCardNumbers(text: string, hits: Hit[]): void {
  each(/(?<![\d-])\d{3}-?\d{7}-?\d{2}(?![\d-])/g, text, (m) => {
    const d = digitsOf(m[0]);
    if (isValidCardNumber(d) || near(text, m.index, m.index + m[0].length, CARD_KEYWORDS)) {
      hits.push({ id: 'P2', category: 'identity card or residence card number', start: m.index, end: m.index + m[0].length, allowKey: d });
    }
  });
  // Residence cards for foreigners: one letter followed by 10 digits, keyword-gated.
  each(/(?<![\p{L}\p{N}])[A-Z] ?\d{7} ?\d{2}(?!\d)/gu, text, (m) => {
    if (near(text, m.index, m.index + m[0].length, CARD_KEYWORDS)) {
      hits.push({ id: 'P2', category: 'identity card or residence card number', start: m.index, end: m.index + m[0].length, allowKey: m[0] });
    }
  });
}
