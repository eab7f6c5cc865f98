// Builds the MCP App views (src/views/<name>/) into single self-contained HTML documents: the TypeScript entry
// bundled and minified by esbuild into one inline script, the stylesheet inlined, and a Content-Security-Policy
// that admits exactly those two inline blocks (by SHA-256) and nothing else — no network, no other origin.
// `scripts/build.mjs` writes the result to dist/views/; a source checkout run through a TypeScript loader builds
// it in memory on first use (src/mcp/apps/plan-html.ts).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, transform } from 'esbuild';

/** The views to build: name → entry and stylesheet under src/views/<name>/. */
export const VIEWS = {
  plan: { entry: 'main.ts', stylesheet: 'plan.css', title: 'Your plan', loading: 'Loading your plan…' },
};

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy of a view: inline script and style by hash; every fetch, frame, form and base URL refused. */
export function viewPolicy(script, style) {
  return [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    "img-src 'none'",
    "font-src 'none'",
    "connect-src 'none'",
    "media-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Builds one view and returns its HTML document. */
export async function buildView(root, name) {
  const view = VIEWS[name];
  if (!view) throw new Error(`unknown view ${name}`);
  const dir = join(root, 'src', 'views', name);
  const bundled = await build({
    entryPoints: [join(dir, view.entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
  const script = bundled.outputFiles[0].text.trim();
  const css = (await transform(await readFile(join(dir, view.stylesheet), 'utf8'), { loader: 'css', minify: true })).code.trim();
  if (/<\/script/i.test(script) || /<!--/.test(script)) throw new Error(`view ${name}: the bundle contains "</script" or "<!--" and cannot be inlined`);
  if (/<\/style/i.test(css)) throw new Error(`view ${name}: the stylesheet contains "</style" and cannot be inlined`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(viewPolicy(script, css))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(view.title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    `<main id="plan"><h1>${escapeHtml(view.title)}</h1><p class="message" role="status">${escapeHtml(view.loading)}</p></main>`,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Builds every view: name → HTML. */
export async function buildViews(root) {
  const out = {};
  for (const name of Object.keys(VIEWS)) out[name] = await buildView(root, name);
  return out;
}
