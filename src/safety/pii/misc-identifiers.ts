/** P10: payment cards (Luhn), IP addresses, licence plates, file and case numbers, enterprise numbers. */
import { isIPv4, isIPv6 } from 'node:net';
import { isValidEnterpriseNumber, luhnValid } from '../identifiers.js';
import { type Hit, digitsOf, each } from './shared.js';

const DOSSIER_KEYWORDS_I = /(?<![\p{L}])(?:dossiernummer|dossier ?(?:number|nr\.?|no\.?)|file number|case number|reference number|ref(?:erence)?\.?|num[ée]ro de dossier|n[°o] ?(?:de )?dossier|r[ée]f(?:[ée]rence)?\.?|referentie(?:nummer)?|kenmerk|aktenzeichen|geschäftszeichen|dvz[ -]?ref(?:erentie)?|oe[ -]?ref)(?![\p{L}])/giu;
const DOSSIER_KEYWORDS_CS = /(?<![\p{L}])(?:OE|DVZ|SP|ON)(?![\p{L}])/gu;
const DOSSIER_VALUE = /[ \t]{0,3}[:#]?[ \t]{0,3}(?:n[°o]\.?[ \t]{0,2})?([A-Z0-9][A-Z0-9./-]{3,24})/y;

/** Adds the P10 hits of `text` to `hits`. */
export function detectMisc(text: string, hits: Hit[]): void {
  // Payment cards (Luhn).
  each(/(?<![\p{L}\p{N}])[2-6]\d{3}(?:[ -]?\d){9,15}(?!\d)/gu, text, (m) => {
    const d = digitsOf(m[0]);
    if (d.length >= 13 && d.length <= 19 && luhnValid(d)) {
      hits.push({ id: 'P10', category: 'payment card number', start: m.index, end: m.index + m[0].length, allowKey: d });
    }
  });
  // IP addresses.
  each(/(?<![\d.\p{L}])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d]|\.\d)/gu, text, (m) => {
    if (!isIPv4(m[0]) || /^(?:0\.0\.0\.0|127\.)/.test(m[0])) return;
    hits.push({ id: 'P10', category: 'IP address', start: m.index, end: m.index + m[0].length, allowKey: m[0] });
  });
  each(/(?<![\w:])[0-9a-fA-F:]{2,39}(?![\w:])/g, text, (m) => {
    if ((m[0].match(/:/g) ?? []).length < 2 || !isIPv6(m[0]) || m[0] === '::' || m[0] === '::1') return;
    hits.push({ id: 'P10', category: 'IP address', start: m.index, end: m.index + m[0].length, allowKey: m[0].toLowerCase() });
  });
  // Belgian licence plates.
  each(/(?<![\p{L}\p{N}-])[1-9]-?[A-Z]{3}-?\d{3}(?![\p{L}\p{N}-])/gu, text, (m) => {
    hits.push({ id: 'P10', category: 'licence plate', start: m.index, end: m.index + m[0].length, allowKey: m[0] });
  });
  // File and case numbers after a keyword.
  for (const re of [DOSSIER_KEYWORDS_I, DOSSIER_KEYWORDS_CS]) {
    each(re, text, (m) => {
      DOSSIER_VALUE.lastIndex = m.index + m[0].length;
      const v = DOSSIER_VALUE.exec(text);
      if (!v || !/\d{4}/.test(v[1] ?? '')) return;
      hits.push({ id: 'P10', category: 'file or case number', start: m.index, end: DOSSIER_VALUE.lastIndex, allowKey: v[1] });
    });
  }
  // Enterprise (KBO/BCE) numbers.
  each(/(?<![\d.])(?:BE ?)?[01]\d{3}\.?\d{3}\.?\d{3}(?![\d.]?\d)/g, text, (m) => {
    const d = digitsOf(m[0]);
    if (isValidEnterpriseNumber(d)) hits.push({ id: 'P10', category: 'enterprise number', start: m.index, end: m.index + m[0].length, allowKey: d });
  });
}
