/**
 * Pins how the plan view reads tool results: real find_procedure answers for three people (dates, safe dates,
 * windows, the contested points tied to them, documents, stages and resolved sources), a get_skill answer, the
 * shapes the procedure engine is moving to (any skill name, needs as objects, named dates, notes as objects), and
 * results it must refuse so the view falls back to the text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../../../src/corpus/types.js';
import { contestedForDate, plainText, readPlan, splitCitations, type Plan } from '../../../src/views/plan/model.js';
import { callTools, findProcedure, shippedCorpus } from '../../helpers/plan.js';

let corpus: Corpus;
beforeAll(async () => {
  corpus = await shippedCorpus();
});

async function planOf(name: Parameters<typeof findProcedure>[0]): Promise<Plan> {
  const result = await findProcedure(name);
  expect(result.isError).toBeFalsy();
  const plan = readPlan(result.structuredContent);
  expect(plan).toBeDefined();
  return plan!;
}

describe('readPlan on real find_procedure results', () => {
  it('non-EU visitor: the annex 3 legal date, the Saturday-safe date, and the contested points about that deadline', async () => {
    const plan = await planOf('visitor');
    expect(plan.source).toBe('find_procedure');
    expect(plan.today).toBe('2026-03-20');
    const [p] = plan.procedures;
    expect(p?.skill).toBe('annex-3-arrival-declaration');
    expect(p?.dates.map((d) => [d.kind, d.date])).toEqual([
      ['deadline', '2026-04-08'],
      ['safe', '2026-04-07'],
    ]);
    const deadline = p!.dates[0]!;
    expect(deadline.rule).toContain('3 working days');
    expect(deadline.citations).toContainEqual({ id: 'loi-1980-12-15-etrangers', locator: 'art. 5' });
    // The "8 days" and Saturday disputes bear on the date; the EES revision and the late-reporting fine do not.
    const contested = deadline.contested.map((c) => c.text);
    expect(contested.some((t) => t.includes('8 days'))).toBe(true);
    expect(contested.some((t) => t.includes('Saturday'))).toBe(true);
    expect(contested.some((t) => t.includes('Entry/Exit System'))).toBe(false);
    expect(contested.some((t) => t.includes('penalty'))).toBe(false);
    expect(p!.dates[1]!.contested).toEqual(deadline.contested);

    const skill = corpus.getSkill('annex-3-arrival-declaration')!;
    expect(p?.stages).toEqual(skill.stages.map((s) => ({ index: s.index, title: s.title })));
    expect(p?.documents.map((d) => d.text)).toEqual(skill.documents.map((d) => d.text));
    expect(p?.contested).toHaveLength(skill.contested.length);
    // Sources from the dates, the notes' inline tags and the skill's documents are all resolved.
    for (const id of ['loi-1980-12-15-etrangers', 'ar-1974-04-18-jours-feries', 'regulation-2016-399-schengen-borders-code', 'commune-retie-short-stay']) {
      expect(plan.references[id]?.url).toBe(corpus.registry.get(id)!.url);
    }
    expect(plan.needs).toEqual([]);
  });

  it('EU worker: annex 19 due on Saturday 15 August (a holiday), safe on the Friday before', async () => {
    const plan = await planOf('euWorker');
    const [p] = plan.procedures;
    expect(p?.skill).toBe('annex-19-eu-registration');
    expect(p?.dates.map((d) => [d.kind, d.date])).toEqual([
      ['deadline', '2026-08-15'],
      ['safe', '2026-08-14'],
    ]);
    expect(p?.stages.length).toBe(corpus.getSkill('annex-19-eu-registration')!.stages.length);
  });

  it('card renewal: the window from the 40th to the 30th day before expiry, flagged with the dispute over when it opens', async () => {
    const plan = await planOf('renewal');
    const [p] = plan.procedures;
    expect(p?.skill).toBe('residence-card-renewal');
    expect(p?.dates.map((d) => [d.kind, d.date])).toEqual([
      ['opens', '2026-12-11'],
      ['closes', '2026-12-21'],
    ]);
    const points = p!.dates[0]!.contested.map((c) => c.text);
    expect(points.some((t) => t.includes('When the window opens is disputed'))).toBe(true);
    expect(points.some((t) => t.includes('EU+'))).toBe(false);
  });

  it('get_skill: one procedure with stages, documents and sources, no dates', async () => {
    const [result] = await callTools([{ name: 'get_skill', arguments: { skill: 'annex-3ter-presence-declaration' } }]);
    const plan = readPlan(result!.structuredContent)!;
    expect(plan.source).toBe('get_skill');
    const skill = corpus.getSkill('annex-3ter-presence-declaration')!;
    expect(plan.procedures[0]?.title).toBe(skill.meta.title);
    expect(plan.procedures[0]?.dates).toEqual([]);
    expect(plan.procedures[0]?.stages.map((s) => s.title)).toEqual(skill.stages.map((s) => s.title));
    expect(plan.references['agii-annex3ter']?.url).toBe(corpus.registry.get('agii-annex3ter')!.url);
  });
});

describe('readPlan tolerance', () => {
  it('accepts any skill name, needs as objects, named dates (list or map), notes as objects, and no view fields', () => {
    const plan = readPlan({
      today: '2026-05-01',
      procedures: [
        {
          skill: 'change-of-address',
          title: 'Declare your new address',
          dates: [{ name: 'Police check expected', date: '2026-05-20', citations: [{ id: 'x-ref' }] }, { name: 'bad', date: '2026-02-30' }],
          deadline: { date: '2026-05-13', rule: 'Within 8 working days.', citations: [] },
        },
        { skill: 'absence-and-departure', title: 'Report a temporary absence', dates: { 'Return by': '2027-05-01', Broken: 'soon' } },
      ],
      needs: ['arrival_date', { fact: 'moved_on', question: 'When did you move?', questions: { nl: 'Wanneer verhuisde u?' } }, { nope: 1 }],
      notes: ['Plain note [ref-a].', { text: 'Object note.' }, 42],
      future_field: { anything: true },
    });
    expect(plan).toBeDefined();
    expect(plan!.procedures.map((p) => p.skill)).toEqual(['change-of-address', 'absence-and-departure']);
    expect(plan!.procedures[0]!.dates.map((d) => [d.kind, d.date, d.name])).toEqual([
      ['deadline', '2026-05-13', undefined],
      ['named', '2026-05-20', 'Police check expected'],
    ]);
    expect(plan!.procedures[1]!.dates.map((d) => [d.kind, d.date, d.name])).toEqual([['named', '2027-05-01', 'Return by']]);
    expect(plan!.procedures[0]!.stages).toEqual([]);
    expect(plan!.needs).toEqual([
      { fact: 'arrival_date', questions: {} },
      { fact: 'moved_on', question: 'When did you move?', questions: { nl: 'Wanneer verhuisde u?' } },
    ]);
    expect(plan!.notes).toEqual(['Plain note [ref-a].', 'Object note.']);
    expect(plan!.references).toEqual({});
  });

  it('drops dates that are not real dates and links that are not http(s)', () => {
    const plan = readPlan({
      procedures: [{ skill: 's', title: 'T', deadline: { date: '2026-02-30', safe_date: '2026-02-27' }, window: { opens: 'soon', closes: '2026-03-01' } }],
      references: { good: { title: 'Good', url: 'https://www.ejustice.just.fgov.be/x' }, evil: { title: 'Evil', url: 'javascript:alert(1)' }, bare: { title: 'No URL' } },
    })!;
    expect(plan.procedures[0]!.dates.map((d) => [d.kind, d.date])).toEqual([['closes', '2026-03-01']]);
    expect(Object.keys(plan.references)).toEqual(['good']);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'annex 3'],
    ['an empty object', {}],
    ['procedures that is not a list', { procedures: 'annex-3' }],
    ['a procedure without a skill', { procedures: [{ title: 'Arrival declaration' }] }],
    ['a procedure without a title', { procedures: [{ skill: 'annex-3-arrival-declaration' }] }],
    ['a skill without stages', { skill: 'annex-3-arrival-declaration' }],
  ])('refuses %s', (_, value) => {
    expect(readPlan(value)).toBeUndefined();
  });
});

describe('contested points and citation text', () => {
  const point = (section: string, ...citations: Array<{ id: string; locator?: string }>) => ({ text: section, section, citations });

  it('ties a point to a date only from "Who and when", through a shared source and the same provision', () => {
    const date = [{ id: 'rd-1981-10-08-etrangers', locator: 'arts 18–20' }, { id: 'agii-annex15' }];
    expect(contestedForDate(date, [point('who-and-when', { id: 'rd-1981-10-08-etrangers', locator: 'arts 18-20' })])).toHaveLength(1);
    expect(contestedForDate(date, [point('who-and-when', { id: 'rd-1981-10-08-etrangers', locator: 'art. 33' })])).toHaveLength(0);
    expect(contestedForDate(date, [point('who-and-when', { id: 'agii-annex15', locator: 'p. 2' })])).toHaveLength(1);
    expect(contestedForDate(date, [point('fees', { id: 'agii-annex15' })])).toHaveLength(0);
    expect(contestedForDate(date, [point('who-and-when', { id: 'other' })])).toHaveLength(0);
  });

  it('splits citation tags out of text and strips Markdown emphasis', () => {
    expect(splitCitations('Within 3 days [loi-1980-12-15-etrangers, art. 5] or [agii-annex3-tcn].')).toEqual([
      { text: 'Within 3 days ' },
      { cite: { id: 'loi-1980-12-15-etrangers', locator: 'art. 5' }, raw: '[loi-1980-12-15-etrangers, art. 5]' },
      { text: ' or ' },
      { cite: { id: 'agii-annex3-tcn' }, raw: '[agii-annex3-tcn]' },
      { text: '.' },
    ]);
    expect(plainText('called **annex 19quater** (NL *werkdag*) and `x`')).toBe('called annex 19quater (NL werkdag) and x');
  });
});
