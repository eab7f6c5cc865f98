// Pins what a newcomer relies on in the foreign-driving-licence skill: who it is for, the 185 days after
// registration for a recognised non-EU licence (cited to the decree), the two-year exchange of EU licences without
// an expiry date, the exchange at the commune with its police check, the regional exam rules, the contested points,
// and a procedure file that states the same rules, every citation resolving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProcedureTool } from '../../src/mcp/tools/find-procedure.js';
import { type Connected, connectInMemory } from '../helpers/connect.js';
import { shippedCorpus } from '../helpers/corpus.js';
import { loadSkill, registry, section } from '../helpers/load-skill.js';
import { procedureCitations, procedureRoute } from '../helpers/procedure-file.js';

const { skill: s, procedure, problems } = await loadSkill('foreign-driving-licence');
const route = (id: string) => procedureRoute(procedure, id);
const who = section(s, 'who-and-when');

describe('foreign-driving-licence', () => {
  it('is served and lints clean', () => {
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
    const ids = [...s.citations.map((c) => c.id), ...procedureCitations(procedure)];
    expect(ids.filter((id) => !registry().get(id))).toEqual([]);
    expect(registry().get('rd-1998-03-23-permis-de-conduire')?.numac).toBe('1998014078');
    expect(registry().get('rd-2019-01-11-permis-residence-normale')?.numac).toBe('2019010719');
    expect(registry().get('directive-2006-126-driving-licences')?.celex).toBe('32006L0126');
  });
});

describe('find_procedure answers for foreign licences (shipped corpus, real MCP client)', () => {
  let connected: Connected;
  beforeAll(async () => {
    const corpus = await shippedCorpus();
    connected = await connectInMemory({ corpus, now: () => new Date('2026-03-02T09:00:00Z') }, { tools: [findProcedureTool(corpus.guidance)] as never });
  });
  afterAll(async () => {
    await connected.close();
  });
  type Answer = { procedures: Array<Record<string, any>>; exemptions: Array<{ reason: string; skill?: string; citations: Array<{ id: string }> }>; notes: string[]; needs: Array<{ fact: string }> };
  const ask = async (args: Record<string, unknown>) => {
    const result = await connected.client.callTool({ name: 'find_procedure', arguments: args });
    expect(result.isError ?? false).toBe(false);
    return result.structuredContent as Answer;
  };
  const licence = (a: Answer) => a.procedures.find((p) => p.skill === 'foreign-driving-licence');

  it('recognised non-EU licence: 185 days after registration, the last day of use and the exchange window', async () => {
    const a = await ask({ nationality: 'US', registered_on: '2026-01-10', driving_licence: 'non-eu-recognised' });
    const p = licence(a)!;
    expect(p.deadline).toMatchObject({ date: '2026-07-14' });
    expect(p.deadline.citations).toContainEqual(expect.objectContaining({ id: 'rd-1998-03-23-permis-de-conduire', locator: 'art. 3' }));
    expect(p.dates).toEqual({ last_day_of_use: '2026-07-13' });
    expect(p.window).toMatchObject({ opens: '2026-01-10', closes: '2026-07-14' });
    expect(a.notes.some((n) => n.includes('2026-07-13') && /day 1/.test(n))).toBe(true);
  });

  it('recognised non-EU licence: once the 185 days are over, the answer says driving on it is an offence', async () => {
    const a = await ask({ nationality: 'US', registered_on: '2025-06-01', driving_licence: 'non-eu-recognised' });
    expect(licence(a)!.dates).toEqual({ last_day_of_use: '2025-12-02' });
    expect(a.notes.some((n) => /185 days are over/.test(n) && n.includes('[loi-1968-03-16-police-circulation, art. 30]'))).toBe(true);
  });

  it('EU licence without an expiry date: exchange within two years of registration', async () => {
    const p = licence(await ask({ nationality: 'FR', registered_on: '2026-01-10', driving_licence: 'eu-no-expiry' }))!;
    expect(p.deadline).toMatchObject({ date: '2028-01-10' });
    expect(p.deadline.citations).toContainEqual(expect.objectContaining({ id: 'rd-1998-03-23-permis-de-conduire', locator: 'art. 78bis' }));
  });

  it('EU licence with an expiry date: no exchange needed, listed among the exemptions with its citation', async () => {
    const a = await ask({ nationality: 'FR', registered_on: '2026-01-10', driving_licence: 'eu' });
    expect(licence(a)).toBeUndefined();
    const exemption = a.exemptions.find((e) => e.skill === 'foreign-driving-licence')!;
    expect(exemption.reason).toMatch(/keep driving on it as long as it is valid/);
    expect(exemption.citations.map((c) => c.id)).toContain('mobilit-foreign-driving-licences');
    expect(a.notes.some((n) => /five years counted from registration \[rd-1998-03-23-permis-de-conduire, art\. 21\]/.test(n))).toBe(true);
  });

  it('licence that cannot be exchanged: the exam route, the Flemish training rule, and no driving on it', async () => {
    const a = await ask({ nationality: 'IN', registered_on: '2026-01-10', driving_licence: 'non-eu-other', region: 'flanders' });
    const p = licence(a)!;
    expect(p.title).toMatch(/training and exams/);
    expect(p.deadline).toBeUndefined();
    expect(p.dates).toEqual({ last_day_of_use: '2026-07-13' });
    expect(a.notes.some((n) => /do not drive on this licence once you are registered/.test(n))).toBe(true);
    expect(a.notes.some((n) => /Flanders/.test(n) && /M18 or M36/.test(n))).toBe(true);
  });

  it('before registration: no dates yet, and the answer says the clocks start at registration', async () => {
    const a = await ask({ nationality: 'IN', driving_licence: 'non-eu-recognised' });
    expect(licence(a)).toBeUndefined();
    expect(a.notes).toContainEqual(expect.stringMatching(/count from your\s+registration in the commune's register.*\[rd-2019-01-11-permis-residence-normale, art\. 2\]/));
  });
});
