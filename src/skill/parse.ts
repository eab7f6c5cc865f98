import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { lineLocator } from '../diagnostics/diagnostic.js';
import { findCitationTags } from './citations.js';
import { digestOf } from './digest.js';
import { parseYaml, splitFrontmatter } from './frontmatter.js';
import { nonTagRanges, parseMarkdown, rangeOf, toPlainText, type MdNode } from './markdown.js';
import {
  FRONTMATTER_KEYS,
  FrontmatterSchema,
  SECTIONS,
  SkillMetadataSchema,
  type Citation,
  type CitedText,
  type Contested,
  type Section,
  type Skill,
  type SkillFile,
  type Stage,
} from './schema.js';

export interface ParseSkillInput {
  /** Repository-relative path, used in diagnostics. */
  path: string;
  /** The SKILL.md text. */
  text: string;
  /** The exact bytes of SKILL.md (for the digest); derived from `text` when absent. */
  bytes?: Uint8Array;
  /** Other files of the skill folder (SKILL.md excluded). */
  files?: readonly SkillFile[];
}

export interface ParseSkillResult {
  /** The skill, when it has no errors. */
  skill?: Skill;
  diagnostics: Diagnostic[];
}

const STAGE_HEADING = /^Stage\s+(\d+)\s*[—–-]\s*(\S.*)$/;
const FIELD_LINE = /^(Deadline|Outcome):\s*(.*)$/;

/**
 * Parses one SKILL.md into a typed skill. Pure: no file system. Every problem becomes a diagnostic with the
 * position in the file; nothing throws for bad content.
 */
