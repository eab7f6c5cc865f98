// Pins the commune list and its lookup: the 565 communes in force since 1 January 2025 (19 in Brussels, 285 in
// the Flemish Region, 261 in the Walloon Region of which 9 form the German-language area), names in any official
// language regardless of case and accents, NIS codes, the communes merged in 2024–2025, and errors that say how to
// write a commune.
import { describe, expect, it } from 'vitest';
import { COMMUNES, FORMER_COMMUNES, GERMAN_LANGUAGE_AREA } from '../../src/guidance/communes-data.js';
import { communeKey, regionOfCommune, regionOfNis, type Commune } from '../../src/guidance/communes.js';
import { isGuidanceError } from '../../src/guidance/error.js';

function found(input: string): Commune {
  const r = regionOfCommune(input);
  if (isGuidanceError(r)) throw new Error(`expected a commune for ${input}, got ${r.code}: ${r.message}`);
  return r;
}

describe('the commune list (REFNIS 2025)', () => {
  it('has 565 communes with unique five-digit NIS codes', () => {
    expect(COMMUNES).toHaveLength(565);
    const codes = COMMUNES.map((c) => c[0]);
    expect(new Set(codes).size).toBe(565);
    for (const code of codes) expect(code).toMatch(/^\d{5}$/);
  });

  it('splits into 19 Brussels, 285 Flemish and 261 Walloon communes, 9 of them German-speaking', () => {
    const count = (region: string) => COMMUNES.filter((c) => regionOfNis(c[0]) === region).length;
    expect(count('brussels')).toBe(19);
    expect(count('flanders')).toBe(285);
    expect(count('wallonia') + count('german-speaking')).toBe(261);
    expect(count('german-speaking')).toBe(9);
    expect(GERMAN_LANGUAGE_AREA.every((nis) => COMMUNES.some((c) => c[0] === nis))).toBe(true);
  });

  it('keeps the 29 merged communes out of the current list and points each to a current commune', () => {
    expect(FORMER_COMMUNES).toHaveLength(29);
    const current = new Set(COMMUNES.map((c) => c[0]));
    for (const [nis, , , into] of FORMER_COMMUNES) {
      expect(current.has(nis)).toBe(false);
      expect(current.has(into)).toBe(true);
    }
  });

  it('gives every commune a Dutch and a French name, and a German one in the German-language area', () => {
    for (const [, nl, fr] of COMMUNES) expect(nl.length > 0 && fr.length > 0).toBe(true);
    for (const nis of GERMAN_LANGUAGE_AREA) expect(COMMUNES.find((c) => c[0] === nis)?.[3]).toBeTruthy();
  });

  it('has only one name shared by two communes: Saint-Nicolas (Sint-Niklaas and the commune near Liège)', () => {
    const byKey = new Map<string, Set<string>>();
    for (const row of COMMUNES) {
      for (const name of [row[1], row[2], row[3]]) {
        if (name === undefined) continue;
        const key = communeKey(name);
        byKey.set(key, (byKey.get(key) ?? new Set()).add(row[0]));
      }
    }
    expect([...byKey].filter(([, codes]) => codes.size > 1).map(([key]) => key)).toEqual(['stnicolas']);
  });
});

