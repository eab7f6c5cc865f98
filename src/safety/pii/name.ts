/** P9: names after "my name is", an honorific, or a sign-off. */
import { B, type Hit, each } from './shared.js';

const NAME_TOKEN = "\\p{Lu}[\\p{L}'’-]{1,40}";
const NAME_AFTER = new RegExp(` {1,3}(${NAME_TOKEN}(?: {1,2}${NAME_TOKEN}){0,2})`, 'uy');
const NAME_PHRASE = /(?<![\p{L}])(?:my name is|my name's|mijn naam is|ik heet|je m['’]appelle|mon nom est|ich heiße|ich heisse|mein name ist|i am called|i'm called)(?![\p{L}])/giu;
const HONORIFIC = new RegExp(`${B}(?:Mr|Mrs|Ms|Mx|Dr|Mme|Mlle|Dhr|Mevr|Mevrouw|Meneer|Mijnheer|Herr|Frau|Madame|Monsieur|Mademoiselle|M(?=\\.))\\.? {1,3}(${NAME_TOKEN})`, 'gu');
const NOT_NAMES = new Set(['Sir', 'Madam', 'Madame', 'Monsieur', 'Mevrouw', 'Meneer', 'Heer', 'Herr', 'Frau', 'Damen', 'Herren', 'Le', 'La', 'Les', 'De', 'Het', 'Der', 'Die', 'Das', 'The', 'Bourgmestre', 'Burgemeester', 'Bürgermeister', 'Ministre', 'Minister', 'Président', 'Voorzitter', 'Schepen', 'Échevin', 'Officier', 'Agent']);
const SIGN_OFF = /(?<![\p{L}])(?:kind regards|best regards|regards|best wishes|cheers|thanks|thank you|met vriendelijke groeten?|vriendelijke groeten?|groeten|mvg|cordialement|bien à vous|salutations distinguées|mit freundlichen grüßen|viele grüße|liebe grüße|beste grüße),?[ \t]{0,3}\r?\n[ \t]{0,3}/giu;
const SIGN_NAME = new RegExp(`(${NAME_TOKEN}(?: {1,2}${NAME_TOKEN}){0,2})[ \\t]{0,3}(?:\\r?\\n|$)`, 'uy');

/** Adds the P9 hits of `text` to `hits`. */
export function detectNames(text: string, hits: Hit[]): void {
  each(NAME_PHRASE, text, (m) => {
    NAME_AFTER.lastIndex = m.index + m[0].length;
    const n = NAME_AFTER.exec(text);
    if (n) hits.push({ id: 'P9', category: 'name', start: m.index, end: NAME_AFTER.lastIndex, allowKey: n[1] });
  });
  each(HONORIFIC, text, (m) => {
    if (NOT_NAMES.has(m[1] ?? '')) return;
    hits.push({ id: 'P9', category: 'name', start: m.index, end: m.index + m[0].length, allowKey: m[0] });
  });
  each(SIGN_OFF, text, (m) => {
    SIGN_NAME.lastIndex = m.index + m[0].length;
    const n = SIGN_NAME.exec(text);
    if (n && !NOT_NAMES.has((n[1] ?? '').split(' ')[0] ?? '')) {
      const start = m.index + m[0].length;
      hits.push({ id: 'P9', category: 'name', start, end: start + (n[1] ?? '').length, allowKey: n[1] });
    }
  });
}
