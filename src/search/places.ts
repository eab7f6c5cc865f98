import { COMMUNES, FORMER_COMMUNES } from '../guidance/communes-data.js';
import { fold } from './fold.js';

/** Names of a few cities in English and German besides their official ones. */
const OTHER_NAMES = ['brussels', 'antwerp', 'ghent', 'ostend', 'bruges', 'lüttich', 'löwen'];

/**
 * Whether a folded word names a Belgian commune ("Gent", "Ghent", "Namur", "Eupen"; one-word names only). Every
 * procedure is done at the commune, so a commune named in a query says where the person is, not which procedure
 * they need; the skills mention communes only as examples of local practice.
 */
export function createPlaceLookup(): (folded: string) => boolean {
  const names = new Set<string>(OTHER_NAMES.map(fold));
  for (const [, nl, fr, de] of COMMUNES) for (const name of [nl, fr, de]) if (name && /^\p{L}+$/u.test(name)) names.add(fold(name));
  for (const [, nl, fr] of FORMER_COMMUNES) for (const name of [nl, fr]) if (/^\p{L}+$/u.test(name)) names.add(fold(name));
  return (folded) => names.has(folded);
}
