/**
 * Synthetic corpus generator for the benchmarks. It writes N skills with the size and structure of the shipped
 * ones — 15–22 KB of SKILL.md, every section in order, 6–9 stages of five to eight cited steps with Deadline and
 * Outcome lines, 150–250 citation tags (many with locators), two to six contested notes, bold labels, italics,
 * inline code, accented and typographic characters — each with a procedure file whose deadlines the prose states,
 * plus the references they cite, a fact vocabulary (`facts.yaml`) and a `skills.lock.json` recording every file.
 * Text is assembled from templates and a seeded vocabulary, so every skill differs, search has many partial
 * matches to rank, and the same seed gives the same bytes. The output lints clean with `loadCorpus`.
 *
 * CLI: `node --import tsx bench/generate.ts <dir> <count> [seed]`
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLock, type SkillsLock } from '../src/corpus/lock.js';
import { procedureFile, skillMarkdown, VOCABULARY, type SkillPlan } from './generate-text.js';

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
  /** Total bytes of all procedure files written. */
  procedureBytes: number;
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
export const TOPICS: ReadonlyArray<readonly [slug: string, en: string, nl: string, fr: string, de: string]> = [
  ['parking-permit', 'residents parking permit', 'bewonerskaart parkeren', 'carte de riverain', 'Anwohnerparkausweis'],
  ['dog-registration', 'dog registration', 'registratie hond', 'enregistrement du chien', 'Hundeanmeldung'],
  ['building-permit', 'building permit', 'omgevingsvergunning', 'permis d’urbanisme', 'Baugenehmigung'],
  ['marriage-declaration', 'declaration of marriage', 'huwelijksaangifte', 'déclaration de mariage', 'Eheanmeldung'],
  ['birth-registration', 'birth registration', 'geboorteaangifte', 'déclaration de naissance', 'Geburtsanzeige'],
  ['address-change', 'change of address', 'adreswijziging', 'changement d’adresse', 'Adressänderung'],
  ['waste-container', 'waste container request', 'afvalcontainer aanvragen', 'conteneur à déchets', 'Müllbehälter'],
  ['driving-licence-exchange', 'driving licence exchange', 'omruilen rijbewijs', 'échange du permis de conduire', 'Führerscheinumtausch'],
  ['cohabitation-statement', 'statutory cohabitation', 'wettelijke samenwoning', 'cohabitation légale', 'gesetzliches Zusammenwohnen'],
  ['event-permit', 'event permit', 'evenementenvergunning', 'autorisation d’événement', 'Veranstaltungsgenehmigung'],
  ['terrace-permit', 'terrace permit', 'terrasvergunning', 'autorisation de terrasse', 'Terrassengenehmigung'],
  ['nationality-declaration', 'nationality declaration', 'nationaliteitsverklaring', 'déclaration de nationalité', 'Staatsangehörigkeitserklärung'],
  ['name-change', 'change of first name', 'voornaamswijziging', 'changement de prénom', 'Vornamensänderung'],
  ['euthanasia-declaration', 'advance euthanasia declaration', 'wilsverklaring euthanasie', 'déclaration anticipée', 'Patientenverfügung'],
  ['organ-donation', 'organ donation registration', 'orgaandonatie registreren', 'don d’organes', 'Organspende'],
  ['burial-permit', 'burial permit', 'toelating tot begraven', 'permis d’inhumer', 'Bestattungsgenehmigung'],
  ['good-conduct-certificate', 'certificate of good conduct', 'uittreksel strafregister', 'extrait de casier judiciaire', 'Führungszeugnis'],
  ['travel-pass-minor', 'travel authorisation for a minor', 'reistoelating minderjarige', 'autorisation parentale de voyage', 'Reisegenehmigung Minderjährige'],
  ['kids-id', 'childrens identity card', 'kids-ID', 'kids-ID enfant', 'Kinderausweis'],
  ['voter-registration', 'voter registration', 'kiezersregistratie', 'inscription électorale', 'Wählerregistrierung'],
  ['street-occupation', 'street occupation permit', 'inname openbaar domein', 'occupation de voirie', 'Straßennutzung'],
  ['noise-exemption', 'noise exemption', 'geluidsontheffing', 'dérogation au bruit', 'Lärmausnahme'],
  ['tree-felling', 'tree felling permit', 'kapvergunning', 'permis d’abattage', 'Baumfällgenehmigung'],
  ['second-residence', 'second residence tax', 'tweede verblijf belasting', 'taxe seconde résidence', 'Zweitwohnsitzsteuer'],
];

export const COMMUNES = [
  'aalst', 'anderlecht', 'arlon', 'bastogne', 'beveren', 'brugge', 'charleroi', 'dinant', 'eupen', 'genk', 'gent', 'hasselt',
  'ieper', 'ixelles', 'kortrijk', 'leuven', 'liege', 'lier', 'mechelen', 'mons', 'namur', 'nivelles', 'oostende', 'ronse',
  'schaerbeek', 'spa', 'tienen', 'tournai', 'turnhout', 'uccle', 'verviers', 'waregem', 'waterloo', 'wavre', 'zottegem',
];

