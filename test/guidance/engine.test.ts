// Pins find_procedure's answers over the shipped procedure files, branch by branch: who needs annex 3, annex 3ter,
// annex 19 or a card renewal, with which deadline or window, who is exempt, what is out of scope, which facts are
// still needed (with their questions), and that every answer cites only references the registry holds. The engine
// knows no procedure: these answers come from skills/<name>/procedure.yaml.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GuidanceCitation } from '../../src/guidance/sources.js';
import type { ProcedureAnswer } from '../../src/guidance/answer.js';
import { findProcedure } from '../../src/guidance/engine.js';
import { shippedCorpus } from '../helpers/corpus.js';
import { isoDateArb } from './arbitraries.js';

const TODAY = '2026-11-23';
const corpus = await shippedCorpus();
const guidance = corpus.guidance;

type Request = Record<string, unknown> & { nationality: string; today?: string };

function run(req: Request) {
  const { today, ...facts } = req;
  return findProcedure(guidance, facts, today ?? TODAY);
}

function answer(req: Request): ProcedureAnswer {
  const r = run(req);
  if ('code' in r) throw new Error(r.message);
  return r;
}

function ids(citations: GuidanceCitation[] | undefined): string[] {
  return (citations ?? []).map((c) => c.id);
}

const needs = (r: ProcedureAnswer) => r.needs.map((n) => n.fact);

describe('findProcedure: errors', () => {
  it('rejects an unassigned country code', () => {
    const r = run({ nationality: 'XX' });
    expect('code' in r && r.code).toBe('unknown-country');
  });
  it.each([
    [{ arrival_date: '2026-02-30' }, /arrival_date "2026-02-30" is not a real date/],
    [{ today: '2026-13-01' }, /today/],
    [{ residence_card: { type: 'A' as const, expires_on: '2026-04-31' } }, /residence_card.expires_on/],
    [{ intended_stay_days: 0 }, /intended_stay_days: .*>=1/],
    [{ arrival_date: '2026-03-02', leaving_on: '2026-02-01' }, /leaving_on \(2026-02-01\) is before arrival_date \(2026-03-02\)/],
    [{ favourite_colour: 'blue' }, /Unknown fact "favourite_colour": the facts find_procedure knows are nationality, .*arrival_date/],
  ])('rejects %j', (extra, message) => {
    const r = run({ nationality: 'US', ...extra });
    expect('code' in r).toBe(true);
    if ('code' in r) expect(r.message).toMatch(message);
  });
});

describe('findProcedure: Belgians', () => {
  it('needs none of these procedures, and says so', () => {
    const r = answer({ nationality: 'BE', intended_stay_days: 200, arrival_date: '2026-11-01' });
    expect(r.procedures).toEqual([]);
    expect(r.exempt?.reason).toMatch(/Belgian nationals .* need none of these procedures/);
    expect(ids(r.exempt?.citations)).toEqual(['loi-1980-12-15-etrangers']);
  });
});

