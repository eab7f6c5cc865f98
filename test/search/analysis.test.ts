/**
 * Pins how queries are read: document, card and visa codes; stated lengths of stay; nationalities; typos,
 * compounds, stems and everyday words in four languages; and the front-door bias, which comes from the corpus
 * (`start` in facts.yaml) and not from code: nothing in src/search names a skill.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGuidance } from '../../src/guidance/guidance.js';
import { createVocabulary } from '../../src/procedures/vocabulary.js';
import { boundedDistance, distanceRows } from '../../src/search/edit-distance.js';
import { EVERYDAY_WORDS } from '../../src/search/everyday-words.js';
import { createSynonyms } from '../../src/search/expand.js';
import { createSearchIndex } from '../../src/search/index.js';
import { audienceCodes, createNationalityLookup, languagePositionWords, phraseAudiences, queryAudienceCodes } from '../../src/search/nationality.js';
import { statedStay, statedStayDays } from '../../src/search/stay.js';
import { createPlaceLookup } from '../../src/search/places.js';
import { stemsOf } from '../../src/search/stem.js';
import { analyze, tokenize } from '../../src/search/tokenize.js';
import { FIXTURE_REFERENCES, FIXTURE_SKILLS, fixtureCorpus, shippedCorpus } from '../helpers/corpus.js';
import { repoRoot } from '../helpers/paths.js';

describe('document, card and visa codes', () => {
  it.each([
    ['my F card expires', 'card:f'],
    ['carte F+', 'card:f+'],
    ['EU+ Karte erneuern', 'card:eu+'],
    ['E-kaart aanvragen', 'card:e'],
    ['visa D', 'visa:d'],
    ['D-Visum', 'visa:d'],
    ['type D visa', 'visa:d'],
    ['modèle 8', 'doc:model-8'],
    ['annex3ter', 'doc:3ter'],
    ['Blue Card holder', 'card:blue'],
    ['Blaue Karte EU', 'card:blue'],
    ['carte bleue européenne', 'card:blue'],
    ['oranje kaart', 'card:orange'],
    ['arrived with a long-stay visa', 'visa:d'],
    ['visa de long séjour', 'visa:d'],
    ['visum lang verblijf', 'visa:d'],
    ['Visum für den längerfristigen Aufenthalt', 'visa:d'],
  ])('%s gives %s', (text, code) => {
    expect(analyze(text).codes).toContain(code);
  });

  it('reads a colour card as that card, not as the letters around it', () => {
    expect(analyze('Blaue Karte EU').codes).toEqual(['card:blue']);
  });

  it('leaves articles and other words alone', () => {
    expect(analyze('I lost a card').codes).toEqual([]);
    expect(analyze("carte d'identité").codes).toEqual([]);
    expect(analyze("visa d'étudiant").codes).toEqual([]);
  });

  it('keeps the annex word and number out of the words once they are a code', () => {
    expect(tokenize('bijlage 19')).toEqual(['doc:19']);
  });
});

describe('stated length of stay', () => {
  it.each([
    ['visiting us for two months', 60],
    ['zes weken op bezoek', 42],
    ['plus de trois mois', 91],
    ['meer dan drie maanden', 91],
    ['minder dan drie maanden', 89],
    ['ein Jahr', 365],
    ['pour un mois', 30],
  ])('%s → %i days', (text, days) => {
    expect(statedStayDays(text)).toBe(days);
  });

  it('takes the words that state the stay out of the words matched', () => {
    expect([...(statedStay('Ich besuche meine Schwester drei Wochen lang')?.words ?? [])].sort()).toEqual(['drei', 'lang', 'wochen']);
    expect([...(statedStay('EU citizen living in Belgium for more than 3 months')?.words ?? [])].sort()).toEqual(['3', 'months', 'more', 'than']);
  });

  it('does not read time already spent as a stay', () => {
    expect(statedStayDays('Belgian citizenship after 5 years')).toBeUndefined();
    expect(statedStayDays('renew residence card')).toBeUndefined();
  });
});

describe('nationalities', () => {
  const lookup = createNationalityLookup();
  it.each([
    ['italian', 'eu-citizen'],
    ['espagnol', 'eu-citizen'],
    ['osterreicher', 'eu-citizen'],
    ['marokko', 'non-eu-national'],
    ['marocain', 'non-eu-national'],
    ['brazilian', 'non-eu-national'],
    ['american', 'non-eu-national'],
  ])('%s → %s', (word, audience) => {
    expect(lookup(word)).toBe(audience);
  });

  it.each([
    ['french', 'eu-citizen'],
    ['franzose', 'eu-citizen'],
    ['franzosen', 'eu-citizen'],
    ['francaise', 'eu-citizen'],
    ['pool', 'eu-citizen'],
    ['dutch', 'eu-citizen'],
    ['polish', 'eu-citizen'],
    ['swiss', 'eu-citizen'],
    ['norweger', 'eu-citizen'],
    ['british', 'non-eu-national'],
    ['britannique', 'non-eu-national'],
    ['marokkaan', 'non-eu-national'],
    ['turk', 'non-eu-national'],
  ])('%s → %s, from the list of nationality words', (word, audience) => {
    expect(lookup(word)).toBe(audience);
  });

  it('reads neither Belgians nor ordinary words as a nationality', () => {
    for (const word of ['belgian', 'belge', 'children', 'commune', 'student', 'travailler', 'fin', 'let']) expect(lookup(word), word).toBeUndefined();
  });

  it('reads a nationality adjective after "into", "en", "auf" as a language, not a nationality', () => {
    const words = languagePositionWords('translate my documents into Dutch, traduction en français, auf Deutsch');
    expect([...words].sort()).toEqual(['deutsch', 'dutch', 'francais']);
    for (const word of words) expect(lookup(word, true), word).toBeUndefined();
    expect(lookup('marokko', true)).toBe('non-eu-national');
  });

  it.each([
    ['EU citizen living in Belgium', ['eu-citizen']],
    ['inschrijving als EU-burger', ['eu-citizen']],
    ["citoyen de l'Union plus de trois mois", ['eu-citizen']],
    ['Unionsbürger', ['eu-citizen']],
    ['non-EU visitor', ['non-eu-national']],
    ['Nicht-EU-Bürger', ['non-eu-national']],
    ['spouse of an EU citizen', ['eu-citizen', 'non-eu-national']],
    ['Familienzusammenführung mit einem EU-Bürger', ['eu-citizen', 'non-eu-national']],
    ["membre de famille d'un citoyen de l'Union", ['eu-citizen', 'non-eu-national']],
    ['European health insurance card', []],
    ['EU-Karte beantragen', []],
  ])('%s names %j', (query, audiences) => {
    expect(phraseAudiences(query).sort()).toEqual(audiences);
  });

  it('counts a nationality only for skills meant for that side alone', () => {
    expect(audienceCodes(['eu-citizen', 'eu-family-member'])).toEqual(['aud:eu-citizen']);
    expect(audienceCodes(['non-eu-national'])).toEqual(['aud:non-eu-national']);
    expect(audienceCodes(['eu-family-member', 'non-eu-national'])).toEqual(['aud:non-eu-national', 'aud:eu-family']);
    expect(audienceCodes(['non-eu-national', 'eu-citizen', 'residence-card-holder'])).toEqual([]);
    expect(queryAudienceCodes(new Set(['eu-citizen', 'non-eu-national'] as const))).toEqual(['aud:eu-family']);
  });

  it('does not count a nationality against a skill meant for every nationality', async () => {
    const index = createSearchIndex(await shippedCorpus());
    const scoreOf = (q: string, skill: string) => index.search(q, 14).find((r) => r.skill === skill)?.score ?? 0;
    // Exchanging a licence is the same procedure for a Moroccan: the nationality neither helps nor hurts it ...
    expect(scoreOf('permis de conduire marocain', 'foreign-driving-licence')).toBe(scoreOf('permis de conduire', 'foreign-driving-licence'));
    expect(index.search('permis de conduire marocain', 1)[0]?.skill).toBe('foreign-driving-licence');
    // ... while it still counts for a skill meant for non-EU nationals alone.
    expect(scoreOf('permis de conduire marocain', 'non-eu-long-stay-registration')).toBeGreaterThan(scoreOf('permis de conduire', 'non-eu-long-stay-registration'));
  });
});

describe('places', () => {
  it('knows Belgian communes by their names in the national languages and a few in English and German', () => {
    const place = createPlaceLookup();
    for (const word of ['gent', 'ghent', 'gand', 'namur', 'eupen', 'leuven', 'louvain', 'bruxelles', 'brussels', 'luttich', 'borsbeek']) expect(place(word), word).toBe(true);
    for (const word of ['moving', 'commune', 'children', 'verhuizen', 'belgium']) expect(place(word), word).toBe(false);
  });

  it('does not let a commune named in a query pick the procedure', async () => {
    const index = createSearchIndex(await shippedCorpus());
    const order = (q: string) => index.search(q, 10).map((r) => [r.skill, r.score]);
    expect(order('I am moving to Ghent')).toEqual(order('I am moving'));
    expect(order('Umzug melden in Eupen')).toEqual(order('Umzug melden'));
  });
});

describe('word matching', () => {
  it('stems in all four languages, without short stems that join unrelated long words', () => {
    expect(stemsOf('verlängern')).toContain('verlang');
    expect(stemsOf('renouvellement')).toContain('renouvel');
    expect(stemsOf('moving')).toContain('move');
    expect(stemsOf('verlasse')).not.toContain('verl');
  });

  it('counts a swap of two letters as one typo', () => {
    const rows = distanceRows(32);
    expect(boundedDistance('apostile', 'apostille', 2, rows)).toBe(1);
    expect(boundedDistance('adreswijzging', 'adreswijziging', 2, rows)).toBe(1);
    expect(boundedDistance('aankomstverklaring', 'aankomstverkalring', 2, rows)).toBe(1);
    expect(boundedDistance('apostille', 'legalisation', 2, rows)).toBe(3);
  });

  it('finds skills through typos, compounds, words written apart and everyday words', async () => {
    const index = createSearchIndex(await shippedCorpus());
    const first = (q: string) => index.search(q, 3)[0]?.skill;
    // A plus card no skill names stands for its base card (the E+ card was the permanent E card).
    expect(first('E+ kaart aanvragen')).toBe(first('E-kaart aanvragen'));
    expect(first('aankomstverklaaring')).toBe('annex-3-arrival-declaration');
    expect(first('apostile acte de naissance')).toBe('foreign-documents');
    expect(first('Verblijfskaartverlenging')).toBe('residence-card-renewal');
    expect(first('Anmelde bescheinigung')).toBe('annex-19-eu-registration');
    expect(first('ik ga verhuizen binnen de stad')).toBe('change-of-address');
    expect(first('Umzug innerhalb Belgiens melden')).toBe('change-of-address');
  });

  it('counts two words written apart as both matched by a skill that holds them as one word', async () => {
    const index = createSearchIndex(await shippedCorpus());
    const scoreOf = (q: string, skill: string) => index.search(q, 14).find((r) => r.skill === skill)?.score ?? 0;
    expect(index.search('aankomst verklaring', 1)[0]?.skill).toBe('annex-3-arrival-declaration');
    expect(scoreOf('aankomst verklaring', 'annex-3-arrival-declaration')).toBeGreaterThanOrEqual(scoreOf('aankomstverklaring', 'annex-3-arrival-declaration'));
  });

  it('joins an English word to its other forms on an everyday-word line, and a listed word to its own line only', () => {
    const synonyms = createSynonyms(EVERYDAY_WORDS, stemsOf);
    // The stemmer keeps "registration" (registr) and "register" (regist) apart; the line joins them ...
    expect(synonyms('registration')).toContain('register');
    // ... but not to the other words of the line, nor to other meanings ("husband" is not "spouse" in a text).
    expect(synonyms('registration')).not.toContain('inschrijving');
    expect(synonyms('husband')).toEqual([]);
    // "épouse" (a spouse) is listed as written; its stem, shared with "épouser" (to marry), does not count.
    expect(synonyms('épouse')).toContain('spouse');
    expect(synonyms('épouse')).not.toContain('marriage');
    // A word listed nowhere is still found through its stem.
    expect(synonyms('verhuisde')).toContain('move');
  });

  it('reads everyday words for the commune and its formalities', async () => {
    const index = createSearchIndex(await shippedCorpus());
    expect(index.search('new in belgium what paperwork do i need at the town hall', 1)[0]?.skill).toBe('arrival-in-belgium');
  });
});

describe('the front-door bias', () => {
  const withStart = (start?: string) =>
    createSearchIndex(fixtureCorpus(FIXTURE_SKILLS, FIXTURE_REFERENCES, createGuidance(createVocabulary({ ...(start ? { start } : {}), facts: {} }), [])));
  const scoreOf = (index: ReturnType<typeof withStart>, query: string, skill: string) => index.search(query, 10).find((r) => r.skill === skill)?.score ?? 0;

  it('goes to the skill facts.yaml names as start, for generic phrasing only', () => {
    const biased = withStart('arrival-in-belgium');
    const plain = withStart();
    expect(scoreOf(biased, 'arriving in Belgium', 'arrival-in-belgium')).toBeGreaterThan(scoreOf(plain, 'arriving in Belgium', 'arrival-in-belgium'));
    expect(scoreOf(biased, 'arriving in Belgium', 'annex-3-arrival-declaration')).toBe(scoreOf(plain, 'arriving in Belgium', 'annex-3-arrival-declaration'));
  });

  it('leaves a document, nationality or stay length to the procedure it belongs to, not the front door listing it', () => {
    const biased = withStart('arrival-in-belgium');
    const plain = withStart();
    expect(scoreOf(biased, 'annexe 3', 'arrival-in-belgium')).toBeGreaterThan(0);
    expect(scoreOf(biased, 'annexe 3', 'arrival-in-belgium')).toBeLessThan(scoreOf(plain, 'annexe 3', 'arrival-in-belgium') / 10);
    expect(scoreOf(biased, 'annexe 3', 'annex-3-arrival-declaration')).toBe(scoreOf(plain, 'annexe 3', 'annex-3-arrival-declaration'));
    expect(scoreOf(biased, 'Moroccan arriving in Belgium', 'arrival-in-belgium')).toBeLessThanOrEqual(scoreOf(plain, 'Moroccan arriving in Belgium', 'arrival-in-belgium'));
  });

  it('routes a name the front door shares with a procedure to that procedure, written together or apart', () => {
    // The front door lists the procedures' own names to route between them, as it lists their annex numbers.
    const listing = FIXTURE_SKILLS.map((s) => (s.name === 'arrival-in-belgium' ? { ...s, meta: { ...s.meta, aliases: [...(s.meta.aliases ?? []), 'aankomstverklaring'] } } : s));
    const build = (start?: string) => createSearchIndex(fixtureCorpus(listing, FIXTURE_REFERENCES, createGuidance(createVocabulary({ ...(start ? { start } : {}), facts: {} }), [])));
    const routed = build('arrival-in-belgium');
    const plain = build();
    for (const query of ['aankomstverklaring', 'aankomst verklaring gemeente']) {
      expect(routed.search(query, 1)[0]?.skill, query).toBe('annex-3-arrival-declaration');
      expect(scoreOf(routed, query, 'arrival-in-belgium'), query).toBeGreaterThan(0);
      expect(scoreOf(routed, query, 'arrival-in-belgium'), query).toBeLessThan(scoreOf(plain, query, 'arrival-in-belgium') / 2);
    }
    // A name only the front door holds stays its own.
    expect(scoreOf(routed, 'aankomst in België', 'arrival-in-belgium')).toBeGreaterThanOrEqual(scoreOf(plain, 'aankomst in België', 'arrival-in-belgium'));
  });

  it('follows the data when another skill is the start', () => {
    const other = withStart('residence-card-renewal');
    const plain = withStart();
    expect(scoreOf(other, 'moving to Belgium', 'arrival-in-belgium')).toBe(scoreOf(plain, 'moving to Belgium', 'arrival-in-belgium'));
  });

  it('is not written into the search code: src/search names no skill', async () => {
    const names = (await shippedCorpus()).skills.map((s) => s.name);
    const dir = join(repoRoot, 'src/search');
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const name of names) expect(text.includes(name), `${file} names ${name}`).toBe(false);
    }
  });
});
