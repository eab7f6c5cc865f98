/**
 * Synthetic corpus generator for the benchmarks: N valid skills (frontmatter, all sections in order, stages with
 * deadlines and outcomes, contested notes, multilingual aliases, citations with locators) and the references they
 * cite, written as `skills/` + `references/` under a folder. Text is assembled from templates and a seeded
 * vocabulary so every skill differs, search has many partial matches to rank, and the same seed gives the same
 * bytes. The output lints clean (no errors) with `loadCorpus`: it carries a `skills.lock.json` recording every file.
 *
 * CLI: `node --import tsx bench/generate.ts <dir> <count> [seed]`
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLock, type SkillsLock } from '../src/corpus/lock.js';

/** Options of {@link generateCorpus}. */
export interface GenerateOptions {
  /** Seed of the pseudo-random generator (default 1). */
  seed?: number;
  /** Date written as `last-verified` and reference `checked`, `YYYY-MM-DD` (default: today, UTC). */
  today?: string;
}

/** What was written. */
export interface GeneratedCorpus {
  root: string;
  skills: string[];
  references: string[];
  /** Queries a user might type against this corpus (topic words, aliases, communes), for search benchmarks. */
  queries: string[];
  /** Total bytes of all SKILL.md files written. */
  skillBytes: number;
}

/** Small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Procedure topics with their names in EN / NL / FR / DE (become aliases and title words). */
const TOPICS: ReadonlyArray<readonly [slug: string, en: string, nl: string, fr: string, de: string]> = [
  ['parking-permit', 'residents parking permit', 'bewonerskaart parkeren', 'carte de riverain', 'Anwohnerparkausweis'],
  ['dog-registration', 'dog registration', 'registratie hond', 'enregistrement du chien', 'Hundeanmeldung'],
  ['building-permit', 'building permit', 'omgevingsvergunning', 'permis d urbanisme', 'Baugenehmigung'],
  ['marriage-declaration', 'declaration of marriage', 'huwelijksaangifte', 'déclaration de mariage', 'Eheanmeldung'],
  ['birth-registration', 'birth registration', 'geboorteaangifte', 'déclaration de naissance', 'Geburtsanzeige'],
  ['address-change', 'change of address', 'adreswijziging', 'changement d adresse', 'Adressänderung'],
  ['waste-container', 'waste container request', 'afvalcontainer aanvragen', 'conteneur à déchets', 'Müllbehälter'],
  ['driving-licence-exchange', 'driving licence exchange', 'omruilen rijbewijs', 'échange du permis de conduire', 'Führerscheinumtausch'],
  ['cohabitation-statement', 'statutory cohabitation', 'wettelijke samenwoning', 'cohabitation légale', 'gesetzliches Zusammenwohnen'],
  ['event-permit', 'event permit', 'evenementenvergunning', 'autorisation d événement', 'Veranstaltungsgenehmigung'],
  ['terrace-permit', 'terrace permit', 'terrasvergunning', 'autorisation de terrasse', 'Terrassengenehmigung'],
  ['nationality-declaration', 'nationality declaration', 'nationaliteitsverklaring', 'déclaration de nationalité', 'Staatsangehörigkeitserklärung'],
  ['name-change', 'change of first name', 'voornaamswijziging', 'changement de prénom', 'Vornamensänderung'],
  ['euthanasia-declaration', 'advance euthanasia declaration', 'wilsverklaring euthanasie', 'déclaration anticipée', 'Patientenverfügung'],
  ['organ-donation', 'organ donation registration', 'orgaandonatie registreren', 'don d organes', 'Organspende'],
  ['burial-permit', 'burial permit', 'toelating tot begraven', 'permis d inhumer', 'Bestattungsgenehmigung'],
  ['good-conduct-certificate', 'certificate of good conduct', 'uittreksel strafregister', 'extrait de casier judiciaire', 'Führungszeugnis'],
  ['travel-pass-minor', 'travel authorisation for a minor', 'reistoelating minderjarige', 'autorisation parentale de voyage', 'Reisegenehmigung Minderjährige'],
  ['kids-id', 'childrens identity card', 'kids-ID', 'kids-ID enfant', 'Kinderausweis'],
  ['voter-registration', 'voter registration', 'kiezersregistratie', 'inscription électorale', 'Wählerregistrierung'],
  ['street-occupation', 'street occupation permit', 'inname openbaar domein', 'occupation de voirie', 'Straßennutzung'],
  ['noise-exemption', 'noise exemption', 'geluidsontheffing', 'dérogation au bruit', 'Lärmausnahme'],
  ['tree-felling', 'tree felling permit', 'kapvergunning', 'permis d abattage', 'Baumfällgenehmigung'],
  ['second-residence', 'second residence tax', 'tweede verblijf belasting', 'taxe seconde résidence', 'Zweitwohnsitzsteuer'],
];

const COMMUNES = [
  'aalst', 'anderlecht', 'arlon', 'bastogne', 'beveren', 'brugge', 'charleroi', 'dinant', 'eupen', 'genk', 'gent', 'hasselt',
  'ieper', 'ixelles', 'kortrijk', 'leuven', 'liege', 'lier', 'mechelen', 'mons', 'namur', 'nivelles', 'oostende', 'ronse',
  'schaerbeek', 'spa', 'tienen', 'tournai', 'turnhout', 'uccle', 'verviers', 'waregem', 'waterloo', 'wavre', 'zottegem',
];