const KINDS = ['statute', 'royal-decree', 'ministerial-decree', 'official-guidance', 'commune-page', 'secondary'] as const;

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

/** Seeded pseudo-words: the long tail of the vocabulary (rare terms, local names). */
export function pseudoWords(rand: () => number, count: number): string[] {
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

const yamlString = (s: string): string => JSON.stringify(s);
const digest = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/**
 * Writes `count` skills, their procedure files, the references they cite and the fact vocabulary under `root`
 * (created if missing). Returns names and sample queries. Skills link to each other through `next` (always to
 * earlier skills, so every name resolves).
 */
export async function generateCorpus(root: string, count: number, options: GenerateOptions = {}): Promise<GeneratedCorpus> {
  const rand = prng(options.seed ?? 1);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const vocab = pseudoWords(rand, 400);
  const refCount = Math.max(12, Math.min(600, Math.ceil(count / 2)));
  const skillsDir = join(root, 'skills');
  const refsDir = join(root, 'references');
  await mkdir(skillsDir, { recursive: true });
  await mkdir(refsDir, { recursive: true });

  const lock: SkillsLock = { lockfileVersion: 2, skills: {}, references: {}, corpus: {} };
  const references: string[] = [];
  const refWrites: Promise<void>[] = [];
  for (let r = 0; r < refCount; r++) {
    const kind = KINDS[r % KINDS.length]!;
    const id = `ref-${kind}-${String(r).padStart(4, '0')}`;
    references.push(id);
    const topic = pick(rand, TOPICS);
    const lines = [
      `title: ${yamlString(`${topic[3]} — ${topic[2]} (${pick(rand, vocab)} ${r})`)}`,
      `short_title: ${yamlString(`Synthetic source ${r}: ${topic[1]}`)}`,
      `kind: ${kind}`,
      `issuer: ${yamlString(`Synthetic issuer ${r % 17} (${pick(rand, COMMUNES)})`)}`,
      `url: "https://example.belgium.be/source/${id}"`,
      `languages: [${pick(rand, ['fr, nl', 'nl', 'fr', 'de, fr, nl'])}]`,
      `checked: ${today}`,
    ];
    if (kind === 'statute' || kind === 'royal-decree') lines.push(`numac: "${String(1_000_000_000 + r * 7919).slice(0, 10)}"`);
    lines.push(`notes: ${yamlString(`Read on ${today}. The ${topic[1]} is handled by the commune; the page lists the documents, the fee and the counter hours (${topic[2]}, ${topic[3]}).`)}`);
    const yaml = `${lines.join('\n')}\n`;
    lock.references[id] = digest(yaml);
    refWrites.push(writeFile(join(refsDir, `${id}.yaml`), yaml));
  }
  await Promise.all(refWrites);
  // Every reference is cited at least once: skill i starts its citations at reference i (mod the registry size).
  const facts = VOCABULARY;
  lock.corpus['facts.yaml'] = digest(facts);
  await writeFile(join(root, 'facts.yaml'), facts);

  const skills: string[] = [];
  const queries = new Set<string>();
  let pending: Promise<void>[] = [];
  let skillBytes = 0;
  let procedureBytes = 0;
  for (let i = 0; i < count; i++) {
    const topic = TOPICS[i % TOPICS.length]!;
    const commune = COMMUNES[Math.floor(i / TOPICS.length) % COMMUNES.length]!;
    const name = `${topic[0]}-${commune}-${i}`;
    const next = i > 0 && rand() < 0.6 ? [skills[Math.floor(rand() * i)]!] : [];
    skills.push(name);
    const plan: SkillPlan = { index: i, name, topic, commune, next, today, vocab, references, rand };
    const md = skillMarkdown(plan);
    const procedure = procedureFile(plan);
    const version = `1.${i % 7}.${i % 3}`;
    queries.add(topic[1]);
    queries.add(`${topic[2]} ${commune}`);
    queries.add(topic[3]);
    queries.add(`${md.local} ${commune}`);
    skillBytes += Buffer.byteLength(md.text);
    procedureBytes += Buffer.byteLength(procedure);
    lock.skills[name] = { [version]: { 'SKILL.md': digest(md.text), 'procedure.yaml': digest(procedure) } };
    pending.push(
      (async () => {
        await mkdir(join(skillsDir, name), { recursive: true });
        await Promise.all([writeFile(join(skillsDir, name, 'SKILL.md'), md.text), writeFile(join(skillsDir, name, 'procedure.yaml'), procedure)]);
      })(),
    );
    if (pending.length >= 64) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  await writeLock(root, lock);
  return { root, skills, references, queries: [...queries], skillBytes, procedureBytes };
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
    process.stdout.write(`wrote ${out.skills.length} skills (${(out.skillBytes / out.skills.length / 1024).toFixed(1)} KB of SKILL.md each on average) and ${out.references.length} references to ${dir}\n`);
  }
}
