import type { ResolvableKind } from './store.js';

/** Receipt ids name the table (`v-12`, `o-3`), so a maintainer can resolve an item from its receipt. */
export const validationId = (id: number | bigint | string): string => `v-${id}`;
export const observationId = (id: number | bigint | string): string => `o-${id}`;

/** The row number behind a receipt id (`v-12`, or a bare `12`) of the given kind; undefined when it is not one. */
export function parseItemId(kind: ResolvableKind, id: string): number | undefined {
  const match = /^(?:([vo])-)?(\d{1,15})$/.exec(id.trim());
  if (!match) return undefined;
  if (match[1] !== undefined && match[1] !== (kind === 'validation' ? 'v' : 'o')) return undefined;
  return Number(match[2]);
}
