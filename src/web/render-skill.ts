import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import type { Schema } from 'hast-util-sanitize';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Registry } from '../corpus/types.js';
import type { Reference } from '../references/schema.js';
import { findCitationTags } from '../skill/citations.js';
import { SECTIONS } from '../skill/schema.js';

/** One numbered entry of a page's "Sources" list: a reference plus the locator the text cites. */
export interface SourceEntry {
  number: number;
  id: string;
  locator?: string | undefined;
  reference: Reference;
}

/** A link of the page's table of contents. */
export interface TocEntry {
  id: string;
  title: string;
  children: TocEntry[];
}

/** A skill body rendered to safe HTML. */
export interface RenderedBody {
  /** Sanitised HTML: the `##` sections, stages, checklist, contested notes and the "Sources" list. */
  html: string;
  toc: TocEntry[];
  sources: SourceEntry[];
}

const KIND_LABEL: Record<Reference['kind'], string> = {
  statute: 'Statute',
  'royal-decree': 'Royal decree',
  'ministerial-decree': 'Ministerial decree',
  'eu-directive': 'EU directive',
  'eu-regulation': 'EU regulation',
  treaty: 'Treaty',
  'case-law': 'Case law',
  'official-guidance': 'Official guidance',
  'commune-page': 'Commune page',
  secondary: 'Secondary source',
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The strict sanitisation schema: only the elements and attribute values this renderer produces survive.
 * Skill bodies cannot carry raw HTML (remark-rehype drops it), so ids and classes come from our own structure
 * step; anything else (scripts, styles, images, forms, event handlers, `javascript:` links) is removed.
 */
export const SANITIZE_SCHEMA: Schema = {
  strip: ['script', 'style', 'template'],
  clobber: [],
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false,
  tagNames: [
    'section', 'aside', 'nav', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'blockquote', 'a', 'strong', 'em', 'code', 'pre', 'sup', 'span', 'del', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  attributes: {
    a: ['href', 'title', ['id', /^cite-\d+-\d+$/], ['className', 'back']],
    section: [['id', SLUG], ['className', 'stage', 'sources']],
    aside: [['className', 'contested'], ['role', 'note'], ['ariaLabel', 'Contested']],
    h2: [['id', SLUG]],
    h3: [['id', SLUG]],
    ul: [['className', 'checklist']],
    ol: [['className', 'sources']],
    li: [['id', /^source-\d+$/]],
    sup: [['className', 'cite']],
    span: [['className', 'label', 'meta', 'cites']],
    dl: [['className', 'stage-facts']],
    th: ['align'],
    td: ['align'],
  },
  protocols: { href: ['https', 'http', 'mailto'] },
  required: {},
  ancestors: { tbody: ['table'], thead: ['table'], tr: ['table'], th: ['table'], td: ['table'] },
};

function el(tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}
function text(value: string): Text {
  return { type: 'text', value };
}
function isElement(node: RootContent | ElementContent | undefined, tag?: string): node is Element {
  return node?.type === 'element' && (tag === undefined || node.tagName === tag);
}
function textOf(node: RootContent | ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}
function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}

/** Replaces citation tags in text nodes (outside links and code) with numbered superscript links. */
function footnoteCitations(root: Root, registry: Pick<Registry, 'get'>): SourceEntry[] {
  const sources = new Map<string, SourceEntry & { uses: number }>();
  const visit = (parent: Root | Element) => {
    const out: (RootContent | ElementContent)[] = [];
    for (const child of parent.children) {
      if (child.type === 'element') {
        if (child.tagName !== 'a' && child.tagName !== 'code' && child.tagName !== 'pre') visit(child);
        out.push(child);
        continue;
      }
      if (child.type !== 'text') {
        out.push(child);
        continue;
      }
      const { tags } = findCitationTags(child.value);
      let at = 0;
      for (const tag of tags) {
        const reference = registry.get(tag.id);
        if (!reference) continue;
        // A footnote mark sits right after the word it supports, and marks in a row stay together, so a line
        // never starts with a bare "[3]".
        const before = child.value.slice(at, tag.start).replace(/\s+$/, '');
        if (before) out.push(text(before));
        const last = out.at(-1);
        const group = !before && isElement(last, 'span') && at > 0 ? last : el('span', { className: ['cites'] });
        if (group !== last) out.push(group);
        const key = `${tag.id}\u0000${tag.locator ?? ''}`;
        let entry = sources.get(key);
        if (!entry) {
          entry = { number: sources.size + 1, id: tag.id, locator: tag.locator, reference, uses: 0 };
          sources.set(key, entry);
        }
        entry.uses += 1;
        const label = `${reference.short_title ?? reference.title}${tag.locator ? `, ${tag.locator}` : ''}`;
        group.children.push(
          el('sup', { className: ['cite'] }, [
            el('a', { href: `#source-${entry.number}`, id: `cite-${entry.number}-${entry.uses}`, title: label }, [text(`[${entry.number}]`)]),
          ]),
        );
        at = tag.end;
      }
      if (at === 0) out.push(child);
      else if (at < child.value.length) out.push(text(child.value.slice(at)));
    }
    parent.children = out as typeof parent.children;
  };
  visit(root);
  return [...sources.values()].map(({ uses: _uses, ...entry }) => entry);
}

/** Blockquotes that open with "Contested:" become a visibly labelled note. */
function markContested(node: Root | Element): void {
  node.children = node.children.map((child) => {
    if (!isElement(child)) return child;
    markContested(child);
    if (child.tagName !== 'blockquote') return child;
    const first = child.children.find((c) => isElement(c, 'p'));
    if (!first || !/^\s*Contested\s*:/i.test(textOf(first))) return child;
    const lead = first.children[0];
    if (isElement(lead, 'strong') && /^\s*Contested\s*:?\s*$/i.test(textOf(lead))) {
      first.children.splice(0, 1, el('span', { className: ['label'] }, [text('Contested')]));
    } else {
      first.children.unshift(el('span', { className: ['label'] }, [text('Contested')]), text(' '));
    }
    return el('aside', { className: ['contested'], role: 'note', ariaLabel: 'Contested' }, child.children);
  }) as typeof node.children;
}

/** Splits a stage's trailing "Deadline: …" / "Outcome: …" lines into a labelled definition list. */
function stageFacts(children: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  let list: Element | undefined;
  for (const child of children) {
    if (!isElement(child, 'p') || !/^\s*(Deadline|Outcome)\s*:/.test(textOf(child))) {
      if (!(child.type === 'text' && child.value.trim() === '')) list = undefined;
      out.push(child);
      continue;
    }
    // "Deadline: …\nOutcome: …" is one Markdown paragraph; cut it at each label that starts a line.
    const items: { label: string; content: ElementContent[] }[] = [];
    for (const part of child.children) {
      if (part.type !== 'text') {
        items.at(-1)?.content.push(part);
        continue;
      }
      const pieces = part.value.split(/\n(?=\s*(?:Deadline|Outcome)\s*:)/);
      pieces.forEach((piece, i) => {
        const m = /^\s*(Deadline|Outcome)\s*:\s*/.exec(piece);
        if ((i > 0 || items.length === 0) && m) {
          items.push({ label: m[1]!, content: [] });
          piece = piece.slice(m[0].length);
        }
        if (piece) items.at(-1)?.content.push(text(piece.replace(/\n+$/, '')));
      });
    }
    if (!list) {
      list = el('dl', { className: ['stage-facts'] });
      out.push(list);
    }
    for (const item of items) list.children.push(el('dt', {}, [text(item.label)]), el('dd', {}, item.content));
  }
  return out;
}

/** Groups the flat body into `<section>`s per `##` heading and per stage, collecting the table of contents. */
function structure(root: Root): TocEntry[] {
  const toc: TocEntry[] = [];
  const top: RootContent[] = [];
  let current: Element | undefined;
  const used = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    return id;
  };
  let droppedTitle = false;
  for (const child of root.children) {
    if (!droppedTitle && isElement(child, 'h1')) {
      droppedTitle = true;
      continue;
    }
    if (isElement(child, 'h1') || isElement(child, 'h2')) {
      const title = textOf(child).trim();
      const known = SECTIONS.find((s) => s.title.toLowerCase() === title.toLowerCase());
      const id = uniqueId(known?.key ?? slugify(title));
      current = el('section', { id }, [el('h2', {}, child.children)]);
      toc.push({ id, title, children: [] });
      top.push(current);
      continue;
    }
    if (current) current.children.push(child as ElementContent);
    else top.push(child);
  }
  root.children = top;

  for (const section of top) {
    if (!isElement(section, 'section')) continue;
    const id = String(section.properties.id);
    if (id === 'documents') {
      for (const c of section.children) if (isElement(c, 'ul')) c.properties = { ...c.properties, className: ['checklist'] };
    }
    if (id !== 'stages') continue;
    const entry = toc.find((t) => t.id === id)!;
    const grouped: ElementContent[] = [];
    let stage: Element | undefined;
    const close = () => {
      if (stage) stage.children = stageFacts(stage.children);
    };
    for (const c of section.children) {
      if (isElement(c, 'h3')) {
        close();
        const title = textOf(c).trim();
        const number = /^Stage\s+(\d+)/i.exec(title)?.[1] ?? String(entry.children.length + 1);
        const stageId = uniqueId(`stage-${Number(number)}`);
        stage = el('section', { id: stageId, className: ['stage'] }, [c]);
        entry.children.push({ id: stageId, title, children: [] });
        grouped.push(stage);
      } else if (stage) stage.children.push(c);
      else grouped.push(c);
    }
    close();
    section.children = grouped;
  }
  return toc;
}

