import { parseDocument, isMap, isScalar, isPair, isSeq, type Node as YamlNode } from 'yaml';
import { parseYamlSubset, type FastNode } from './yaml-subset.js';
import { FRONTMATTER_KEYS, FrontmatterSchema, SkillMetadataSchema, type Frontmatter, type SkillMetadata } from './schema.js';

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

/** The opening fence: `---`, optional spaces or tabs, a line ending. */
const OPENING_FENCE = /^---[ \t]*\r?\n/;

/**
 * Splits frontmatter from body the way gray-matter does (`test/skill/frontmatter.test.ts` compares the two): the
 * block runs from after `---` to the first line starting with `---`, and the body starts after that line's
 * `---` and one line ending. Both parts are slices of `text`, so no copy of the file is made.
 */
export function splitFrontmatter(text: string): SplitFile {
  if (!OPENING_FENCE.test(text)) return { hasFrontmatter: false, yaml: '', yamlOffset: 0, body: text, bodyOffset: 0 };
  const close = text.indexOf('\n---', 3);
  if (close < 0) return { hasFrontmatter: true, yaml: text.slice(3), yamlOffset: 3, body: '', bodyOffset: text.length };
  let bodyOffset = close + 4;
  if (text.charCodeAt(bodyOffset) === 0x0d) bodyOffset++;
  if (text.charCodeAt(bodyOffset) === 0x0a) bodyOffset++;
  return { hasFrontmatter: true, yaml: text.slice(3, close), yamlOffset: 3, body: text.slice(bodyOffset), bodyOffset };
}

/** A parsed YAML document with a way to find where any path inside it starts. */
export interface ParsedYaml {
  /** Plain JS value of the document. */
  value: unknown;
  /** YAML syntax errors with offsets relative to the YAML text. */
  errors: { message: string; offset: number }[];
  /** Offset (relative to the YAML text) where the node at `path` starts, or its closest existing ancestor. */
  offsetOf(path: readonly PropertyKey[]): number;
  /** Offset of the key (not the value) at `path`, when it exists. */
  keyOffsetOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parses YAML keeping where each node starts (YAML 1.2 core schema: dates stay strings, `1.0` is a number). Text
 * in the subset of `yaml-subset.ts` takes its fast reader; anything else, and every text with an error, is parsed
 * by the `yaml` package, which gives the same values and offsets for the subset.
 */
export function parseYaml(source: string): ParsedYaml {
  const fast = parseYamlSubset(source);
  if (fast) {
    const { root, value } = fast;
    const walk = (path: readonly PropertyKey[], wantKey: boolean): number | undefined => {
      let node: FastNode = root;
      let at = root.start;
      for (let i = 0; i < path.length; i++) {
        const key = path[i];
        if (node.kind === 'seq' && typeof key === 'number') {
          const item: FastNode | undefined = node.items[key];
          if (!item) return wantKey ? undefined : at;
          at = item.start;
          node = item;
          continue;
        }
        if (node.kind !== 'map') return wantKey ? undefined : at;
        const pair = node.pairs.get(String(key));
        if (!pair) return wantKey ? undefined : at;
        if (i === path.length - 1 && wantKey) return pair.keyStart;
        at = pair.value.start;
        node = pair.value;
      }
      return at;
    };
    return { value, errors: [], offsetOf: (path) => walk(path, false) ?? 0, keyOffsetOf: (path) => walk(path, true) };
  }
  return parseYamlExact(source);
}

/** Parses YAML with the `yaml` package: every construct, and the errors. */
export function parseYamlExact(source: string): ParsedYaml {
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  const errors = doc.errors.map((e) => ({ message: e.message.split('\n')[0] ?? e.message, offset: e.pos[0] }));
  let value: unknown;
  try {
    value = errors.length === 0 ? doc.toJS({ maxAliasCount: 50 }) : undefined;
  } catch (error) {
    errors.push({ message: (error as Error).message, offset: 0 });
  }
  const walk = (path: readonly PropertyKey[], wantKey: boolean): number | undefined => {
    let node: unknown = doc.contents;
    let at = (doc.contents as YamlNode | null)?.range ? ((doc.contents as YamlNode).range as number[])[0]! : 0;
    for (let i = 0; i < path.length; i++) {
      const key = path[i];
      if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as YamlNode | null | undefined;
        if (!item) return wantKey ? undefined : at;
        if (item.range) at = item.range[0];
        node = item;
        continue;
      }
      if (!isMap(node)) return wantKey ? undefined : at;
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) return wantKey ? undefined : at;
      const last = i === path.length - 1;
      if (last && wantKey && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
      const v = pair.value as YamlNode | null;
      if (v && v.range) at = v.range[0];
      else if (isScalar(pair.key) && pair.key.range) at = pair.key.range[0];
      node = v;
    }
    return at;
  };
  return {
    value,
    errors,
    offsetOf: (path) => walk(path, false) ?? 0,
    keyOffsetOf: (path) => walk(path, true),
  };
}

