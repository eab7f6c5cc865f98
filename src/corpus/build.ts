import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { createGuidance } from '../guidance/guidance.js';
import type { CompiledProcedure } from '../procedures/compile.js';
import type { Skill } from '../skill/schema.js';
import type { Resolution } from './resolve.js';
import type { Corpus } from './types.js';

/** A corpus after the lint rules: every problem, and the skill folders the problems keep from being served. */
export interface CheckedCorpus {
  root: string;
  resolution: Resolution;
  /** Problems in every file, sorted by file and position. */
  diagnostics: readonly Diagnostic[];
  /** `skills/<folder>` of every skill with an error in any of its files (lock problems do not count). */
  withheld: ReadonlySet<string>;
}

/**
 * The immutable corpus the server serves: every skill whose files have no error, the registry, and the
 * find_procedure view of their procedure files. Problems stay attached for `loket lint` and the start-up message.
 */
export function buildCorpus(checked: CheckedCorpus): Corpus {
  const { resolution } = checked;
  const served = resolution.skills.filter((s) => !checked.withheld.has(skillFolderOf(s.path)));
  const guidance = createGuidance(resolution.vocabulary, served.map((s) => resolution.procedures.get(s.name)).filter((x): x is CompiledProcedure => x !== undefined));
  const byName = new Map<string, Skill>(served.map((s) => [s.name, s] as const));
  return Object.freeze({
    root: checked.root,
    skills: Object.freeze(served),
    getSkill: (name: string) => byName.get(name),
    registry: resolution.registry,
    guidance,
    diagnostics: Object.freeze([...checked.diagnostics]),
    fileDigests: Object.freeze({ references: Object.freeze({ ...resolution.referenceDigests }), corpus: Object.freeze({ ...resolution.rootDigests }) }),
  });
}

/** `skills/<folder>` for a path inside a skill folder, otherwise the path itself. */
export function skillFolderOf(path: string): string {
  const m = /^skills\/[^/]+/.exec(path);
  return m ? m[0] : path;
}
