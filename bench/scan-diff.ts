/**
 * Differential check of the injection scanner: compares `scanInjection` of the working tree's `src/safety/` with the
 * scanner of another git revision (`--against REV`, default `HEAD`; its `src/safety/` is extracted with `git archive`
 * into `.cache/scan-diff/<commit>/`), finding by finding (rule, class, span, message), together with the normalised
 * text, the hidden-character list and the offset mapping, over the shipped skills and references, the test fixtures,
 * the 1 MiB adversarial strings, generated synthetic skills, and random mutations of all of them, in both scan
 * contexts. Use it when a change to the scanner must not change what it finds.
 * Run: node --import tsx bench/scan-diff.ts [--against REV] [mutations] [seed] [quick|full] [corpus root]
 * (quick: without the 1 MiB strings; a corpus root, such as one written by bench/generate.ts, adds every file under
 * it; exits 1 on the first difference)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scanInjection } from '../src/safety/injection.js';
import { ADVERSARIAL_STRINGS } from '../test/safety/adversarial-strings.js';
import { normalizeText } from '../src/safety/normalize.js';
import { COMMUNES, prng, pseudoWords, TOPICS } from './generate.js';
import { skillMarkdown } from './generate-text.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const againstAt = argv.indexOf('--against');
const against = againstAt >= 0 ? argv.splice(againstAt, 2)[1] : 'HEAD';
if (!against) throw new Error('--against needs a git revision, e.g. --against main');
const args = ['', '', ...argv];

/** The scanner of revision `rev`: its src/safety/ extracted under .cache/ (inside the repository, so its imports resolve). */
async function scannerAt(rev: string) {
  const commit = execFileSync('git', ['-C', root, 'rev-parse', '--verify', `${rev}^{commit}`], { encoding: 'utf8' }).trim();
  const dir = path.join(root, '.cache', 'scan-diff', commit);
  if (!existsSync(path.join(dir, 'src', 'safety', 'injection.ts'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git -C "$1" archive "$2" src/safety | tar -x -C "$3"`, 'sh', root, commit, dir]);
  }
  const at = (file: string) => pathToFileURL(path.join(dir, 'src', 'safety', file)).href;
  const injection = (await import(at('injection.ts'))) as { scanInjection: typeof scanInjection };
  const normalize = (await import(at('normalize.ts'))) as { normalizeText: typeof normalizeText };
  return { commit, scan: injection.scanInjection, normalize: normalize.normalizeText };
}
const reference = await scannerAt(against);
const referenceScan = reference.scan;
const referenceNormalize = reference.normalize;
const mutations = Number(args[2] ?? 3000);
const rand = prng(Number(args[3] ?? 7));

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(md|ya?ml|json|txt)$/.test(e)) out.push(p);
  }
  return out;
}

function fixtureStrings(): string[] {
  const out: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  for (const f of files(path.join(root, 'test', 'fixtures', 'safety'))) collect(JSON.parse(readFileSync(f, 'utf8')));
  return out;
}

const base: string[] = [];
for (const d of ['skills', 'references']) for (const f of files(path.join(root, d))) base.push(readFileSync(f, 'utf8'));
const shipped = base.length;
const corpus = args[5];
if (corpus) for (const f of files(corpus)) base.push(readFileSync(f, 'utf8'));
for (const f of files(path.join(root, 'test', 'fixtures', 'samples'))) base.push(readFileSync(f, 'utf8'));
const fragments = fixtureStrings();
base.push(...fragments);
const vocab = pseudoWords(rand, 400);
const references = Array.from({ length: 40 }, (_, i) => `ref-statute-${String(i).padStart(4, '0')}`);
for (let i = 0; i < 200; i++) {
  const topic = TOPICS[i % TOPICS.length]!;
  const commune = COMMUNES[i % COMMUNES.length]!;
  base.push(skillMarkdown({ index: i, name: `${topic[0]}-${commune}-${i}`, topic, commune, next: [], today: '2026-11-30', vocab, references, rand }).text);
}

/** Characters that stress normalisation, case folding and the keyword pass. */
const ODD = ['\u200b', '\u00a0', '\u00ad', '\u017f', '\u212a', '\u0130', 'İ', 'ß', 'ẞ', 'é', 'ü', 'і', 'о', 'а', 'е', '\ufeff', '\u202e', '\u2800', 'Ｉ', 'ﬁ', '\u0301', '\n', '. ', '; ', '! ', '? ', ' ', '\t', '<', '>', '@', ':', '/', '\\u0041', '%41', '&#x41;', '`', '"', "'", '’', '(', ')', '[', ']', '|', '-', '_', '0', '9'];
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (n: number): number => Math.floor(rand() * n);

function mutate(text: string): string {
  let t = text;
  const steps = 1 + int(6);
  for (let s = 0; s < steps; s++) {
    const at = int(t.length + 1);
    switch (int(13)) {
      case 0: t = t.slice(0, at) + pick(fragments) + t.slice(at); break;
      case 1: t = t.slice(0, at) + pick(ODD) + t.slice(at); break;
      case 2: t = t.slice(0, at) + t.slice(at + int(40)); break;
      case 3: { const len = int(60); t = t.slice(0, at) + t.slice(at, at + len).toUpperCase() + t.slice(at + len); break; }
      case 4: { const len = int(200); t = t.slice(0, at) + t.slice(at, at + len).repeat(2 + int(3)) + t.slice(at + len); break; }
      case 5: { const frag = pick(fragments); const i = int(frag.length); t = t.slice(0, at) + frag.slice(i, i + 1 + int(60)) + t.slice(at); break; }
      case 6: t = t.slice(0, at) + pick(ODD).repeat(1 + int(8)) + t.slice(at); break;
      case 7: { const len = 1 + int(12); t = t.slice(0, at) + t.slice(at, at + len).split('').reverse().join('') + t.slice(at + len); break; }
      case 8: { const c = 'abcdefghijklmnopqrstuvwxyzéü'[int(28)]!; t = t.slice(0, at) + c + t.slice(at + int(2)); break; }
      case 9: t = t.slice(0, at) + t.charAt(at + 1) + t.charAt(at) + t.slice(at + 2); break;
      case 11: if (rand() < 0.3) t = t.slice(0, at) + pick(fragments).slice(0, 300).repeat(150 + int(200)) + t.slice(at); break;
      case 10: { const len = int(800); t = t.slice(0, at) + t.slice(at, at + len).split('').join(pick(['\u200b', '\u2060', '\u{E0041}', '\u00ad', '\u2801'])) + t.slice(at + len); break; }
      default: { const from = int(t.length); t = t.slice(from, from + 50 + int(3000)); break; }
    }
  }
  return t;
}

let compared = 0;
let findings = 0;
const allow = [[], ['example.org'], ['github.com/quantumnomadcoder/probasile/']] as const;
/** The normalised text, every hidden-character run and the way back to original offsets agree too (PII reads them). */
function checkNormalize(text: string, label: string): void {
  const a = normalizeText(text);
  const b = referenceNormalize(text);
  const spans = Array.from({ length: 20 }, () => { const s = int(a.text.length + 2) - 1; return [s, s + int(50)] as const; });
  const show = (n: typeof a | typeof b) => JSON.stringify([n.text, n.invisible, spans.map(([s, e]) => n.toOriginal(s, e))]);
  if (show(a) !== show(b)) {
    console.error(`NORMALISATION DIFFERENCE (${label}) on text ${JSON.stringify(text.slice(0, 2000))}`);
    process.exit(1);
  }
}

function check(text: string, label: string): void {
  checkNormalize(text, label);
  for (const context of ['skill', 'observation'] as const) {
    const allowDomains = pick(allow);
    const a = JSON.stringify(scanInjection(text, { context, allowDomains }));
    const b = JSON.stringify(referenceScan(text, { context, allowDomains }));
    compared++;
    findings += (JSON.parse(a) as unknown[]).length;
    if (a !== b) {
      console.error(`DIFFERENCE (${label}, ${context}, allow ${JSON.stringify(allowDomains)}) on text ${JSON.stringify(text.slice(0, 2000))}\nnew:    ${a}\n${against}: ${b}`);
      process.exit(1);
    }
  }
}

base.forEach((t, i) => check(t, `base ${i}`));
if (args[4] !== 'quick') for (const a of ADVERSARIAL_STRINGS) check(a.text, `adversarial ${a.name}`);
for (let i = 0; i < mutations; i++) {
  const n = rand() < 0.2 ? 2 + int(4) : 1;
  const text = Array.from({ length: n }, () => mutate(pick(base))).join(pick(['', '\n', ' ', '. ']));
  check(text, `mutation ${i}`);
}
console.log(`scan-diff: ${compared} scans compared (${shipped} shipped skill and reference files, ${base.length - shipped} other base texts, ${args[4] === 'quick' ? 0 : ADVERSARIAL_STRINGS.length} adversarial strings, ${mutations} mutated texts; both contexts), ${findings} findings, 0 differences from ${against} (${reference.commit.slice(0, 10)})`);