describe('regionOfCommune', () => {
  it.each([
    ['Gent', 'flanders', '44021'],
    ['Gand', 'flanders', '44021'],
    ['Antwerpen', 'flanders', '11002'],
    ['Anvers', 'flanders', '11002'],
    ['Leuven', 'flanders', '24062'],
    ['Louvain', 'flanders', '24062'],
    ['Liège', 'wallonia', '62063'],
    ['Luik', 'wallonia', '62063'],
    ['Bergen', 'wallonia', '53053'],
    ['Namur', 'wallonia', '92094'],
    ['Eupen', 'german-speaking', '63023'],
    ['Kelmis', 'german-speaking', '63040'],
    ['La Calamine', 'german-speaking', '63040'],
    ['Sankt Vith', 'german-speaking', '63067'],
    ['Büllingen', 'german-speaking', '63012'],
    ['Malmedy', 'wallonia', '63049'],
  ])('finds %s in %s (%s)', (name, region, nis) => {
    expect(found(name)).toMatchObject({ region, nis });
  });

  it('finds bilingual Brussels communes by either name', () => {
    for (const [nl, fr, nis] of [
      ['Sint-Jans-Molenbeek', 'Molenbeek-Saint-Jean', '21012'],
      ['Elsene', 'Ixelles', '21009'],
      ['Schaarbeek', 'Schaerbeek', '21015'],
      ['Sint-Lambrechts-Woluwe', 'Woluwe-Saint-Lambert', '21018'],
      ['Brussel', 'Bruxelles', '21004'],
    ] as const) {
      expect(found(nl)).toEqual(found(fr));
      expect(found(nl)).toMatchObject({ region: 'brussels', nis, names: { nl, fr } });
    }
  });

  it('ignores case, accents, hyphens, apostrophes and St/Sint/Saint abbreviations', () => {
    expect(found('LIEGE').nis).toBe('62063');
    expect(found('  ixelles ').nis).toBe('21009');
    expect(found('sint jans molenbeek').nis).toBe('21012');
    expect(found('St-Gilles').nis).toBe('21013');
    expect(found('Braine-l\'Alleud').nis).toBe('25014');
    expect(found('Bullingen').nis).toBe('63012');
    expect(found('Sankt-Vith').nis).toBe('63067');
  });

  it('accepts NIS codes of current and merged communes', () => {
    expect(found('21015')).toMatchObject({ region: 'brussels', names: { fr: 'Schaerbeek' } });
    expect(found('73111')).toMatchObject({ region: 'flanders', names: { nl: 'Tongeren-Borgloon', fr: 'Tongres-Looz' } });
    expect(found('73040')).toMatchObject({ nis: '71072', formerly: { nis: '73040', names: { nl: 'Kortessem' } } });
  });

  it('resolves the communes merged on 1 January 2025 and 2 December 2024', () => {
    expect(found('Beveren-Kruibeke-Zwijndrecht')).toMatchObject({ nis: '46030', region: 'flanders' });
    expect(found('Zwijndrecht')).toMatchObject({ nis: '46030', formerly: { nis: '11056' } });
    expect(found('Pajottegem')).toMatchObject({ nis: '23106' });
    expect(found('Galmaarden')).toMatchObject({ nis: '23106', formerly: { names: { fr: 'Gammerages' } } });
    expect(found('Melle')).toMatchObject({ nis: '44088', names: { nl: 'Merelbeke-Melle' } });
    expect(found('Borsbeek')).toMatchObject({ nis: '11002', formerly: { nis: '11007' } });
    expect(found('Tielt')).toMatchObject({ nis: '37022' });
    expect(found('Tielt').formerly).toBeUndefined();
    expect(found('Hasselt')).toMatchObject({ nis: '71072' });
    expect(found('Bertogne')).toMatchObject({ nis: '82039', region: 'wallonia', names: { fr: 'Bastogne', de: 'Bastnach' } });
    expect(found('Tongres')).toMatchObject({ nis: '73111', formerly: { nis: '73083' } });
  });

  it('accepts a few English city names', () => {
    expect(found('Brussels').region).toBe('brussels');
    expect(found('Antwerp').nis).toBe('11002');
    expect(found('Ghent').nis).toBe('44021');
  });

  it('refuses an unknown name with a message showing how to write it, and the nearest names', () => {
    const r = regionOfCommune('Schaerbek');
    expect(isGuidanceError(r) && r.code).toBe('unknown-commune');
    if (!isGuidanceError(r)) return;
    expect(r.message).toMatch(/Dutch, French or German/);
    expect(r.message).toMatch(/five-digit NIS code/);
    expect(r.message).toMatch(/Did you mean Schaarbeek \/ Schaerbeek \(NIS 21015, brussels\)/);
  });

  it('says a district is not a commune', () => {
    const r = regionOfCommune('Borgerhout');
    expect(isGuidanceError(r) && r.message).toMatch(/deelgemeente, section.*give the commune it belongs to/);
  });

  it('refuses unknown codes and empty input', () => {
    const code = regionOfCommune('12345');
    expect(isGuidanceError(code) && code.message).toMatch(/not the NIS code of a Belgian commune/);
    const empty = regionOfCommune('   ');
    expect(isGuidanceError(empty) && empty.code).toBe('unknown-commune');
  });

  it('asks which Saint-Nicolas, and explains Limburg', () => {
    const r = regionOfCommune('Saint-Nicolas');
    expect(isGuidanceError(r) && r.code).toBe('ambiguous-commune');
    if (isGuidanceError(r)) expect(r.candidates?.map((c) => c.region).sort()).toEqual(['flanders', 'wallonia']);
    const limburg = regionOfCommune('Limburg');
    expect(isGuidanceError(limburg) && limburg.message).toMatch(/Flemish province.*Limbourg/);
    expect(found('Limbourg')).toMatchObject({ nis: '63046', region: 'wallonia' });
    expect(found('Sint-Niklaas').region).toBe('flanders');
  });

  it('names the region of a province given instead of a commune', () => {
    const r = regionOfCommune('Hainaut');
    expect(isGuidanceError(r) && r.message).toMatch(/province \(region: wallonia\)/);
  });
});
