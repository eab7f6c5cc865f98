import { createHash } from 'node:crypto';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The one stylesheet of the site, inlined so pages need no other request and work offline. System fonts,
 * a single readable column that reflows on a phone, visible focus, and colours that keep WCAG AA contrast in
 * light and dark schemes.
 */
export const STYLESHEET = `
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#4a4a4a;--line:#d0d0d0;--accent:#0b57a4;--box:#f3f6fa;--warn-bg:#fff6df;--warn-line:#a86400;--focus:#c43c00}
@media (prefers-color-scheme:dark){:root{--fg:#ececec;--bg:#141414;--muted:#bdbdbd;--line:#444;--accent:#8cc4ff;--box:#1f2630;--warn-bg:#2e2512;--warn-line:#f0b44c;--focus:#ffb27a}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1.0625rem;line-height:1.6;color:var(--fg);background:var(--bg);overflow-wrap:break-word}
a{color:var(--accent);text-underline-offset:.15em}
a:focus-visible,input:focus-visible,button:focus-visible,summary:focus-visible,main:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-3rem;padding:.5rem .75rem;background:var(--bg);border:2px solid var(--accent);z-index:10}
.skip:focus{top:.5rem}
header.site,footer.site{border-bottom:1px solid var(--line);padding:.75rem 1rem}
footer.site{border-top:1px solid var(--line);border-bottom:0;color:var(--muted);font-size:.9375rem;margin-top:3rem}
header.site .brand{font-weight:700;text-decoration:none;font-size:1.125rem}
header.site .tagline{color:var(--muted);margin-left:.5rem}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
main{display:block;padding:1rem 0 2rem}
h1{font-size:1.75rem;line-height:1.25;margin:1rem 0 .5rem}
h2{font-size:1.375rem;line-height:1.3;margin:2.25rem 0 .75rem;padding-top:.5rem;border-top:1px solid var(--line)}
h3{font-size:1.125rem;line-height:1.35;margin:1.5rem 0 .5rem}
.status{color:var(--muted);margin:0 0 1rem}
.status strong{color:var(--fg)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.25rem 0 .75rem;padding:.5rem .75rem;background:var(--bg);border:1px solid var(--line)}
.paste{background:var(--box);border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;margin:1rem 0 1.5rem}
.paste h2{border:0;margin:0 0 .5rem;padding:0;font-size:1.125rem}
.paste p{margin:.25rem 0}
.paste code{overflow-wrap:anywhere}
nav.toc ol{padding-left:1.25rem;margin:.25rem 0}
nav.toc h2{font-size:1.125rem}
.stage{border-left:4px solid var(--accent);padding:.25rem 0 .25rem 1rem;margin:1.5rem 0}
.stage h3{margin-top:.25rem}
dl.stage-facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem;margin:.75rem 0 0;padding:.5rem .75rem;background:var(--box);border-radius:4px}
dl.stage-facts dt{font-weight:700}
dl.stage-facts dd{margin:0}
ul.checklist{list-style:none;padding-left:0}
ul.checklist>li{position:relative;padding-left:1.75rem;margin:.35rem 0}
ul.checklist>li::before{content:"\\2610" / "";position:absolute;left:0;top:-.05em;font-size:1.25em;line-height:1.4}
aside.contested{background:var(--warn-bg);border-left:5px solid var(--warn-line);padding:.5rem 1rem;margin:1rem 0;border-radius:0 4px 4px 0}
aside.contested .label{display:inline-block;font-weight:700;text-transform:uppercase;letter-spacing:.04em;font-size:.8125rem;border:1px solid var(--warn-line);border-radius:3px;padding:0 .35rem;margin:.25rem 0}
blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid var(--line)}
sup.cite{line-height:0;font-size:.75em;white-space:nowrap}
sup.cite a{padding:0 .1em;text-decoration:none}
ol.sources li{margin:.5rem 0}
ol.sources .meta{display:block;color:var(--muted);font-size:.9375rem}
.cites{white-space:nowrap}
table{border-collapse:collapse;display:block;overflow-x:auto}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:1rem 0 1.5rem}
form.search label{font-weight:700;width:100%}
form.search input{flex:1 1 12rem;min-width:0;font:inherit;padding:.45rem .6rem;border:2px solid var(--muted);border-radius:4px;background:var(--bg);color:var(--fg)}
form.search button{font:inherit;padding:.45rem 1rem;border:2px solid var(--accent);border-radius:4px;background:var(--accent);color:var(--bg);cursor:pointer}
ul.skills{list-style:none;padding:0}
ul.skills>li{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
ul.skills h2,ul.skills h3{border:0;padding:0;margin:0 0 .25rem;font-size:1.125rem}
ul.skills p{margin:.25rem 0}
.snippet{color:var(--muted)}
@media (max-width:30rem){body{font-size:1rem}h1{font-size:1.5rem}h2{font-size:1.25rem}.stage{padding-left:.75rem}main ul,main ol{padding-left:1.25rem}ul.checklist,ul.skills{padding-left:0}header.site .tagline{display:block;margin-left:0;font-size:.9375rem}dl.stage-facts{grid-template-columns:1fr}dl.stage-facts dd{margin-bottom:.35rem}}
`.trim();

/** `sha256-…` source expression of the stylesheet, so the CSP allows exactly this one inline style. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLESHEET).digest('base64')}'`;

/** The Content-Security-Policy sent on every response: no scripts, no third parties, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${STYLE_HASH}`,
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** What a full HTML page needs besides its main content. */
export interface PageOptions {
  title: string;
  /** Already-escaped HTML for inside `<main>`. */
  main: string;
  /** Meta description (plain text). */
  description?: string;
  /** Language of the page content (BCP 47); the skills are written in English. */
  lang?: string;
}

/** Wraps main content in the site shell: skip link, banner, main landmark, footer, inline stylesheet. */
export function renderPage({ title, main, description, lang = 'en' }: PageOptions): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${description ? `<meta name="description" content="${escapeHtml(description)}">\n` : ''}<meta name="referrer" content="no-referrer">
<style>${STYLESHEET}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><div class="wrap"><a class="brand" href="/skills">loket</a> <span class="tagline">Belgian commune procedures, step by step</span></div></header>
<main id="main" tabindex="-1"><div class="wrap">
${main}
</div></main>
<footer class="site"><div class="wrap"><p>Skills and references are licensed CC-BY-4.0. Always confirm current practice with your commune. For assistants: <a href="/llms.txt">llms.txt</a>.</p></div></footer>
</body>
</html>
`;
}
