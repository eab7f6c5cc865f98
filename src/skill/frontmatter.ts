import matter from 'gray-matter';
import { LineCounter, parseDocument, isMap, isScalar, isPair, isSeq, type Document, type Node as YamlNode } from 'yaml';

/** The frontmatter of a Markdown file, split without shifting the body's offsets. */
export interface SplitFile {
  /** Whether the file starts with a `---` frontmatter block. */
  hasFrontmatter: boolean;
  /** The YAML text between the fences. */
  yaml: string;
  /** Offset of `yaml` inside the whole file. */
  yamlOffset: number;
  /** The Markdown after the closing fence. */
  body: string;
  /** Offset of `body` inside the whole file. */
  bodyOffset: number;
}

/**
 * Splits frontmatter from body with gray-matter. A raw engine is passed so gray-matter neither parses the YAML
 * (the `yaml` package does, keeping node ranges for positions) nor caches results keyed by the input string.
 */
export function splitFrontmatter(text: string): SplitFile {
  const file = matter(text, { engines: { yaml: () => ({}) } });
  const hasFrontmatter = /^---[ \t]*\r?\n/.test(text) && file.matter !== undefined && text.length !== file.content.length;
  if (!hasFrontmatter) return { hasFrontmatter: false, yaml: '', yamlOffset: 0, body: text, bodyOffset: 0 };
  return {
    hasFrontmatter: true,
    yaml: file.matter,
    yamlOffset: 3,
    body: file.content,
    bodyOffset: text.length - file.content.length,
  };
}

/** A parsed YAML document with a way to find the source range of any path inside it. */
export interface ParsedYaml {
  doc: Document.Parsed;
  /** Plain JS value of the document. */
  value: unknown;
  /** YAML syntax errors with offsets relative to the YAML text. */
  errors: { message: string; offset: number }[];
  /** Offset range (relative to the YAML text) of the node at `path`, or of its closest existing ancestor. */
  rangeOf(path: readonly PropertyKey[]): [number, number];
  /** Offset range of the key (not the value) at `path`, when it exists. */
  keyRangeOf(path: readonly PropertyKey[]): [number, number] | undefined;
}

/** Parses YAML keeping node ranges (YAML 1.2 core schema: dates stay strings, `1.0` is a number). */
export function parseYaml(source: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const errors = doc.errors.map((e) => ({ message: e.message.split('\n')[0] ?? e.message, offset: e.pos[0] }));
  let value: unknown;
  try {
    value = errors.length === 0 ? doc.toJS({ maxAliasCount: 50 }) : undefined;
  } catch (error) {
    errors.push({ message: (error as Error).message, offset: 0 });
  }
  const whole: [number, number] = [0, source.length];
  const walk = (path: readonly PropertyKey[], wantKey: boolean): [number, number] | undefined => {
    let node: unknown = doc.contents;
    let range: [number, number] = (doc.contents as YamlNode | null)?.range ? [((doc.contents as YamlNode).range as number[])[0]!, ((doc.contents as YamlNode).range as number[])[1]!] : whole;
    for (let i = 0; i < path.length; i++) {
      const key = path[i];
      if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as YamlNode | null | undefined;
        if (!item) return wantKey ? undefined : range;
        if (item.range) range = [item.range[0], item.range[1]];
        node = item;
        continue;
      }
      if (!isMap(node)) return wantKey ? undefined : range;
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) return wantKey ? undefined : range;
      const last = i === path.length - 1;
      if (last && wantKey && isScalar(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
      const v = pair.value as YamlNode | null;
      if (v && v.range) range = [v.range[0], v.range[1]];
      else if (isScalar(pair.key) && pair.key.range) range = [pair.key.range[0], pair.key.range[1]];
      node = v;
    }
    return range;
  };
  return {
    doc,
    value,
    errors,
    rangeOf: (path) => walk(path, false) ?? whole,
    keyRangeOf: (path) => walk(path, true),
  };
}
