import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compileProcedure, PROCEDURE_FILE, type CompiledProcedure } from '../procedures/compile.js';
import { EMPTY_VOCABULARY, type FactVocabulary } from '../procedures/vocabulary.js';
import { createRegistry } from '../references/registry.js';
import type { Reference } from '../references/schema.js';
import { buildSkill } from '../skill/build.js';
import type { ParsedSkill } from '../skill/parse.js';
import type { Skill, SkillFile } from '../skill/schema.js';
import { entryKey, type ParseCache } from './parse-cache.js';
import type { CorpusSource, SkillFolder } from './source.js';
import type { Registry } from './types.js';

/** Which parsed files must not be used: a reference or a vocabulary with an injection error is never served. */
export interface Unusable {
  /** Paths of references that parsed but must stay out of the registry. */
  references: ReadonlySet<string>;
  /** The fact vocabulary parsed but must not be used. */
  vocabulary: boolean;
}

/** A procedure file compiled against the vocabulary and the registry. */
export interface ProcedureCompilation {
  folder: string;
  path: string;
  procedure?: CompiledProcedure;
  diagnostics: Diagnostic[];
}

/** The corpus-wide view of the parsed files: what citations resolve against and what the procedure files mean. */
export interface Resolution {
  registry: Registry;
  /** Digest of every reference that parsed, by id (those left out of the registry included), as the lock records them. */
  referenceDigests: Record<string, string>;
  /** Digest of every served file at the corpus root (the fact vocabulary), by path. */
  rootDigests: Record<string, string>;
  /** Whether the corpus has a fact vocabulary file at all. */
  hasVocabulary: boolean;
  vocabulary: FactVocabulary;
  /** Every procedure file of a skill whose SKILL.md is text, compiled (only when the vocabulary file exists). */
  compilations: ProcedureCompilation[];
  /** The procedure files that compiled without a problem, by skill folder. */
  procedures: ReadonlyMap<string, CompiledProcedure>;
  /** The typed skill of every SKILL.md whose frontmatter matches the schema, in folder order. */
  skills: readonly Skill[];
}

/**
 * Resolves a corpus source: the registry of usable references, the vocabulary, and every procedure file compiled
 * against them; `skills` are the typed skills built from the folders (see {@link skillOfFolder}), in folder order.
 * With a parse cache, the YAML parse of each procedure file is kept by its digest (compilation itself always runs).
 */
export function resolveCorpus(source: CorpusSource, unusable: Unusable, skills: readonly Skill[], cache?: ParseCache): Resolution {
  const referenceDigests: Record<string, string> = {};
  const usable: Reference[] = [];
  for (const r of source.references) {
    const reference = r.parsed?.reference;
    if (!reference) continue;
    referenceDigests[reference.id] = r.digest;
    if (!unusable.references.has(r.path)) usable.push(Object.freeze({ ...reference, languages: Object.freeze([...reference.languages]) as string[] }));
  }
  const registry = createRegistry(usable);
  const rootDigests: Record<string, string> = {};
  if (source.vocabulary) rootDigests[source.vocabulary.path] = source.vocabulary.digest;
  const parsedVocabulary = source.vocabulary?.parsed?.vocabulary;
  const vocabulary = parsedVocabulary && !unusable.vocabulary ? parsedVocabulary : EMPTY_VOCABULARY;
  const hasVocabulary = source.vocabulary !== undefined;

  const compilations: ProcedureCompilation[] = [];
  const procedures = new Map<string, CompiledProcedure>();
  for (const f of source.folders) {
    if (!f.skillMd) continue;
    const file = f.supporting.find((s) => s.inSkill === PROCEDURE_FILE && s.info.served);
    if (!file || !hasVocabulary) continue;
    // The parse of a procedure file is kept by digest; compiling it against the vocabulary and registry always runs.
    const key = entryKey(file.path, file.digest, 'procedure-parse-1');
    const stored = cache ? { get: () => cache.get(key), set: (parse: unknown) => cache.set(key, parse) } : undefined;
    const compiled = compileProcedure(file.path, file.info.text!, { skill: f.folder, vocabulary, hasReference: (id) => registry.has(id), ...(stored ? { stored } : {}) });
    compilations.push({ folder: f.folder, path: file.path, ...(compiled.procedure ? { procedure: compiled.procedure } : {}), diagnostics: compiled.diagnostics });
    if (compiled.procedure) procedures.set(f.folder, compiled.procedure);
  }
  return { registry, referenceDigests, rootDigests, hasVocabulary, vocabulary, compilations, procedures, skills };
}

/**
 * The typed skill of a folder whose SKILL.md is text, from the parse of its SKILL.md, with its files; undefined
 * when the frontmatter does not match the schema.
 */
export function skillOfFolder(f: SkillFolder, parsed: ParsedSkill, text: string): Skill | undefined {
  return buildSkill(parsed, text, filesOf(f));
}

/** The files a skill serves: SKILL.md, then every supporting file that may be served, in path order. */
function filesOf(f: SkillFolder): SkillFile[] {
  const md = f.skillMd!;
  const skillMd: SkillFile = { path: 'SKILL.md', bytes: md.bytes, digest: md.digest, size: f.skillMdBytes, mimeType: 'text/markdown' };
  const extra = f.supporting
    .filter((s) => s.info.served)
    .map((s): SkillFile => ({ path: s.inSkill, bytes: s.bytes, digest: s.digest, size: s.bytes.byteLength, mimeType: s.info.type!.mimeType }))
    .sort((a, b) => a.path.localeCompare(b.path));
  return [skillMd, ...extra];
}
