/**
 * Accent and case folding shared by the index and the query side, so "Déclaration", "declaration" and
 * "DECLARATION" meet, and German "ß" matches "ss".
 */
const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', ı: 'i', ĳ: 'ij' };

const ASCII = /^[\x00-\x7f]*$/;

/** Lower-cases, removes diacritics (é→e, ï→i, ü→u) and expands ligatures (ß→ss, œ→oe). */
export function fold(text: string): string {
  // Plain ASCII (most of the skills' English text) only needs lower-casing.
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđłıĳ]/g, (c) => SPECIAL[c] ?? c);
}
