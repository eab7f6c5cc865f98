// Pins the shipped corpus: the fourteen skills and their registry lint clean (no errors, no unused
// references), and each skill states, with citations, the facts a user relies on most: who it is for, the
// deadline, the document issued, the fee rule, the exemptions and the contested points.
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/load-corpus.js';
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
  it('serves exactly the fourteen skills of SPEC §4, §10.2 and §10.4, each with a procedure file', () => {
    expect(corpus.skills.map((s) => s.name).sort()).toEqual([
      'absence-and-departure',
      'annex-19-eu-registration',
      'annex-3-arrival-declaration',
      'annex-3ter-presence-declaration',
      'arrival-in-belgium',
      'belgian-nationality-declaration',
      'change-of-address',
      'civic-integration',
      'eu-family-residence-card',
      'foreign-documents',
      'foreign-driving-licence',
      'health-insurance-enrolment',
      'non-eu-long-stay-registration',
      'residence-card-renewal',
    ]);
    for (const s of corpus.skills) expect(s.files.map((f) => f.path), s.name).toContain('procedure.yaml');
    expect(corpus.guidance.procedures.map((p) => p.skill).sort()).toEqual(corpus.skills.map((s) => s.name).sort());
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
    expect(s.stages.find((x) => /annex 8ter/i.test(x.title))?.outcome?.text).toMatch(/EU card/);
  });
  it('marks 19quater versus 19quinquies, the EU+ validity and the old three-month rule as contested', () => {
    const notes = s.contested.map((c) => c.text).join('\n');
    expect(notes).toMatch(/19quater/);
    expect(notes).toMatch(/19quinquies/);
    expect(notes).toMatch(/EU\+ card/);
    expect(notes).toMatch(/three months/);
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
  it('sends hotel guests to no commune formality and asylum seekers elsewhere', () => {
    const sleep = s.stages.find((x) => /sleep/.test(x.title))!;
    expect(sleep.markdown).toMatch(/hotel/i);
    expect(sleep.markdown).toMatch(/no commune formality|do not report|nothing to do/i);
    const asylum = s.stages.find((x) => /asylum/.test(x.title))!;
    expect(asylum.markdown).toMatch(/Immigration Office/);
  });
});
