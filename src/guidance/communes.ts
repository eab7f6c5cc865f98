/**
 * Which region a Belgian commune belongs to, from its name in Dutch, French or German (case, accents, hyphens,
 * apostrophes and "Sint"/"Saint"/"St" abbreviations ignored) or its five-digit NIS code. The region decides which
 * regional rules apply (civic integration, for one); the nine communes of the German-language area are reported as
 * `german-speaking` because the German-speaking Community runs its own integration programme there.
 *
 * Communes merged on 2 December 2024 and 1 January 2025 are still recognised by their old names and codes and
 * resolve to the commune they joined.
 */
import { COMMUNES, FORMER_COMMUNES, GERMAN_LANGUAGE_AREA, type CommuneRow } from './communes-data.js';
import type { GuidanceError } from './error.js';

/** The region values of the fact vocabulary (`facts.yaml`, fact `region`). */
export type Region = 'flanders' | 'brussels' | 'wallonia' | 'german-speaking';

/** A commune's official names. */
export interface CommuneNames {
  nl: string;
  fr: string;
  de?: string;
}

/** A recognised commune. */
export interface Commune {
  region: Region;
  /** Five-digit NIS (REFNIS 2025) code. */
  nis: string;
  names: CommuneNames;
  /** Set when the input named a commune merged in 2024–2025: the old commune the input designated. */
  formerly?: { nis: string; names: CommuneNames };
}

/** A name that is no commune, or that several communes bear, with a message that says how to write it. */
export interface CommuneError extends GuidanceError<'unknown-commune' | 'ambiguous-commune'> {
  /** For an ambiguous name: every commune it may designate. */
  candidates?: Commune[];
}

const GERMAN = new Set(GERMAN_LANGUAGE_AREA);

/**
 * The region of a NIS code, from the REFNIS hierarchy: 21 is the Brussels-Capital arrondissement; the first digit
 * (two for Brabant) is the province — 1 Antwerp, 23/24 Flemish Brabant, 3 West and 4 East Flanders, 7 Limburg in
 * the Flemish Region; 25 Walloon Brabant, 5 Hainaut, 6 Liège, 8 Luxembourg, 9 Namur in the Walloon Region.
 */
export function regionOfNis(nis: string): Region {
  if (GERMAN.has(nis)) return 'german-speaking';
  if (nis.startsWith('21')) return 'brussels';
  if (nis.startsWith('25')) return 'wallonia';
  return '12347'.includes(nis[0] ?? '') ? 'flanders' : 'wallonia';
}

/**
 * The comparison key of a name: accents and case removed, typographic apostrophes folded, "Sint", "Saint" and
 * "Sainte" abbreviated as written on many signs ("St", "Ste"), and every space, hyphen, apostrophe or dot dropped.
 */
export function communeKey(name: string): string {
  const tokens = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .map((t) => (t === 'sint' || t === 'saint' ? 'st' : t === 'sainte' ? 'ste' : t));
  return tokens.join('');
}

function namesOf(row: CommuneRow): CommuneNames {
  const [, nl, fr, de] = row;
  return de === undefined ? { nl, fr } : { nl, fr, de };
}

function communeOf(row: CommuneRow): Commune {
  return { region: regionOfNis(row[0]), nis: row[0], names: namesOf(row) };
}

/** Common English names of a few cities, accepted besides the official ones. */
const ENGLISH_NAMES: Readonly<Record<string, string>> = {
  Brussels: '21004',
  Antwerp: '11002',
  Ghent: '44021',
  Ostend: '35013',
};

/** Province names in Dutch, French, German and English, with their region, so the answer can say so. */
const PROVINCES: readonly (readonly [Region, readonly string[]])[] = [
  ['flanders', ['Antwerpen', 'Anvers', 'Antwerp', 'Vlaams-Brabant', 'Brabant flamand', 'Flämisch-Brabant',
    'Flemish Brabant', 'West-Vlaanderen', 'Flandre occidentale', 'Westflandern', 'West Flanders', 'Oost-Vlaanderen',
    'Flandre orientale', 'Ostflandern', 'East Flanders', 'Limburg']],
  ['wallonia', ['Waals-Brabant', 'Brabant wallon', 'Wallonisch-Brabant', 'Walloon Brabant', 'Henegouwen', 'Hainaut',
    'Hennegau', 'Luik', 'Liège', 'Lüttich', 'Luxemburg', 'Luxembourg', 'Namen', 'Namur']],
];

interface Index {
  byNis: Map<string, Commune>;
  formerByNis: Map<string, Commune>;
  byKey: Map<string, Commune[]>;
  provinceKeys: Map<string, Region>;
}

let index: Index | undefined;

