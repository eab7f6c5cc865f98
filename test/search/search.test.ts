/**
 * Pins search in the user's language: NL, FR, DE and EN queries find the right skill first, document names
 * ("bijlage 3ter", "annexe 3", "Anlage 19") match the annex number as a token, and folding makes accents and
 * case irrelevant. Runs over the fixture corpus so expectations do not move when the shipped skills are edited.
 */
import { describe, expect, it } from 'vitest';
import { fold } from '../../src/search/fold.js';
import { createSearchIndex } from '../../src/search/index.js';
import { tokenize } from '../../src/search/tokenize.js';
import { fixtureCorpus } from '../helpers/corpus.js';

const index = createSearchIndex(fixtureCorpus());
const top = (query: string) => index.search(query, 5).map((r) => r.skill);

describe('fold', () => {
  it('removes accents and case, and expands ß', () => {
    expect(fold('Déclaration ÉTRANGER')).toBe('declaration etranger');
    expect(fold('Straße')).toBe('strasse');
    expect(fold('naïef België')).toBe('naief belgie');
  });
});

describe('tokenize', () => {
  it('turns annex names in four languages into one document token', () => {
    expect(tokenize('bijlage 3ter')).toContain('doc:3ter');
    expect(tokenize('annexe 3 ter')).toContain('doc:3ter');
    expect(tokenize('Anlage 19')).toContain('doc:19');
    expect(tokenize('annex-19')).toContain('doc:19');
    expect(tokenize('annexe 3')).toContain('doc:3');
    expect(tokenize('annexe 3')).not.toContain('doc:3ter');
    expect(tokenize('déclaration de présence')).toEqual(['declaration', 'presence']);
  });
});

describe('createSearchIndex', () => {
  it.each([
    ['annexe 3', 'annex-3-arrival-declaration'],
    ['bijlage 3ter', 'annex-3ter-presence-declaration'],
    ['Anlage 19', 'annex-19-eu-registration'],
    ['annex-19', 'annex-19-eu-registration'],
    ['aankomstverklaring', 'annex-3-arrival-declaration'],
    ['déclaration de présence', 'annex-3ter-presence-declaration'],
    ['DECLARATION DE PRESENCE', 'annex-3ter-presence-declaration'],
    ['melding van aanwezigheid', 'annex-3ter-presence-declaration'],
    ['Aufenthaltskarte verlängern', 'residence-card-renewal'],
    ['aufenthaltskarte verlangern', 'residence-card-renewal'],
    ['renouveler ma carte de séjour', 'residence-card-renewal'],
    ['I lost my residence card', 'residence-card-renewal'],
    ['moving to Belgium', 'arrival-in-belgium'],
    ['EU citizen register more than 3 months', 'annex-19-eu-registration'],
  ])('%s → %s first', (query, expected) => {
    expect(top(query)[0]).toBe(expected);
  });

  it('ranks annex-3 above annex-3ter for "annexe 3", and the reverse for "bijlage 3ter"', () => {
    const three = top('annexe 3');
    expect(three.indexOf('annex-3-arrival-declaration')).toBeLessThan(three.indexOf('annex-3ter-presence-declaration') === -1 ? Infinity : three.indexOf('annex-3ter-presence-declaration'));
    const ter = top('bijlage 3ter');
    expect(ter[0]).toBe('annex-3ter-presence-declaration');
    expect(ter.indexOf('annex-3-arrival-declaration') === -1 || ter.indexOf('annex-3-arrival-declaration') > 0).toBe(true);
  });

  it('is not substring matching: "nex" finds nothing', () => {
    expect(index.search('nex', 10)).toEqual([]);
  });

  it('matches a word by its prefix ("registr" finds registration)', () => {
    expect(top('registr')).toContain('annex-19-eu-registration');
  });

  it('returns uri, title, a positive score and a snippet containing a query word', () => {
    const [hit] = index.search('aankomstverklaring', 1);
    expect(hit).toMatchObject({ skill: 'annex-3-arrival-declaration', uri: 'skill://annex-3-arrival-declaration/SKILL.md', title: 'Declare your arrival as a non-EU visitor (annex 3)' });
    expect(hit?.score).toBeGreaterThan(0);
    expect(fold(hit?.snippet ?? '')).toContain('aankomstverklaring');
  });

  it('respects the limit and returns nothing for stopwords only', () => {
    expect(index.search('card', 1)).toHaveLength(1);
    expect(index.search('de la the', 10)).toEqual([]);
    expect(index.search('', 10)).toEqual([]);
  });

  it('completes skill names by prefix', () => {
    expect(index.completeName('annex-3')).toEqual(['annex-3-arrival-declaration', 'annex-3ter-presence-declaration']);
    expect(index.completeName('renew')).toEqual(['residence-card-renewal']);
  });
});

describe('search over the shipped skills', async () => {
  const { loadCorpus } = await import('../../src/load-corpus.js');
  const { repoRoot } = await import('../helpers/paths.js');
  const shipped = await loadCorpus(repoRoot);
  const real = createSearchIndex(shipped);
  const names = new Set(shipped.skills.map((s) => s.name));
  const first = (query: string) => real.search(query, 5)[0]?.skill;

  it.each([
    ['annexe 3', 'annex-3-arrival-declaration'],
    ['bijlage 3ter', 'annex-3ter-presence-declaration'],
    ['Anlage 19', 'annex-19-eu-registration'],
    ['déclaration de présence', 'annex-3ter-presence-declaration'],
    ['aankomstverklaring', 'annex-3-arrival-declaration'],
    ['verblijfskaart vernieuwen', 'residence-card-renewal'],
    ['renew my residence card', 'residence-card-renewal'],
  ])('%s → %s', (query, expected) => {
    if (!names.has(expected)) return;
    expect(first(query)).toBe(expected);
  });
});
