/**
 * A small in-memory corpus for MCP and search tests: the five skills of SPEC §4 in miniature, each with a real
 * SKILL.md (so digests and sizes are computed over bytes a client can read back) and a registry of references.
 * It does not depend on the corpus loader, so these tests pin the server's behaviour, not the parser's.
 */
import { createHash } from 'node:crypto';
import type { Corpus, Registry } from '../../src/corpus/types.js';
import { createGuidance, type Guidance } from '../../src/guidance/guidance.js';
import { createVocabulary } from '../../src/procedures/vocabulary.js';
import type { Reference } from '../../src/references/schema.js';
import type { Citation, CitedText, Skill, SkillFile } from '../../src/skill/schema.js';

interface StageSpec {
  title: string;
  steps: string[];
  deadline?: string;
  outcome?: string;
}

interface SkillSpec {
  name: string;
  description: string;
  title: string;
  status?: 'draft' | 'alpha' | 'beta' | 'stable';
  audience?: string;
  documents?: string;
  aliases?: string;
  next?: string;
  scope: string;
  legal: string;
  who: string;
  documentsList: string[];
  stages: StageSpec[];
  fees?: string[];
  surprises?: string[];
  contested?: string;
  verify: string;
  extraFiles?: Record<string, string>;
}

const TAG = /\[([a-z0-9]+(?:-[a-z0-9]+)*)(?:,\s*([^\]]+))?\]/g;

function citationsIn(text: string, base: number, source: string): Citation[] {
  const out: Citation[] = [];
  for (const m of text.matchAll(TAG)) {
    const offset = base + (m.index ?? 0);
    const before = source.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    out.push({ id: m[1] ?? '', ...(m[2] ? { locator: m[2].trim() } : {}), line, column, offset });
  }
  return out;
}

