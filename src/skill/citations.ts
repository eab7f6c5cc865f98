import { REFERENCE_ID } from '../references/schema.js';

/** A citation tag found in text, with offsets into that text. */
export interface RawTag {
  id: string;
  locator?: string | undefined;
  start: number;
  end: number;
}

/** Bracketed text that looks like an attempted citation but does not follow `[id]` / `[id, locator]`. */
export interface MalformedTag {
  raw: string;
  start: number;
  end: number;
  reason: string;
}

// A bracket pair with no nested brackets or newline, not an image (`![`), not link text or a reference
// (`](`, `][`, `]:`), not a footnote (`[^`), not escaped (`\[`).
const BRACKET = /(?<![\\!\]])\[([^[\]\n]{1,300})\](?![([:])/g;
const TAG = /^([^,\s]+)(?:\s*,\s*(\S.*?))?\s*$/;
const ID_LIKE = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+$/;

/**
 * Finds citation tags in Markdown source. `skip` lists offset ranges (code, inline code, HTML, link
 * destinations) where brackets are not tags. Bracketed text that is clearly prose (spaces before any comma,
 * task-list boxes, footnotes) is ignored; text that starts like an id but breaks the tag grammar is malformed.
 */
export function findCitationTags(source: string, skip: readonly [number, number][] = []): { tags: RawTag[]; malformed: MalformedTag[] } {
  const tags: RawTag[] = [];
  const malformed: MalformedTag[] = [];
  const skipped = (at: number) => skip.some(([a, b]) => at >= a && at < b);
  for (const m of source.matchAll(BRACKET)) {
    const start = m.index;
    const end = start + m[0].length;
    if (skipped(start)) continue;
    const inner = m[1] ?? '';
    if (/^[ xX]$/.test(inner) || inner.startsWith('^')) continue;
    const parts = TAG.exec(inner);
    const head = parts?.[1] ?? inner.split(',')[0]!.trim();
    if (parts && REFERENCE_ID.test(head)) {
      const locator = parts[2]?.trim();
      tags.push({ id: head, locator: locator || undefined, start, end });
      continue;
    }
    // Prose in brackets ("[see below]", "[sic]") is not a tag. A head that looks like an identifier is.
    const trimmedHead = inner.split(',')[0]!;
    if (ID_LIKE.test(trimmedHead.trim()) || (inner.includes(',') && ID_LIKE.test(trimmedHead.trim()))) {
      let reason: string;
      if (/,\s*$/.test(inner)) reason = 'the locator after the comma is empty';
      else if (trimmedHead !== trimmedHead.trim()) reason = 'remove the spaces inside the brackets';
      else if (/[A-Z]/.test(trimmedHead)) reason = 'reference ids are lowercase';
      else if (/[_.]/.test(trimmedHead)) reason = 'reference ids use hyphens, not underscores or dots';
      else reason = 'expected [id] or [id, locator]';
      malformed.push({ raw: m[0], start, end, reason });
    }
  }
  return { tags, malformed };
}
