// What a non-EU newcomer with a type D visa relies on in non-eu-long-stay-registration: who it is for, the
// 8-working-day deadline with its safe calendar date, the contested points, the documents and counters of named
// communes, the path annex 15/49 → police check → A card, and the procedure file find_procedure reads.
import { describe, expect, it } from 'vitest';
import { claims, loadSkill, referenceProblems, registry, section } from '../helpers/load-skill.js';

const NAME = 'non-eu-long-stay-registration';
const { skill: s, problems, procedure, pending } = await loadSkill(NAME);
const TAG = /\[[a-z0-9]+(?:-[a-z0-9]+)*(?:, [^\]]+)?\]/;
const ids = (cs: readonly { id: string }[]) => cs.map((c) => c.id);

describe(NAME, () => {
  it('lints clean, apart from next naming third-set skills that do not exist yet', () => {
    expect(problems).toEqual([]);
    expect(referenceProblems([...new Set(ids(s.citations))])).toEqual([]);
    for (const c of s.citations) expect(registry().has(c.id), c.id).toBe(true);
    expect(s.meta.next).toEqual(expect.arrayContaining(['eu-family-residence-card', 'residence-card-renewal', ...pending]));
  });

  it('is for non-EU nationals with a type D visa or single permit, and sends everyone else to the right skill', () => {
    expect(s.meta.audience).toEqual(['non-eu-national']);
    const scope = section(s, 'scope');
    expect(scope).toMatch(/outside the EU, the EEA and Switzerland/);
    expect(scope).toMatch(/more than 90 days/);
    expect(scope).toMatch(/type D visa/);
    expect(scope).toMatch(/annex 46 or 47/);
    for (const other of ['annex-19-eu-registration', 'eu-family-residence-card', 'annex-3-arrival-declaration', 'residence-card-renewal']) expect(scope).toContain(other);
    expect(scope).toMatch(/asylum[^\n]*Immigration Office/i);
    expect(s.description.length).toBeLessThanOrEqual(1024);
  });

  it('gives 8 working days of arrival as the deadline, cited, and explains working days', () => {
    const who = section(s, 'who-and-when');
    const deadline = claims(who, /\*\*Deadline\.\*\*/)[0]!;
    expect(deadline).toMatch(/within 8 working days of arrival/);
    expect(deadline).toMatch(/day of arrival is not counted/);
    expect(deadline).toContain('[myria-family-reunification-renewal]');
    expect(deadline).toContain('[circ-2007-06-21-sejour]');
    expect(registry().get('circ-2007-06-21-sejour')?.numac).toBe('2007000642');
    expect(who).toMatch(/Sundays and the ten federal public holidays[^\n]*are never working days/);
    const first = s.stages[0]!;
    expect(first.deadline?.text).toMatch(/8 working days of arrival/);
    expect(first.deadline?.text).toMatch(/safe date 8 calendar days/);
    expect(ids(first.deadline!.citations)).toEqual(expect.arrayContaining(['myria-family-reunification-renewal', 'dofi-visa-d-article-9']));
  });

  it('marks "8 days" against "8 working days" and the Saturday question as contested, with a safe date', () => {
    const days = s.contested.find((c) => /8 days/.test(c.text) && /8 working days/.test(c.text))!;
    expect(days.text).toMatch(/safe date[^.]*8 calendar days/);
    expect(days.text).toMatch(/working day before/);
    expect(ids(days.citations)).toEqual(expect.arrayContaining(['dofi-visa-d-article-9', 'commune-koekelberg-first-registration-non-eu']));
    // The worked example: arriving Wednesday 2 September 2026, the safe date is Thursday 10 September.
    expect(days.text).toMatch(/Wednesday 2 September 2026[^.]*Thursday 10 September[^.]*Monday 14 September/);
    const saturday = s.contested.find((c) => /Saturday/.test(c.text) && /working day/.test(c.text) && !/8 days/.test(c.text))!;
    expect(saturday.text).toMatch(/count Saturday as a working day/);
    for (const c of s.contested) {
      expect(new Set(ids(c.citations)).size, c.text.slice(0, 60)).toBeGreaterThanOrEqual(2);
      expect(c.text).toMatch(/What to do:/);
    }
  });

  it('says plainly that the EUR 200 fine does not apply to a late D-visa registration', () => {
    const late = claims(section(s, 'who-and-when'), /EUR 200/)[0]!;
    expect(late).toMatch(/does not apply to you/);
    expect(late).toContain('[dofi-faq-administrative-fine]');
    expect(s.body).not.toMatch(/may impose[^.]*EUR 200/);
  });

  it('leads from annex 15 or annex 49 through the police check to the A card (H card for a Blue Card)', () => {
    expect(s.meta.documents).toEqual(expect.arrayContaining(['annex-15', 'annex-49', 'a-card', 'h-card']));
    const titles = s.stages.map((x) => x.title).join(' | ');
    expect(titles).toMatch(/annex 15 or annex 49/);
    expect(titles).toMatch(/Police residence check/);
    expect(titles).toMatch(/card/);
    const first = s.stages.find((x) => /annex 15 or annex 49/.test(x.title))!;
    expect(first.markdown).toMatch(/annex 49 if you hold a single permit/);
    const card = s.stages.find((x) => /card/.test(x.title) && /collect/.test(x.title))!;
    expect(card.markdown).toMatch(/A card/);
    expect(card.markdown).toMatch(/H card/);
    expect(card.markdown).toMatch(/fingerprints/i);
    expect(s.stages.some((x) => /foreigners' register/.test(x.outcome?.text ?? ''))).toBe(true);
  });

  it('lists documents per route and named commune counters and fees', () => {
    const docs = section(s, 'documents');
    for (const route of ['Single permit or Blue Card', 'Students', 'Family reunification']) expect(docs).toContain(route);
    expect(docs).toMatch(/admission letter does not count/);
    const fees = s.fees.map((f) => f.text).join('\n');
    expect(fees).toMatch(/EUR 8 in Koekelberg/);
    expect(fees).toMatch(/EUR 30 in Woluwe-Saint-Lambert/);
    expect(fees).toMatch(/EUR 10 in Tournai/);
    for (const f of s.fees) expect(f.citations.length, f.text.slice(0, 50)).toBeGreaterThan(0);
    expect(s.stages.some((x) => x.markdown.includes('02 600 15 92'))).toBe(true);
  });

  it('covers regional differences, the Entry/Exit System, refusal and appeal', () => {
    const who = section(s, 'who-and-when');
    for (const region of ['Flanders', 'Brussels', 'Wallonia', 'German-speaking Community']) expect(who).toContain(region);
    expect(claims(who, /EES/)[0]).toMatch(/does not replace your registration/);
    const appeal = s.stages.find((x) => /refused/.test(x.title))!;
    expect(appeal.markdown).toMatch(/Council for Alien Law Litigation/);
    expect(appeal.deadline?.text).toMatch(/30 days of the notification/);
    expect(s.contested.some((c) => /17 June 2026/.test(c.text))).toBe(true);
  });

  it('ends with an After registration stage that points to the skills that follow', () => {
    const last = s.stages.at(-1)!;
    expect(last.title).toBe('After registration');
    for (const next of ['residence-card-renewal', 'health-insurance-enrolment', 'civic-integration', 'foreign-driving-licence', 'belgian-nationality-declaration', 'eu-family-residence-card']) {
      expect(last.markdown).toContain(next);
    }
  });

  it('cites every deadline, amount and fine in Who and when (contested notes aside)', () => {
    const prose = section(s, 'who-and-when').split('\n').filter((l) => !l.startsWith('>')).join('\n');
    const lines = claims(prose, /\b(days?|months?|EUR)\b/);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line, line.slice(0, 80)).toMatch(TAG);
  });

  it('carries the rule as data: third-country, long-stay visa, more than 90 days, 8 working days after arrival, safe calendar reading', () => {
    expect(procedure.routes).toHaveLength(1);
    const route = procedure.routes[0]!;
    expect(route.result ?? 'procedure').toBe('procedure');
    expect(route.when).toEqual({ nationality: 'third-country', long_stay_visa: true, intended_stay_days: { min: 91 }, family_of_eu_citizen: false, family_of_belgian: false });
    expect(Object.keys(route['if-unknown'] ?? {})).toEqual(expect.arrayContaining(['intended_stay_days', 'family_of_eu_citizen', 'family_of_belgian']));
    expect(route.deadline).toMatchObject({ amount: 8, unit: 'working-days', after: 'arrival_date' });
    const readings = route.deadline!.readings ?? [];
    expect(readings).toContainEqual(expect.objectContaining({ saturday_is_working_day: true }));
    expect(readings.filter((r) => r.safe === true)).toEqual([expect.objectContaining({ unit: 'calendar-days' })]);
    expect(route.periods).toContainEqual(expect.objectContaining({ amount: 30, unit: 'calendar-days', after: 'notification' }));
    const tags = [...route.cite, ...(route.deadline!.cite ?? []), ...readings.flatMap((r) => (r.cite as string[]) ?? []), ...(route.periods ?? []).flatMap((p) => p.cite ?? [])];
    for (const tag of tags) expect(registry().has(tag.split(',')[0]!), tag).toBe(true);
    for (const note of route.notes ?? []) expect(note.text, note.text.slice(0, 50)).toMatch(TAG);
  });
});