export function parseSkill(input: ParseSkillInput): ParseSkillResult {
  const { path, text } = input;
  const diagnostics: Diagnostic[] = [];
  const locate = lineLocator(text);
  const report = (offset: number, ruleId: string, message: string, severity: Severity = 'error', endOffset?: number) => {
    const p = locate(offset);
    const d: Diagnostic = { file: path, line: p.line, column: p.column, severity, ruleId, message };
    if (endOffset !== undefined) {
      const e = locate(endOffset);
      d.endLine = e.line;
      d.endColumn = e.column;
    }
    diagnostics.push(d);
  };

  const split = splitFrontmatter(text);
  if (!split.hasFrontmatter) {
    report(0, 'frontmatter-missing', 'Expected a YAML frontmatter block between `---` lines at the top of SKILL.md, with name, description, license and metadata');
    return { diagnostics };
  }
  const yaml = parseYaml(split.yaml);
  for (const e of yaml.errors) report(split.yamlOffset + e.offset, 'frontmatter-yaml', `The frontmatter is not valid YAML: ${e.message}`);
  if (yaml.errors.length > 0) return { diagnostics };

  const data = yaml.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    report(split.yamlOffset, 'frontmatter-schema', 'The frontmatter must be a YAML map with name, description, license and metadata');
    return { diagnostics };
  }
  const record = data as Record<string, unknown>;
  const at = (p: readonly PropertyKey[]) => split.yamlOffset + yaml.rangeOf(p)[0];
  for (const key of Object.keys(record)) {
    if (!(FRONTMATTER_KEYS as readonly string[]).includes(key)) {
      const r = yaml.keyRangeOf([key]);
      report(split.yamlOffset + (r?.[0] ?? 0), 'frontmatter-unknown-key', `Unexpected frontmatter key \`${key}\`: only the Agent Skills keys ${FRONTMATTER_KEYS.map((k) => `\`${k}\``).join(', ')} are allowed; put project fields under \`metadata\``);
    }
  }
  const metadataRaw = record.metadata;
  if (metadataRaw && typeof metadataRaw === 'object' && !Array.isArray(metadataRaw)) {
    for (const [k, v] of Object.entries(metadataRaw as Record<string, unknown>)) {
      if (typeof v !== 'string') {
        report(at(['metadata', k]), 'metadata-not-string', `metadata.${k} must be a string, found ${v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v}; quote the value, e.g. ${k}: "${Array.isArray(v) ? v.join(' ') : String(v)}"`);
      }
    }
  }
  const known = Object.fromEntries(Object.entries(record).filter(([k]) => (FRONTMATTER_KEYS as readonly string[]).includes(k)));
  const fm = FrontmatterSchema.safeParse(known);
  if (!fm.success) {
    for (const issue of fm.error.issues) {
      if (issue.path[0] === 'metadata' && issue.path.length === 2 && issue.code === 'invalid_type') continue; // reported above
      const field = issue.path.join('.') || 'frontmatter';
      const ruleId = issue.path[0] === 'description' && issue.code === 'too_big' ? 'description-length' : 'frontmatter-schema';
      report(at(issue.path), ruleId, `${field}: ${issue.message}`);
    }
  }
  const metadataRecord = metadataRaw && typeof metadataRaw === 'object' && !Array.isArray(metadataRaw) ? (metadataRaw as Record<string, unknown>) : undefined;
  const meta = SkillMetadataSchema.safeParse(metadataRaw ?? {});
  if (!meta.success) {
    for (const issue of meta.error.issues) {
      const key = String(issue.path[0] ?? '');
      const present = metadataRecord !== undefined && key in metadataRecord;
      if (present && typeof metadataRecord[key] !== 'string') continue; // reported as metadata-not-string
      const message = !present ? `metadata.${key} is required` : `metadata.${key}: ${issue.message}`;
      report(at(key ? ['metadata', key] : ['metadata']), 'metadata-schema', message);
    }
  }

  // Body
  const body = split.body;
  const base = split.bodyOffset;
  const root = parseMarkdown(body);
  const slice = (n: MdNode) => body.slice(...rangeOf(n));
  const skip = nonTagRanges(root);
  const { tags, malformed } = findCitationTags(body, skip);
  for (const m of malformed) report(base + m.start, 'citation-malformed', `Malformed citation tag \`${m.raw}\`: ${m.reason}`, 'error', base + m.end);
  const allCitations: Citation[] = tags.map((t) => {
    const p = locate(base + t.start);
    return { id: t.id, ...(t.locator ? { locator: t.locator } : {}), line: p.line, column: p.column, offset: p.offset };
  });
  const citationsIn = (from: number, to: number) => allCitations.filter((c) => c.offset >= base + from && c.offset < base + to);
  const cited = (n: MdNode, textOverride?: string): CitedText => {
    const [a, b] = rangeOf(n);
    return { text: (textOverride ?? body.slice(a, b)).trim(), citations: citationsIn(a, b) };
  };
  const lineOf = (n: MdNode) => locate(base + rangeOf(n)[0]).line;

  // Sections: `##` headings split the body.
  const children = root.children ?? [];
  interface RawSection { title: string; heading: MdNode; nodes: MdNode[] }
  const raw: RawSection[] = [];
  for (const node of children) {
    if (node.type === 'heading' && node.depth === 1) continue;
    if (node.type === 'heading' && node.depth === 2) raw.push({ title: toPlainText(node).trim(), heading: node, nodes: [] });
    else raw.at(-1)?.nodes.push(node);
  }
  const firstContent = children.find((n) => !(n.type === 'heading' && n.depth === 1));
  if (firstContent && !(firstContent.type === 'heading' && firstContent.depth === 2)) {
    report(base + rangeOf(firstContent)[0], 'section-order', 'Content before the first section: start the body with `## Scope` (an optional `# Title` may come first)');
  }
  const sections: Section[] = [];
  let expected = 0;
  const seen = new Set<string>();
  for (const s of raw) {
    const idx = SECTIONS.findIndex((d) => d.title.toLowerCase() === s.title.toLowerCase());
    const headStart = base + rangeOf(s.heading)[0];
    if (idx < 0) {
      report(headStart, 'unknown-section', `Unexpected section \`## ${s.title}\`; the sections are ${SECTIONS.map((d) => d.title).join(', ')} — use a \`###\` heading inside one of them instead`);
      continue;
    }
    const def = SECTIONS[idx]!;
    if (seen.has(def.key)) {
      report(headStart, 'section-order', `Section \`## ${def.title}\` appears twice; merge the two`);
      continue;
    }
    if (idx < expected) {
      report(headStart, 'section-order', `Section \`## ${def.title}\` is out of order: expected it before \`## ${SECTIONS[expected - 1]!.title}\` (order: ${SECTIONS.map((d) => d.title).join(', ')})`);
    }
    seen.add(def.key);
    expected = Math.max(expected, idx + 1);
    const end = s.nodes.length ? rangeOf(s.nodes.at(-1)!)[1] : rangeOf(s.heading)[1];
    sections.push({
      key: def.key,
      title: def.title,
      line: lineOf(s.heading),
      markdown: body.slice(rangeOf(s.heading)[0], end).trim(),
      text: s.nodes.map(toPlainText).join('\n').trim(),
    });
  }
  for (const def of SECTIONS) {
    if (!def.optional && !seen.has(def.key)) {
      report(base + body.length, 'required-sections', `Missing section \`## ${def.title}\`; every skill has ${SECTIONS.filter((d) => !d.optional).map((d) => d.title).join(', ')} in that order`);
    }
  }
  const nodesOf = (key: string) => raw.find((s) => s.title.toLowerCase() === SECTIONS.find((d) => d.key === key)?.title.toLowerCase())?.nodes ?? [];
  const listItems = (nodes: MdNode[]) => nodes.filter((n) => n.type === 'list').flatMap((l) => l.children ?? []);
  const itemText = (n: MdNode) => slice(n).replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '');

  // Stages
  const stages: Stage[] = [];
  const stageNodes = nodesOf('stages');
  let current: { heading: MdNode; index: number; title: string; nodes: MdNode[] } | undefined;
  const groups: NonNullable<typeof current>[] = [];
  for (const node of stageNodes) {
    if (node.type === 'heading' && node.depth === 3) {
      const title = toPlainText(node).trim();
      const m = STAGE_HEADING.exec(title);
      if (!m) {
        report(base + rangeOf(node)[0], 'stage-heading', `Unexpected heading \`### ${title}\` in Stages; write \`### Stage ${groups.length + 1} — Title\``);
        current = undefined;
        continue;
      }
      current = { heading: node, index: Number(m[1]), title: m[2]!.trim(), nodes: [] };
      groups.push(current);
    } else current?.nodes.push(node);
  }
  if (seen.has('stages') && groups.length === 0) {
    const s = raw.find((r) => r.title.toLowerCase() === 'stages');
    if (s) report(base + rangeOf(s.heading)[0], 'stage-heading', 'The Stages section has no `### Stage 1 — Title` headings; an assistant walks stages one at a time');
  }
  groups.forEach((g, i) => {
    if (g.index !== i + 1) report(base + rangeOf(g.heading)[0], 'stage-heading', `Stage numbered ${g.index}, expected ${i + 1}: number stages 1, 2, 3 … in order`);
    const steps = listItems(g.nodes).map((li) => cited(li, itemText(li)));
    if (steps.length === 0) report(base + rangeOf(g.heading)[0], 'stage-without-steps', `Stage ${g.index} "${g.title}" has no steps; add a list of what the person does`);
    let deadline: CitedText | undefined;
    let outcome: CitedText | undefined;
    for (const n of g.nodes.filter((x) => x.type === 'paragraph')) {
      const [a] = rangeOf(n);
      let lineStart = a;
      for (const line of slice(n).split('\n')) {
        const m = FIELD_LINE.exec(line.trim());
        if (m) {
          const value: CitedText = { text: m[2]!.trim(), citations: citationsIn(lineStart, lineStart + line.length) };
          if (m[1] === 'Deadline') deadline = value;
          else outcome = value;
        }
        lineStart += line.length + 1;
      }
    }
    const from = rangeOf(g.heading)[0];
    const to = g.nodes.length ? rangeOf(g.nodes.at(-1)!)[1] : rangeOf(g.heading)[1];
    stages.push({
      index: i + 1,
      title: g.title,
      line: lineOf(g.heading),
      steps,
      ...(deadline ? { deadline } : {}),
      ...(outcome ? { outcome } : {}),
      markdown: body.slice(from, to).trim(),
      citations: citationsIn(from, to),
    });
  });

  // Contested notes: blockquotes whose first paragraph starts with **Contested:**.
  const contested: Contested[] = [];
  for (const s of raw) {
    const visit = (n: MdNode) => {
      if (n.type === 'blockquote') {
        const first = n.children?.[0];
        const lead = first?.type === 'paragraph' ? first.children?.[0] : undefined;
        if (lead?.type === 'strong' && /^contested:?$/i.test(toPlainText(lead).trim())) {
          const textOf = slice(n).split('\n').map((l) => l.replace(/^\s*>\s?/, '')).join('\n').replace(/^\*\*Contested:?\*\*:?\s*/i, '').trim();
          const [a, b] = rangeOf(n);
          contested.push({ text: textOf, line: lineOf(n), section: SECTIONS.find((d) => d.title.toLowerCase() === s.title.toLowerCase())?.key ?? s.title, citations: citationsIn(a, b) });
          return;
        }
      }
      n.children?.forEach(visit);
    };
    s.nodes.forEach(visit);
  }

  const scopeNodes = nodesOf('scope');
  const firstPara = scopeNodes.find((n) => n.type === 'paragraph');
  const summary = firstPara ? toPlainText(firstPara).replace(/\s*\[[a-z0-9-]+(?:,[^\]]*)?\]/g, '').replace(/\s+/g, ' ').trim() : '';

  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  if (hasErrors || !fm.success || !meta.success) return { diagnostics };

  const bytes = input.bytes ?? new TextEncoder().encode(text);
  const skillFile: SkillFile = { path: 'SKILL.md', bytes, digest: digestOf(bytes), size: bytes.byteLength, mimeType: 'text/markdown' };
  const skill: Skill = {
    name: fm.data.name,
    description: fm.data.description,
    license: fm.data.license,
    metadata: Object.freeze({ ...fm.data.metadata }),
    meta: meta.data,
    frontmatter: Object.freeze(fm.data),
    path,
    body,
    summary,
    sections,
    stages,
    documents: listItems(nodesOf('documents')).map((li) => cited(li, itemText(li))),
    fees: listItems(nodesOf('fees')).map((li) => cited(li, itemText(li))),
    surprises: listItems(nodesOf('surprises')).map((li) => cited(li, itemText(li))),
    contested,
    citations: allCitations,
    files: [skillFile, ...(input.files ?? [])],
    digest: skillFile.digest,
  };
  return { skill: deepFreeze(skill), diagnostics };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