function sourcesSection(sources: readonly SourceEntry[]): Element {
  const items = sources.map((s) => {
    const r = s.reference;
    const ids = [
      r.numac ? `NUMAC ${r.numac}` : undefined,
      r.eli ? `ELI ${r.eli}` : undefined,
      r.celex ? `CELEX ${r.celex}` : undefined,
      r.ecli ? `ECLI ${r.ecli}` : undefined,
    ].filter((x): x is string => x !== undefined);
    const meta = [KIND_LABEL[r.kind], r.issuer, ...ids, `checked ${r.checked}`]
      .filter((x): x is string => x !== undefined)
      .join(' · ');
    // People read the short English name first; the official title (original language) follows it.
    const children: ElementContent[] = [el('a', { href: r.url }, [text(r.short_title ?? r.title)])];
    if (s.locator) children.push(text(`, ${s.locator}`));
    if (r.short_title && r.short_title !== r.title) children.push(el('span', { className: ['meta'] }, [text(r.title)]));
    const back = el('a', { href: `#cite-${s.number}-1`, className: ['back'], title: `Back to where source ${s.number} is first cited` }, [text('back to text')]);
    children.push(el('span', { className: ['meta'] }, [text(`${meta} `), back]));
    return el('li', { id: `source-${s.number}` }, children);
  });
  return el('section', { id: 'sources', className: ['sources'] }, [el('h2', {}, [text('Sources')]), el('ol', { className: ['sources'] }, items)]);
}

