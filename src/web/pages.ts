import type { Registry } from '../corpus/types.js';
import type { SearchResult } from '../search/index.js';
import { findCitationTags } from '../skill/citations.js';
import type { Skill } from '../skill/schema.js';
import { escapeHtml, renderPage } from './html.js';
import { renderSkillBody, type TocEntry } from './render-skill.js';

/** Removes citation tags from plain text (search snippets, summaries), where they would be noise. */
export function stripCitations(text: string): string {
  const { tags } = findCitationTags(text);
  let out = '';
  let at = 0;
  for (const tag of tags) {
    out += text.slice(at, tag.start);
    at = tag.end;
  }
  return (out + text.slice(at)).replace(/\s+([.,;:])/g, '$1').replace(/\s{2,}/g, ' ').trim();
}

/** Cuts text at a sentence or word boundary near `length` characters. */
export function clip(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const sentence = cut.lastIndexOf('. ');
  if (sentence > length * 0.5) return cut.slice(0, sentence + 1);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > 0 ? space : length).trimEnd()}…`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function humanDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** "Version 1.0.0 · Editorial status: alpha · Last verified: 28 September 2026" as HTML. */
export function statusLine(skill: Skill): string {
  const { version, status } = skill.meta;
  const verified = skill.meta['last-verified'];
  return `Version <strong>${escapeHtml(version)}</strong> · Editorial status: <strong>${escapeHtml(status)}</strong> · Last verified: <strong><time datetime="${escapeHtml(verified)}">${escapeHtml(humanDate(verified))}</time></strong>`;
}

function tocHtml(entries: readonly TocEntry[]): string {
  if (entries.length === 0) return '';
  return `<ol>${entries
    .map((e) => `<li><a href="#${escapeHtml(e.id)}">${escapeHtml(e.title)}</a>${tocHtml(e.children)}</li>`)
    .join('')}</ol>`;
}

const STATUS_NOTES: Partial<Record<Skill['meta']['status'], string>> = {
  draft: 'This is a draft: it has not been reviewed yet. Check every step with your commune.',
  deprecated: 'This skill is deprecated and no longer maintained. Check with your commune before relying on it.',
};

/** The URLs shown in the "use this with your assistant" box. */
export interface SkillLinks {
  /** Absolute URL of the skill page, e.g. `https://host/skills/<name>`. */
  skillUrl: string;
  /** Absolute URL of the MCP endpoint, e.g. `https://host/mcp`. */
  mcpUrl: string;
}

/** Renders the main content of a skill page (the body is cached by the caller via `renderSkillBody`). */
export function skillPage(skill: Skill, registry: Pick<Registry, 'get'>, links: SkillLinks, body = renderSkillBody(skill.body, registry)): string {
  const title = skill.meta.title;
  const note = STATUS_NOTES[skill.meta.status];
  const rawPath = `/skills/${skill.name}/SKILL.md`;
  const zipPath = `/skills/${skill.name}.zip`;
  const main = `<article aria-labelledby="skill-title">
<h1 id="skill-title">${escapeHtml(title)}</h1>
<p class="status">${statusLine(skill)}</p>
${note ? `<p><strong>${escapeHtml(note)}</strong></p>\n` : ''}<section class="paste" aria-labelledby="paste-title">
<h2 id="paste-title">Use this with your AI assistant</h2>
<p>Paste this into your assistant:</p>
<pre><code>Walk me through this Belgian procedure, one stage at a time, citing the sources: ${escapeHtml(links.skillUrl)}</code></pre>
<p>Or connect the assistant to this server over MCP (Streamable HTTP): <code>${escapeHtml(links.mcpUrl)}</code></p>
<p>Plain Markdown for agents: <a href="${escapeHtml(rawPath)}">SKILL.md</a> (digest <code>${escapeHtml(skill.digest)}</code>).</p>
<p>For assistants that add skills by upload: <a href="${escapeHtml(zipPath)}" download>download ${escapeHtml(skill.name)}.zip</a> (the skill folder).</p>
</section>
<nav class="toc" aria-labelledby="toc-title">
<h2 id="toc-title">On this page</h2>
${tocHtml(body.toc)}
</nav>
${body.html}
</article>`;
  return renderPage({ title: `${title} — loket`, main, description: clip(skill.description, 300) });
}

/** One row of the index or of the search results. */
export interface IndexEntry {
  skill: Skill;
  /** Text under the title: a search snippet, or the start of the description. */
  text?: string;
}

/** Renders the index page: search form, then all skills or the ranked results for `query`. */
export function indexPage(entries: readonly IndexEntry[], query?: string): string {
  const searching = query !== undefined && query.trim() !== '';
  const heading = searching ? `Results for “${escapeHtml(query)}” (${entries.length})` : `All procedures (${entries.length})`;
  const items = entries
    .map(({ skill, text }) => {
      const blurb = stripCitations(text ?? clip(skill.description, 280));
      return `<li><h3><a href="/skills/${escapeHtml(skill.name)}">${escapeHtml(skill.meta.title)}</a></h3>
<p${searching ? ' class="snippet"' : ''}>${escapeHtml(blurb)}</p>
<p class="status">${statusLine(skill)}</p></li>`;
    })
    .join('\n');
  const main = `<h1>Belgian commune procedures, step by step</h1>
<p>Each procedure is written as a skill: who it is for, what to bring, the stages in order with their deadlines, and a source for every fact. Open one to read it, or paste its link into your AI assistant.</p>
<form class="search" role="search" method="get" action="/skills">
<label for="q">Search procedures in English, Dutch, French or German</label>
<input id="q" name="q" type="search" maxlength="200" value="${searching ? escapeHtml(query) : ''}" placeholder="e.g. bijlage 3, annexe 19, residence card">
<button type="submit">Search</button>
</form>
<section aria-labelledby="list-title">
<h2 id="list-title">${heading}</h2>
${entries.length === 0 ? '<p>No procedure matches. Try another word, for example the document number (annex 3, bijlage 19) or the card type.</p>' : `<ul class="skills">\n${items}\n</ul>`}
${searching ? '<p><a href="/skills">Show all procedures</a></p>' : ''}
</section>`;
  return renderPage({ title: searching ? `Search: ${query} — loket` : 'loket — Belgian commune procedures', main });
}

/** Index entries for search results, in rank order, skipping names the corpus does not hold. */
export function searchEntries(results: readonly SearchResult[], getSkill: (name: string) => Skill | undefined): IndexEntry[] {
  return results.flatMap((r) => {
    const skill = getSkill(r.skill);
    return skill ? [{ skill, text: r.snippet }] : [];
  });
}

/** Generic error page; it never repeats the request path or any other input. */
export function errorPage(status: number, title: string, message: string): string {
  const main = `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/skills">See all procedures</a></p>
<p class="status">HTTP ${status}</p>`;
  return renderPage({ title: `${title} — loket`, main });
}
