/**
 * Pins the plan view's MCP surface: find_procedure and get_skill name `ui://loket/plan.html` in their `_meta.ui`
 * (and the older `ui/resourceUri` key), the resource is listed and read as one self-contained HTML document with
 * MIME `text/html;profile=mcp-app` whose CSP admits its own inline script and style by hash and nothing from any
 * origin, and clients without Apps get complete text answers, identical whether or not they declare the extension.
 */
import { createHash } from 'node:crypto';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../../src/mcp/server.js';
import { testDeps } from '../../helpers/connect.js';
import { CASES, shippedCorpus } from '../../helpers/plan.js';

const URI = 'ui://loket/plan.html';
const MIME = 'text/html;profile=mcp-app';

async function connect(capabilities: Record<string, unknown>) {
  const server = createServer(testDeps({ corpus: await shippedCorpus() }));
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'plan-test', version: '0.0.0' }, { capabilities });
  await server.connect(serverSide);
  await client.connect(clientSide);
  return { client, close: async () => (await client.close(), await server.close()) };
}

let plain: Awaited<ReturnType<typeof connect>>;
let apps: Awaited<ReturnType<typeof connect>>;
beforeAll(async () => {
  plain = await connect({});
  apps = await connect({ extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: [MIME] } } });
});
afterAll(async () => {
  await plain.close();
  await apps.close();
});

describe('plan view on the MCP surface', () => {
  it('tools/list: find_procedure and get_skill carry the UI meta, no other tool does', async () => {
    const { tools } = await plain.client.listTools();
    for (const tool of tools) {
      const meta = tool._meta as { ui?: { resourceUri?: string }; 'ui/resourceUri'?: string } | undefined;
      if (tool.name === 'find_procedure' || tool.name === 'get_skill') {
        expect(meta?.ui?.resourceUri, tool.name).toBe(URI);
        expect(meta?.['ui/resourceUri'], tool.name).toBe(URI);
      } else {
        expect(meta?.ui, tool.name).toBeUndefined();
      }
    }
  });

  it('resources/list offers the view with its MIME type and no network origins', async () => {
    const { resources } = await plain.client.listResources();
    const view = resources.find((r) => r.uri === URI);
    expect(view?.mimeType).toBe(MIME);
    expect(view?._meta).toEqual({ ui: { csp: { connectDomains: [], resourceDomains: [], frameDomains: [], baseUriDomains: [] }, prefersBorder: true } });
  });

  it('resources/read returns one self-contained HTML document whose CSP allows nothing off-origin', async () => {
    const read = await plain.client.readResource({ uri: URI });
    expect(read.contents).toHaveLength(1);
    const [content] = read.contents as Array<{ uri: string; mimeType: string; text: string }>;
    expect(content?.uri).toBe(URI);
    expect(content?.mimeType).toBe(MIME);
    const html = content!.text;
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.match(/<html[\s>]/g)).toHaveLength(1);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);

    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    const styles = [...html.matchAll(/<style([^>]*)>([\s\S]*?)<\/style>/g)];
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    expect(scripts[0]![1]).toBe(''); // inline, no src
    const markup = html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '').replace(/<style[^>]*>[\s\S]*?<\/style>/g, '');
    expect(markup).not.toMatch(/\s(src|href|srcset|action|poster|data)=/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(styles[0]![2]).not.toMatch(/@import|url\(/i);

    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    expect(csp).toBeDefined();
    const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    for (const name of ['connect-src', 'img-src', 'font-src', 'frame-src', 'object-src', 'base-uri', 'form-action']) expect(directives.get(name), name).toEqual(["'none'"]);
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    expect(directives.get('script-src')).toEqual([hash(scripts[0]![2]!)]);
    expect(directives.get('style-src')).toEqual([hash(styles[0]![2]!)]);
    for (const values of directives.values()) for (const v of values) expect(v).toMatch(/^'(none|sha256-[A-Za-z0-9+/=]+)'$/);
  });

  it.each(Object.keys(CASES) as Array<keyof typeof CASES>)('%s: the same answer with or without Apps, and the text names every date', async (name) => {
    const call = { name: 'find_procedure', arguments: CASES[name] as unknown as Record<string, unknown> };
    const a = await plain.client.callTool(call);
    const b = await apps.client.callTool(call);
    expect(b).toEqual(a);
    const text = (a.content as Array<{ type: string; text: string }>).map((c) => c.text).join('\n');
    const structured = a.structuredContent as { procedures: Array<{ title: string; deadline?: { date: string; safe_date?: string }; window?: { opens: string; closes: string } }> };
    expect(structured.procedures.length).toBeGreaterThan(0);
    for (const p of structured.procedures) {
      expect(text).toContain(p.title);
      for (const date of [p.deadline?.date, p.deadline?.safe_date, p.window?.opens, p.window?.closes]) if (date) expect(text).toContain(date);
    }
    // The view's extra fields stay out of the text.
    expect(text).not.toContain('"references"');
    expect(text).not.toContain(URI);
  });

  it('find_procedure structured content carries the stages, documents and sources the view shows', async () => {
    const result = await plain.client.callTool({ name: 'find_procedure', arguments: CASES.visitor as unknown as Record<string, unknown> });
    const corpus = await shippedCorpus();
    const s = result.structuredContent as { skills: Record<string, { stages: unknown[]; documents: unknown[]; contested: unknown[] }>; references: Record<string, { url: string }> };
    const skill = corpus.getSkill('annex-3-arrival-declaration')!;
    expect(s.skills['annex-3-arrival-declaration']?.stages).toHaveLength(skill.stages.length);
    expect(s.skills['annex-3-arrival-declaration']?.documents).toHaveLength(skill.documents.length);
    expect(s.skills['annex-3-arrival-declaration']?.contested).toHaveLength(skill.contested.length);
    for (const [id, ref] of Object.entries(s.references)) expect(ref.url).toBe(corpus.registry.get(id)!.url);
  });
});