const STATE = 'loketWebRender';
interface RenderState {
  registry: Pick<Registry, 'get'>;
  sources: SourceEntry[];
  toc: TocEntry[];
}

/** Adds the page structure; per-render state (registry in, sources and contents out) travels on the file. */
function rehypeSkillStructure() {
  return (tree: Root, file: { data: Record<string, unknown> }) => {
    const state = file.data[STATE] as RenderState;
    state.sources = footnoteCitations(tree, state.registry);
    markContested(tree);
    state.toc = structure(tree);
    if (state.sources.length > 0) {
      tree.children.push(sourcesSection(state.sources));
      state.toc.push({ id: 'sources', title: 'Sources', children: [] });
    }
  };
}

// Built once: the unified pipeline is reused for every skill.
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSkillStructure)
  .use(rehypeSanitize, SANITIZE_SCHEMA)
  .use(rehypeStringify)
  .freeze();

/**
 * Renders a skill's Markdown body for people: CommonMark + GFM, then sections per `##`, stages as
 * `<section id="stage-N">` with labelled deadline and outcome, the documents list as a checklist, contested
 * notes as labelled asides, and citation tags as numbered footnotes pointing to a "Sources" list whose items
 * link to each reference's official URL. The result passes a strict sanitiser before it is serialised.
 */
export function renderSkillBody(body: string, registry: Pick<Registry, 'get'>): RenderedBody {
  const data: RenderState = { registry, sources: [], toc: [] };
  const html = String(processor.processSync({ value: body, data: { [STATE]: data } }));
  return { html, toc: data.toc, sources: data.sources };
}
