import type { Registry } from '../corpus/types.js';
import type { Reference } from './schema.js';

/** An immutable registry over loaded references. */
export function createRegistry(references: readonly Reference[]): Registry {
  const byId = new Map(references.map((r) => [r.id, r] as const));
  const list = Object.freeze([...byId.values()].sort((a, b) => a.id.localeCompare(b.id)));
  return Object.freeze({
    size: byId.size,
    get: (id: string) => byId.get(id),
    has: (id: string) => byId.has(id),
    list: () => list,
  });
}

/** Parses a citation string `id` or `id, locator` (as a tool argument). */
export function parseCitationString(value: string): { id: string; locator?: string } | undefined {
  const m = /^\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*(?:,\s*(\S[^\]]*?))?\s*$/.exec(value.replace(/^\[|\]$/g, ''));
  if (!m) return undefined;
  return m[2] ? { id: m[1]!, locator: m[2] } : { id: m[1]! };
}
