/**
 * A fast reader for the part of YAML that frontmatter, procedure files, references and the fact vocabulary are
 * written in: block maps and block sequences indented with spaces, flow sequences and flow maps of scalars, plain
 * scalars on one line, double- and single-quoted strings on one line without escapes, and comments. It gives the
 * same value as the `yaml` package (YAML 1.2 core schema) and the same start offset for every node and key
 * (`test/skill/yaml-subset.test.ts` compares the two). Anything else — tabs, anchors, tags, block scalars,
 * multi-line scalars, escapes, numbers other than plain decimals, duplicate or unusual keys, empty values, syntax
 * errors — returns undefined, and the caller parses the text with `yaml`, which also reports the errors.
 */

/** A node of the document: its value and the offset where it starts (as `yaml` sets `range[0]`). */
export type FastNode =
  | { kind: 'scalar'; start: number; value: string | number | boolean | null }
  | { kind: 'seq'; start: number; items: FastNode[] }
  | { kind: 'map'; start: number; pairs: Map<string, { keyStart: number; value: FastNode }> };

/** Thrown inside the reader when the text leaves the subset; caught by {@link parseYamlSubset}. */
class OutsideSubset extends Error {}
const outside = (): never => {
  throw new OutsideSubset();
};

/** A content line: where its text starts (after the indentation) and ends (before comment and trailing spaces). */
interface Line {
  indent: number;
  start: number;
  end: number;
}

/**
 * Keys the subset takes: what a plain key in these files looks like (`__proto__` excluded), except the words the
 * core schema reads as null or a boolean.
 */
const KEY = /^(?!(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$)[A-Za-z][A-Za-z0-9_-]*$/;
const DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;
/** Plain scalars the core schema reads as something other than a string or a plain decimal: left to `yaml`. */
const OTHER_NUMBER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
/** Characters a plain scalar may not start with in the subset (YAML indicators, quotes handled separately). */
const PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

/**
 * Reads `source` when it stays inside the subset: its root node and plain value, or undefined (including for an
 * empty document).
 */
export function parseYamlSubset(source: string): { root: FastNode; value: unknown } | undefined {
  if (source.includes('\t') || source.includes('\r') || source.includes('\\')) return undefined;
  try {
    const lines = contentLines(source);
    if (lines.length === 0) return undefined;
    const reader = new BlockReader(source, lines);
    const root = reader.block(lines[0]!.indent);
    if (reader.at < lines.length || lines[0]!.indent !== 0) return undefined;
    return { root, value: toValue(root) };
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

/** The plain JS value of a node, as `doc.toJS()` gives it. */
function toValue(node: FastNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toValue);
  const out: Record<string, unknown> = {};
  for (const [k, p] of node.pairs) out[k] = toValue(p.value);
  return out;
}

/** The lines with content, each without its indentation, comment and trailing spaces. */
function contentLines(source: string): Line[] {
  const out: Line[] = [];
  for (let at = 0; at <= source.length; ) {
    let end = source.indexOf('\n', at);
    if (end < 0) end = source.length;
    let start = at;
    while (start < end && source.charCodeAt(start) === 0x20) start++;
    if (start < end && source.charCodeAt(start) !== 0x23) {
      // Directives and document markers are outside the subset.
      if (start === at && (source.startsWith('---', start) || source.startsWith('...', start) || source.charCodeAt(start) === 0x25)) outside();
      out.push({ indent: start - at, start, end: contentEnd(source, start, end) });
    }
    at = end + 1;
  }
  return out;
}

/** End of a line's content: before a ` #` comment (outside quotes) and trailing spaces. */
function contentEnd(source: string, start: number, end: number): number {
  let quote = 0;
  let stop = end;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      // A quote opens a quoted scalar only at the start of a token; elsewhere it is part of a plain scalar.
      const prev = i === start ? 0x20 : source.charCodeAt(i - 1);
      if (prev === 0x20 || prev === 0x5b || prev === 0x7b || prev === 0x2c || prev === 0x3a || prev === 0x2d) quote = c;
    } else if (c === 0x23 && i > start && source.charCodeAt(i - 1) === 0x20) {
      stop = i;
      break;
    }
  }
  if (quote) outside();
  while (stop > start && source.charCodeAt(stop - 1) === 0x20) stop--;
  return stop;
}

class BlockReader {
  at = 0;

  constructor(
    private readonly src: string,
    private readonly lines: readonly Line[],
  ) {}

  /** The block node whose first line is the current one, at indentation `indent`. */
  block(indent: number): FastNode {
    const line = this.lines[this.at]!;
    if (line.indent !== indent) outside();
    return this.isSeqItem(line.start, line.end) ? this.seq(indent) : this.map(indent, line.start);
  }

  private isSeqItem(start: number, end: number): boolean {
    return this.src.charCodeAt(start) === 0x2d && (start + 1 === end || this.src.charCodeAt(start + 1) === 0x20);
  }