describe('findProcedure: third-country short stay (annex 3)', () => {
  it('private address: annex 3 within 3 working days, with the Saturday-safe date over Easter 2026', () => {
    const r = answer({ nationality: 'US', intended_stay_days: 20, accommodation: 'private-address', arrival_date: '2026-04-02', today: '2026-04-02' });
    expect(r.procedures).toHaveLength(1);
    const p = r.procedures[0]!;
    expect(p.skill).toBe('annex-3-arrival-declaration');
    expect(p.uri).toBe('skill://annex-3-arrival-declaration/SKILL.md');
    expect(p.deadline).toMatchObject({ date: '2026-04-08', safe_date: '2026-04-07' });
    expect(p.deadline?.citations).toContainEqual({ id: 'loi-1980-12-15-etrangers', locator: 'art. 5' });
    // Annex 3ter (10 working days) would apply instead to the family member of an EU citizen.
    expect(needs(r)).toEqual(['family_of_eu_citizen']);
    expect(r.needs[0]?.questions.nl).toMatch(/familielid/);
    expect(r.notes.join('\n')).toMatch(/Entry\/Exit System/);
    expect(r.notes.join('\n')).toMatch(/8 days/);
    expect(r.notes.join('\n')).toMatch(/family member of an EU/);
    expect(r.notes.join('\n')).toMatch(/Go by 2026-04-07/);
  });

  it('without arrival date or accommodation: procedure without deadline, and both facts in needs', () => {
    const r = answer({ nationality: 'MA', intended_stay_days: 30 });
    expect(r.procedures[0]?.skill).toBe('annex-3-arrival-declaration');
    expect(r.procedures[0]?.deadline).toBeUndefined();
    expect(r.procedures[0]?.why).toMatch(/hotel/);
    expect(needs(r)).toEqual(['accommodation', 'arrival_date', 'family_of_eu_citizen']);
  });

  it('says when the deadline has passed', () => {
    const r = answer({ nationality: 'MA', intended_stay_days: 30, accommodation: 'private-address', arrival_date: '2026-11-02', family_of_eu_citizen: false });
    expect(r.procedures[0]?.deadline?.date).toBe('2026-11-05');
    expect(r.notes.join('\n')).toMatch(/passed on 2026-11-05/);
    expect(r.notes.join('\n')).not.toMatch(/set family_of_eu_citizen/);
  });

  it.each(['hotel', 'campsite', 'hospital', 'detention'] as const)('is exempt when staying in a %s', (accommodation) => {
    const r = answer({ nationality: 'IN', intended_stay_days: 10, accommodation, arrival_date: '2026-11-20' });
    expect(r.procedures).toEqual([]);
    expect(r.exempt?.reason).toBeTruthy();
    expect(ids(r.exempt?.citations)).toContain('dofi-short-stay-arrival-declaration');
    if (accommodation === 'campsite') expect(r.notes.join('\n')).toMatch(/campsites are added by commune pages/);
  });

  it('treats exactly 90 days as a short stay', () => {
    expect(answer({ nationality: 'US', intended_stay_days: 90 }).procedures[0]?.skill).toBe('annex-3-arrival-declaration');
  });
});

describe('findProcedure: annex 3ter', () => {
  it('EU citizen, short stay at a private address: 10 working days', () => {
    const r = answer({ nationality: 'FR', intended_stay_days: 30, accommodation: 'private-address', arrival_date: '2026-03-02' });
    const p = r.procedures[0]!;
    expect(p.skill).toBe('annex-3ter-presence-declaration');
    expect(p.deadline?.date).toBe('2026-03-16');
    expect(p.deadline?.citations).toContainEqual({ id: 'loi-1980-12-15-etrangers', locator: 'art. 41bis' });
    expect(p.deadline?.citations).toContainEqual({ id: 'directive-2004-38-libre-circulation', locator: 'art. 5(5)' });
    expect(r.notes.join('\n')).toMatch(/EUR 200/);
  });

  it.each(['NO', 'IS', 'LI', 'CH'])('%s nationals follow the EU regime', (nationality) => {
    expect(answer({ nationality, intended_stay_days: 30 }).procedures[0]?.skill).toBe('annex-3ter-presence-declaration');
  });

  it('non-EU family member of an EU citizen: annex 3ter, not annex 3', () => {
    const r = answer({ nationality: 'BR', intended_stay_days: 30, family_of_eu_citizen: true, accommodation: 'private-address', arrival_date: '2026-03-02' });
    expect(r.procedures.map((p) => p.skill)).toEqual(['annex-3ter-presence-declaration']);
    expect(r.procedures[0]?.why).toMatch(/not annex 3/);
    expect(r.procedures[0]?.deadline?.date).toBe('2026-03-16');
    expect(needs(r)).toEqual([]);
    expect(r.notes.join('\n')).toMatch(/non-EU family member may still need a short-stay visa/);
  });

  it('EU citizen in a hotel is exempt, citing the annex 3ter sources', () => {
    const r = answer({ nationality: 'DE', intended_stay_days: 5, accommodation: 'hotel' });
    expect(r.procedures).toEqual([]);
    expect(ids(r.exempt?.citations)).toEqual(['ibz-sdg-registration-reporting', 'agii-annex3ter']);
  });
});

