/**
 * Rule family R1, second form: "forget the above" / "vergeet het bovenstaande" / "oubliez ce qui précède" /
 * "vergiss das Obige" — an override that names no instructions, only the text before it. The word-lexicon
 * matcher in `override.ts` needs an object such as "instructions"; this one needs a pointer back to the text.
 */
import { eachMatch, type RuleHit } from './shared.js';

const L = '[\\p{L}\\p{N}]';
const W0 = `(?<!${L})`;
const W1 = `(?!${L})`;

const ABOVE = new RegExp(
  [
    // EN
    `${W0}(?:forget|ignore|disregard|skip|drop|discard) (?:all (?:of )?|everything )?(?:the |what(?:'s| is| was)? )?(?:above|preceding|foregoing|(?:said|written|stated) above|came before)${W1}`,
    `${W0}(?:forget|ignore|disregard|discard) (?:all |everything in )?the (?:previous|earlier|prior) (?:section|text|part|paragraph|content)s?${W1}`,
    // NL
    `${W0}(?:vergeet|negeer) (?:al |alles |ook )?(?:het |wat )?(?:bovenstaande|voorgaande|hierboven staat|hiervoor staat|hiervoor stond|hierboven stond)${W1}`,
    // FR
    `${W0}(?:oubliez|oublie|ignorez|ignore) (?:tout )?(?:ce qui (?:précède|est écrit ci-dessus|a été dit|est au-dessus)|le texte (?:précédent|ci-dessus))${W1}`,
    // DE
    `${W0}(?:vergiss|vergessen sie|ignoriere|ignorieren sie|missachte) (?:alles )?(?:das )?(?:obige|vorherige|vorige|bisherige|was oben steht|oben gesagte|vorangehende)${W1}`,
  ].join('|'),
  'giu',
);

/** Override phrases that point back at the preceding text. */
export function findAboveOverrides(text: string): RuleHit[] {
  const hits: RuleHit[] = [];
  eachMatch(ABOVE, text, (m) => {
    hits.push({ rule: 'R1', start: m.index, end: m.index + m[0].length, message: `an instruction override ("${m[0].slice(0, 60)}") telling the assistant to drop the text before it` });
  });
  return hits;
}