function buildIndex(): Index {
  const byNis = new Map<string, Commune>();
  const byKey = new Map<string, Commune[]>();
  const add = (key: string, c: Commune): void => {
    const list = byKey.get(key) ?? [];
    if (!list.some((x) => x.nis === c.nis)) list.push(c);
    byKey.set(key, list);
  };
  for (const row of COMMUNES) {
    const c = communeOf(row);
    byNis.set(c.nis, c);
    for (const name of [row[1], row[2], row[3]]) if (name !== undefined) add(communeKey(name), c);
  }
  for (const [name, nis] of Object.entries(ENGLISH_NAMES)) {
    const c = byNis.get(nis);
    if (c !== undefined) add(communeKey(name), c);
  }
  const formerByNis = new Map<string, Commune>();
  for (const [nis, nl, fr, into] of FORMER_COMMUNES) {
    const current = byNis.get(into);
    if (current === undefined) continue;
    const c: Commune = { ...current, formerly: { nis, names: { nl, fr } } };
    formerByNis.set(nis, c);
    // A former name shared with the merged commune (Tielt, Hasselt, Lokeren …) designates the current commune.
    for (const name of [nl, fr]) {
      const key = communeKey(name);
      if (!(byKey.get(key) ?? []).some((x) => x.nis === into)) add(key, c);
    }
  }
  const provinceKeys = new Map<string, Region>();
  for (const [region, names] of PROVINCES) for (const name of names) provinceKeys.set(communeKey(name), region);
  return { byNis, formerByNis, byKey, provinceKeys };
}

function levenshtein(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length] ?? limit + 1;
}

function label(c: Commune): string {
  const names = [c.names.nl, c.names.fr, c.names.de].filter((n, i, all): n is string => n !== undefined && all.indexOf(n) === i);
  return `${names.join(' / ')} (NIS ${c.nis}, ${c.region})`;
}

const HOW_TO_WRITE =
  'write the commune in Dutch, French or German as it writes itself, e.g. "Schaarbeek" or "Schaerbeek", "Luik" or ' +
  '"Liège", "Eupen" (capitals and accents do not matter), or give its five-digit NIS code, e.g. "21015"; a district ' +
  'or village that is part of a commune (deelgemeente, section) is not a commune: give the commune it belongs to';

function suggestions(idx: Index, key: string): string {
  const limit = key.length <= 5 ? 1 : 2;
  const found: { d: number; c: Commune }[] = [];
  for (const [k, list] of idx.byKey) {
    const d = levenshtein(key, k, limit);
    if (d <= limit) for (const c of list) if (!found.some((f) => f.c.nis === c.nis)) found.push({ d, c });
  }
  found.sort((x, y) => x.d - y.d || x.c.names.nl.localeCompare(y.c.names.nl));
  const top = found.slice(0, 3).map((f) => label(f.c));
  return top.length > 0 ? ` Did you mean ${top.join(' or ')}?` : '';
}

/**
 * The region, NIS code and names of a commune given by name (any official language, case- and accent-insensitive)
 * or by NIS code. Never throws: an unknown or ambiguous input gives an error value whose message says how to
 * write the commune, with the closest names when there are some.
 */
export function regionOfCommune(input: string): Commune | CommuneError {
  index ??= buildIndex();
  const idx = index;
  const text = input.trim();
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  if (text.length === 0) return { code: 'unknown-commune', message: `no commune given: ${HOW_TO_WRITE}` };

  if (/^\d+$/.test(text)) {
    const c = idx.byNis.get(text) ?? idx.formerByNis.get(text);
    if (c !== undefined) return c;
    return {
      code: 'unknown-commune',
      message: `${shown} is not the NIS code of a Belgian commune (REFNIS 2025): a commune code has five digits, e.g. "21015" (Schaerbeek) or "62063" (Liège); or ${HOW_TO_WRITE}`,
    };
  }

  const key = communeKey(text);
  const matches = idx.byKey.get(key) ?? [];
  if (key === communeKey('Limburg')) {
    return {
      code: 'ambiguous-commune',
      message: `${shown} is both a Flemish province and the Dutch name of the commune Limbourg in the province of Liège (Wallonia): give the name of your commune, e.g. "Hasselt" or "Genk", or "Limbourg" for the commune`,
      candidates: matches,
    };
  }
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length > 1) {
    return {
      code: 'ambiguous-commune',
      message: `${shown} is the name of more than one commune: ${matches.map(label).join('; ')}. Give the NIS code or the name in the other language.`,
      candidates: matches,
    };
  }
  const province = idx.provinceKeys.get(key);
  if (province !== undefined) {
    return {
      code: 'unknown-commune',
      message: `${shown} is a province (region: ${province}), not a commune: ${HOW_TO_WRITE}`,
    };
  }
  return {
    code: 'unknown-commune',
    message: `${shown} is not a Belgian commune (communes as of 1 January 2025): ${HOW_TO_WRITE}.${suggestions(idx, key)}`,
  };
}
