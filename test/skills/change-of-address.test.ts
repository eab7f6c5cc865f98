// What a person who moves house relies on in the change-of-address skill: that it is for everyone registered
// (Belgians included), the 8-working-day deadline counted from the move and cited to the Royal Decree of 16 July 1992,
// the Saturday and fine disputes shown as contested, the police check and chip update, fees in named communes, the
// reference address, and a procedure file that states the same rule as the prose.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/load-corpus.js';
import { citedIds, readFactsVocabulary, readProcedureFile } from '../helpers/procedure-file.js';
import { repoRoot } from '../helpers/paths.js';

const corpus = await loadCorpus(repoRoot);
const s = corpus.getSkill('change-of-address')!;
const section = (key: string) => s.sections.find((x) => x.key === key)?.markdown ?? '';
const routes = await readProcedureFile('change-of-address');
const vocabulary = await readFactsVocabulary();

describe('change-of-address', () => {
  it('is served and lints clean', () => {
    expect(s).toBeDefined();
    expect(corpus.diagnostics.filter((d) => d.file.includes('change-of-address'))).toEqual([]);
  });

  it('is for everyone registered in a commune, Belgians and foreign nationals alike, for moves inside or between communes', () => {
    expect(s.meta.audience).toEqual(expect.arrayContaining(['belgian', 'eu-citizen', 'non-eu-national']));
    expect(section('scope')).toMatch(/Belgians and foreign nationals alike/);
    expect(section('who-and-when')).toMatch(/inside the commune and for a move to a new one/);
    expect(s.description.length).toBeLessThanOrEqual(1024);
  });

  it('gives 8 working days of the move, cited to art. 7 of the Royal Decree of 16 July 1992 and the FPS Home Affairs page', () => {
    const stage = s.stages.find((x) => x.deadline?.text.includes('8 working days of the move'));
    expect(stage?.deadline?.citations).toContainEqual(expect.objectContaining({ id: 'rd-1992-07-16-registres', locator: 'art. 7' }));
    expect(stage?.deadline?.citations.map((c) => c.id)).toContain('ibz-change-of-address');
    const who = section('who-and-when');
    expect(who).toMatch(/within 8 working days of the move \[rd-1992-07-16-registres, art\. 7\]/);
  });

  it('tells people to declare at the new commune, only after moving in', () => {
    const who = section('who-and-when');
    expect(who).toMatch(/\*\*Where:\*\* at the commune where you now live/);
    expect(who).toMatch(/only once you actually live at the new address/);
  });

  it('marks Saturday, the "8 days" wording and the late fine as contested, each with two sources and what to do', () => {
    const notes = s.contested.map((c) => c.text);
    expect(notes.some((n) => /Saturday/.test(n) && /earlier date/.test(n))).toBe(true);
    expect(notes.some((n) => /"8 days"/.test(n) && /8 calendar days/.test(n))).toBe(true);
    expect(notes.some((n) => /penal sanctions/.test(n) && /no sanction/.test(n) && /strike-off/.test(n))).toBe(true);
    for (const c of s.contested) expect(new Set(c.citations.map((x) => x.id)).size).toBeGreaterThanOrEqual(2);
    expect(notes.join('\n')).not.toMatch(/EUR \d|\d+ euros? fine/);
  });

  it('walks the declaration, the police check, the chip update and the reference address', () => {
    const titles = s.stages.map((x) => x.title).join(' | ');
    expect(titles).toMatch(/Declare the move/);
    expect(titles).toMatch(/police residence check/);
    expect(titles).toMatch(/Update the address on your card/);
    expect(titles).toMatch(/reference address/);
    const reference = s.stages.find((x) => /reference address/.test(x.title))!;
    expect(reference.citations.map((c) => c.id)).toEqual(expect.arrayContaining(['mi-is-faq-reference-address-cpas', 'droitsquotidiens-reference-address']));
    expect(s.documents.some((d) => /PIN/.test(d.text))).toBe(true);
  });

  it('gives online channels region by region', () => {
    const declare = s.stages.find((x) => /Declare the move/.test(x.title))!.markdown;
    expect(declare).toMatch(/IRISbox/);
    expect(declare).toMatch(/Mon DOSSIER/);
    expect(declare).toMatch(/Flanders and Wallonia/);
    expect(declare).toMatch(/German-speaking Community/);
  });

  it('names fees per commune, each cited', () => {
    const fees = s.fees.map((f) => f.text).join('\n');
    expect(fees).toMatch(/City of Brussels: 6 euros/);
    expect(fees).toMatch(/Forest: 5 euros per household/);
    expect(fees).toMatch(/Free: Lokeren/);
    for (const f of s.fees) expect(f.citations.length).toBeGreaterThan(0);
  });

  it('links the renewal and departure skills', () => {
    expect(s.meta.next).toEqual(expect.arrayContaining(['residence-card-renewal', 'absence-and-departure', 'foreign-documents']));
  });

  it('has a procedure file with the same rule: anyone with moved_on, 8 working days after moved_on, Saturday counted as the safe reading', () => {
    const route = routes.find((r) => r.id === 'declare-move')!;
    expect(route.result).toBe('procedure');
    expect(route.when).toEqual({ moved_on: 'present' });
    expect(route.deadline).toMatchObject({ amount: 8, unit: 'working-days', after: 'moved_on' });
    expect(route.deadline!.cite).toContain('rd-1992-07-16-registres, art. 7');
    expect(route.deadline!.readings).toContainEqual(expect.objectContaining({ saturday_is_working_day: true, safe: true }));
    expect(vocabulary.facts.moved_on!.event!.en).toContain('of the move');
  });

  it('cites only registered references in its procedure file', () => {
    for (const route of routes) for (const id of citedIds(route)) expect(corpus.registry.has(id), `${route.id} cites ${id}`).toBe(true);
  });
});
