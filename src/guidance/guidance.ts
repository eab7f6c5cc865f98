import type { CompiledProcedure, CompiledRoute } from '../procedures/compile.js';
import type { FactVocabulary } from '../procedures/vocabulary.js';

/**
 * Everything find_procedure reads, built once from the corpus: the fact vocabulary and every route of every
 * procedure file, in skill-name order, with precedence references resolved.
 */
export interface Guidance {
  readonly vocabulary: FactVocabulary;
  /** The procedure files, one per skill, in skill-name order. */
  readonly procedures: readonly CompiledProcedure[];
  readonly routes: readonly CompiledRoute[];
  /** Facts marked `trigger` in the vocabulary, with the value a missing yes/no trigger counts as (false). */
  readonly triggers: ReadonlyMap<string, boolean | undefined>;
  /** Keys (`<skill>#<id>`) of the routes a route removes when it holds. */
  winsOver(route: CompiledRoute): readonly string[];
  lookups(skill: string): CompiledProcedure['lookups'];
}

/**
 * Resolves a `wins-over` entry: `<id>` in the same file, `<skill>#<id>`, or a skill name (all of its routes).
 * Returns the keys it names, or an empty list when it names nothing (lint reports that).
 */
export function resolveWinsOver(entry: string, from: CompiledRoute, routes: readonly CompiledRoute[]): string[] {
  if (entry.includes('#')) return routes.some((r) => r.key === entry) ? [entry] : [];
  const local = `${from.skill}#${entry}`;
  if (routes.some((r) => r.key === local)) return [local];
  return routes.filter((r) => r.skill === entry && r.key !== from.key).map((r) => r.key);
}

/** Builds the guidance view of a corpus's procedure files. */
export function createGuidance(vocabulary: FactVocabulary, procedures: readonly CompiledProcedure[]): Guidance {
  const sorted = [...procedures].sort((a, b) => a.skill.localeCompare(b.skill));
  const routes = Object.freeze(sorted.flatMap((p) => p.routes));
  const targets = new Map(routes.map((r) => [r.key, Object.freeze(r.winsOver.flatMap((e) => resolveWinsOver(e, r, routes)))] as const));
  const lookups = new Map(sorted.map((p) => [p.skill, p.lookups] as const));
  const triggers = new Map(
    vocabulary.names
      .filter((n) => (vocabulary.fact(n)!.def as { trigger?: boolean }).trigger === true)
      .map((n) => [n, vocabulary.fact(n)!.def.type === 'boolean' ? false : undefined] as const),
  );
  return Object.freeze({
    vocabulary,
    procedures: Object.freeze(sorted),
    routes,
    triggers,
    winsOver: (route: CompiledRoute) => targets.get(route.key) ?? [],
    lookups: (skill: string) => lookups.get(skill) ?? {},
  });
}
