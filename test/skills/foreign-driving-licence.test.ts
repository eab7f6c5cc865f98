// Pins what a newcomer relies on in the foreign-driving-licence skill: who it is for, the 185 days after
// registration for a recognised non-EU licence (cited to the decree), the two-year exchange of EU licences without
// an expiry date, the exchange at the commune with its police check, the regional exam rules, the contested points,
// and a procedure file that states the same rules, every citation resolving.
import { describe, expect, it } from 'vitest';
import { loadShippedSkill, procedureCitations, section } from './new-skill.js';

const { skill: s, procedure, route, problems, registry } = await loadShippedSkill('foreign-driving-licence');
const who = section(s, 'who-and-when');

describe('foreign-driving-licence', () => {
  it('lints clean (links to skills not yet in this checkout aside)', () => {
    expect(problems).toEqual([]);
  });

  it('is for people registered in a commune with a foreign licence, not for visitors or car registration', () => {
    const scope = section(s, 'scope');
    expect(scope).toMatch(/population register, the foreigners' register or the waiting register/);
    expect(scope).toMatch(/not registered in a commune/);
    expect(scope).toMatch(/Vehicle Registration Service/);
    expect(s.meta.audience).toEqual(expect.arrayContaining(['eu-citizen', 'non-eu-national']));
    expect(s.meta.next).toEqual(expect.arrayContaining(['health-insurance-enrolment', 'civic-integration', 'belgian-nationality-declaration']));
  });

  it('gives 185 days after registration for a recognised non-EU licence, cited to art. 3 of the 1998 decree', () => {
    const line = who.split('\n').find((l) => l.includes('Recognised non-EU licence'))!;
    expect(line).toMatch(/at most 185 days after registration/);
    expect(line).toContain('[rd-1998-03-23-permis-de-conduire, art. 3]');
    const stage = s.stages.find((x) => x.deadline?.text.includes('185 days after registration'))!;
    expect(stage.deadline!.citations).toContainEqual(expect.objectContaining({ id: 'rd-1998-03-23-permis-de-conduire', locator: 'art. 3' }));
  });

  it('requires an EU licence without an expiry date to be exchanged within two years of registration (art. 78bis)', () => {
    expect(who).toMatch(/within two years of registration \[rd-1998-03-23-permis-de-conduire, art\. 78bis\]/);
    const stage = s.stages.find((x) => x.deadline?.text.includes('within two years of registration'))!;
    expect(stage.deadline!.citations.map((c) => c.locator)).toContain('art. 78bis');
    expect(s.body).toMatch(/no exchange is required/);
  });

  it('walks the exchange at the commune: police authenticity check, no driving meanwhile, the commune keeps the licence', () => {
    const titles = s.stages.map((x) => x.title).join(' | ');
    expect(titles).toMatch(/apply at the commune/);
    expect(titles).toMatch(/authenticity check/);
    const check = s.stages.find((x) => /authenticity check/.test(x.title))!;
    expect(check.markdown).toMatch(/Federal Police/);
    expect(check.markdown).toMatch(/may not drive/);
    expect(s.body).toMatch(/commune keeps your foreign licence/);
  });

  it('states the training and exam rules region by region', () => {
    const exams = s.stages.find((x) => /cannot be exchanged/.test(x.title))!;
    expect(exams.markdown).toMatch(/\*\*Flanders:\*\*.*1 September 2021/);
    expect(exams.markdown).toMatch(/\*\*Brussels-Capital and Wallonia \(including the German-speaking area\):\*\*/);
    expect(exams.citations.map((c) => c.id)).toEqual(expect.arrayContaining(['oranjeconnect-flanders-exemption-2021', 'rd-1998-03-23-permis-de-conduire']));
  });

  it('names what to bring and what it costs in named communes', () => {
    const docs = section(s, 'documents');
    expect(docs).toMatch(/original, valid foreign licence/);
    expect(docs).toMatch(/185 days/);
    const fees = s.fees.map((f) => f.text).join('\n');
    for (const commune of ['Tervuren', 'Merchtem', 'Leuven', 'Schaerbeek']) expect(fees).toContain(commune);
  });

  it('marks the 185-day count, filing before day 185, non-recognised licences, translations, expired EU licences and car registration as contested', () => {
    const notes = s.contested.map((c) => c.text).join('\n');
    expect(notes).toMatch(/day 1/);
    expect(notes).toMatch(/before day 185/);
    expect(notes).toMatch(/non-recognised licence/);
    expect(notes).toMatch(/translation/);
    expect(notes).toMatch(/expired/);
    expect(notes).toMatch(/six months/);
    for (const c of s.contested) expect(new Set(c.citations.map((x) => x.id)).size, c.text.slice(0, 60)).toBeGreaterThanOrEqual(2);
  });

  it('has a procedure file with the same rules: 185 days and a last day of use, the exchange window, two years, no exchange for valid EU licences', () => {
    const recognised = route('non-eu-recognised');
    expect(recognised.when).toEqual({ driving_licence: 'non-eu-recognised', registered_on: 'present' });
    expect(recognised.deadline).toMatchObject({ amount: 185, unit: 'calendar-days', after: 'registered_on' });
    expect(recognised.deadline!.cite).toContain('rd-1998-03-23-permis-de-conduire, art. 3');
    expect(recognised.dates).toEqual({ last_day_of_use: 'registered_on + 184 calendar-days' });
    expect(recognised.window!.closes).toMatchObject({ amount: 185, unit: 'calendar-days', after: 'registered_on' });

    const lifetime = route('eu-no-expiry');
    expect(lifetime.deadline).toMatchObject({ amount: 2, unit: 'years', after: 'registered_on' });
    expect(lifetime.deadline!.cite).toContain('rd-1998-03-23-permis-de-conduire, art. 78bis');

    expect(route('eu-valid')).toMatchObject({ result: 'exempt', when: { driving_licence: 'eu' } });
    const other = route('non-eu-other');
    expect(other.result).toBe('procedure');
    expect(other.why).toMatch(/can never be exchanged/);
    expect(other.notes!.some((n) => (n.when as { region?: unknown } | undefined)?.region === 'flanders')).toBe(true);
  });

  it('cites only references that exist, in the prose and in the procedure file', () => {
    const ids = [...s.citations.map((c) => c.id), ...procedureCitations(procedure.routes)];
    expect(ids.filter((id) => !registry.get(id))).toEqual([]);
    expect(registry.get('rd-1998-03-23-permis-de-conduire')?.numac).toBe('1998014078');
    expect(registry.get('rd-2019-01-11-permis-residence-normale')?.numac).toBe('2019010719');
    expect(registry.get('directive-2006-126-driving-licences')?.celex).toBe('32006L0126');
  });
});
