import type { Skill } from '../skill/schema.js';

/** What /llms.txt needs to know about a tool; the MCP tool definitions (`TOOLS`) fit this shape. */
export interface ToolSummary {
  name: string;
  title?: string | undefined;
  description: string;
  annotations?: { readOnlyHint?: boolean | undefined } | undefined;
}

/** Inputs of the /llms.txt document. */
export interface LlmsTxtInput {
  skills: readonly Skill[];
  /** Tool definitions; when absent, the document points to `tools/list` instead of listing them. */
  tools?: readonly ToolSummary[] | undefined;
  /** Origin to print, without a trailing slash. */
  baseUrl: string;
  mcpPath: string;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Renders /llms.txt (llmstxt.org layout: H1, summary blockquote, sections of links) telling an assistant how to
 * use this server: the MCP endpoint, the plain HTTP endpoints, the tools from their definitions, and every skill
 * with its URLs. Generated from the same data the server runs on, so it cannot drift from it.
 */
export function renderLlmsTxt({ skills, tools, baseUrl, mcpPath }: LlmsTxtInput): string {
  const lines: string[] = [];
  lines.push('# loket', '');
  lines.push(
    '> Belgian civic-procedure skills (registering at the commune, annex 3, annex 3ter, annex 19, residence card renewal) for AI assistants. Every fact is cited to the law or an official page. Walk the user through one stage at a time, cite as you go, and surface every contested note instead of picking one reading.',
    '',
  );
  lines.push('## Endpoints', '');
  lines.push(`- MCP (Streamable HTTP, stateless): ${baseUrl}${mcpPath} — POST JSON-RPC; tools, prompts, resources and the Skills extension (skills/list, skills/get, skill://<name>/<file>).`);
  lines.push(`- Skill index: ${baseUrl}/skills — HTML; JSON with \`Accept: application/json\`; search with \`?q=\`.`);
  lines.push(`- One skill: ${baseUrl}/skills/<name> — HTML for people; Markdown with \`Accept: text/markdown\` or ${baseUrl}/skills/<name>.md.`);
  lines.push(`- Exact SKILL.md bytes: ${baseUrl}/skills/<name>/SKILL.md — \`ETag\` is the digest (\`sha256:<hex>\`); send \`If-None-Match\` to revalidate.`);
  lines.push(`- The skill folder as a zip (<name>/SKILL.md and its files), to import by upload: ${baseUrl}/skills/<name>.zip.`);
  lines.push(`- A cited reference: ${baseUrl}/references/<id> — JSON (title, kind, issuer, official url, NUMAC/ELI/CELEX/ECLI).`);
  lines.push(`- Deadlines as a calendar: ${baseUrl}/plan.ics?nationality=US&intended_stay_days=14&accommodation=private-address&arrival_date=2026-03-02 — iCalendar (all-day events) for the same facts as \`find_procedure\`, nested ones dotted (\`residence_card.type=B\`); a person can subscribe to it.`);
  lines.push(`- Health: ${baseUrl}/healthz`, '');
  lines.push('## How to use', '');
  lines.push('- Find the right skill first (`search_skills`, or `find_procedure` from the person\'s nationality and situation), then read it with `get_skill` and walk it with `get_stage`.');
  lines.push('- Citation tags look like `[id]` or `[id, locator]`; resolve them with `resolve_citation` or /references/<id>, and show the official URL.');
  lines.push('- Blockquotes starting with **Contested:** are open questions: tell the user both readings and what to do.');
  lines.push('- Report what you confirm or find wrong with `submit_validation` / `submit_observation`; never include personal data.', '');
  lines.push('## Tools', '');
  if (tools && tools.length > 0) {
    for (const tool of tools) {
      const title = tool.title ? `${oneLine(tool.title)}: ` : '';
      const ro = tool.annotations?.readOnlyHint ? ' (read-only)' : '';
      lines.push(`- \`${tool.name}\`${ro} — ${title}${oneLine(tool.description)}`);
    }
  } else {
    lines.push(`- Call \`tools/list\` on ${baseUrl}${mcpPath} for the tool list with input and output schemas.`);
  }
  lines.push('');
  lines.push('## Skills', '');
  for (const skill of skills) {
    lines.push(
      `- [${oneLine(skill.meta.title)}](${baseUrl}/skills/${skill.name}.md): \`${skill.name}\` v${skill.meta.version} (${skill.meta.status}, last verified ${skill.meta['last-verified']}). ${oneLine(skill.description)}`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
