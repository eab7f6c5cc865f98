/** P8: street addresses in Dutch, German and French forms. */
import { B, E, type Hit, each } from './shared.js';

const HOUSE = "\\d{1,4}(?: ?[a-zA-Z](?![\\p{L}]))?(?: {0,3}(?:bus|boîte|bte|b\\.|Bus|box) {0,2}\\d{1,4}[a-zA-Z]?)?";
const POSTAL = "(?:,? {1,3}[1-9]\\d{3} {1,3}\\p{Lu}[\\p{L}-]{1,40})?";
const NL_DE_SUFFIX = 'straat|laan|lei|steenweg|plein|dreef|weg|kaai|vest|markt|baan|dijk|singel|straße|strasse|platz|gasse|allee|ring';
const ADDR_NL_DE = new RegExp(`${B}(\\p{Lu}[\\p{L}'’-]{0,40}(?:${NL_DE_SUFFIX}) {1,3}${HOUSE})${POSTAL}${E}`, 'gu');
const ADDR_NL_WORD = new RegExp(`${B}((?:\\p{Lu}[\\p{L}'’-]{1,30} )?(?:Markt|Grote Markt|Plein|Kaai|Vest|Dreef|Laan|Steenweg|Platz) {1,3}${HOUSE})${POSTAL}${E}`, 'gu');
const FR_WORD = '(?:[Rr]ue|[Aa]venue|[Aa]v\\.|[Cc]haussée|[Bb]oulevard|[Bb]d|[Pp]lace|[Cc]hemin|[Qq]uai|[Aa]llée|[Ii]mpasse|[Ss]quare|[Dd]rève|[Cc]los|[Ss]entier)';
const FR_NAME = "(?:(?:de la|de l'|de l’|du|des|de|d'|d’|la|le|l'|l’) {0,2})?\\p{Lu}[\\p{L}'’-]{1,40}(?: {1,3}[\\p{L}'’-]{1,30}){0,3}?";
const ADDR_FR = new RegExp(`${B}(${FR_WORD} {1,3}${FR_NAME},? {1,3}${HOUSE})${POSTAL}${E}`, 'gu');
const ADDR_FR_NUM_FIRST = new RegExp(`${B}(\\d{1,4}(?: ?[a-z])?,? {1,3}${FR_WORD} {1,3}${FR_NAME})${POSTAL}${E}`, 'gu');

/** Adds the P8 hits of `text` to `hits`. */
export function detectAddresses(text: string, hits: Hit[]): void {
  for (const re of [ADDR_NL_DE, ADDR_NL_WORD, ADDR_FR, ADDR_FR_NUM_FIRST]) {
    each(re, text, (m) => {
      hits.push({ id: 'P8', category: 'street address', start: m.index, end: m.index + m[0].length, allowKey: m[1] ?? m[0] });
    });
  }
}