describe('findProcedure: EU registration (annex 19)', () => {
  it('EU citizen staying more than 90 days: annex 19 within 3 months of arrival', () => {
    const r = answer({ nationality: 'IT', intended_stay_days: 365, arrival_date: '2026-01-31', accommodation: 'private-address' });
    // Since the third set, a long stay also brings the health-insurance step.
    expect(r.procedures.map((p) => p.skill)).toEqual(['annex-19-eu-registration', 'health-insurance-enrolment']);
    const d = r.procedures[0]!.deadline!;
    expect(d.date).toBe('2026-04-30');
    expect(d.safe_date).toBeUndefined();
    expect(d.citations).toContainEqual({ id: 'loi-1980-12-15-etrangers', locator: 'art. 42' });
    expect(d.citations).toContainEqual({ id: 'rd-1981-10-08-etrangers', locator: 'art. 50' });
    expect(r.notes.join('\n')).toMatch(/1 September 2025/);
  });

  it('gives the last working day before a 3-month deadline on a Saturday', () => {
    // 2026-01-04 + 3 months = Saturday 4 April 2026.
    const d = answer({ nationality: 'IT', intended_stay_days: 365, arrival_date: '2026-01-04' }).procedures[0]!.deadline!;
    expect(d.date).toBe('2026-04-04');
    expect(d.safe_date).toBe('2026-04-03');
  });

  it('a hotel does not exempt from registration', () => {
    const r = answer({ nationality: 'ES', intended_stay_days: 200, accommodation: 'hotel' });
    expect(r.exempt).toBeUndefined();
    expect(r.procedures[0]?.skill).toBe('annex-19-eu-registration');
    expect(needs(r)).toEqual(['arrival_date']);
  });

  it('mentions annex 19ter for family', () => {
    const r = answer({ nationality: 'PL', intended_stay_days: 200, family_of_eu_citizen: true, arrival_date: '2026-01-10' });
    expect(r.notes.join('\n')).toMatch(/19ter/);
  });
});

describe('findProcedure: out of scope', () => {
  it('third-country national staying more than 90 days without a long-stay visa: no procedure, pointer to arrival-in-belgium', () => {
    const r = answer({ nationality: 'CN', intended_stay_days: 365, arrival_date: '2026-11-01', long_stay_visa: false });
    expect(r.procedures).toEqual([]);
    expect(r.out_of_scope).toMatchObject({ skill: 'arrival-in-belgium', uri: 'skill://arrival-in-belgium/SKILL.md' });
    expect(r.out_of_scope?.reason).toMatch(/asylum/);
    expect(r.notes.join('\n')).toMatch(/Immigration Office, not at the commune/);
  });

  it('asks whether a third-country national staying more than 90 days holds a long-stay visa', () => {
    const r = answer({ nationality: 'CN', intended_stay_days: 365, arrival_date: '2026-11-01' });
    expect(r.out_of_scope).toBeUndefined();
    expect(needs(r)).toContain('long_stay_visa');
  });
});

describe('findProcedure: missing length of stay', () => {
  it('asks for intended_stay_days (and family_of_eu_citizen for non-EU nationals)', () => {
    // Since the second set, a non-EU national is also asked whether they hold a long-stay visa.
    expect(needs(answer({ nationality: 'US' }))).toEqual(['intended_stay_days', 'family_of_eu_citizen', 'long_stay_visa']);
    expect(needs(answer({ nationality: 'FR' }))).toEqual(['intended_stay_days']);
    expect(answer({ nationality: 'US' }).needs[0]).toMatchObject({ fact: 'intended_stay_days', question: expect.stringMatching(/How many days/), questions: { fr: expect.stringMatching(/Combien de jours/) } });
    expect(answer({ nationality: 'US' }).procedures).toEqual([]);
  });
});

