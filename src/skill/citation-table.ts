import type { Citation } from './schema.js';

/**
 * The citation tags of one SKILL.md, packed: each distinct id and locator once, and five small numbers per
 * citation. A skill cites a few dozen references a few hundred times; as one object per citation they were the
 * largest part of a parse (in the parse cache and in memory). Plain data (arrays of strings and numbers), so it
 * is stored in the parse cache as it is.
 */
export interface CitationTable {
  /** The distinct ids, in order of first use. */
  ids: string[];
  /** The distinct locators, in order of first use. */
  locators: string[];
  /**
   * {@link CITE_FIELDS} numbers per citation, in file order: index into `ids`; index into `locators` plus one (0:
   * no locator); file offset, and line, each as the difference from the citation before (from 0 for the first);
   * column.
   */
  cites: number[];
}

/** Numbers per citation in {@link CitationTable.cites}. */
export const CITE_FIELDS = 5;

/** Builds a table from citations in file order. */
export function packCitations(citations: Iterable<{ id: string; locator?: string | undefined; offset: number; line: number; column: number }>): CitationTable {
  const ids: string[] = [];
  const locators: string[] = [];
  const idIndex = new Map<string, number>();
  const locatorIndex = new Map<string, number>();
  const cites: number[] = [];
  let offset = 0;
  let line = 0;
  for (const c of citations) {
    let id = idIndex.get(c.id);
    if (id === undefined) idIndex.set(c.id, (id = ids.push(c.id) - 1));
    let locator = 0;
    if (c.locator) {
      locator = locatorIndex.get(c.locator) ?? 0;
      if (!locator) locatorIndex.set(c.locator, (locator = locators.push(c.locator)));
    }
    cites.push(id, locator, c.offset - offset, c.line - line, c.column);
    offset = c.offset;
    line = c.line;
  }
  return { ids, locators, cites };
}

/**
 * The citations of a built skill, kept packed (ids and locators as shared strings, the numbers in one typed array)
 * and made into {@link Citation} objects only when read: a loaded corpus holds a few hundred thousand citations,
 * and the tools read those of one skill or one stage at a time.
 */
export class CitationList {
  readonly #ids: readonly string[];
  readonly #locators: readonly string[];
  /** Per citation, absolute: id index, locator index plus one, offset, line, column. */
  readonly #cites: Int32Array;

  constructor(table: CitationTable) {
    this.#ids = Object.freeze(table.ids.map(shared));
    this.#locators = table.locators.map(shared);
    const cites = Int32Array.from(table.cites);
    for (let i = CITE_FIELDS; i < cites.length; i += CITE_FIELDS) {
      cites[i + 2]! += cites[i + 2 - CITE_FIELDS]!;
      cites[i + 3]! += cites[i + 3 - CITE_FIELDS]!;
    }
    this.#cites = cites;
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
      const id = this.#ids[d[i]!]!;
      const locator = d[i + 1]! > 0 ? this.#locators[d[i + 1]! - 1] : undefined;
      out.push(Object.freeze(locator ? { id, locator, line: d[i + 3]!, column: d[i + 4]!, offset: d[i + 2]! } : { id, line: d[i + 3]!, column: d[i + 4]!, offset: d[i + 2]! }));
    }
    return Object.freeze(out);
  }

  /** The ids cited, each once, in order of first use. */
  get ids(): readonly string[] {
    return this.#ids;
  }
}

const lists = new WeakMap<object, CitationList>();

/** Records the packed citations of a built skill, for {@link idsCitedBy}. */
export function keepCitationList(skill: object, list: CitationList): void {
  lists.set(skill, list);
}

/** The ids a skill cites, each once, in order of first use (without making its citation objects). */
export function idsCitedBy(skill: { readonly citations: readonly Citation[] }): readonly string[] {
  return lists.get(skill)?.ids ?? [...new Set(skill.citations.map((c) => c.id))];
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
