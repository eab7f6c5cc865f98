import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LintRule } from '../lint/rule.js';
import type { parseReference } from '../references/load.js';
import { createRegistry } from '../references/registry.js';
import type { Reference } from '../references/schema.js';
import { digestOf } from '../skill/digest.js';
import type { Skill, SkillFile } from '../skill/schema.js';
import { checkCorpus } from './check.js';
import { checkLock, LOCK_RULES, readLock } from './lock.js';
import { defaultCacheDir, entryKey, openParseCache, type ParsedEntry } from './parse-cache.js';
import { checkSupportingFile } from './served-files.js';
import type { Corpus } from './types.js';
import { createGuidance } from '../guidance/guidance.js';
import { checkAgreement } from '../procedures/agreement.js';
import { citedIds, compileProcedure, PROCEDURE_FILE, type CompiledProcedure } from '../procedures/compile.js';
import { EMPTY_VOCABULARY, parseVocabulary, VOCABULARY_FILE, type FactVocabulary } from '../procedures/vocabulary.js';
import { resolveWinsOver } from '../guidance/guidance.js';

/** Limits from the Skills extension (K4): files and bytes per skill, and our own cap on SKILL.md. */
export const LIMITS = { filesPerSkill: 512, bytesPerSkill: 16 * 1024 * 1024, skillMdBytes: 256 * 1024 } as const;

