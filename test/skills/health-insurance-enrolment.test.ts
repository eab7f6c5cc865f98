// Pins what a newcomer relies on in the health-insurance-enrolment skill: that joining is compulsory and done at a
// fund of their choice or the CAAMI/HZIV, the capacity they join in, the NISS/BIS link, that no deadline in days is
// set (and the procedure file carries none), the contributions, EU coordination, students, the Flemish care
// premium region by region, and the contested points, every citation resolving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProcedureTool } from '../../src/mcp/tools/find-procedure.js';
import { type Connected, connectInMemory } from '../helpers/connect.js';
import { shippedCorpus } from '../helpers/corpus.js';
import { loadSkill, registry, section } from '../helpers/load-skill.js';
import { procedureCitations, procedureRoute } from '../helpers/procedure-file.js';

const { skill: s, procedure, problems } = await loadSkill('health-insurance-enrolment');
const route = (id: string) => procedureRoute(procedure, id);
const who = section(s, 'who-and-when');

describe('health-insurance-enrolment', () => {
  it('is served and lints clean', () => {
    expect(problems).toEqual([]);
  });

  it('is for people living in Belgium more than three months, not for short visitors', () => {
    const scope = section(s, 'scope');
    expect(scope).toMatch(/more than three months/);
    expect(scope).toMatch(/three months or less: they cannot join a Belgian fund/);
    expect(s.meta.next).toEqual(expect.arrayContaining(['foreign-driving-licence', 'civic-integration', 'belgian-nationality-declaration']));
    expect(s.meta.aliases?.map((a) => a.toLowerCase())).toEqual(expect.arrayContaining(['mutualité', 'ziekenfonds', 'krankenkasse', 'caami', 'hziv']));
  });

  it('says joining is compulsory, with a free choice of fund or the CAAMI, cited to the FPS Social Security', () => {
    const line = who.split('\n').find((l) => /compulsory/.test(l))!;
    expect(line).toMatch(/choose your insurer freely/);
    expect(line).toContain('[socialsecurity-affiliation-mutualite]');
    expect(s.body).toMatch(/CAAMI\/HZIV takes everyone, charges no complementary contribution/);
  });

  it('lists the capacities, with the resident capacity cited to art. 32 of the Health Insurance Act', () => {
    for (const capacity of ['Employee', 'Self-employed', 'Unemployed', 'Higher-education student', 'Resident', 'Posted worker']) expect(who).toContain(`**${capacity}`);
    const resident = who.split('\n').find((l) => l.includes('**Resident**'))!;
    expect(resident).toMatch(/three months and one day/);
    expect(resident).toContain('[loi-1994-07-14-ssi, art. 32]');
    expect(who).toMatch(/\*\*Dependants\.\*\*/);
  });

  it('states that no deadline in days is set, and carries no deadline in the procedure file', () => {
    expect(who).toMatch(/without a deadline in days and without a fine/);
    const joinFund = route('join-fund');
    expect(joinFund.result).toBe('procedure');
    expect(joinFund.deadline).toBeUndefined();
    expect(joinFund.notes![0]!.text).toMatch(/No deadline in days/);
    for (const stage of s.stages) expect(stage.deadline?.text ?? '').not.toMatch(/\d+ (working |calendar )?(days|months)/);
  });

  it('explains the NISS and the BIS number created by the fund when there is no national register number yet', () => {
    const join = s.stages.find((x) => /Join, with the documents/.test(x.title))!;
    expect(join.markdown).toMatch(/NISS/);
    expect(join.markdown).toMatch(/BIS number/);
    expect(join.citations.map((c) => c.id)).toEqual(expect.arrayContaining(['ksz-registres', 'agii-ziekteverzekering-gerechtigde']));
  });

  it('covers EU coordination (EHIC, S1, A1, E104) and students, EU and non-EU', () => {
    for (const form of ['EHIC', 'S1', 'A1', 'E104']) expect(s.body).toContain(form);
    expect(s.body).toMatch(/EU students can register free of charge with a Belgian fund on their EHIC/);
    expect(s.body).toMatch(/non-EU students need sickness insurance to obtain residence/);
  });

  it('gives the contributions with their year and the Flemish care premium region by region', () => {
    const fees = s.fees.map((f) => f.text).join('\n');
    expect(fees).toMatch(/EUR 77\.39/);
    expect(fees).toMatch(/EUR 912\.91/);
    expect(fees).toMatch(/1 January 2025/);
    const after = s.stages.find((x) => /Flemish care premium/.test(x.title))!;
    expect(after.markdown).toMatch(/\*\*Flanders:\*\*.*compulsory/);
    expect(after.markdown).toMatch(/\*\*Brussels-Capital:\*\*.*voluntary/);
    expect(after.markdown).toMatch(/\*\*Wallonia and the German-speaking Community:\*\*.*no such premium/);
  });

  it('marks family cover, the waiting period for care and the care-premium amount as contested', () => {
    const notes = s.contested.map((c) => c.text).join('\n');
    expect(notes).toMatch(/family member is covered as a dependant/);
    expect(notes).toMatch(/six-month stage/);
    expect(notes).toMatch(/EUR 64/);
    for (const c of s.contested) expect(new Set(c.citations.map((x) => x.id)).size, c.text.slice(0, 60)).toBeGreaterThanOrEqual(2);
  });

  it('has a procedure file for anyone registered or staying long, region notes, and a short-stay answer', () => {
    const joinFund = route('join-fund');
    expect((joinFund.when as { any: unknown[] }).any).toContainEqual({ registered_on: 'present' });
    const regions = joinFund.notes!.map((n) => (n.when as { region?: unknown } | undefined)?.region).filter(Boolean);
    expect(regions).toEqual(['flanders', 'brussels', ['wallonia', 'german-speaking']]);
    expect(route('short-stay')).toMatchObject({ result: 'ask', when: { intended_stay_days: { max: 90 }, registered_on: 'missing' } });
  });

  it('cites only references that exist, in the prose and in the procedure file', () => {
    const ids = [...s.citations.map((c) => c.id), ...procedureCitations(procedure)];
    expect(ids.filter((id) => !registry().get(id))).toEqual([]);
    expect(registry().get('regulation-883-2004-social-security')?.celex).toBe('32004R0883');
    for (const r of procedure.routes) for (const n of r.notes ?? []) expect(n.text, `${r.id}: ${n.text.slice(0, 50)}`).toMatch(/\[[a-z0-9-]+(, [^\]]+)?\]/);
  });
});