const AUDIENCES = ['resident', 'newcomer', 'eu-citizen', 'non-eu-national', 'student', 'employer', 'family-member', 'senior'];
const KINDS = ['statute', 'royal-decree', 'ministerial-decree', 'official-guidance', 'commune-page', 'secondary'] as const;
const LOCATORS = ['art. 1', 'art. 3', 'art. 12bis', 'art. 41', '§2', '§4', 'p. 3', 'p. 17', 'art. 7, §1'];

/** A vocabulary of plain words plus seeded pseudo-words, drawn with a skewed distribution (common words repeat). */
const COMMON = (
  'commune office appointment counter form signature photo proof address register card certificate fee deadline ' +
  'application decision appeal copy original translation legalised notice letter visit police check household ' +
  'tenant landlord owner neighbour child parent partner employer school doctor hospital insurance tax payment ' +
  'receipt day week month year working calendar holiday exception renewal expiry online paper desk queue'
).split(' ');

function pseudoWords(rand: () => number, count: number): string[] {
  const syll = ['ka', 've', 'lo', 'rin', 'mar', 'tel', 'du', 'sa', 'ber', 'gen', 'vos', 'li', 'pra', 'tun', 'el', 'dor', 'wi', 'zam'];
  const words = new Set<string>();
  while (words.size < count) {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += syll[Math.floor(rand() * syll.length)];
    words.add(w);
  }
  return [...words];
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
/** Skewed pick: low indexes are much more likely (roughly Zipf-like). */
const skew = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(Math.pow(rand(), 2.2) * items.length)]!;