describe('findProcedure: residence cards', () => {
  // Corrected (FACTS errata to 4.2): the A-card window is contested like the others; it opens on the 40th day.
  it('A card: window from the 40th to the 30th day before expiry', () => {
    const r = answer({ nationality: 'MA', residence_card: { type: 'A', expires_on: '2027-03-01' } });
    const p = r.procedures[0]!;
    expect(p.skill).toBe('residence-card-renewal');
    expect(p.window).toMatchObject({ opens: '2027-01-20', closes: '2027-01-30' });
    expect(r.notes.join('\n')).toMatch(/written, dated proof/);
    expect(ids(p.window?.citations)).toContain('myria-family-reunification-renewal');
  });

  it('A card after the window closed: go now, before expiry', () => {
    const r = answer({ nationality: 'MA', residence_card: { type: 'A', expires_on: '2026-12-10' } });
    expect(r.notes.join('\n')).toMatch(/window closed on 2026-11-10/);
  });

  it('student A card: at the latest the 15th day before expiry (Law art. 61/1/2, RD art. 103)', () => {
    const r = answer({ nationality: 'CM', residence_card: { type: 'A', expires_on: '2027-10-31', student: true } });
    const p = r.procedures[0]!;
    expect(p.deadline?.date).toBe('2027-10-16');
    expect(p.window?.closes).toBe('2027-10-16');
    expect(p.deadline?.citations).toContainEqual({ id: 'loi-1980-12-15-etrangers', locator: 'art. 61/1/2' });
    expect(p.deadline?.citations).toContainEqual({ id: 'rd-1981-10-08-etrangers', locator: 'art. 103' });
    expect(ids(p.deadline?.citations)).toContain('dofi-students-renewal');
  });

  it.each(['B', 'K', 'L'] as const)('%s card: window opens on the 40th day (contested 45th) and closes on the 30th', (type) => {
    const r = answer({ nationality: 'TR', residence_card: { type, expires_on: '2027-06-30' } });
    expect(r.procedures[0]?.window).toMatchObject({ opens: '2027-05-21', closes: '2027-05-31' });
    expect(r.notes.join('\n')).toMatch(/45th day .* 40th day/);
  });

  it('legacy C card is renewed as a K card', () => {
    const r = answer({ nationality: 'TR', residence_card: { type: 'C', expires_on: '2027-06-30' } });
    expect(r.procedures[0]?.title).toMatch(/K card/);
    expect(r.notes.join('\n')).toMatch(/C cards were replaced by K cards/);
  });

  // Corrected: the skill and the tool now both say "at the latest the 30th day before expiry" (was: the day before).
  it('EU card: at the latest the 30th day before expiry, commune renews', () => {
    const p = answer({ nationality: 'FR', residence_card: { type: 'EU', expires_on: '2027-06-30' } }).procedures[0]!;
    expect(p.deadline?.date).toBe('2027-05-31');
    expect(p.window).toBeUndefined();
  });

  it('a 30th day before expiry on a Sunday gives the Friday before as the safe date', () => {
    const p = answer({ nationality: 'FR', residence_card: { type: 'EU+', expires_on: '2027-07-04' } }).procedures[0]!;
    expect(p.deadline).toMatchObject({ date: '2027-06-04' });
    const q = answer({ nationality: 'FR', residence_card: { type: 'EU', expires_on: '2027-07-06' } }).procedures[0]!;
    expect(q.deadline).toMatchObject({ date: '2027-06-06', safe_date: '2027-06-04' });
  });

  it('F card: permanent residence (annex 22) instead of renewal', () => {
    const p = answer({ nationality: 'MA', residence_card: { type: 'F', expires_on: '2027-06-30' } }).procedures[0]!;
    expect(p.document).toMatch(/Annex 22/);
    expect(p.title).toMatch(/F\+/);
  });

  // Corrected: the H card (EU Blue Card) is renewed through the single-permit procedure, not the commune window.
  it('H card: renewal through the single-permit procedure, no commune window', () => {
    const p = answer({ nationality: 'IN', residence_card: { type: 'H', expires_on: '2027-06-30' } }).procedures[0]!;
    expect(p.why).toMatch(/single-permit procedure/);
    expect(p.window).toBeUndefined();
    expect(p.deadline).toBeUndefined();
    expect(ids(p.citations)).toContain('agii-h-card');
  });

  it('other card types (M): at the latest the 30th day before expiry', () => {
    const p = answer({ nationality: 'GB', residence_card: { type: 'M', expires_on: '2027-06-30' } }).procedures[0]!;
    expect(p.title).toBe('Renew a M card');
    expect(p.deadline?.date).toBe('2027-05-31');
  });

  it('the student flag on a B card changes nothing and says so', () => {
    const r = answer({ nationality: 'TR', residence_card: { type: 'B', expires_on: '2027-06-30', student: true } });
    expect(r.procedures[0]?.window?.closes).toBe('2027-05-31');
    expect(r.notes.join('\n')).toMatch(/student rule .* applies to A cards/);
  });

  it('expired A card: struck off from the day after expiry unless renewal was asked in time', () => {
    const r = answer({ nationality: 'MA', residence_card: { type: 'A', expires_on: '2026-11-01' } });
    expect(r.procedures[0]?.why).toMatch(/struck off the register as of 2026-11-02/);
    expect(r.procedures[0]?.window).toBeUndefined();
    expect(r.notes.join('\n')).toMatch(/wait one month/);
  });

  it('expired B card more than 3 months ago: can still be renewed, with the deregistration warning', () => {
    const r = answer({ nationality: 'MA', residence_card: { type: 'B', expires_on: '2026-06-01' }, card_problem: 'expired' });
    expect(r.procedures[0]?.why).toMatch(/can still issue a new card/);
    expect(r.notes.join('\n')).toMatch(/more than 3 months ago/);
  });

  it('card_problem expired contradicted by a future expiry date: follows the date and says so', () => {
    const r = answer({ nationality: 'MA', residence_card: { type: 'A', expires_on: '2027-03-01' }, card_problem: 'expired' });
    expect(r.procedures[0]?.window).toBeDefined();
    expect(r.notes.join('\n')).toMatch(/follows expires_on/);
  });

  it('expired without card details: asks for residence_card', () => {
    const r = answer({ nationality: 'MA', card_problem: 'expired' });
    expect(needs(r)).toEqual(['residence_card']);
    expect(r.procedures[0]?.skill).toBe('residence-card-renewal');
  });

  it.each(['lost', 'stolen'] as const)('%s card: DOCSTOP, police, duplicate', (problem) => {
    const r = answer({ nationality: 'MA', card_problem: problem, residence_card: { type: 'B', expires_on: '2028-01-01' } });
    expect(r.procedures).toHaveLength(1);
    expect(r.procedures[0]?.why).toMatch(/DOCSTOP .*00800 2123 2123/);
    expect(r.procedures[0]?.why).toMatch(/police/);
    expect(r.procedures[0]?.document).toMatch(/duplicate/);
  });
});

