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
// (`](`, `][`, `]:`), not a footnote (`[^`), not escaped (`\[`): `(?<![\\!\]])\[([^[\]\n]{1,300})\](?![([:])`, found by
// {@link nextBracket} without a match object per pair.
const TAG = /^([^,\s]+)(?:\s*,\s*(\S.*?))?\s*$/;
const ID_LIKE = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+$/;
/** Longest text between the brackets of a tag. */
const MAX_INNER = 300;

const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]

/**
 * The next bracket pair at or after `from` that the grammar above accepts, as `[start, end)` of the pair, or
 * undefined: exactly the matches a global scan with that regex finds, in order, when each search resumes at the
 * previous pair's end.
 */
function nextBracket(source: string, from: number): readonly [number, number] | undefined {
  for (let open = source.indexOf('[', from); open >= 0; open = source.indexOf('[', open + 1)) {
    const before = open > 0 ? source.charCodeAt(open - 1) : -1;
    if (before === 0x5c || before === 0x21 || before === CLOSE) continue;
    const limit = Math.min(source.length, open + 2 + MAX_INNER);
    let close = -1;
    for (let i = open + 1; i < limit; i++) {
      const c = source.charCodeAt(i);
      if (c === CLOSE) {
        close = i;
        break;
      }
      if (c === OPEN || c === 0x0a) break;
    }
    if (close <= open + 1) continue;
    const after = close + 1 < source.length ? source.charCodeAt(close + 1) : -1;
    if (after === 0x28 || after === OPEN || after === 0x3a) continue;
    return [open, close + 1];
  }
  return undefined;
}

/** Whether `ranges` are sorted by start and do not overlap (then they are searched with one forward pointer). */
function inOrder(ranges: readonly (readonly [number, number])[]): boolean {
  for (let i = 1; i < ranges.length; i++) if (ranges[i]![0] < ranges[i - 1]![1]) return false;
  return true;
}

/**
 * Finds citation tags in Markdown source. `skip` lists offset ranges (code, inline code, HTML, link
 * destinations) where brackets are not tags. Bracketed text that is clearly prose (spaces before any comma,
 * task-list boxes, footnotes) is ignored; text that starts like an id but breaks the tag grammar is malformed.
 */
export function findCitationTags(source: string, skip: readonly (readonly [number, number])[] = []): { tags: RawTag[]; malformed: MalformedTag[] } {
  const tags: RawTag[] = [];
  const malformed: MalformedTag[] = [];
  // Pairs are found in order, so with ranges in order (a Markdown tree's, in document order) one pointer moves
  // forward through them.
  const ordered = inOrder(skip);
  let next = 0;
  const skipped = (at: number): boolean => {
    if (!ordered) return skip.some(([a, b]) => at >= a && at < b);
    while (next < skip.length && skip[next]![1] <= at) next++;
    return next < skip.length && at >= skip[next]![0];
  };
  for (let pair = nextBracket(source, 0); pair; pair = nextBracket(source, pair[1])) {
    const [start, end] = pair;
    if (skipped(start)) continue;
    const inner = source.slice(start + 1, end - 1);
    if (inner.charCodeAt(0) === 0x5e || (inner.length === 1 && (inner === ' ' || inner === 'x' || inner === 'X'))) continue;
    // Most tags are a bare id: no comma, no space, nothing for the tag pattern to split.
    if (REFERENCE_ID.test(inner)) {
      tags.push({ id: inner, locator: undefined, start, end });
      continue;
    }
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
      malformed.push({ raw: source.slice(start, end), start, end, reason });
    }
  }
  return { tags, malformed };
}