  private seq(indent: number): FastNode {
    const first = this.lines[this.at]!;
    const node: FastNode = { kind: 'seq', start: first.start, items: [] };
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      if (line.indent < indent) break;
      if (line.indent > indent || !this.isSeqItem(line.start, line.end)) outside();
      // `- ` then the item: a scalar, a flow collection, or a map whose first key is on this line.
      let from = line.start + 1;
      while (from < line.end && this.src.charCodeAt(from) === 0x20) from++;
      if (from >= line.end) outside();
      const column = indent + (from - line.start);
      if (this.isSeqItem(from, line.end)) outside();
      if (this.keyAt(from, line.end) !== undefined) {
        // The item's map: this line from `from`, then the lines indented to its column.
        node.items.push(this.map(column, from));
      } else {
        node.items.push(this.inlineValue(from, line.end));
        this.at++;
      }
    }
    return node;
  }

  /** The key of a `key: value` or `key:` starting at `from`, or undefined when the text is no such pair. */
  private keyAt(from: number, end: number): { key: string; after: number } | undefined {
    const src = this.src;
    let i = from;
    while (i < end) {
      const c = src.charCodeAt(i);
      if (c === 0x3a && (i + 1 === end || src.charCodeAt(i + 1) === 0x20)) break;
      i++;
    }
    if (i >= end) {
      // No `: ` on the line: a plain scalar, unless a `:` hides elsewhere in a form the subset does not read.
      return undefined;
    }
    const key = src.slice(from, i);
    if (!KEY.test(key)) outside();
    return { key, after: i + 1 };
  }

  /** A block map at `indent` whose first key starts at `first` (the start of the current line, or inside it). */
  private map(indent: number, first: number): FastNode {
    const node: FastNode = { kind: 'map', start: first, pairs: new Map() };
    let keyStart = first;
    for (;;) {
      const line = this.lines[this.at]!;
      const pair = this.keyAt(keyStart, line.end);
      if (!pair) outside();
      if (node.pairs.has(pair!.key)) outside();
      let from = pair!.after;
      while (from < line.end && this.src.charCodeAt(from) === 0x20) from++;
      let value: FastNode;
      if (from < line.end) {
        value = this.inlineValue(from, line.end);
        this.at++;
      } else {
        // `key:` alone: the value is the block on the next lines, indented further (empty values are left to yaml).
        this.at++;
        const next = this.lines[this.at];
        if (!next || next.indent <= indent) outside();
        value = this.block(next!.indent);
      }
      node.pairs.set(pair!.key, { keyStart, value });
      const next = this.lines[this.at];
      if (!next || next.indent < indent) break;
      if (next.indent > indent || this.isSeqItem(next.start, next.end)) outside();
      keyStart = next.start;
    }
    return node;
  }

  /** A value on one line: quoted or plain scalar, or a flow collection of scalars. */
  private inlineValue(from: number, end: number): FastNode {
    const c = this.src.charCodeAt(from);
    if (c === 0x5b || c === 0x7b) return this.flow(from, end);
    const [node, stop] = this.scalar(from, end, false);
    if (stop !== end) outside();
    return node;
  }

  /** A scalar at `from`: the node and where it ends. In flow context a plain scalar stops at `,`, `]` or `}`. */
  private scalar(from: number, end: number, inFlow: boolean): [FastNode, number] {
    const src = this.src;
    const c = src.charCodeAt(from);
    if (c === 0x22 || c === 0x27) {
      const close = src.indexOf(String.fromCharCode(c), from + 1);
      if (close < 0 || close >= end) outside();
      // A doubled single quote is an escape: left to yaml.
      if (c === 0x27 && src.charCodeAt(close + 1) === 0x27) outside();
      return [{ kind: 'scalar', start: from, value: src.slice(from + 1, close) }, close + 1];
    }
    let stop = from;
    if (inFlow) {
      while (stop < end && !/[,[\]{}]/.test(src[stop]!)) stop++;
    } else stop = end;
    let valueEnd = stop;
    while (valueEnd > from && src.charCodeAt(valueEnd - 1) === 0x20) valueEnd--;
    const text = src.slice(from, valueEnd);
    if (text === '' || PLAIN_START.test(text) || text.includes(': ') || text.endsWith(':') || text.includes(' #')) outside();
    if (inFlow && (text.includes(':') || text.includes('"') || text.includes("'"))) outside();
    return [{ kind: 'scalar', start: from, value: plainValue(text) }, stop];
  }

  /** A flow sequence or flow map of scalars on one line, ending the line. */
  private flow(from: number, end: number): FastNode {
    const src = this.src;
    const isMap = src.charCodeAt(from) === 0x7b;
    const closer = isMap ? 0x7d : 0x5d;
    const node: FastNode = isMap ? { kind: 'map', start: from, pairs: new Map() } : { kind: 'seq', start: from, items: [] };
    let i = from + 1;
    const skip = () => {
      while (i < end && src.charCodeAt(i) === 0x20) i++;
    };
    skip();
    if (src.charCodeAt(i) === closer) {
      i++;
    } else {
      for (;;) {
        skip();
        if (isMap) {
          const keyStart = i;
          while (i < end && src.charCodeAt(i) !== 0x3a && !/[,[\]{}]/.test(src[i]!)) i++;
          const key = src.slice(keyStart, i);
          if (!KEY.test(key) || src.charCodeAt(i) !== 0x3a || src.charCodeAt(i + 1) !== 0x20) outside();
          i += 2;
          skip();
          const [value, stop] = this.scalar(i, end, true);
          const pairs = (node as Extract<FastNode, { kind: 'map' }>).pairs;
          if (pairs.has(key)) outside();
          pairs.set(key, { keyStart, value });
          i = stop;
        } else {
          const [value, stop] = this.scalar(i, end, true);
          (node as Extract<FastNode, { kind: 'seq' }>).items.push(value);
          i = stop;
        }
        skip();
        const c = src.charCodeAt(i);
        if (c === closer) {
          i++;
          break;
        }
        if (c !== 0x2c) outside();
        i++;
        skip();
        // A trailing comma is outside the subset.
        if (src.charCodeAt(i) === closer) outside();
      }
    }
    if (i !== end) outside();
    return node;
  }
}

/** The value of a plain scalar under the core schema, for the forms the subset takes. */
function plainValue(text: string): string | number | boolean | null {
  if (text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null;
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  if (text === 'false' || text === 'False' || text === 'FALSE') return false;
  if (DECIMAL.test(text)) return Number(text);
  if (OTHER_NUMBER.test(text)) outside();
  return text;
}
