import { classifyNationality, isCountryError, ISO_3166_ALPHA2 } from '../guidance/countries.js';
import { fold } from './fold.js';

/**
 * The `audience` metadata value (SPEC §2) a nationality points to: EU, EEA and Swiss nationals follow the
 * free-movement procedures, everyone else the third-country ones. Belgians are left out: "Belgian" in a query
 * is about becoming or being Belgian, not about a regime.
 */
export type NationalityAudience = 'eu-citizen' | 'non-eu-national';

/** The query languages, whose country names (from the runtime's ICU data) are recognised. */
const LANGUAGES = ['en', 'nl', 'fr', 'de'] as const;

/**
 * Endings that turn a country name into a nationality word in EN/NL/FR/DE: Italy → Italian, Espagne →
 * espagnol, Maroc → marocain, Österreich → Österreicher, India → Indiaas. A word is read as a nationality only
 * as a country name's beginning (at least four letters, the name going on at most four letters more) followed by
 * one of these, so "children" is not Chile.
 */
const ENDINGS = new Set(
  ('an ian ean ese uese ish er erin ers ais aise ois oise ien ienne iens ain aine ains isch ische ischer ischen ' +
    'iaans iaanse aans aanse ees ese ol ola ole lais laise lees lese ner nerin ier ierin o a i e s es n').split(' '),
);
const MIN_STEM = 4;
/** UN M.49 codes of the Americas, Africa, Asia and Oceania (of the EU states only Cyprus lies in one, and a Cypriot names Cyprus). */
const NON_EU_CONTINENTS = ['019', '002', '142', '009'];
const MAX_NAME_REST = 4;

/**
 * A lookup from a folded query word to the audience of the nationality it names, if any: a country name in one
 * of the four languages ("Marokko", "Maroc", "Türkei") or a nationality formed from one ("Italian",
 * "espagnol", "Deutscher").
 */
export function createNationalityLookup(): (folded: string) => NationalityAudience | undefined {
  const names = new Map<string, NationalityAudience>();
  for (const language of LANGUAGES) {
    const display = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    for (const code of ISO_3166_ALPHA2) {
      const nationality = classifyNationality(code);
      if (isCountryError(nationality) || nationality.regime === 'belgian') continue;
      const name = display.of(code);
      if (!name) continue;
      // One-word names, and the first part of a hyphenated one ("Congo-Kinshasa" → "congo").
      const word = fold(name).split('-')[0] ?? '';
      if (!/^\p{L}+$/u.test(word) || word.length < MIN_STEM) continue;
      names.set(word, nationality.regime === 'eu' ? 'eu-citizen' : 'non-eu-national');
    }
  }
  // Continents whose every country is outside the EU, EEA and Switzerland: "American", "Afrikaner", "asiatique".
  for (const language of LANGUAGES) {
    const display = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    for (const region of NON_EU_CONTINENTS) {
      const word = fold(display.of(region) ?? '');
      if (/^\p{L}+$/u.test(word) && word.length >= MIN_STEM && !names.has(word)) names.set(word, 'non-eu-national');
    }
  }
  const byStart = new Map<string, string[]>();
  for (const name of names.keys()) {
    const key = name.slice(0, MIN_STEM);
    byStart.set(key, [...(byStart.get(key) ?? []), name]);
  }
  return (folded) => {
    const exact = names.get(folded);
    if (exact) return exact;
    const candidates = byStart.get(folded.slice(0, MIN_STEM));
    if (!candidates) return undefined;
    for (let i = folded.length - 1; i >= MIN_STEM; i--) {
      if (!ENDINGS.has(folded.slice(i))) continue;
      const stem = folded.slice(0, i);
      const name = candidates.find((c) => c.startsWith(stem) && c.length - stem.length <= MAX_NAME_REST);
      if (name) return names.get(name);
    }
    return undefined;
  };
}

/**
 * The names of a country (ISO code, e.g. a skill's `jurisdiction`) in the query languages, folded: "belgium",
 * "belgie", "belgique", "belgien" for BE. Empty for anything that is not a country code.
 */
export function countryNames(code: string): string[] {
  if (!/^[A-Z]{2}$/.test(code)) return [];
  const out = new Set<string>();
  for (const language of LANGUAGES) {
    const name = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }).of(code);
    if (name) out.add(fold(name));
  }
  return [...out];
}

/**
 * The nationality codes a skill answers to, from its `audience` metadata: `aud:eu-citizen` for a skill meant for
 * EU/EEA/Swiss citizens and not for other nationals, `aud:non-eu-national` for the reverse, and `aud:eu-family`
 * for one meant for non-EU family members of EU citizens (and not for the EU citizens themselves). A skill meant
 * for everyone answers to none: naming a nationality tells nothing about it.
 */
export function audienceCodes(audience: readonly string[]): string[] {
  const has = (value: string) => audience.includes(value);
  const out: string[] = [];
  if (has('eu-citizen') && !has('non-eu-national')) out.push('aud:eu-citizen');
  if (has('non-eu-national') && !has('eu-citizen')) out.push('aud:non-eu-national');
  if (has('eu-family-member') && has('non-eu-national') && !has('eu-citizen')) out.push('aud:eu-family');
  return out;
}

/** The nationality codes of a query from the audiences of the nationalities it names (both: a mixed family). */
export function queryAudienceCodes(found: ReadonlySet<NationalityAudience>): string[] {
  if (found.size === 2) return ['aud:eu-family'];
  return [...found].map((a) => `aud:${a}`);
}
