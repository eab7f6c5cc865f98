// Pins the shipped corpus: the five skills of SPEC §4 and their registry lint clean (no errors, no unused
// references), and each skill states, with citations, the facts a user relies on most: who it is for, the
// deadline, the document issued, the fee rule, the exemptions and the contested points.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.js';
import type { Skill } from '../src/skill/schema.js';
import { repoRoot } from './helpers/paths.js';

const corpus = await loadCorpus(repoRoot);
const skill = (name: string): Skill => {
  const s = corpus.getSkill(name);
  if (!s) throw new Error(`skill ${name} is not served`);
  return s;
};
const section = (s: Skill, key: string) => s.sections.find((x) => x.key === key)?.markdown ?? '';
/** The sentences (or list items) of `markdown` that contain `pattern`, each required to carry a citation. */
const citedClaims = (markdown: string, pattern: RegExp) =>
  markdown
    .split(/\n|(?<=\.)\s+(?=[A-Z])/)
    .filter((line) => pattern.test(line));
const TAG = /\[[a-z0-9]+(?:-[a-z0-9]+)*(?:, [^\]]+)?\]/;

describe('the shipped corpus', () => {
  it('serves the five skills of SPEC §4', () => {
    expect(corpus.skills.map((s) => s.name)).toEqual(expect.arrayContaining([
      'annex-19-eu-registration',
      'annex-3-arrival-declaration',
      'annex-3ter-presence-declaration',
      'arrival-in-belgium',
      'residence-card-renewal',
    ]));
  });

  it('lints with zero errors and zero warnings (unused references included)', () => {
    expect(corpus.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`)).toEqual([]);
  });

  it('has at least 20 references, with legal identifiers where they exist', () => {
    expect(corpus.registry.size).toBeGreaterThanOrEqual(20);
    expect(corpus.registry.get('loi-1980-12-15-etrangers')?.numac).toBe('1980121550');
    expect(corpus.registry.get('rd-1981-10-08-etrangers')?.numac).toBe('1981001949');
    expect(corpus.registry.get('directive-2004-38-libre-circulation')?.celex).toBe('32004L0038');
    expect(corpus.registry.get('regulation-2016-399-schengen-borders-code')?.celex).toBe('32016R0399');
  });

  it('cites statutes with an article locator wherever a deadline is stated', () => {
    for (const s of corpus.skills) {
      for (const stage of s.stages) {
        if (!stage.deadline) continue;
        expect(stage.deadline.citations.length, `${s.name} stage ${stage.index} deadline`).toBeGreaterThan(0);
      }
    }
    const art5 = skill('annex-3-arrival-declaration').citations.filter((c) => c.id === 'loi-1980-12-15-etrangers');
    expect(art5.every((c) => c.locator)).toBe(true);
  });

  it('states each recently changed fact as it is now', () => {
    const all = corpus.skills.map((s) => s.body).join('\n');
    expect(all).not.toMatch(/\bcard E\b/);
    for (const line of citedClaims(all, /E card/)) expect(line).toMatch(/EU card|replaced|out of date/);
    for (const line of citedClaims(all, /EUR 200/).filter((l) => /impos/.test(l))) expect(line).toMatch(/Immigration Office|DVZ/);
  });

  it('says the same thing about working days everywhere: Sundays and holidays never, Saturday contested and counted to be safe', () => {
    for (const s of corpus.skills) {
      expect(s.body, s.name).not.toMatch(/leave out (only )?Sundays|Saturdays? (are|is) not (a )?working days?/i);
      if (!/working days? of entering/.test(section(s, 'who-and-when'))) continue;
      const line = citedClaims(section(s, 'who-and-when'), /never working days/)[0];
      expect(line, s.name).toMatch(/Sundays/);
      expect(line, s.name).toContain('ar-1974-04-18-jours-feries');
      expect(s.contested.some((c) => /Saturday/.test(c.text) && /safe|earlier/.test(c.text)), s.name).toBe(true);
    }
  });

  it('points registry entries at the official texts', () => {
    const ref = (id: string) => corpus.registry.get(id);
    expect(ref('loi-1991-07-19-registres')?.url).toMatch(/^https:\/\/www\.ejustice\.just\.fgov\.be\/cgi_loi\/.*cn=1991071931/);
    expect(ref('rd-2025-07-04-attestation-enregistrement')?.url).toMatch(/^https:\/\/www\.ejustice\.just\.fgov\.be\/mopdf\/2025\/07\/24/);
    expect(ref('rd-2020-12-24-brexit')?.numac).toBe('2020044668');
    expect(ref('rd-2020-12-24-brexit')?.eli).toBe('eli/arrete/2020/12/24/2020044668/moniteur');
    for (const id of ['rd-2023-12-12-demandeurs-emploi-renouvellement', 'rd-2024-10-20-saisonniers-prise-en-charge', 'rd-2020-06-12-modernisation-titres']) {
      expect(ref(id)?.url, id).toMatch(/^https:\/\/www\.ejustice\.just\.fgov\.be\//);
    }
  });

  it('carries no directive to call a tool', () => {
    for (const s of corpus.skills) expect(s.body).not.toMatch(/submit_validation|submit_observation|injection_flag|verdict|call the \w+ tool/i);
  });

  it('has aliases in Dutch, French and German for every procedure skill', () => {
    const aliases = (name: string) => skill(name).meta.aliases?.map((a) => a.toLowerCase()) ?? [];
    expect(aliases('annex-3-arrival-declaration')).toEqual(expect.arrayContaining(['aankomstverklaring', "déclaration d'arrivée", 'bijlage 3', 'annexe 3', 'anlage 3']));
    expect(aliases('annex-3ter-presence-declaration')).toEqual(expect.arrayContaining(['melding van aanwezigheid', 'déclaration de présence', 'bijlage 3ter', 'annexe 3ter']));
    expect(aliases('annex-19-eu-registration')).toEqual(expect.arrayContaining(['bijlage 19', 'annexe 19', 'anlage 19']));
  });
});

describe('annex-3-arrival-declaration', () => {
  const s = skill('annex-3-arrival-declaration');
  it('is for non-EU/EEA/Swiss nationals on a short stay at a private address', () => {
    expect(s.meta.audience).toEqual(['non-eu-national']);
    expect(section(s, 'scope')).toMatch(/outside the EU, the EEA .* and Switzerland/);
    expect(section(s, 'scope')).toMatch(/90 days/);
  });
  it('gives 3 working days as the deadline, cited to art. 5 of the Law', () => {
    const deadline = s.stages.find((st) => st.deadline?.text.includes('3 working days'));
    expect(deadline?.deadline?.citations).toContainEqual(expect.objectContaining({ id: 'loi-1980-12-15-etrangers', locator: 'art. 5' }));
  });
  it('issues annex 3, which is not an identity document', () => {
    expect(s.meta.documents).toContain('annex-3');
    expect(s.body).toMatch(/not a residence permit|not an identity document|not an ID/i);
  });
  it('lists the three exemptions with the official source', () => {
    const who = section(s, 'who-and-when');
    const line = citedClaims(who, /Exemptions/)[0]!;
    expect(line).toMatch(/hotel/);
    expect(line).toMatch(/hospital/);
    expect(line).toMatch(/prison/);
    expect(line).toContain('[dofi-short-stay-arrival-declaration]');
    expect(line).not.toContain('loi-1980-12-15-etrangers, art. 5');
  });
  it('counts the end date as 90 days minus Schengen days already used, never a flat three months', () => {
    const who = section(s, 'who-and-when');
    const end = citedClaims(who, /End date of the annex 3/)[0]!;
    expect(end).toMatch(/90 days/);
    expect(end).toMatch(/180 days/);
    expect(end).toContain('commune-sint-katelijne-waver-annex-3');
    const outside = s.body.replace(/^> \*\*Contested:\*\*.*$/gm, '');
    expect(outside).not.toMatch(/three months if (you are )?visa-exempt/);
    expect(s.contested.some((c) => /visa-exempt/.test(c.text) && /180/.test(c.text))).toBe(true);
  });
  it('says the fee is set by each commune', () => {
    expect(s.fees[0]!.text).toMatch(/set by each commune/);
    expect(s.fees[0]!.citations.length).toBeGreaterThan(0);
  });
  it('marks EES, 8 days, Saturday and the late fine as contested', () => {
    const notes = s.contested.map((c) => c.text).join('\n');
    expect(notes).toMatch(/Entry\/Exit System/);
    expect(notes).toMatch(/8 days/);
    expect(notes).toMatch(/Saturday/);
    expect(notes).toMatch(/EUR 200/);
    for (const c of s.contested) expect(new Set(c.citations.map((x) => x.id)).size).toBeGreaterThanOrEqual(2);
  });
});

describe('annex-3ter-presence-declaration', () => {
  const s = skill('annex-3ter-presence-declaration');
  it('is for EU/EEA/Swiss citizens and their family members', () => {
    expect(s.meta.audience).toEqual(expect.arrayContaining(['eu-citizen', 'eu-family-member']));
  });
  it('gives 10 working days, cited to art. 41bis', () => {
    const st = s.stages.find((x) => x.deadline?.text.includes('10 working days'));
    expect(st?.deadline?.citations).toContainEqual(expect.objectContaining({ id: 'loi-1980-12-15-etrangers', locator: 'art. 41bis' }));
  });
  it('issues annex 3ter and gives no national register number', () => {
    expect(s.meta.documents).toContain('annex-3ter');
    expect(s.stages.some((x) => /no national register number/.test(x.outcome?.text ?? ''))).toBe(true);
  });
  it('lets an EU seasonal worker\'s annex 3ter cover the whole picking card, with its sources', () => {
    const line = citedClaims(section(s, 'who-and-when'), /EU seasonal workers/)[0]!;
    expect(line).toMatch(/picking card/);
    expect(line).toMatch(/more than three months/);
    expect(line).toContain('rd-2024-10-20-saisonniers-prise-en-charge');
    expect(line).toContain('nicoledm-eu-seasonal-workers');
  });
  it('marks the 8 days, Saturday and the extension question as contested', () => {
    const notes = s.contested.map((c) => c.text).join('\n');
    expect(notes).toMatch(/8 days/);
    expect(notes).toMatch(/Saturday/);
    expect(notes).toMatch(/extended|extension/);
  });
});

describe('annex-19-eu-registration', () => {
  const s = skill('annex-19-eu-registration');
  it('requires the complete file at the first visit since 1 September 2025', () => {
    const lines = citedClaims(section(s, 'who-and-when') + '\n' + section(s, 'stages'), /1 September 2025/);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines.filter((x) => TAG.test(x))) expect(l).toMatch(/first (visit|appointment)|not (be )?considered|complete/);
    expect(s.citations.map((c) => c.id)).toContain('rd-2025-07-04-attestation-enregistrement');
  });
  it('leads from annex 19 through annex 8ter to the EU card, with a three-month deadline', () => {
    expect(s.meta.documents).toEqual(expect.arrayContaining(['annex-19', 'annex-8ter', 'eu-card']));
    expect(s.stages[0]!.deadline?.text).toMatch(/three months/);
    expect(s.stages.at(-2)!.outcome?.text ?? s.stages.map((x) => x.outcome?.text).join()).toMatch(/EU card/);
  });
  it('marks 19quater versus 19quinquies, the EU+ validity and the old three-month rule as contested', () => {
    const notes = s.contested.map((c) => c.text).join('\n');
    expect(notes).toMatch(/19quater/);
    expect(notes).toMatch(/19quinquies/);
    expect(notes).toMatch(/EU\+ card/);
    expect(notes).toMatch(/three months/);
  });
  it('asks the self-employed for the social insurance fund affiliation as well as the enterprise number', () => {
    const line = s.documents.find((d) => /Self-employed/.test(d.text))!;
    expect(line.text).toMatch(/social insurance fund/);
    expect(line.text).toMatch(/Crossroads Bank for Enterprises/);
    expect(line.citations.map((c) => c.id)).toContain('commune-jette-eu-documents-2025');
  });
  it('puts family members of Belgians under art. 40ter, not 40bis', () => {
    const line = citedClaims(section(s, 'who-and-when'), /family member/)[0]!;
    expect(line).toMatch(/Belgian/);
    expect(line).toContain('[loi-1980-12-15-etrangers, art. 40ter]');
  });
  it('counts permanent residence from the annex 19 date, with no application required', () => {
    const stage = s.stages.at(-1)!;
    expect(stage.markdown).toMatch(/counted from the date your annex 19 was issued/);
    const auto = stage.steps.find((x) => /do not have to apply/.test(x.text))!;
    expect(auto.citations.map((c) => c.id)).toContain('youreurope-permanent-residence');
  });
  it('cites the Royal Decree of 4 July 2025 with its Moniteur belge publication, the law firm only beside it', () => {
    const line = citedClaims(section(s, 'legal-basis'), /4 July 2025/)[0]!;
    expect(line).toMatch(/Moniteur belge of 24 July 2025/);
    expect(line).toContain('[rd-2025-07-04-attestation-enregistrement]');
    expect(line).toContain('[altea-annex-19-2025]');
    expect(corpus.registry.get('altea-annex-19-2025')?.kind).toBe('secondary');
  });
  it('says the jobseeker check of the 6th to 8th month waited for a ministerial decree, as a contested point', () => {
    expect(s.contested.some((c) => /ministerial decree/.test(c.text) && /8th month/.test(c.text))).toBe(true);
  });
});

describe('residence-card-renewal', () => {
  const s = skill('residence-card-renewal');
  it('covers every card type', () => {
    const who = section(s, 'who-and-when') + section(s, 'scope');
    for (const type of ['A', 'B', 'K', 'L', 'EU', 'EU+', 'F', 'F+', 'H', 'M']) expect(who, `card ${type}`).toMatch(new RegExp(`\\b${type.replace('+', '\\+')}(?![\\w+])`));
  });
  it('gives the 30th day before expiry as the closing date, 15 days for students, cited to art. 33 and the DVZ student page', () => {
    const deadline = s.stages[0]!.deadline!;
    expect(deadline.text).toMatch(/30th day/);
    expect(deadline.text).toMatch(/15th day/);
    expect(deadline.citations.map((c) => c.id)).toEqual(expect.arrayContaining(['rd-1981-10-08-etrangers', 'dofi-students-renewal']));
  });
  it('explains DOCSTOP for lost or stolen cards and the annex 15 while a decision is pending', () => {
    expect(s.stages.some((x) => x.markdown.includes('00800 2123 2123'))).toBe(true);
    expect(s.stages.some((x) => /annex 15/.test(x.title))).toBe(true);
  });
  it('marks the 40th versus 45th day window as contested', () => {
    expect(s.contested.some((c) => /40th/.test(c.text) && /45th/.test(c.text))).toBe(true);
  });
  it('states each card\'s window in one form: A/B/K/L 40th to 30th, students 15th, EU/EU+/F 30th, H through the single permit', () => {
    const who = section(s, 'who-and-when');
    expect(citedClaims(who, /A card \(most statuses\), B, K and L cards/)[0]).toMatch(/between the 40th and the 30th day before expiry/);
    const students = citedClaims(who, /non-EU student/)[0]!;
    expect(students).toMatch(/at the latest the 15th day before expiry/);
    expect(students).toContain('[loi-1980-12-15-etrangers, art. 61/1/2]');
    expect(students).toContain('[rd-1981-10-08-etrangers, art. 103]');
    expect(citedClaims(who, /EU, EU\+, F and F\+ cards:/)[0]).toMatch(/at the latest the 30th day before expiry/);
    const h = citedClaims(who, /H card \(European Blue Card\)/)[0]!;
    expect(h).toMatch(/single-permit/);
    expect(h).toContain('agii-h-card');
    expect(h).not.toContain('rd-1981-10-08-etrangers, art. 33');
    expect(who).not.toMatch(/45th and the 30th day before expiry \[/);
  });
  it('tells the holder to keep dated proof of the renewal request, citing what it secures', () => {
    const line = citedClaims(section(s, 'who-and-when'), /Keep proof that you applied/)[0]!;
    expect(line).toMatch(/written, dated proof/);
    expect(line).toContain('orangeconnect-gemcom-2019-strike-off');
  });
  it('cites the one-month strike-off wait to the instruction that gives it, not to the Royal Decree', () => {
    const wait = s.stages.at(-1)!.steps.find((x) => /wait one month/.test(x.text))!;
    expect(wait.citations.map((c) => c.id)).toEqual(['orangeconnect-gemcom-2019-strike-off']);
  });
});

describe('arrival-in-belgium', () => {
  const s = skill('arrival-in-belgium');
  it('routes to every procedure skill', () => {
    for (const name of ['annex-3-arrival-declaration', 'annex-3ter-presence-declaration', 'annex-19-eu-registration', 'residence-card-renewal']) {
      expect(s.body).toContain(`\`${name}\``);
    }
  });
  it('asks the deciding questions one stage at a time', () => {
    const titles = s.stages.map((x) => x.title).join(' | ');
    expect(titles).toMatch(/Belgian/);
    expect(titles).toMatch(/residence card/);
    expect(titles).toMatch(/asylum/);
    expect(titles).toMatch(/EU, the EEA or Switzerland/);
    expect(titles).toMatch(/family member/);
    expect(titles).toMatch(/How long/);
    expect(titles).toMatch(/sleep/);
  });
  it('routes long stays, family members and life after registration to their own skills', () => {
    for (const name of ['non-eu-long-stay-registration', 'eu-family-residence-card', 'change-of-address', 'absence-and-departure', 'foreign-documents', 'health-insurance-enrolment', 'civic-integration', 'foreign-driving-licence', 'belgian-nationality-declaration']) {
      expect(s.body, name).toContain(`\`${name}\``);
      expect(s.meta.next, name).toContain(name);
    }
    const who = section(s, 'who-and-when');
    expect(citedClaims(who, /Non-EU long stay/)[0]).toMatch(/within 8 working days of arrival/);
    expect(citedClaims(who, /annex 19ter/)[0]).toMatch(/within three months of arrival/);
  });
  it('names the family members of Directive 2004/38 arts 2 and 3, dependent children included', () => {
    const stage = s.stages.find((x) => /family member/.test(x.title))!;
    const core = stage.steps.find((x) => /under 21/.test(x.text))!;
    expect(core.text).toMatch(/under 21 \*\*or dependent\*\*/);
    expect(core.text).toMatch(/dependent parents/);
    expect(core.citations).toContainEqual(expect.objectContaining({ id: 'directive-2004-38-libre-circulation', locator: 'art. 2(2)' }));
    const other = stage.steps.find((x) => /durable relationship/.test(x.text))!;
    expect(other.citations).toContainEqual(expect.objectContaining({ id: 'directive-2004-38-libre-circulation', locator: 'art. 3(2)' }));
  });
  it('never cites the Schengen calculator for holding a Belgian residence card', () => {
    for (const line of citedClaims(s.body, /residence card/).filter((l) => !/90-day/.test(l))) {
      expect(line).not.toContain('ec-schengen-short-stay-calculator');
    }
  });
  it('sends hotel guests to no commune formality and asylum seekers elsewhere', () => {
    const sleep = s.stages.find((x) => /sleep/.test(x.title))!;
    expect(sleep.markdown).toMatch(/hotel/i);
    expect(sleep.markdown).toMatch(/no commune formality|do not report|nothing to do/i);
    const asylum = s.stages.find((x) => /asylum/.test(x.title))!;
    expect(asylum.markdown).toMatch(/Immigration Office/);
  });
});