function sentence(rand: () => number, vocab: readonly string[], words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(rand() < 0.55 ? pick(rand, COMMON) : skew(rand, vocab));
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

/**
 * Writes `count` skills and their references under `root` (created if missing). Returns names and sample
 * queries. Skills link to each other through `next` (always to earlier skills, so every name resolves).
 */
export async function generateCorpus(root: string, count: number, options: GenerateOptions = {}): Promise<GeneratedCorpus> {
  const rand = prng(options.seed ?? 1);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const vocab = pseudoWords(rand, 400);
  const refCount = Math.max(8, Math.min(400, Math.ceil(count / 5)));
  const skillsDir = join(root, 'skills');
  const refsDir = join(root, 'references');
  await mkdir(skillsDir, { recursive: true });
  await mkdir(refsDir, { recursive: true });

  const references: string[] = [];
  const refWrites: Promise<void>[] = [];
  const lock: SkillsLock = { lockfileVersion: 2, skills: {}, references: {}, corpus: {} };
  const digest = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
  for (let r = 0; r < refCount; r++) {
    const kind = KINDS[r % KINDS.length]!;
    const id = `ref-${kind}-${String(r).padStart(4, '0')}`;
    references.push(id);
    const title = `${pick(rand, TOPICS)[2]} ${sentence(rand, vocab, 4)}`;
    const lines = [
      `title: ${yamlString(title)}`,
      `short_title: ${yamlString(`Synthetic source ${r}`)}`,
      `kind: ${kind}`,
      `issuer: ${yamlString(`Synthetic issuer ${r % 17}`)}`,
      `url: "https://example.belgium.be/source/${id}"`,
      `languages: [${pick(rand, ['fr, nl', 'nl', 'fr', 'de, fr, nl'])}]`,
      `checked: ${today}`,
    ];
    if (kind === 'statute' || kind === 'royal-decree') lines.push(`numac: "${String(1_000_000_000 + r * 7919).slice(0, 10)}"`);
    const yaml = `${lines.join('\n')}\n`;
    lock.references[id] = digest(yaml);
    refWrites.push(writeFile(join(refsDir, `${id}.yaml`), yaml));
  }
  await Promise.all(refWrites);

  const cite = (i: number, forced?: number): string => {
    const id = forced === undefined ? skew(rand, references) : references[forced % references.length]!;
    return rand() < 0.5 ? `[${id}]` : `[${id}, ${pick(rand, LOCATORS)}]`;
  };

  const skills: string[] = [];
  const queries = new Set<string>();
  let pending: Promise<void>[] = [];
  let skillBytes = 0;
  for (let i = 0; i < count; i++) {
    const topic = TOPICS[i % TOPICS.length]!;
    const commune = COMMUNES[Math.floor(i / TOPICS.length) % COMMUNES.length]!;
    const name = `${topic[0]}-${commune}-${i}`;
    skills.push(name);
    const [, en, nl, fr, de] = topic;
    const audience = [pick(rand, AUDIENCES), pick(rand, AUDIENCES)].filter((a, k, all) => all.indexOf(a) === k);
    const title = `${en.charAt(0).toUpperCase()}${en.slice(1)} in ${commune.charAt(0).toUpperCase()}${commune.slice(1)} (${sentence(rand, vocab, 2).toLowerCase()})`;
    const local = skew(rand, vocab);
    const aliases = [nl, fr, de, `${en} ${commune}`, `${local} ${commune}`];
    const next = i > 0 && rand() < 0.6 ? [skills[Math.floor(rand() * i)]!] : [];
    const description =
      `Walks a ${audience.join(' or ')} through the ${en} (${nl}, ${fr}) at the commune of ${commune}: deadlines, documents, fees and the ` +
      `usual surprises. Use it when someone in ${commune} needs the ${en} or asks about ${local}.`;
    queries.add(en);
    queries.add(`${nl} ${commune}`);
    queries.add(fr);
    queries.add(`${local} ${skew(rand, COMMON)}`);

    const para = (sentences: number, forced?: number) =>
      Array.from({ length: sentences }, (_, k) => `${sentence(rand, vocab, 8 + Math.floor(rand() * 10))} ${cite(i, k === 0 ? forced : undefined)}.`).join(' ');
    const bullets = (n: number) => Array.from({ length: n }, () => `- ${sentence(rand, vocab, 6 + Math.floor(rand() * 8))} ${cite(i)}.`).join('\n');
    const stageCount = 2 + Math.floor(rand() * 5);
    const stages = Array.from({ length: stageCount }, (_, s) => {
      const lines = [`### Stage ${s + 1} — ${sentence(rand, vocab, 3)}`, '', bullets(2 + Math.floor(rand() * 3)), ''];
      if (rand() < 0.5) lines.push(`Deadline: ${1 + Math.floor(rand() * 30)} working days after the ${pick(rand, COMMON)} ${cite(i)}.`);
      lines.push(`Outcome: ${sentence(rand, vocab, 6)} ${cite(i)}.`, '');
      return lines.join('\n');
    });
    const contested = (k: number) =>
      Array.from({ length: k }, () =>
        `> **Contested:** ${sentence(rand, vocab, 10)} ${cite(i)}. ${sentence(rand, vocab, 9)} ${cite(i)}. What to do: ask the commune of ${commune} which reading it applies.`,
      ).join('\n\n');

    const md = [
      '---',
      `name: ${name}`,
      `description: ${yamlString(description)}`,
      'license: CC-BY-4.0',
      'metadata:',
      `  title: ${yamlString(title)}`,
      `  version: "1.${i % 7}.${i % 3}"`,
      `  status: ${yamlString(pick(rand, ['draft', 'alpha', 'beta', 'stable']))}`,
      `  last-verified: "${today}"`,
      '  jurisdiction: "BE"',
      `  audience: ${yamlString(audience.join(' '))}`,
      `  documents: ${yamlString(`form-${i % 40} annex-${i % 12}`)}`,
      `  aliases: ${yamlString(aliases.join(' | '))}`,
      ...(next.length > 0 ? [`  next: ${yamlString(next.join(' '))}`] : []),
      '---',
      '',
      `# ${title}`,
      '',
      '## Scope',
      '',
      para(2, i),
      '',
      `This skill is not for people outside ${commune}; they need the ${en} skill of their own commune.`,
      '',
      '## Legal basis',
      '',
      bullets(2 + Math.floor(rand() * 3)),
      '',
      '## Who and when',
      '',
      para(2 + Math.floor(rand() * 3)),
      '',
      contested(1 + Math.floor(rand() * 2)),
      '',
      '## Documents',
      '',
      bullets(3 + Math.floor(rand() * 3)),
      '',
      '## Stages',
      '',
      ...stages,
      '## Fees',
      '',
      `- EUR ${5 + Math.floor(rand() * 120)} at the counter ${cite(i)}.`,
      '',
      '## Known surprises',
      '',
      bullets(2 + Math.floor(rand() * 2)),
      '',
      '## Verify with',
      '',
      `- The population service of ${commune} ${cite(i)}.`,
      '',
    ].join('\n');
    skillBytes += Buffer.byteLength(md);
    lock.skills[name] = { [`1.${i % 7}.${i % 3}`]: { 'SKILL.md': digest(md) } };
    pending.push(
      (async () => {
        await mkdir(join(skillsDir, name), { recursive: true });
        await writeFile(join(skillsDir, name, 'SKILL.md'), md);
      })(),
    );
    if (pending.length >= 64) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  await writeLock(root, lock);
  return { root, skills, references, queries: [...queries], skillBytes };
}

/** Generates into a fresh temporary folder; call `cleanup()` when done. */
export async function generateTempCorpus(count: number, options: GenerateOptions = {}): Promise<GeneratedCorpus & { cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), `loket-bench-${count}-`));
  const corpus = await generateCorpus(root, count, options);
  return { ...corpus, cleanup: () => rm(root, { recursive: true, force: true }) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [dir, count, seed] = process.argv.slice(2);
  if (!dir || !count) {
    process.stderr.write('usage: node --import tsx bench/generate.ts <dir> <count> [seed]\n');
    process.exitCode = 2;
  } else {
    const out = await generateCorpus(dir, Number(count), { seed: seed ? Number(seed) : 1 });
    process.stdout.write(`wrote ${out.skills.length} skills and ${out.references.length} references to ${dir}\n`);
  }
}
