// What a person with a foreign birth or marriage certificate relies on in the foreign-documents skill: which of the
// regimes applies (EU Regulation 2016/1191, exemption treaties, apostille, full legalisation), sworn translation
// from the national register, the language of the commune by region, the contested points, and a procedure file
// that routes by the country that issued the document, without a deadline of its own.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/load-corpus.js';
import { citedIds, readFactsVocabulary, readProcedureFile } from '../helpers/procedure-file.js';
import { repoRoot } from '../helpers/paths.js';

const corpus = await loadCorpus(repoRoot);
const s = corpus.getSkill('foreign-documents')!;
const section = (key: string) => s.sections.find((x) => x.key === key)?.markdown ?? '';
const routes = await readProcedureFile('foreign-documents');
const vocabulary = await readFactsVocabulary();

describe('foreign-documents', () => {
  it('is served and lints clean', () => {
    expect(s).toBeDefined();
    expect(corpus.diagnostics.filter((d) => d.file.includes('foreign-documents'))).toEqual([]);
    expect(s.description.length).toBeLessThanOrEqual(1024);
  });

  it('rests on art. 30 of the Code of Private International Law, the Apostille Convention and Regulation (EU) 2016/1191', () => {
    expect(s.citations).toContainEqual(expect.objectContaining({ id: 'loi-2004-07-16-code-dip', locator: 'art. 30' }));
    expect(corpus.registry.get('regulation-2016-1191-public-documents')?.celex).toBe('32016R1191');
    expect(corpus.registry.get('loi-2004-07-16-code-dip')?.numac).toBe('2004009511');
    expect(section('legal-basis')).toMatch(/5 October 1961/);
  });

  it('tells the four regimes apart by the issuing country, each cited', () => {
    const who = section('who-and-when');
    expect(who).toMatch(/depends on the country that issued the document, not on your nationality/);
    for (const regime of [/\*\*Issued by an EU Member State:\*\*/, /\*\*Issued by a country with an exemption treaty:\*\*/, /\*\*Issued by another party to the Apostille Convention:\*\*/, /\*\*Issued by any other country:\*\*/]) {
      const line = who.split('\n').find((l) => regime.test(l));
      expect(line, String(regime)).toMatch(/\[[a-z0-9-]+(, [^\]]+)?\]\.?$/);
    }
    expect(who).toMatch(/multilingual standard form/);
  });

  it('gives the commune language by region and a sworn translator from the national register', () => {
    const lang = s.stages.find((x) => /language/.test(x.title))!.markdown;
    expect(lang).toMatch(/\*\*Flanders:\*\*[^\n]*Dutch/);
    expect(lang).toMatch(/\*\*Brussels:\*\*[^\n]*French or Dutch/);
    expect(lang).toMatch(/German/);
    const translation = s.stages.find((x) => /Translation/.test(x.title))!;
    expect(translation.citations.map((c) => c.id)).toContain('justice-sworn-translators-register');
    expect(translation.markdown).toMatch(/18 March 2022/);
  });

  it('has no deadline of its own', () => {
    expect(s.stages.every((x) => !x.deadline)).toBe(true);
    expect(routes.every((r) => !r.deadline && !r.periods)).toBe(true);
  });

  it('marks the Azerbaijan/Burundi objections and the sworn-translation legalisation route as contested', () => {
    const notes = s.contested.map((c) => c.text);
    expect(notes.some((n) => /Azerbaijan/.test(n) && /Burundi/.test(n))).toBe(true);
    expect(notes.some((n) => /Court of First Instance/.test(n) && /1 January 2021/.test(n))).toBe(true);
    for (const c of s.contested) expect(c.citations.length).toBeGreaterThanOrEqual(2);
  });

  it('routes by the country that issued the document: EU without apostille, others apostille or legalisation, Belgian exempt', () => {
    expect(routes.find((r) => r.id === 'eu-document')).toMatchObject({ result: 'procedure', when: { document_issued_in: 'eu' } });
    expect(routes.find((r) => r.id === 'foreign-document')).toMatchObject({ result: 'procedure', when: { document_issued_in: 'third-country' } });
    expect(routes.find((r) => r.id === 'belgian-document')).toMatchObject({ result: 'exempt', when: { document_issued_in: 'belgian' } });
    const fact = vocabulary.facts.document_issued_in!;
    expect(fact.type).toBe('country');
    expect(Object.keys(fact.ask).sort()).toEqual(['de', 'en', 'fr', 'nl']);
  });

  it('cites only registered references in its procedure file', () => {
    for (const r of routes) for (const id of citedIds(r)) expect(corpus.registry.has(id), `${r.id} cites ${id}`).toBe(true);
  });
});