describe('find_procedure answers for health insurance (shipped corpus, real MCP client)', () => {
  let connected: Connected;
  beforeAll(async () => {
    const corpus = await shippedCorpus();
    connected = await connectInMemory({ corpus, now: () => new Date('2026-03-02T09:00:00Z') }, { tools: [findProcedureTool(corpus.guidance)] as never });
  });
  afterAll(async () => {
    await connected.close();
  });
  type Answer = { procedures: Array<Record<string, any>>; notes: string[] };
  const ask = async (args: Record<string, unknown>) => {
    const result = await connected.client.callTool({ name: 'find_procedure', arguments: args });
    expect(result.isError ?? false).toBe(false);
    return result.structuredContent as Answer;
  };
  const fund = (a: Answer) => a.procedures.find((p) => p.skill === 'health-insurance-enrolment');

  it('anyone registered for a long stay gets the health-insurance step, with no deadline and a note saying why', async () => {
    const a = await ask({ nationality: 'MA', registered_on: '2026-02-16', region: 'wallonia' });
    const p = fund(a)!;
    expect(p.title).toMatch(/CAAMI\/HZIV/);
    expect(p.deadline).toBeUndefined();
    expect(p.citations).toContainEqual(expect.objectContaining({ id: 'loi-1994-07-14-ssi', locator: 'art. 32' }));
    expect(a.notes).toContainEqual(expect.stringMatching(/^No deadline in days is set/));
    expect(a.notes.some((n) => n.includes('2026-02-16'))).toBe(true);
    expect(a.notes).toContainEqual(expect.stringMatching(/no regional care premium/));
  });

  it('an EU citizen applying on annex 19 (stay over three months, not yet registered) gets the step and the EHIC/S1 note', async () => {
    const a = await ask({ nationality: 'PL', intended_stay_days: 365 });
    expect(fund(a)).toBeDefined();
    expect(a.notes.some((n) => /BIS number/.test(n))).toBe(true);
    expect(a.notes.some((n) => /S1 form/.test(n))).toBe(true);
  });

  it('states the Flemish care premium in Flanders and the voluntary one in Brussels', async () => {
    const flanders = await ask({ nationality: 'US', registered_on: '2026-02-16', region: 'flanders' });
    expect(flanders.notes.some((n) => /zorgkas/.test(n) && /turn 26/.test(n) && n.includes('[vlaamsezorgkas-in-vlaanderen]'))).toBe(true);
    const brussels = await ask({ nationality: 'US', registered_on: '2026-02-16', region: 'brussels' });
    expect(brussels.notes.some((n) => /voluntary from 26/.test(n))).toBe(true);
  });

  it('a short stay gets no fund, with the reason stated', async () => {
    const a = await ask({ nationality: 'FR', intended_stay_days: 30 });
    expect(fund(a)).toBeUndefined();
    expect(a.notes).toContainEqual(expect.stringMatching(/^Visitors staying three months or less cannot join a Belgian fund.*\[mc-resident-2025\]/));
  });
});
