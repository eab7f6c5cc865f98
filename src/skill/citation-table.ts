import type { Citation } from './schema.js';

/**
 * The citation tags of one SKILL.md, packed: each distinct tag once, and four numbers per citation. A skill cites
 * a few dozen tags a few hundred times; as one object per citation they were the largest part of a parse (in the
 * parse cache and in memory). Plain data (arrays and strings), so it is stored in the parse cache as it is.
 */
export interface CitationTable {
  /** The distinct tags, in order of first use: `[id]` or `[id, locator]`. */
  tags: CitationTag[];
  /** {@link CITE_FIELDS} numbers per citation, in file order: index into `tags`, file offset, line, column. */
  cites: number[];
}

export type CitationTag = [id: string] | [id: string, locator: string];

/** Numbers per citation in {@link CitationTable.cites}. */
export const CITE_FIELDS = 4;

/** Number of citations in a table. */
export function citationCount(table: CitationTable): number {
  return table.cites.length / CITE_FIELDS;
}

/** File offset of citation `i`. */
export function citationOffset(table: CitationTable, i: number): number {
  return table.cites[i * CITE_FIELDS + 1]!;
}

/** Builds a table from citations in file order (tags with the same id and locator share one entry). */
export function packCitations(citations: Iterable<{ id: string; locator?: string | undefined; offset: number; line: number; column: number }>): CitationTable {
  const tags: CitationTag[] = [];
  const known = new Map<string, number>();
  const cites: number[] = [];
  for (const c of citations) {
    const key = c.locator ? `${c.id}\u0000${c.locator}` : c.id;
    let tag = known.get(key);
    if (tag === undefined) {
      tag = tags.length;
      known.set(key, tag);
      tags.push(c.locator ? [c.id, c.locator] : [c.id]);
    }
    cites.push(tag, c.offset, c.line, c.column);
  }
  return { tags, cites };
}

/**
 * The citations of a built skill, kept packed (the tags as shared strings, the numbers in one typed array) and
 * made into {@link Citation} objects only when read: a loaded corpus holds a few hundred thousand citations, and
 * the tools read those of one skill or one stage at a time.
 */
export class CitationList {
  readonly #ids: readonly string[];
  readonly #locators: readonly (string | undefined)[];
  readonly #cites: Int32Array;

  constructor(table: CitationTable) {
    this.#ids = table.tags.map((t) => shared(t[0]));
    this.#locators = table.tags.map((t) => (t.length > 1 ? shared(t[1]!) : undefined));
    this.#cites = Int32Array.from(table.cites);
    Object.freeze(this);
  }

  get length(): number {
    return this.#cites.length / CITE_FIELDS;
  }

  /** Citations `[start, end)` as frozen objects, in a frozen array. */
  slice(start = 0, end = this.length): readonly Citation[] {
    const out: Citation[] = [];
    const d = this.#cites;
    for (let i = Math.max(0, start) * CITE_FIELDS, stop = Math.min(end, this.length) * CITE_FIELDS; i < stop; i += CITE_FIELDS) {
      const tag = d[i]!;
      const id = this.#ids[tag]!;
      const locator = this.#locators[tag];
      out.push(Object.freeze(locator ? { id, locator, line: d[i + 2]!, column: d[i + 3]!, offset: d[i + 1]! } : { id, line: d[i + 2]!, column: d[i + 3]!, offset: d[i + 1]! }));
    }
    return Object.freeze(out);
  }

  /** Whether any citation names the reference `id` (without making the citations). */
  cites(id: string): boolean {
    // Every tag of the table is used by at least one citation.
    return this.#ids.includes(id);
  }

  /** The ids cited (each once). */
  ids(): readonly string[] {
    return [...new Set(this.#ids)];
  }
}

/**
 * One string per distinct citation id or locator. A corpus has a few hundred ids and locators, each cited
 * thousands of times; tags found in the text are slices of it, so every skill would keep strings (and its text) of
 * its own. Bounded, so parsing unusual text cannot grow it without end.
 */
const distinct = new Map<string, string>();
const DISTINCT_LIMIT = 20_000;
function shared(value: string): string {
  const known = distinct.get(value);
  if (known !== undefined) return known;
  if (distinct.size >= DISTINCT_LIMIT) distinct.clear();
  // A flat copy (lone surrogates included), so the table holds no slice of a file's text.
  const own = JSON.parse(JSON.stringify(value)) as string;
  distinct.set(own, own);
  return own;
}
