/** P4: phone numbers (libphonenumber metadata): mobile numbers always, others unless allowed. */
import { createRequire } from 'node:module';
import type * as PhoneNumbers from 'awesome-phonenumber';
import { type Hit, digitsOf, each } from './shared.js';

/**
 * The phone-number library, required on first use: evaluating its metadata takes about 100 ms, and a server that
 * starts from the parse cache scans no text before its first answers.
 */
let phoneNumbers: typeof PhoneNumbers | undefined;
const parsePhoneNumber: typeof PhoneNumbers.parsePhoneNumber = (...args) =>
  (phoneNumbers ??= createRequire(import.meta.url)('awesome-phonenumber') as typeof PhoneNumbers).parsePhoneNumber(...args);

function isDateLike(s: string): boolean {
  return /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(s.trim());
}

function phoneE164(raw: string): { e164: string; mobile: boolean; valid: boolean } | undefined {
  const intl = /^(?:\+|00)/.test(raw);
  const input = intl ? raw.replace(/^00/, '+') : raw;
  const p = parsePhoneNumber(input.replace(/\(0\)/, ''), intl ? {} : { regionCode: 'BE' });
  const e164 = p.number?.e164;
  if (!e164) return undefined;
  return { e164, mobile: p.valid && (p.type === 'mobile' || p.type === 'fixed-line-or-mobile' && /^\+324/.test(e164)), valid: p.valid };
}

/** Phone numbers in `text` with their E.164 form (also used to read the allow text). */
export function collectPhones(text: string): Array<{ start: number; end: number; e164: string; mobile: boolean }> {
  const out: Array<{ start: number; end: number; e164: string; mobile: boolean }> = [];
  const consider = (raw: string, start: number, intl: boolean): void => {
    if (isDateLike(raw) || /^\d{4}\.\d{3}\.\d{3}$/.test(raw)) return;
    const info = phoneE164(raw);
    if (!info) return;
    const nd = digitsOf(raw).length;
    const plausibleBe = !intl && (nd === 9 || nd === 10);
    if (!info.valid && !plausibleBe) return;
    const mobile = info.mobile || /^\+324[5-9]/.test(info.e164);
    out.push({ start, end: start + raw.length, e164: info.e164, mobile });
  };
  each(/(?<![\w+])(?:\+|00) ?[1-9]\d{0,2}(?: ?\(0\))?(?:[ ./-]?\d){6,13}(?!\d)/g, text, (m) => consider(m[0], m.index, true));
  each(/(?<![\w+.\/-])0[1-9](?:[ ./-]?\d){6,9}(?![\d.\/-]?\d)/g, text, (m) => consider(m[0], m.index, false));
  return out;
}

/** Adds the P4 hits of `text` to `hits`. */
export function detectPhones(text: string, hits: Hit[]): void {
  for (const p of collectPhones(text)) {
    hits.push({ id: 'P4', category: p.mobile ? 'mobile phone number' : 'phone number', start: p.start, end: p.end, ...(p.mobile ? {} : { e164: p.e164 }) });
  }
}