export interface LoadOptions {
  /** Lint rules run on every SKILL.md (default: all rules of `src/lint/rules`). */
  rules?: readonly LintRule[];
  /** Date used for age warnings, `YYYY-MM-DD` (default: today, UTC). */
  today?: string;
  /**
   * Folder of the parse cache (default: the user's cache folder, see `defaultCacheDir`), or `false` to parse
   * every file. The cache maps the digest of each file to its parse and lint result, so only new or changed
   * files are parsed; it is never read from inside the corpus tree and only trusted when it authenticates as
   * written by this user's loket (see `parse-cache.ts`).
   */
  cache?: string | false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as UTF-8 text, or returns undefined for binary content (NUL bytes or invalid UTF-8). */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Loads `skills/` and `references/` under `root` once into an immutable corpus: every skill parsed and its files
 * digested, every reference validated, every citation resolved. Problems are collected as diagnostics; a skill
 * with errors is left out of `skills` but never crashes the load.
 */
export async function loadCorpus(root: string, options: LoadOptions = {}): Promise<Corpus> {
  const diagnostics: Diagnostic[] = [];
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  const fileProblem = (file: string, ruleId: string, message: string) =>
    diagnostics.push({ file, line: 1, column: 1, severity: 'error', ruleId, message });

  // References
  const variant = options.rules ? options.rules.map((r) => r.id).join(',') : 'default-rules';
  const cache = options.cache === false ? undefined : await openParseCache({ dir: options.cache ?? defaultCacheDir(), root, variant });
  /** Injection scan of a served text file other than SKILL.md (SECURITY K11), cached by digest like a parse. */
  const scanServed = async (path: string, text: string, digest: string, format: Parameters<typeof import('../lint/served-text.js').lintServedText>[2], asReference = false): Promise<Diagnostic[]> => {
    const key = entryKey(path, digest, 'scan');
    let found = cache?.get<Diagnostic[]>(key);
    if (!found) {
      const { lintServedText } = await import('../lint/served-text.js');
      found = lintServedText(path, text, format, asReference ? { allowDomains: (await import('../safety/domains.js')).REFERENCE_SOURCES } : {});
      cache?.set(key, found);
    }
    return found;
  };
  const referenceDigests: Record<string, string> = {};
  const references: Reference[] = [];
  const refDir = join(root, 'references');
  // Read every registry file at once (the disk waits overlap), then parse in name order.
  const refFiles = await Promise.all(
    (await listDir(refDir)).sort().map(async (name) => {
      const full = join(refDir, name);
      return { name, full, bytes: (await isFile(full)) ? new Uint8Array(await readFile(full)) : undefined };
    }),
  );
  for (const { name, full, bytes } of refFiles) {
    if (!bytes) continue;
    if (!/\.ya?ml$/.test(name)) {
      fileProblem(rel(full), 'reference-file', 'Only `<id>.yaml` files belong in references/; move or remove this file');
      continue;
    }
    const text = decodeText(bytes);
    if (text === undefined) {
      fileProblem(rel(full), 'reference-yaml', 'This file is not UTF-8 text; a reference is a YAML file');
      continue;
    }
    const digest = digestOf(bytes);
    const key = entryKey(rel(full), digest);
    let result = cache?.get<ReturnType<typeof parseReference>>(key);
    if (!result) {
      // The YAML parser loads only when a registry file is new or changed.
      result = (await import('../references/load.js')).parseReference(rel(full), text);
      cache?.set(key, result);
    }
    diagnostics.push(...result.diagnostics);
    // Every string of a reference reaches assistants (resolve_citation, reference://, pages): same rules as skills.
    const scan = await scanServed(rel(full), text, digest, 'yaml', true);
    diagnostics.push(...scan);
    if (result.reference) referenceDigests[result.reference.id] = digest;
    if (result.reference && !scan.some((d) => d.severity === 'error')) references.push(Object.freeze({ ...result.reference, languages: Object.freeze([...result.reference.languages]) as string[] }));
  }
  const registry = createRegistry(references);

  // The fact vocabulary: every fact a procedure file may read. Its questions reach assistants, so it is scanned and
  // locked like every other served file; a vocabulary with an injection error is not used.
  const rootDigests: Record<string, string> = {};
  let vocabulary: FactVocabulary = EMPTY_VOCABULARY;
  const vocabularyPath = join(root, VOCABULARY_FILE);
  const hasVocabulary = await isFile(vocabularyPath);
  if (hasVocabulary) {
    const bytes = new Uint8Array(await readFile(vocabularyPath));
    const text = decodeText(bytes);
    const digest = digestOf(bytes);
    rootDigests[VOCABULARY_FILE] = digest;
    if (text === undefined) fileProblem(VOCABULARY_FILE, 'facts-yaml', 'facts.yaml is not UTF-8 text');
    else {
      const scan = await scanServed(VOCABULARY_FILE, text, digest, 'yaml');
      diagnostics.push(...scan);
      const parsed = parseVocabulary(VOCABULARY_FILE, text);
      diagnostics.push(...parsed.diagnostics);
      if (parsed.vocabulary && !scan.some((d) => d.severity === 'error')) vocabulary = parsed.vocabulary;
    }
  }
  const procedures = new Map<string, CompiledProcedure>();
  const skillTexts = new Map<string, { path: string; text: string }>();

  // Skills: parsed (or taken from the parse cache by digest) and linted one by one.
  const skills: Skill[] = [];
  const skillsDir = join(root, 'skills');
  for (const folder of (await listDir(skillsDir)).sort()) {
    const dir = join(skillsDir, folder);
    if (!(await isDirectory(dir))) {
      fileProblem(rel(dir), 'skill-folder', 'Only folders belong in skills/: put this file inside a skill folder or remove it');
      continue;
    }
    const skillMdPath = `${rel(dir)}/SKILL.md`;
    const paths = await walk(dir);
    if (!paths.includes(join(dir, 'SKILL.md'))) {
      fileProblem(skillMdPath, 'skill-missing', `The folder skills/${folder} has no SKILL.md; add one or remove the folder`);
      continue;
    }
    if (paths.length > LIMITS.filesPerSkill) fileProblem(skillMdPath, 'skill-size', `skills/${folder} has ${paths.length} files; a skill holds at most ${LIMITS.filesPerSkill}`);
    let total = 0;
    let skillText: string | undefined;
    let skillBytes: Uint8Array | undefined;
    const extra: SkillFile[] = [];
    const contents = await Promise.all(paths.map(async (p) => new Uint8Array(await readFile(p))));
    for (const [i, p] of paths.entries()) {
      const bytes = contents[i]!;
      total += bytes.byteLength;
      const inSkill = relative(dir, p).split(sep).join('/');
      if (inSkill === 'SKILL.md') {
        const text = decodeText(bytes);
        if (text === undefined) fileProblem(rel(p), 'skill-file-binary', 'SKILL.md is not UTF-8 text; save it as UTF-8 Markdown');
        else {
          skillText = text;
          skillBytes = bytes;
        }
        continue;
      }
      // Supporting files are served too (skills/get, skill://, HTTP): allowed types only, text scanned.
      const check = checkSupportingFile(inSkill, bytes);
      if (!check.ok) {
        fileProblem(rel(p), check.ruleId, check.message);
        continue;
      }
      const digest = digestOf(bytes);
      if (check.text !== undefined && check.format) diagnostics.push(...(await scanServed(rel(p), check.text, digest, check.format)));
      extra.push({ path: inSkill, bytes, digest, size: bytes.byteLength, mimeType: check.mimeType });
    }
    if (total > LIMITS.bytesPerSkill) fileProblem(skillMdPath, 'skill-size', `skills/${folder} holds ${total} bytes; a skill holds at most 16 MiB`);
    if (skillText === undefined || !skillBytes) continue;
    if (skillBytes.byteLength > LIMITS.skillMdBytes) fileProblem(skillMdPath, 'skill-size', `SKILL.md is ${skillBytes.byteLength} bytes; keep it under 256 KiB and move detail to supporting files`);
    const skillMd: SkillFile = { path: 'SKILL.md', bytes: skillBytes, digest: digestOf(skillBytes), size: skillBytes.byteLength, mimeType: 'text/markdown' };
    const files = [skillMd, ...extra.sort((a, b) => a.path.localeCompare(b.path))];
    const key = entryKey(skillMdPath, skillMd.digest);
    let entry = cache?.get<ParsedEntry>(key);
    if (!entry) {
      entry = await parseAndLint(skillMdPath, skillText, options.rules);
      cache?.set(key, entry);
    }
    diagnostics.push(...entry.diagnostics);
    if (entry.skill) skills.push(deepFreeze({ ...entry.skill, files, digest: skillMd.digest } as Skill));
    skillTexts.set(folder, { path: skillMdPath, text: skillText });
    const procedureFile = extra.find((f) => f.path === PROCEDURE_FILE);
    if (procedureFile) {
      const path = `${rel(dir)}/${PROCEDURE_FILE}`;
      if (!hasVocabulary) fileProblem(path, 'procedure-fact', `${PROCEDURE_FILE} needs the fact vocabulary ${VOCABULARY_FILE} at the corpus root`);
      else {
        const compiled = compileProcedure(path, decodeText(procedureFile.bytes)!, { skill: folder, vocabulary, hasReference: (id) => registry.has(id) });
        diagnostics.push(...compiled.diagnostics);
        if (compiled.procedure) procedures.set(folder, compiled.procedure);
      }
    }
  }
  await cache?.save();

  // Procedure files against each other and against their prose.
  const allRoutes = [...procedures.values()].flatMap((p) => p.routes);
  for (const p of procedures.values()) {
    for (const route of p.routes) {
      for (const entry of route.winsOver) {
        if (resolveWinsOver(entry, route, allRoutes).length === 0) {
          diagnostics.push({ file: p.path, line: route.line, column: 1, severity: 'error', ruleId: 'procedure-wins-over', message: `Route \`${route.id}\`: wins-over names \`${entry}\`, which is no route id of this file, <skill>#<id> or skill with a procedure file` });
        }
      }
    }
  }
  const start = vocabulary.source.start;
  if (start !== undefined && !skills.some((s) => s.name === start)) {
    diagnostics.push({ file: VOCABULARY_FILE, line: 1, column: 1, severity: 'error', ruleId: 'facts-schema', message: `start names \`${start}\`, which is not a skill in skills/` });
  }
  for (const s of skills) {
    const t = skillTexts.get(s.name);
    if (!t) continue;
    const handedOver = (s.meta.next ?? []).map((n) => procedures.get(n)).filter((x): x is CompiledProcedure => x !== undefined);
    diagnostics.push(...checkAgreement(t.path, t.text, procedures.get(s.name), handedOver, vocabulary.eventPhrases));
  }

  diagnostics.push(...checkCorpus(skills, registry, { today: options.today ?? new Date().toISOString().slice(0, 10), alsoCited: [...procedures.values()].flatMap(citedIds) }));
  const lock = await readLock(root);
  diagnostics.push(...lock.diagnostics, ...checkLock({ skills, references: referenceDigests, corpus: rootDigests }, lock));

  // A skill with an error in any of its files (procedure.yaml included) is not served. Lock errors gate publishing
  // (lint), not serving.
  const broken = new Set(diagnostics.filter((d) => d.severity === 'error' && !LOCK_RULES.has(d.ruleId)).map((d) => skillFolderOf(d.file)));
  const served = skills.filter((s) => !broken.has(skillFolderOf(s.path)));
  const guidance = createGuidance(vocabulary, served.map((s) => procedures.get(s.name)).filter((x): x is CompiledProcedure => x !== undefined));
  const byName = new Map(served.map((s) => [s.name, s] as const));
  diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return Object.freeze({
    root,
    skills: Object.freeze(served),
    getSkill: (name: string) => byName.get(name),
    registry,
    guidance,
    diagnostics: Object.freeze(diagnostics),
    fileDigests: Object.freeze({ references: Object.freeze(referenceDigests), corpus: Object.freeze(rootDigests) }),
  });
}

/** `skills/<folder>` for a path inside a skill folder, otherwise the path itself. */
function skillFolderOf(path: string): string {
  const m = /^skills\/[^/]+/.exec(path);
  return m ? m[0] : path;
}

/** Parses one SKILL.md and runs the lint rules on it. The parser and rules load on first use only. */
async function parseAndLint(path: string, text: string, rules: readonly LintRule[] | undefined): Promise<ParsedEntry> {
  const { parseSkill } = await import('../skill/parse.js');
  const lintRules = rules ?? (await import('../lint/rules/index.js')).rules;
  const { skill, diagnostics } = parseSkill({ path, text });
  for (const rule of lintRules) diagnostics.push(...rule.check({ path, text }));
  if (!skill) return { diagnostics };
  const { files: _files, ...rest } = skill;
  return { skill: rest, diagnostics };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}
async function isFile(p: string) {
  return (await stat(p).catch(() => undefined))?.isFile() ?? false;
}
async function isDirectory(p: string) {
  return (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
}
/** All regular files under `dir`, SKILL.md first, then sorted; hidden files and symlinks are skipped. */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await visit(p);
      else if (e.isFile()) out.push(p);
    }
  };
  await visit(dir);
  const top = join(dir, 'SKILL.md');
  return out.sort((a, b) => Number(b === top) - Number(a === top) || a.localeCompare(b));
}