/** A problem the frontmatter schema found, at a file offset. */
export interface FrontmatterIssue {
  /** Path of the value inside the frontmatter, e.g. `['description']`. */
  path: (string | number)[];
  /** The zod issue code, e.g. `too_big`. */
  code: string;
  message: string;
  offset: number;
}

/** What the frontmatter of a SKILL.md holds, with the position of every part a rule may point at. */
export interface FrontmatterData {
  /** Whether the file starts with a `---` block. */
  present: boolean;
  /** File offset of the YAML text between the fences. */
  yamlOffset: number;
  /** File offset where the Markdown body starts (0 without frontmatter). */
  bodyOffset: number;
  /** YAML syntax errors (file offsets); when there are any, nothing below is filled in. */
  yamlErrors: { offset: number; message: string }[];
  /** Whether the YAML value is a map (a list or a scalar is not a frontmatter). */
  isMap: boolean;
  /** Top-level keys outside the Agent Skills keys, at the key. */
  unknownKeys: { key: string; offset: number }[];
  /** `metadata` values that are not strings: what was found and how the value reads when quoted. */
  nonStringMetadata: { key: string; offset: number; found: string; quoted: string }[];
  /** Problems of the Agent Skills keys against {@link FrontmatterSchema}. */
  issues: FrontmatterIssue[];
  /** Problems of `metadata` against {@link SkillMetadataSchema}; `present` says whether the key was written. */
  metadataIssues: (FrontmatterIssue & { key: string; present: boolean; isString: boolean })[];
  /** The frontmatter, when it matches the schema. */
  data?: Frontmatter;
  /** The typed metadata, when it matches the schema. */
  meta?: SkillMetadata;
}

/** Reads the frontmatter of a whole SKILL.md text into {@link FrontmatterData}. Pure; reports nothing itself. */
export function readFrontmatter(text: string, split: SplitFile = splitFrontmatter(text)): FrontmatterData {
  const out: FrontmatterData = {
    present: split.hasFrontmatter,
    yamlOffset: split.yamlOffset,
    bodyOffset: split.bodyOffset,
    yamlErrors: [],
    isMap: false,
    unknownKeys: [],
    nonStringMetadata: [],
    issues: [],
    metadataIssues: [],
  };
  if (!split.hasFrontmatter) return out;
  const yaml = parseYaml(split.yaml);
  out.yamlErrors = yaml.errors.map((e) => ({ offset: split.yamlOffset + e.offset, message: e.message }));
  if (yaml.errors.length > 0) return out;
  const value = yaml.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  out.isMap = true;
  const record = value as Record<string, unknown>;
  const at = (p: readonly PropertyKey[]) => split.yamlOffset + yaml.offsetOf(p);
  const allowed = FRONTMATTER_KEYS as readonly string[];
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) out.unknownKeys.push({ key, offset: split.yamlOffset + (yaml.keyOffsetOf([key]) ?? 0) });
  }
  const metadataRaw = record.metadata;
  const metadata = metadataRaw && typeof metadataRaw === 'object' && !Array.isArray(metadataRaw) ? (metadataRaw as Record<string, unknown>) : undefined;
  for (const [key, v] of Object.entries(metadata ?? {})) {
    if (typeof v === 'string') continue;
    const found = v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v;
    out.nonStringMetadata.push({ key, offset: at(['metadata', key]), found, quoted: Array.isArray(v) ? v.join(' ') : String(v) });
  }
  const fm = FrontmatterSchema.safeParse(Object.fromEntries(Object.entries(record).filter(([k]) => allowed.includes(k))));
  if (fm.success) out.data = fm.data;
  else out.issues = fm.error.issues.map((i) => ({ path: i.path as (string | number)[], code: i.code, message: i.message, offset: at(i.path) }));
  const meta = SkillMetadataSchema.safeParse(metadataRaw ?? {});
  if (meta.success) out.meta = meta.data;
  else {
    out.metadataIssues = meta.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      const present = metadata !== undefined && key in metadata;
      return { path: i.path as (string | number)[], code: i.code, message: i.message, offset: at(key ? ['metadata', key] : ['metadata']), key, present, isString: present && typeof metadata[key] === 'string' };
    });
  }
  return out;
}
