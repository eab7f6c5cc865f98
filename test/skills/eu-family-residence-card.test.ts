// What a non-EU family member of an EU citizen or a Belgian relies on in eu-family-residence-card: who counts as
// family, the three months from arrival to apply, annex 19ter with its three- and six-month periods, the F card,
// refusal and appeal, the conditions for family of a Belgian, the contested points, and the procedure file.
import { describe, expect, it } from 'vitest';
import { claims, loadSkill, referenceProblems, registry, section } from '../helpers/load-skill.js';

const NAME = 'eu-family-residence-card';
const { skill: s, problems, procedure, pending } = await loadSkill(NAME);
const TAG = /\[[a-z0-9]+(?:-[a-z0-9]+)*(?:, [^\]]+)?\]/;
const ids = (cs: readonly { id: string }[]) => cs.map((c) => c.id);
const contested = (pattern: RegExp) => s.contested.find((c) => pattern.test(c.text));

describe(NAME, () => {
  it('lints clean, apart from next naming third-set skills that do not exist yet', () => {
    expect(problems).toEqual([]);
    expect(referenceProblems([...new Set(ids(s.citations))])).toEqual([]);
    for (const c of s.citations) expect(registry().has(c.id), c.id).toBe(true);
    expect(s.meta.next).toEqual(expect.arrayContaining(['non-eu-long-stay-registration', 'residence-card-renewal', ...pending]));
  });

  it('is for non-EU family members of EU/EEA/Swiss citizens and of Belgians, and sends others elsewhere', () => {
    expect(s.meta.audience).toEqual(expect.arrayContaining(['eu-family-member', 'non-eu-national']));
    const scope = section(s, 'scope');
    expect(scope).toMatch(/outside the EU, the EEA and Switzerland/);
    expect(scope).toMatch(/EU, EEA or Swiss citizen[^\n]*or a Belgian/);
    for (const other of ['annex-19-eu-registration', 'non-eu-long-stay-registration', 'annex-3ter-presence-declaration', 'residence-card-renewal']) expect(scope).toContain(other);
    expect(scope).toMatch(/M card[^\n]*N card/);
    expect(s.description.length).toBeLessThanOrEqual(1024);
  });

  it('says who counts as family under Directive 2004/38 arts 2 and 3 and under art. 40ter', () => {
    const who = section(s, 'who-and-when');
    const art2 = s.citations.filter((c) => c.id === 'directive-2004-38-libre-circulation').map((c) => c.locator);
    expect(art2).toEqual(expect.arrayContaining(['art. 2', 'art. 3']));
    expect(who).toMatch(/spouse/);
    expect(who).toMatch(/registered partnership treated as equivalent to marriage/);
    expect(who).toMatch(/under 21 or dependent/);
    expect(who).toMatch(/dependent parents/);
    expect(claims(who, /\*\*Other family members\*\*/)[0]).toMatch(/durable relationship[^.]*duly attested/);
    expect(who).toMatch(/children under 18, or older and dependent/);
    expect(who).toMatch(/not the parents of an adult Belgian/);
    for (const line of who.split('\n').filter((l) => l.startsWith('- '))) expect(line, line.slice(0, 70)).toMatch(TAG);
  });

  it('gives three months from arrival to apply, as the official page says it, cited', () => {
    const who = section(s, 'who-and-when');
    const deadline = claims(who, /\*\*Deadline\.\*\*/)[0]!;
    expect(deadline).toMatch(/within three months of arrival in Belgium/);
    expect(deadline).toContain('[ibz-sdg-registration-reporting]');
    expect(deadline).toContain('[directive-2004-38-libre-circulation, art. 9]');
    expect(s.stages[0]!.deadline?.text).toMatch(/within three months of arrival/);
    const late = claims(who, /EUR 200/)[0]!;
    expect(late).toMatch(/Immigration Office, not the commune/);
    expect(late).toMatch(/still apply/);
  });

  it('walks annex 19ter → police check and attestation of immatriculation → three months to complete → decision within six months → F card', () => {
    expect(s.meta.documents).toEqual(expect.arrayContaining(['annex-19ter', 'attestation-of-immatriculation', 'f-card', 'annex-20', 'annex-22', 'f-plus-card']));
    const titles = s.stages.map((x) => x.title).join(' | ');
    expect(titles).toMatch(/annex 19ter/);
    expect(titles).toMatch(/attestation of immatriculation/);
    const check = s.stages.find((x) => /attestation of immatriculation/.test(x.title))!;
    expect(check.markdown).toMatch(/valid six months from the date on the annex 19ter/);
    expect(check.markdown).toMatch(/annex 20/);
    const complete = s.stages.find((x) => /Complete the file/.test(x.title))!;
    expect(complete.deadline?.text).toMatch(/three months of the application/);
    expect(complete.markdown).toMatch(/1 September 2025[^\n]*not to your annex 19ter/);
    const decision = s.stages.find((x) => /decision/.test(x.title))!;
    expect(decision.deadline?.text).toMatch(/six months from the application/);
    expect(ids(decision.deadline!.citations)).toContain('dofi-40ter-application-in-belgium');
    expect(decision.markdown).toMatch(/F card/);
  });

  it('does not promise a card when the six months pass, and says so as a contested note', () => {
    const silence = contested(/six months pass/)!;
    expect(silence.text).toMatch(/do not count on an automatic card/);
    expect(ids(silence.citations)).toEqual(expect.arrayContaining(['vmc-2017-six-month-time-limit', 'factcheck-vlaanderen-implicit-approval']));
  });

  it('explains refusal on annex 20 and the appeal to the Council for Alien Law Litigation, with the 2026 change contested', () => {
    const refusal = s.stages.find((x) => /annex 20/.test(x.title))!;
    expect(refusal.markdown).toMatch(/Council for Alien Law Litigation/);
    expect(refusal.markdown).toMatch(/annex 35/);
    expect(refusal.deadline?.text).toMatch(/30 days of the notification/);
    expect(contested(/17 June 2026/)?.text).toMatch(/30 days/);
  });

  it('sets out the conditions for family of a Belgian, the retribution and the 2027 transition', () => {
    const who = section(s, 'who-and-when');
    expect(who).toMatch(/stable, regular and sufficient means, sufficient housing and sickness insurance/);
    const transition = contested(/17 August 2027/)!;
    expect(transition.text).toMatch(/120 %/);
    expect(transition.text).toMatch(/110 %/);
    expect(ids(transition.citations)).toEqual(expect.arrayContaining(['orangeconnect-gemcom-2025-12', 'law-2025-07-18-family-reunification']));
    expect(contested(/under 18/)?.text).toMatch(/21/);
    expect(section(s, 'documents')).toMatch(/retribution[^\n]*inadmissible/);
    const fees = s.fees.map((f) => f.text).join('\n');
    expect(fees).toMatch(/EUR 206/);
    expect(fees).toMatch(/no retribution/);
  });

  it('names commune channels and prices, and leads on to annex 22 and the F+ card', () => {
    expect(s.stages.some((x) => x.markdown.includes('HUE-NEU@brucity.be'))).toBe(true);
    const fees = s.fees.map((f) => f.text).join('\n');
    for (const commune of ['Duffel', 'Ghent', 'Rotselaar', 'Leopoldsburg', 'Riemst']) expect(fees).toContain(commune);
    for (const f of s.fees) expect(f.citations.length, f.text.slice(0, 50)).toBeGreaterThan(0);
    const later = s.stages.find((x) => /annex 22/.test(x.title))!;
    expect(later.markdown).toMatch(/F\+ card is valid ten years/);
    expect(contested(/five months before/)).toBeDefined();
    const last = s.stages.at(-1)!;
    expect(last.title).toBe('After registration');
    for (const next of ['residence-card-renewal', 'health-insurance-enrolment', 'civic-integration', 'foreign-driving-licence', 'belgian-nationality-declaration']) expect(last.markdown).toContain(next);
  });

  it('has every contested note cite two sources and say what to do', () => {
    expect(s.contested.length).toBeGreaterThanOrEqual(5);
    for (const c of s.contested) {
      expect(new Set(ids(c.citations)).size, c.text.slice(0, 60)).toBeGreaterThanOrEqual(2);
      expect(c.text).toMatch(/What to do:/);
    }
  });

  it('carries the rule as data: family of an EU citizen or a Belgian, three months after arrival, winning over the D-visa route', () => {
    expect(procedure.routes).toHaveLength(1);
    const route = procedure.routes[0]!;
    expect(route.when).toEqual({
      nationality: 'third-country',
      intended_stay_days: { min: 91 },
      any: [{ family_of_eu_citizen: true }, { family_of_belgian: true }],
    });
    expect(route['wins-over']).toEqual(['non-eu-long-stay-registration']);
    expect(route.deadline).toMatchObject({ amount: 3, unit: 'months', after: 'arrival_date' });
    expect(route.periods).toEqual(expect.arrayContaining([
      expect.objectContaining({ amount: 3, unit: 'months', after: 'application' }),
      expect.objectContaining({ amount: 6, unit: 'months', after: 'application' }),
      expect.objectContaining({ amount: 30, unit: 'calendar-days', after: 'notification' }),
    ]));
    const tags = [...route.cite, ...(route.deadline!.cite ?? []), ...(route.periods ?? []).flatMap((p) => p.cite ?? [])];
    for (const tag of tags) expect(registry().has(tag.split(',')[0]!), tag).toBe(true);
    for (const note of route.notes ?? []) expect(note.text, note.text.slice(0, 50)).toMatch(TAG);
    expect(route.notes?.some((n) => (n.when as { family_of_belgian?: boolean } | undefined)?.family_of_belgian === true && /retribution/.test(n.text))).toBe(true);
  });
});
