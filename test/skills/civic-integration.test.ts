// Pins what a newcomer relies on in the civic-integration skill: the four regional regimes kept apart, EU/EEA/Swiss
// citizens and their family exempt, each region's deadline counted from registration with its legal citation, the
// costs and fines, the certificate's use for nationality, and the contested Brussels start and Walloon period.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { loadCorpus } from '../../src/load-corpus.js';
import { lintSkillText } from '../../src/lint/index.js';
import type { Skill } from '../../src/skill/schema.js';
import { repoRoot } from '../helpers/paths.js';

const corpus = await loadCorpus(repoRoot);
// Parsed directly as well: until the skills named in `next` are merged, the corpus does not serve this one.
const parsed = lintSkillText('skills/civic-integration/SKILL.md', await readFile(`${repoRoot}/skills/civic-integration/SKILL.md`, 'utf8'));
const s = (corpus.getSkill('civic-integration') ?? parsed.skill) as Skill;
const section = (key: string) => s.sections.find((x) => x.key === key)?.markdown ?? '';
const stage = (pattern: RegExp) => s.stages.find((st) => pattern.test(st.title));

describe('civic-integration', () => {
  it('parses, and lints clean except for `next` naming skills written in parallel', () => {
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const own = corpus.diagnostics.filter((d) => d.file.includes('skills/civic-integration/') && d.severity === 'error');
    expect(own.filter((d) => !(d.ruleId === 'next-resolves' && /health-insurance-enrolment|foreign-driving-licence|belgian-nationality-declaration/.test(d.message)) && d.ruleId !== 'lock-entry')).toEqual([]);
    for (const c of s.citations) expect(corpus.registry.has(c.id), c.id).toBe(true);
  });

  it('separates the four regimes by where the person lives', () => {
    const scope = section('scope');
    for (const term of ['Flemish Region', 'Brussels-Capital', 'Wallonia', 'German-speaking Community']) expect(scope).toContain(term);
    expect(scope).toMatch(/Eupen/);
    expect(s.stages.map((st) => st.title)).toEqual(expect.arrayContaining([
      expect.stringMatching(/Flanders/), expect.stringMatching(/Brussels/), expect.stringMatching(/Wallonia/), expect.stringMatching(/German-speaking/),
    ]));
  });

  it('exempts EU, EEA and Swiss citizens and their family everywhere, with sources', () => {
    const who = section('who-and-when');
    expect(who).toMatch(/Citizens of the EU, the EEA and Switzerland, and the members of their family, are exempt everywhere \[bewelcome-brussels-exemptions\]/);
    expect(who).toMatch(/family of a Belgian .* \*\*not\*\* exempt/);
  });

  it('gives each region its own deadline, counted from registration and cited', () => {
    expect(stage(/Flanders/)?.deadline?.text).toMatch(/three months after registration/);
    expect(stage(/Flanders/)?.deadline?.citations).toContainEqual(expect.objectContaining({ id: 'decree-flanders-2013-06-07-integration' }));
    expect(stage(/Brussels/)?.deadline?.text).toMatch(/six months of registration/);
    expect(stage(/Brussels/)?.deadline?.citations).toContainEqual(expect.objectContaining({ id: 'ordinance-cocom-2023-07-20-reception', locator: 'art. 5' }));
    expect(stage(/Wallonia/)?.deadline?.text).toMatch(/three months of registration/);
    expect(stage(/German-speaking/)?.deadline?.text).toMatch(/three months of registration/);
    expect(section('who-and-when')).toMatch(/18 months of enrolment/);
    expect(section('who-and-when')).toMatch(/two years of registration/);
  });

  it('states the age limits and the Walloon work dispensation', () => {
    const who = section('who-and-when');
    expect(who).toMatch(/under 18 nobody is obliged/);
    expect(who).toMatch(/from 65 you are not obliged in Brussels, Wallonia or the German-speaking Community/);
    expect(who).toMatch(/work at least half-time for a continuous period of more than three months/);
  });

  it('gives the cost region by region and the Flemish fine up to EUR 5,000', () => {
    const fees = s.fees.map((f) => f.text).join('\n');
    expect(fees).toMatch(/EUR 180/);
    expect(fees).toMatch(/Brussels:\*\* free/);
    expect(fees).toMatch(/Wallonia:\*\* free/);
    expect(fees).toMatch(/EUR 50 to 5,000/);
    expect(fees).toMatch(/EUR 2,500/);
  });

  it('explains what the certificate counts for', () => {
    const st = stage(/certificate/);
    expect(st?.steps.map((x) => x.text).join('\n')).toMatch(/social integration.*nationality declaration/);
    expect(st?.steps.map((x) => x.text).join('\n')).toMatch(/A1/);
  });

  it('marks the Brussels start date and the Walloon completion period as contested, each with both readings cited', () => {
    const notes = s.contested.map((c) => c.text).join('\n');
    expect(notes).toMatch(/first registration in the foreigners' register/);
    expect(notes).toMatch(/three years .* 18 months|18 months .* three years/s);
    for (const c of s.contested) expect(new Set(c.citations.map((x) => x.id)).size).toBeGreaterThanOrEqual(2);
  });

  it('has aliases in Dutch, French, German and English', () => {
    const aliases = s.meta.aliases?.map((a) => a.toLowerCase()) ?? [];
    expect(aliases).toEqual(expect.arrayContaining(['inburgering', "parcours d'intégration", "parcours d'accueil", 'integrationsparcours', 'civic integration']));
  });

  it('carries the rules as data: four regional routes and the EU exemption winning over them', async () => {
    const { parse } = await import('yaml');
    const file = parse(await readFile(`${repoRoot}/skills/civic-integration/procedure.yaml`, 'utf8')) as { routes: { id: string; result?: string; when: Record<string, unknown>; deadline?: { amount: number; unit: string; after: string }; 'wins-over'?: string[] }[] };
    const route = (id: string) => file.routes.find((r) => r.id === id)!;
    expect(route('flanders').deadline).toMatchObject({ amount: 3, unit: 'months', after: 'registered_on' });
    expect(route('brussels').deadline).toMatchObject({ amount: 6, unit: 'months', after: 'registered_on' });
    expect(route('wallonia').when).toMatchObject({ region: 'wallonia', nationality: 'third-country' });
    expect(route('eu-citizen')).toMatchObject({ result: 'exempt', when: { nationality: 'eu' } });
    expect(route('eu-citizen')['wins-over']).toEqual(expect.arrayContaining(['flanders', 'brussels', 'wallonia', 'german-speaking']));
  });
});
