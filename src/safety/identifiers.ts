/**
 * Checksums of Belgian and international identifiers used by the personal-data detectors (SECURITY.md §3 F,
 * anchor A15 / A17). Pure functions over digit strings.
 */

function mod97(digits: string): number {
  let r = 0;
  for (let i = 0; i < digits.length; i++) r = (r * 10 + (digits.charCodeAt(i) - 48)) % 97;
  return r;
}

/**
 * Belgian national register number or BIS number (11 digits YYMMDDSSSCC). Month 00–12 (national number),
 * 20–32 or 40–52 (BIS, sex unknown / known); day 00–31. Check digits CC = 97 − (first 9 mod 97), or for
 * births from 2000 on 97 − ((2 000 000 000 + first 9) mod 97).
 */
export function isValidNationalNumber(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  if (!hasValidNationalDate(digits)) return false;
  const cc = Number(digits.slice(9));
  const first9 = digits.slice(0, 9);
  return 97 - mod97(first9) === cc || 97 - mod97(`2${first9}`) === cc;
}

/** The date part of a national / BIS number is plausible (month 00–12, 20–32, 40–52; day 00–31). */
export function hasValidNationalDate(digits: string): boolean {
  const mm = Number(digits.slice(2, 4));
  const dd = Number(digits.slice(4, 6));
  const monthOk = mm <= 12 || (mm >= 20 && mm <= 32) || (mm >= 40 && mm <= 52);
  return monthOk && dd <= 31;
}

/** True when the number is a BIS number (month shifted by 20 or 40). */
export function isBisNumber(digits: string): boolean {
  const mm = Number(digits.slice(2, 4));
  return mm >= 20;
}

/**
 * Belgian eID / residence card number (12 digits `xxx-xxxxxxx-yy`) and the old Belgian bank account format
 * (3-7-2) share one check: yy = first 10 digits mod 97, with 0 written as 97.
 */
export function isValidCardNumber(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  const r = mod97(digits.slice(0, 10));
  return (r === 0 ? 97 : r) === Number(digits.slice(10));
}

/** Belgian BBAN national check: last two digits = first 10 mod 97 (0 → 97). */
export function isValidBelgianBban(bban: string): boolean {
  return isValidCardNumber(bban);
}

/** Belgian enterprise (KBO/BCE) number, 10 digits starting with 0 or 1: 97 − (first 8 mod 97) = last 2. */
export function isValidEnterpriseNumber(digits: string): boolean {
  if (!/^[01]\d{9}$/.test(digits)) return false;
  return 97 - mod97(digits.slice(0, 8)) === Number(digits.slice(8));
}

/** Luhn check for payment card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}
