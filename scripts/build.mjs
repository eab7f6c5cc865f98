// Compiles src/ to dist/ (one ES module per source file, same layout) so `loket` starts without a TypeScript
// loader; non-TypeScript files under src/ (SQL migrations) are copied beside them. The MCP App views
// (src/views/<name>/) are built into single HTML documents at dist/views/<name>.html. Type checking is
// `npm run typecheck`; this step only strips types. `node scripts/build.mjs` builds the checkout's dist/; other
// scripts import `buildDist` to build into a staging folder.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildViews } from './build-views.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Compiles every file under `src` into `out` (emptied first), views included. */
export async function buildDist(src = join(root, 'src'), out = join(root, 'dist')) {
  const files = [];
  const visit = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) visit(p);
      else files.push(p);
    }
  };
  visit(src);

  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: files.filter((f) => f.endsWith('.ts')),
    outdir: out,
    outbase: src,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  // Stylesheets of the views are inlined into their HTML below, not copied.
  const viewSources = join(src, 'views') + sep;
  for (const f of files.filter((f) => !f.endsWith('.ts') && !f.startsWith(viewSources))) cpSync(f, join(out, relative(src, f)));
  mkdirSync(join(out, 'views'), { recursive: true });
  for (const [name, html] of Object.entries(await buildViews(root))) writeFileSync(join(out, 'views', `${name}.html`), html);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) await buildDist();
