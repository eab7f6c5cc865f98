// Pins the routes of the second and third sets as a person asks them: a non-EU national with a long-stay visa,
// a family member of an EU citizen or of a Belgian, anyone who moves or leaves, and what follows registration
// (integration by region, foreign licences, health insurance, nationality), each with its computed dates, and
// the commune accepted wherever the region is.
import { describe, expect, it } from 'vitest';
import type { ProcedureAnswer } from '../../src/guidance/answer.js';
import { findProcedure } from '../../src/guidance/engine.js';
import { shippedCorpus } from '../helpers/corpus.js';

const { guidance } = await shippedCorpus();
const TODAY = '2026-11-30';

function answer(facts: Record<string, unknown>, today = TODAY): ProcedureAnswer {
  const r = findProcedure(guidance, facts, today);
  if ('code' in r) throw new Error(r.message);
  return r;
}
const skills = (r: ProcedureAnswer) => r.procedures.map((p) => p.skill);
const of = (r: ProcedureAnswer, skill: string) => r.procedures.find((p) => p.skill === skill);

describe('second set', () => {
  it('non-EU national with a long-stay visa: registration within 8 working days of arrival, with the safe date', () => {
    // Wednesday 25 November 2026 + 8 working days (Saturdays not counted) = Monday 7 December; the safe reading
    // counts 8 calendar days: Thursday 3 December.
    const r = answer({ nationality: 'IN', long_stay_visa: true, intended_stay_days: 730, arrival_date: '2026-11-25', family_of_eu_citizen: false, family_of_belgian: false });
    expect(skills(r)).toContain('non-eu-long-stay-registration');
    expect(of(r, 'non-eu-long-stay-registration')?.deadline).toMatchObject({ date: '2026-12-07', safe_date: '2026-12-03' });
    expect(r.out_of_scope).toBeUndefined();
  });

  it.each([['family_of_eu_citizen'], ['family_of_belgian']])('non-EU %s staying more than 90 days: the family residence card within three months', (link) => {
    const r = answer({ nationality: 'MA', [link]: true, intended_stay_days: 400, arrival_date: '2026-11-02' });
    expect(skills(r)).toContain('eu-family-residence-card');
    expect(skills(r)).not.toContain('non-eu-long-stay-registration');
    expect(of(r, 'eu-family-residence-card')?.deadline?.date).toBe('2027-02-02');
  });

  it('anyone who moves, Belgians included: declaration within 8 working days of the move', () => {
    for (const nationality of ['BE', 'FR', 'IN']) {
      const r = answer({ nationality, moved_on: '2026-11-27' });
      // Friday 27 November + 8 working days = Wednesday 9 December; counting Saturdays, Monday 7 December.
      expect(of(r, 'change-of-address')?.deadline, nationality).toMatchObject({ date: '2026-12-09', safe_date: '2026-12-07' });
      expect(r.needs.map((n) => n.fact), nationality).not.toContain('intended_stay_days');
    }
  });

  it('leaving for good: the deadline is the day before departure', () => {
    const r = answer({ nationality: 'FR', leaving_on: '2026-12-15', absence: 'definitive' });
    expect(skills(r)).toEqual(['absence-and-departure']);
    expect(of(r, 'absence-and-departure')?.deadline?.date).toBe('2026-12-14');
  });

  it('a temporary absence is routed too, and leaving without saying how asks for absence', () => {
    expect(skills(answer({ nationality: 'MA', leaving_on: '2027-01-10', absence: 'temporary' }))).toEqual(['absence-and-departure']);
    const r = answer({ nationality: 'MA', leaving_on: '2027-01-10' });
    expect(r.needs.map((n) => n.fact)).toEqual(['absence']);
    expect(r.needs[0]?.questions.nl).toMatch(/terug/);
  });

  it('out of scope remains only for what is not a commune matter', () => {
    const r = answer({ nationality: 'CN', intended_stay_days: 365, long_stay_visa: false, family_of_eu_citizen: false, family_of_belgian: false });
    expect(r.procedures).toEqual([]);
    expect(r.out_of_scope?.reason).toMatch(/asylum/);
  });
});

