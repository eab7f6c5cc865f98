// What a person leaving Belgium relies on in the absence-and-departure skill: the day-before-departure deadline for
// leaving for good, the temporary-absence route with the report back within 15 days of return, the one-year right
// of return cited to art. 19 of the Aliens Act, annex 18 / annex 37 / model 8, Belgians and foreign nationals told
// apart, the ex-officio strike-off and its presumption of departure, the disputes shown as contested, and a procedure
// file that states the same rules as the prose.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/load-corpus.js';
import { citedIds, readFactsVocabulary, readProcedureFile } from '../helpers/procedure-file.js';
import { repoRoot } from '../helpers/paths.js';

const corpus = await loadCorpus(repoRoot);
const s = corpus.getSkill('absence-and-departure')!;
const section = (key: string) => s.sections.find((x) => x.key === key)?.markdown ?? '';
const stage = (title: RegExp) => s.stages.find((x) => title.test(x.title))!;
const routes = await readProcedureFile('absence-and-departure');
const route = (id: string) => routes.find((r) => r.id === id)!;
const vocabulary = await readFactsVocabulary();

describe('absence-and-departure', () => {
  it('is served and lints clean', () => {
    expect(s).toBeDefined();
    expect(corpus.diagnostics.filter((d) => d.file.includes('absence-and-departure'))).toEqual([]);
    expect(s.description.length).toBeLessThanOrEqual(1024);
  });

  it('covers Belgians and foreign nationals, with the documents each receives', () => {
    expect(s.meta.audience).toEqual(expect.arrayContaining(['belgian', 'eu-citizen', 'non-eu-national']));
    expect(s.meta.documents).toEqual(expect.arrayContaining(['annex-18', 'annex-37', 'model-8']));
    const leave = stage(/Leaving Belgium for good/).markdown;
    expect(leave).toMatch(/\*\*Belgians:\*\* your eID stays valid/);
    expect(leave).toMatch(/\*\*Foreign nationals:\*\* the residence card is cancelled at once/);
    expect(leave).toMatch(/annex 37/);
  });

  it('sets the day before departure for leaving for good, cited to the National Register FAQ', () => {
    const deadline = stage(/Leaving Belgium for good/).deadline!;
    expect(deadline.text).toMatch(/at the latest the day before departure/);
    expect(deadline.citations.map((c) => c.id)).toContain('ibz-rrn-faq-radiation');
    expect(section('who-and-when')).toMatch(/at the latest the day before departure \[ibz-rrn-faq-radiation\]/);
  });

  it('asks for a report before a temporary absence and within 15 days of return', () => {
    expect(stage(/temporary absence/).deadline!.text).toMatch(/at the latest the day before departure/);
    const back = stage(/Coming back/).deadline!;
    expect(back.text).toMatch(/within 15 days of your return/);
    expect(back.citations.map((c) => c.id)).toContain('ibz-sdg-eu-deregistration');
    expect(section('who-and-when')).toMatch(/within 15 days of your return/);
  });

  it('gives non-EU nationals a one-year right of return cited to art. 19 of the Aliens Act, and the early-renewal advice', () => {
    const who = section('who-and-when');
    expect(who).toMatch(/right of return for one year after departure[^\n]*\[loi-1980-12-15-etrangers, art\. 19\]/);
    expect(who).toMatch(/early renewal before you leave/);
    expect(stage(/right of return/).markdown).toMatch(/return visa/);
  });

  it('explains the ex-officio strike-off, the presumption of departure and re-registration', () => {
    const strike = stage(/Struck off ex officio/);
    expect(strike.markdown).toMatch(/presumed to have left Belgium/);
    expect(strike.markdown).toMatch(/proof that you were not abroad too long/);
    expect(strike.citations.map((c) => c.id)).toContain('dofi-guide-right-of-return');
  });

  it('marks the card-expiry dispute and the timing of a permanent departure as contested', () => {
    const notes = s.contested.map((c) => c.text);
    expect(notes.some((n) => /whatever the length of the absence/.test(n) && /three months/.test(n) && /early renewal/.test(n))).toBe(true);
    expect(notes.some((n) => /Ghent/.test(n) && /day before/.test(n))).toBe(true);
    for (const c of s.contested) expect(new Set(c.citations.map((x) => x.id)).size).toBeGreaterThanOrEqual(2);
  });

  it('has a procedure file: definitive → the day before leaving_on; temporary → the same, plus 15 days after return and one year after leaving_on; no absence → ask', () => {
    expect(route('leave-for-good').when).toEqual({ leaving_on: 'present', absence: 'definitive' });
    expect(route('leave-for-good').deadline).toMatchObject({ amount: 1, unit: 'calendar-days', before: 'leaving_on' });
    expect(route('leave-for-good').document).toMatch(/model 8/);
    expect(route('leave-for-good').document).toMatch(/annex 37/);
    const temporary = route('temporary-absence');
    expect(temporary.when).toEqual({ leaving_on: 'present', absence: 'temporary' });
    expect(temporary.deadline).toMatchObject({ amount: 1, unit: 'calendar-days', before: 'leaving_on' });
    expect(temporary.periods).toContainEqual(expect.objectContaining({ amount: 15, unit: 'calendar-days', after: 'return' }));
    expect(temporary.periods).toContainEqual(expect.objectContaining({ amount: 1, unit: 'years', after: 'leaving_on' }));
    expect(route('which-absence')).toMatchObject({ result: 'ask', when: { leaving_on: 'present', absence: 'missing' } });
  });

  it('counts from events the vocabulary declares, with the phrases the prose uses', () => {
    expect(vocabulary.events.return!.en).toContain('of your return');
    expect(vocabulary.facts.leaving_on!.event!.en).toEqual(expect.arrayContaining(['before departure', 'after departure']));
  });

  it('cites only registered references in its procedure file', () => {
    for (const r of routes) for (const id of citedIds(r)) expect(corpus.registry.has(id), `${r.id} cites ${id}`).toBe(true);
  });
});