function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function plain(markdown: string): string {
  return markdown.replace(/^#+\s*/gm, '').replace(/[*_>`]/g, '').replace(/\s+/g, ' ').trim();
}

/** Builds a Skill and its SKILL.md from a compact spec. */
export function buildSkill(spec: SkillSpec): Skill {
  const metadata: Record<string, string> = {
    title: spec.title,
    version: '1.0.0',
    status: spec.status ?? 'alpha',
    'last-verified': '2026-11-01',
    jurisdiction: 'BE',
    ...(spec.audience ? { audience: spec.audience } : {}),
    ...(spec.documents ? { documents: spec.documents } : {}),
    ...(spec.aliases ? { aliases: spec.aliases } : {}),
    ...(spec.next ? { next: spec.next } : {}),
  };
  const yamlLines = [
    '---',
    `name: ${spec.name}`,
    `description: ${JSON.stringify(spec.description)}`,
    'license: CC-BY-4.0',
    'metadata:',
    ...Object.entries(metadata).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
    '---',
    '',
  ];
  const stageBlocks = spec.stages.map((stage, i) => {
    const lines = [`### Stage ${i + 1} — ${stage.title}`, '', ...stage.steps.map((s) => `- ${s}`)];
    if (stage.deadline) lines.push('', `Deadline: ${stage.deadline}`);
    if (stage.outcome) lines.push('', `Outcome: ${stage.outcome}`);
    return lines.join('\n');
  });
  const sectionBodies: Array<[string, string, string]> = [
    ['scope', 'Scope', spec.scope],
    ['legal-basis', 'Legal basis', spec.legal],
    ['who-and-when', 'Who and when', spec.who + (spec.contested ? `\n\n> **Contested:** ${spec.contested}` : '')],
    ['documents', 'Documents', spec.documentsList.map((d) => `- ${d}`).join('\n')],
    ['stages', 'Stages', stageBlocks.join('\n\n')],
    ...(spec.fees ? [['fees', 'Fees', spec.fees.map((f) => `- ${f}`).join('\n')] as [string, string, string]] : []),
    ...(spec.surprises ? [['surprises', 'Known surprises', spec.surprises.map((f) => `- ${f}`).join('\n')] as [string, string, string]] : []),
    ['verify-with', 'Verify with', spec.verify],
  ];
  const head = yamlLines.join('\n');
  let body = '';
  const sectionOffsets: Array<{ key: string; title: string; start: number; markdown: string }> = [];
  for (const [key, title, content] of sectionBodies) {
    const markdown = `## ${title}\n\n${content}\n`;
    sectionOffsets.push({ key, title, start: head.length + body.length, markdown });
    body += `${markdown}\n`;
  }
  const source = head + body;
  const bytes = new TextEncoder().encode(source);
  const lineAt = (offset: number) => source.slice(0, offset).split('\n').length;

  const sections = sectionOffsets.map((s) => ({ key: s.key, title: s.title, line: lineAt(s.start), markdown: s.markdown, text: plain(s.markdown.replace(/^## .*\n/, '')) }));
  const stagesSection = sectionOffsets.find((s) => s.key === 'stages');
  const stages = spec.stages.map((stage, i) => {
    const markdown = stageBlocks[i] ?? '';
    const start = source.indexOf(markdown, stagesSection?.start ?? 0);
    const cited = (text: string): CitedText => ({ text, citations: citationsIn(text, source.indexOf(text, start), source) });
    const steps = stage.steps.map(cited);
    const deadline = stage.deadline ? cited(stage.deadline) : undefined;
    const outcome = stage.outcome ? cited(stage.outcome) : undefined;
    return {
      index: i + 1,
      title: stage.title,
      line: lineAt(start),
      steps,
      ...(deadline ? { deadline } : {}),
      ...(outcome ? { outcome } : {}),
      markdown,
      citations: citationsIn(markdown, start, source),
    };
  });
  const listOf = (items: string[] | undefined): CitedText[] =>
    (items ?? []).map((text) => ({ text, citations: citationsIn(text, source.indexOf(text), source) }));
  const files: SkillFile[] = [
    { path: 'SKILL.md', bytes, digest: sha256(bytes), size: bytes.length, mimeType: 'text/markdown' },
    ...Object.entries(spec.extraFiles ?? {}).map(([path, text]) => {
      const b = new TextEncoder().encode(text);
      return { path, bytes: b, digest: sha256(b), size: b.length, mimeType: path.endsWith('.md') ? 'text/markdown' : 'text/plain' };
    }),
  ];
  const contested = spec.contested
    ? [{ text: spec.contested, line: lineAt(source.indexOf(spec.contested)), section: 'who-and-when', citations: citationsIn(spec.contested, source.indexOf(spec.contested), source) }]
    : [];
  const frontmatter = { name: spec.name, description: spec.description, license: 'CC-BY-4.0' as const, metadata };
  return {
    name: spec.name,
    description: spec.description,
    license: 'CC-BY-4.0',
    metadata,
    meta: {
      title: spec.title,
      version: '1.0.0',
      status: spec.status ?? 'alpha',
      'last-verified': '2026-11-01',
      jurisdiction: 'BE',
      audience: spec.audience?.split(' '),
      documents: spec.documents?.split(' '),
      aliases: spec.aliases?.split('|').map((s) => s.trim()),
      next: spec.next?.split(' '),
    },
    frontmatter,
    path: `skills/${spec.name}/SKILL.md`,
    body,
    summary: plain(spec.scope).split(/(?<=\.)\s/)[0] ?? '',
    sections,
    stages,
    documents: listOf(spec.documentsList),
    fees: listOf(spec.fees),
    surprises: listOf(spec.surprises),
    contested,
    citations: citationsIn(body, head.length, source),
    files,
    digest: sha256(bytes),
  };
}

const ref = (id: string, title: string, kind: Reference['kind'], url: string): Reference => ({
  id,
  title,
  kind,
  issuer: 'Belgian federal state',
  url,
  languages: ['fr', 'nl'],
  checked: '2026-10-01',
});

/** The reference registry of the fixture corpus. */
export const FIXTURE_REFERENCES: Reference[] = [
  ref('loi-1980-12-15-etrangers', 'Loi du 15 décembre 1980 sur l’accès au territoire, le séjour, l’établissement et l’éloignement des étrangers', 'statute', 'https://www.ejustice.just.fgov.be/eli/loi/1980/12/15/1980121550/justel'),
  ref('ar-1981-10-08', 'Arrêté royal du 8 octobre 1981 sur l’accès au territoire, le séjour, l’établissement et l’éloignement des étrangers', 'royal-decree', 'https://www.ejustice.just.fgov.be/eli/arrete/1981/10/08/1981100850/justel'),
  ref('dvz-short-stay', 'Kort verblijf — Dienst Vreemdelingenzaken', 'official-guidance', 'https://dofi.ibz.be/nl/themes/third-country-nationals/short-stay'),
  ref('directive-2004-38', 'Directive 2004/38/EC on the right of citizens of the Union to move and reside freely', 'eu-directive', 'https://eur-lex.europa.eu/eli/dir/2004/38/oj'),
  ref('ibz-residence-cards', 'Verblijfskaarten voor vreemdelingen — IBZ', 'official-guidance', 'https://www.ibz.rrn.fgov.be/nl/identiteitsdocumenten/vreemdelingenkaart/'),
];

const LAW = 'loi-1980-12-15-etrangers';

/** The five skills of SPEC §4 in miniature. */
export const FIXTURE_SKILLS: Skill[] = [
  buildSkill({
    name: 'arrival-in-belgium',
    title: 'Arriving in Belgium: which declaration or registration do you need?',
    description: 'Front door for anyone arriving in Belgium: asks nationality, length of stay and accommodation, then points to the right procedure. Use it when someone says they are moving to or visiting Belgium.',
    status: 'beta',
    documents: 'annex-3 annex-3ter annex-19',
    aliases: 'aankomst in België | arrivée en Belgique | Ankunft in Belgien | moving to Belgium | inschrijving gemeente | s’inscrire à la commune',
    next: 'annex-3-arrival-declaration annex-3ter-presence-declaration annex-19-eu-registration',
    scope: 'Everyone who arrives in Belgium and does not yet know which commune procedure applies.',
    legal: `The Aliens Act governs declarations of presence and registration [${LAW}].`,
    who: `Short stays of up to 90 days need a declaration within 3 working days [${LAW}, art. 5].`,
    documentsList: ['Passport or national identity card'],
    stages: [
      { title: 'Answer three questions', steps: ['Say your nationality, how long you stay and where you sleep.'] },
      { title: 'Go to the right procedure', steps: [`Non-EU short stay: annex 3 [${LAW}, art. 5].`, `EU citizen short stay: annex 3ter [ar-1981-10-08, art. 41].`] },
    ],
    verify: 'Your commune’s population or foreigners’ service.',
  }),
  buildSkill({
    name: 'annex-3-arrival-declaration',
    title: 'Declare your arrival as a non-EU visitor (annex 3)',
    description: 'For non-EU/EEA/Swiss nationals staying up to 90 days at a private address: the arrival declaration at the commune (aankomstverklaring, déclaration d’arrivée). Use it when a third-country visitor stays with friends or family.',
    audience: 'non-eu-national',
    documents: 'annex-3',
    aliases: 'aankomstverklaring | déclaration d’arrivée | bijlage 3 | annexe 3 | Anlage 3 | arrival declaration | Ankunftserklärung',
    scope: 'Non-EU nationals on a short stay at a private address. Hotel guests are declared by the hotel.',
    legal: `Article 5 of the Aliens Act [${LAW}, art. 5] and the royal decree [ar-1981-10-08, art. 5].`,
    who: `Within 3 working days of arrival [${LAW}, art. 5].`,
    documentsList: [`Passport with visa or entry stamp [dvz-short-stay]`, 'Address where you stay'],
    stages: [
      { title: 'Find your commune', steps: ['Look up the commune of the address where you sleep.'] },
      { title: 'Go to the counter', steps: [`Bring your passport [dvz-short-stay].`, 'Ask for the arrival declaration.'], deadline: `3 working days after arrival [${LAW}, art. 5]` },
      { title: 'Receive annex 3', steps: [`The commune hands you an annex 3 [ar-1981-10-08, art. 5].`], outcome: 'You hold an annex 3 valid for your stay.' },
      { title: 'Keep it with your passport', steps: ['Show it at police checks.'] },
    ],
    fees: ['Free of charge in most communes.'],
    surprises: ['Some communes only accept appointments booked online.'],
    contested: `Some commune pages say 8 days, the Act says 3 working days [${LAW}, art. 5] [dvz-short-stay]. Ask your commune.`,
    verify: 'Your commune’s foreigners’ service; the DVZ/OE page on short stays.',
    extraFiles: { 'checklist.md': '# Checklist\n\n- Passport\n- Address\n' },
  }),
  buildSkill({
    name: 'annex-3ter-presence-declaration',
    title: 'Declare your presence as an EU citizen (annex 3ter)',
    description: 'For EU/EEA/Swiss citizens and their family members on a short stay: the declaration of presence (melding van aanwezigheid, déclaration de présence, annex 3ter). Use it when an EU citizen stays up to 3 months at a private address.',
    audience: 'eu-citizen eu-family-member',
    documents: 'annex-3ter',
    aliases: 'melding van aanwezigheid | déclaration de présence | bijlage 3ter | annexe 3ter | Anlage 3ter | presence declaration | Anwesenheitsmeldung',
    scope: 'EU citizens and family members staying up to 3 months. Non-EU visitors need annex 3 instead.',
    legal: `Article 41bis of the Aliens Act [${LAW}, art. 41bis] and Directive 2004/38 [directive-2004-38, art. 5].`,
    who: `Within 10 working days of arrival [${LAW}, art. 41bis].`,
    documentsList: ['Identity card or passport'],
    stages: [
      { title: 'Go to the commune', steps: [`Declare your presence within 10 working days [${LAW}, art. 41bis].`] },
      { title: 'Receive annex 3ter', steps: [`You receive an annex 3ter [ar-1981-10-08, art. 41].`], outcome: 'You hold an annex 3ter.' },
    ],
    verify: 'Your commune.',
  }),
  buildSkill({
    name: 'annex-19-eu-registration',
    title: 'Register as an EU citizen for more than 3 months (annex 19 to EU card)',
    description: 'For EU/EEA/Swiss citizens staying more than 3 months: apply for registration (annex 19), police residence check, annex 8ter if asked, then the EU card. Use it when an EU citizen moves to Belgium to work, study or live.',
    audience: 'eu-citizen',
    documents: 'annex-19 annex-8ter eu-card',
    aliases: 'inschrijving als EU-burger | bijlage 19 | annexe 19 | Anlage 19 | EU-kaart | carte E | Anmeldung EU-Bürger | registration certificate',
    scope: 'EU citizens staying longer than 3 months.',
    legal: `Articles 40 and 50 of the Aliens Act [${LAW}, art. 40] [directive-2004-38, art. 8].`,
    who: `Apply within 3 months of arrival [${LAW}, art. 40].`,
    documentsList: ['Identity card', 'Proof of work, study or sufficient resources'],
    stages: [
      { title: 'Apply at the commune', steps: [`Ask for an annex 19 [ar-1981-10-08, art. 50].`] },
      { title: 'Police residence check', steps: ['A police officer checks that you live at the address.'] },
      { title: 'Hand in proof', steps: [`Bring proof within 3 months, or you receive an annex 8ter [ar-1981-10-08, art. 51].`] },
      { title: 'Collect the EU card', steps: ['Collect your EU card with your PIN and PUK letter.'], outcome: 'You hold an EU card.' },
    ],
    fees: ['The card costs about 20 euros; communes add their own fee.'],
    verify: 'Your commune’s foreigners’ service.',
  }),
  buildSkill({
    name: 'residence-card-renewal',
    title: 'Renew an electronic residence card (or replace a lost or stolen one)',
    description: 'For holders of a Belgian residence card (A, B, K, L, EU, EU+, F, F+) that expires, or is lost or stolen. Use it when the card expires within weeks or has gone missing.',
    audience: 'residence-card-holder',
    documents: 'eu-card',
    aliases: 'verblijfskaart vernieuwen | renouveler carte de séjour | Aufenthaltskarte verlängern | residence card renewal | verloren kaart | carte perdue',
    scope: 'Holders of an electronic residence card.',
    legal: `The royal decree sets the renewal rules [ar-1981-10-08, art. 35] [ibz-residence-cards].`,
    who: 'Start renewal 45 days before expiry.',
    documentsList: ['Your current card', 'A recent photo'],
    stages: [
      { title: 'Start before expiry', steps: [`Ask the commune for a renewal 45 days before expiry [ibz-residence-cards].`] },
      { title: 'Lost or stolen', steps: ['Report a stolen card to the police and a lost card to the commune.'] },
      { title: 'Collect the new card', steps: ['Collect it with the PIN/PUK letter.'] },
    ],
    fees: ['Card fee plus commune fee.'],
    verify: 'Your commune.',
  }),
];

function registryOf(references: Reference[]): Registry {
  const byId = new Map(references.map((r) => [r.id, r]));
  return {
    size: byId.size,
    get: (id) => byId.get(id),
    has: (id) => byId.has(id),
    list: () => [...byId.values()],
  };
}

/** A frozen Corpus over the given skills and references (defaults: the fixture corpus). */
export function fixtureCorpus(skills: Skill[] = FIXTURE_SKILLS, references: Reference[] = FIXTURE_REFERENCES, guidance: Guidance = createGuidance(createVocabulary({ start: 'arrival-in-belgium', facts: {} }), [])): Corpus {
  const byName = new Map(skills.map((s) => [s.name, s]));
  return Object.freeze({
    root: '/fixture',
    skills,
    getSkill: (name: string) => byName.get(name),
    registry: registryOf(references),
    guidance,
    diagnostics: [],
  });
}

let shipped: Promise<Corpus> | undefined;

/** The corpus shipped in this repository (skills/, references/, facts.yaml), loaded once per test file. */
export function shippedCorpus(): Promise<Corpus> {
  shipped ??= import('../../src/load-corpus.js').then(({ loadCorpus }) => loadCorpus(new URL('../..', import.meta.url).pathname, { cache: false }));
  return shipped;
}