describe('third set', () => {
  it('registered_on, commune and a recognised non-EU licence: integration and licence procedures with their dates', () => {
    const r = answer({ nationality: 'US', registered_on: '2026-10-01', commune: 'Gent', driving_licence: 'non-eu-recognised', family_of_eu_citizen: false, age: 34 });
    expect(skills(r)).toEqual(expect.arrayContaining(['civic-integration', 'foreign-driving-licence', 'health-insurance-enrolment']));
    // Flanders: report within three months of registration.
    expect(of(r, 'civic-integration')?.deadline?.date).toBe('2027-01-01');
    // The licence may be used for 185 days after registration.
    expect(of(r, 'foreign-driving-licence')?.deadline?.date).toBe('2027-04-04');
    expect(of(r, 'foreign-driving-licence')?.dates).toBeDefined();
  });

  it('the commune gives the region: Liège is Wallonia, Eupen the German-speaking Community', () => {
    const liege = answer({ nationality: 'TR', registered_on: '2026-10-01', commune: 'Luik', family_of_eu_citizen: false, age: 30 });
    const region = answer({ nationality: 'TR', registered_on: '2026-10-01', region: 'wallonia', family_of_eu_citizen: false, age: 30 });
    expect(of(liege, 'civic-integration')).toEqual(of(region, 'civic-integration'));
    const eupen = answer({ nationality: 'TR', registered_on: '2026-10-01', commune: '63023', family_of_eu_citizen: false, age: 30 });
    expect(of(eupen, 'civic-integration')?.title).toMatch(/German|Integrationsparcours|German-speaking/i);
  });

  it('a commune that contradicts the region, or that does not exist, is refused with a message', () => {
    const clash = findProcedure(guidance, { nationality: 'TR', registered_on: '2026-10-01', commune: 'Gent', region: 'wallonia' }, TODAY);
    expect('code' in clash && clash.code).toBe('contradictory-facts');
    expect('code' in clash && clash.message).toMatch(/commune "Gent" lies in flanders, but region is wallonia/);
    const unknown = findProcedure(guidance, { nationality: 'TR', registered_on: '2026-10-01', commune: 'Atlantis' }, TODAY);
    expect('code' in unknown && unknown.message).toMatch(/^commune: /);
  });

  it('EU citizens are exempt from the integration obligation', () => {
    const r = answer({ nationality: 'DE', registered_on: '2026-10-01', region: 'brussels', driving_licence: 'eu-no-expiry' });
    expect(skills(r)).not.toContain('civic-integration');
    expect(r.exemptions.map((e) => e.skill)).toContain('civic-integration');
    expect(r.exemptions.find((e) => e.skill === 'civic-integration')?.reason).toMatch(/EU, the EEA and Switzerland/);
    // An EU licence without an expiry date: exchange within two years of registration.
    expect(of(r, 'foreign-driving-licence')?.deadline?.date).toBe('2028-10-01');
  });

  it('the nationality declaration is routed once five years have passed with an unlimited card', () => {
    const open = answer({ nationality: 'MA', registered_on: '2019-03-01', residence_card: { type: 'B', expires_on: '2029-01-01' }, age: 40 });
    expect(skills(open)).toContain('belgian-nationality-declaration');
    const early = answer({ nationality: 'MA', registered_on: '2024-03-01', residence_card: { type: 'B', expires_on: '2029-01-01' }, age: 40 });
    expect(skills(early)).not.toContain('belgian-nationality-declaration');
    expect(early.notes.join('\n')).toMatch(/2029-03-01/);
  });

  it('arriving for a long stay also brings the health-insurance step; a short visit does not', () => {
    expect(skills(answer({ nationality: 'IT', intended_stay_days: 365, arrival_date: '2026-11-02' }))).toContain('health-insurance-enrolment');
    expect(skills(answer({ nationality: 'US', intended_stay_days: 20, accommodation: 'private-address', arrival_date: '2026-11-26' }))).toEqual(['annex-3-arrival-declaration']);
  });
});
