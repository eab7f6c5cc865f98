import { isGuidanceError } from '../guidance/error.js';
import { classifyNationality, ISO_3166_ALPHA2 } from '../guidance/countries.js';
import { DEMONYMS } from './demonyms.js';
import { fold } from './fold.js';

/**
 * The `audience` metadata value (SPEC §2) a nationality points to: EU, EEA and Swiss nationals follow the
 * free-movement procedures, everyone else the third-country ones. Belgians are left out: "Belgian" in a query
 * is about becoming or being Belgian, not about a regime.
 */
export type NationalityAudience = 'eu-citizen' | 'non-eu-national';

/** The query languages, whose country names (from the runtime's ICU data) are recognised. */
const LANGUAGES = ['en', 'nl', 'fr', 'de'] as const;

/** Region names in each query language, made once (each is costly to set up). */
let regionNames: Intl.DisplayNames[] | undefined;
const displays = () => (regionNames ??= LANGUAGES.map((language) => new Intl.DisplayNames([language], { type: 'region', fallback: 'none' })));

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
/** Endings a listed nationality word takes in the plural or when declined: "Franzosen", "Polen", "Deutschen". */
const DEMONYM_ENDINGS = ['s', 'e', 'n', 'en', 'es', 'nen', 'innen'];

/** UN M.49 codes of the Americas, Africa, Asia and Oceania (of the EU states only Cyprus lies in one, and a Cypriot names Cyprus). */
const NON_EU_CONTINENTS = ['019', '002', '142', '009'];
const MAX_NAME_REST = 4;

/**
 * A lookup from a folded query word to the audience of the nationality it names, if any: a country name in one
 * of the four languages ("Marokko", "Maroc", "Türkei"), a listed nationality word ("French", "Pool",
 * "Franzose") or one formed from a country name ("Italian", "espagnol", "Deutscher"). With `asLanguage` (the word
 * may name a language: "into Dutch", "en français", "auf Deutsch") only a country name counts.
 */
export function createNationalityLookup(): (folded: string, asLanguage?: boolean) => NationalityAudience | undefined {
  const names = new Map<string, NationalityAudience>();
  for (const display of displays()) {
    for (const code of ISO_3166_ALPHA2) {
      const nationality = classifyNationality(code);
      if (isGuidanceError(nationality) || nationality.regime === 'belgian') continue;
      const name = display.of(code);
      if (!name) continue;
      // One-word names, and the first part of a hyphenated one ("Congo-Kinshasa" → "congo").
      const word = fold(name).split('-')[0] ?? '';
      if (!/^\p{L}+$/u.test(word) || word.length < MIN_STEM) continue;
      names.set(word, nationality.regime === 'eu' ? 'eu-citizen' : 'non-eu-national');
    }
  }
  // Continents whose every country is outside the EU, EEA and Switzerland: "American", "Afrikaner", "asiatique".
  for (const display of displays()) {
    for (const region of NON_EU_CONTINENTS) {
      const word = fold(display.of(region) ?? '');
      if (/^\p{L}+$/u.test(word) && word.length >= MIN_STEM && !names.has(word)) names.set(word, 'non-eu-national');
    }
  }
  const demonyms = new Map<string, NationalityAudience>();
  for (const [code, words] of Object.entries(DEMONYMS)) {
    const nationality = classifyNationality(code);
    if (isGuidanceError(nationality) || nationality.regime === 'belgian') continue;
    for (const word of words.split(' ')) demonyms.set(word, nationality.regime === 'eu' ? 'eu-citizen' : 'non-eu-national');
  }
  const byStart = new Map<string, string[]>();
  for (const name of names.keys()) {
    const key = name.slice(0, MIN_STEM);
    byStart.set(key, [...(byStart.get(key) ?? []), name]);
  }
  return (folded, asLanguage = false) => {
    const country = names.get(folded);
    if (country || asLanguage) return country;
    const exact = demonyms.get(folded);
    if (exact) return exact;
    for (const ending of DEMONYM_ENDINGS) {
      const listed = folded.endsWith(ending) ? demonyms.get(folded.slice(0, -ending.length)) : undefined;
      if (listed) return listed;
    }
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
  for (const display of displays()) {
    const name = display.of(code);
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

/** Words after which a nationality adjective names a language: "translate into Dutch", "en français", "auf Deutsch". */
const LANGUAGE_BEFORE = /(?<![\p{L}\p{N}])(?:in|into|to|naar|het|en|vers|auf|ins)\s+(\p{L}+)/gu;

/** The folded words of a query that follow a word introducing a language name. */
export function languagePositionWords(query: string): Set<string> {
  const out = new Set<string>();
  for (const m of fold(query).matchAll(LANGUAGE_BEFORE)) out.add(m[1]!);
  return out;
}

const EU = '(?:eu|ue|e u|european|europeen|europeenne|europese|europees|europaischer?|europaeische[rn]?|unie|union)';
const CITIZEN = '(?:citizens?|nationals?|burgers?|onderdaan|onderdanen|citoyens?|citoyennes?|ressortissants?|ressortissantes?|burgerin|staatsburger(?:in)?|staatsangehorige[rn]?)';
/** "EU citizen", "EU-burger", "citoyen européen", "citoyen de l'Union", "Unionsbürger", "ressortissant de l'UE". */
const EU_CITIZEN = new RegExp(
  `(?<![\\p{L}])(?:${EU}[\\s-]*${CITIZEN}|${CITIZEN}\\s+(?:(?:de|van|der)\\s+(?:l\\s+|la\\s+|de\\s+|het\\s+)?)?${EU}|unieburgers?|unionsburger(?:in)?|eu-?burgers?)(?![\\p{L}])`,
  'u',
);
/** "non-EU", "niet-EU", "hors UE", "Nicht-EU", "buiten de EU", "extra-européen". */
const NON_EU = new RegExp(`(?<![\\p{L}])(?:non|niet|hors|nicht|buiten|ausserhalb|extra)[\\s-]*(?:de\\s+|der\\s+|l\\s+)?${EU}(?![\\p{L}])`, 'u');

/** Words that make the EU citizen someone else: "spouse of an EU citizen", "met een EU-burger", "mit einem Unionsbürger". */
const RELATED = new RegExp(`(?<![\\p{L}])(?:of|with|van|met|mit|avec|d|du|aupres)\\s+(?:(?:an?|the|een|de|het|un|une|d|einem|einer|eines|einen|dem|der)\\s+)?$`, 'u');

/**
 * The audiences a query names without a country: "EU citizen", "citoyen de l'Union", "Unionsbürger" for EU
 * citizens, "non-EU", "niet-EU", "hors UE" for everyone else, and a family member of an EU citizen for "spouse of
 * an EU citizen", "membre de famille d'un citoyen de l'Union", "mit einem EU-Bürger".
 */
export function phraseAudiences(query: string): NationalityAudience[] {
  const folded = fold(query).replace(/['’]/g, ' ');
  const out = new Set<NationalityAudience>();
  if (NON_EU.test(folded)) out.add('non-eu-national');
  const rest = folded.replace(new RegExp(NON_EU.source, 'gu'), ' ');
  for (const m of rest.matchAll(new RegExp(EU_CITIZEN.source, 'gu'))) {
    if (RELATED.test(rest.slice(0, m.index))) {
      out.add('eu-citizen');
      out.add('non-eu-national');
    } else out.add('eu-citizen');
  }
  return [...out];
}
