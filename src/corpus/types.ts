import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Guidance } from '../guidance/guidance.js';
import type { Reference } from '../references/schema.js';
import type { Skill } from '../skill/schema.js';

/** A citation resolved against the registry. */
export interface ResolvedCitation {
  id: string;
  locator?: string | undefined;
  reference: Reference;
}

/** The immutable registry of references, keyed by id. */
export interface Registry {
  readonly size: number;
  get(id: string): Reference | undefined;
  has(id: string): boolean;
  list(): readonly Reference[];
}

/** The whole corpus, parsed once at start-up; request handlers only read it. */
export interface Corpus {
  /** Absolute root folder holding `skills/` and `references/`. */
  readonly root: string;
  readonly skills: readonly Skill[];
  getSkill(name: string): Skill | undefined;
  readonly registry: Registry;
  /** The fact vocabulary and the procedure files of the served skills, for find_procedure. */
  readonly guidance: Guidance;
  /** Problems found while loading (skills with errors are left out of `skills`). */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * Digests of the served files outside skill folders, as `skills.lock.json` records them: each reference by id,
   * and root files such as `facts.yaml` by path. Set by the loader; absent in corpora built in memory.
   */
  readonly fileDigests?: {
    readonly references: Readonly<Record<string, string>>;
    readonly corpus: Readonly<Record<string, string>>;
  };
}
