/**
 * `value` (plain data: strings, numbers, arrays, plain objects) with every string a copy of its own. Strings a
 * parser cuts out of a file's text are often slices of it, and a slice keeps the whole text alive for as long as
 * the slice lives; values kept after the load (the registry, compiled procedure files) would otherwise hold every
 * file they came from. Equal strings share one copy through `seen`.
 */
export function ownStrings<T>(value: T, seen: Map<string, string> = new Map()): T {
  if (typeof value === 'string') {
    // V8 copies strings shorter than 13 characters instead of slicing them.
    if (value.length < 13) return value;
    let copy = seen.get(value);
    if (copy === undefined) {
      copy = JSON.parse(JSON.stringify(value)) as string;
      seen.set(copy, copy);
    }
    return copy as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => ownStrings(v, seen)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = ownStrings(v, seen);
    return out as T;
  }
  return value;
}