describe('findProcedure: properties', () => {
  const values = (path: string) => (guidance.vocabulary.fact(path)!.def as { values: string[] }).values;
  const requestArb = fc.record(
    {
      nationality: fc.constantFrom('BE', 'FR', 'NO', 'CH', 'US', 'MA', 'CN', 'XK', 'XX', 'fr'),
      intended_stay_days: fc.integer({ min: 1, max: 1000 }),
      accommodation: fc.constantFrom(...values('accommodation')),
      arrival_date: isoDateArb('2024-01-01', '2027-12-31'),
      family_of_eu_citizen: fc.boolean(),
      residence_card: fc.record({ type: fc.constantFrom(...values('residence_card.type')), expires_on: isoDateArb('2024-01-01', '2030-12-31'), student: fc.boolean() }, { requiredKeys: ['type', 'expires_on'] }),
      card_problem: fc.constantFrom(...values('card_problem')),
      long_stay_visa: fc.boolean(),
      family_of_belgian: fc.boolean(),
      today: isoDateArb('2024-01-01', '2027-12-31'),
    },
    { requiredKeys: ['nationality', 'today'] },
  );
  const known = new Set<string>(corpus.registry.list().map((r) => r.id));

  it('never throws, and cites only references the registry holds, in structures and in notes', () => {
    fc.assert(
      fc.property(requestArb, (req) => {
        const r = run(req);
        if ('code' in r) {
          expect(req.nationality).toBe('XX');
          return;
        }
        const cited: string[] = [
          ...ids(r.exempt?.citations),
          ...ids(r.out_of_scope?.citations),
          ...r.procedures.flatMap((p) => [...ids(p.citations), ...ids(p.deadline?.citations), ...ids(p.window?.citations)]),
          ...r.notes.flatMap((n) => [...n.matchAll(/\[([a-z0-9-]+)(?:, [^\]]+)?\]/g)].map((m) => m[1]!)),
        ];
        for (const id of cited) expect(known.has(id)).toBe(true);
        for (const p of r.procedures) {
          expect(p.citations.length).toBeGreaterThan(0);
          expect(p.uri).toBe(`skill://${p.skill}/SKILL.md`);
          if (p.window) expect(p.window.opens <= p.window.closes).toBe(true);
          if (p.deadline?.safe_date) expect(p.deadline.safe_date < p.deadline.date).toBe(true);
        }
        // Something is always said: a procedure, an exemption, an out-of-scope pointer or a missing fact.
        expect(r.procedures.length + (r.exempt ? 1 : 0) + (r.out_of_scope ? 1 : 0) + r.needs.length + r.notes.length).toBeGreaterThan(0);
        for (const n of r.notes) expect(n).not.toMatch(/\{[a-z_.]+\}/);
      }),
      { numRuns: 500 },
    );
  });
});
