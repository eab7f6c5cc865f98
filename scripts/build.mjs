// Compiles src/ to dist/ (one ES module per source file, same layout) so `loket` starts without a TypeScript
// loader; non-TypeScript files under src/ (SQL migrations) are copied beside them. The MCP App views
// (src/views/<name>/) are built into single HTML documents at dist/views/<name>.html. Type checking is
// `npm run typecheck`; this step only strips types. `node scripts/build.mjs` builds the checkout's dist/; other
// scripts import `buildDist` to build into a staging folder.
import { build } from 'esbuild';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
  await bundleCli(src, out);
}

/** Packages left out of the start-up bundle: native code, and drivers loaded only on demand by their own paths. */
const EXTERNAL = ['better-sqlite3', 'pg', 'pg-native'];

/**
 * The JSON Schemas of the tools that do not depend on the corpus, converted from their zod schemas by the sources'
 * own code (bundled into a scratch file and imported here), for the start-up bundle to list without converting.
 */
async function toolJsonSchemas(src) {
  const scratch = mkdtempSync(join(tmpdir(), 'loket-build-'));
  try {
    const file = join(scratch, 'tools.mjs');
    await build({ entryPoints: [join(src, 'mcp/tools/index.ts')], outfile: file, bundle: true, format: 'esm', platform: 'node', target: 'node20', external: EXTERNAL, banner: { js: REQUIRE_BANNER }, logLevel: 'warning' });
    const { corpusIndependentJsonSchemas } = await import(pathToFileURL(file).href);
    return corpusIndependentJsonSchemas();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** CommonJS packages inside an ES module bundle call `require` for Node's built-ins. */
const REQUIRE_BANNER = "import { createRequire as __loketCreateRequire } from 'node:module'; const require = __loketCreateRequire(import.meta.url);";

/**
 * The start-up bundle `bin/loket.js` runs: `src/cli.ts` and the JavaScript packages it imports, bundled by esbuild
 * into `dist/loket.js` plus chunks (`dist/chunk-*.js`) for the modules loaded on first use (HTTP and web pages,
 * the submission store, `loket review`), so a stdio start loads a few files instead of about a thousand. A module
 * that finds files beside itself (`import.meta.url`: migrations, views, the package root, the parse cache's code
 * fingerprint) is given the address its own file has in the per-file build above, so those paths do not change.
 * The JSON Schemas of the tools that do not depend on the corpus are computed here and defined in the bundle.
 */
async function bundleCli(src, out) {
  const entry = join(src, 'cli.ts');
  const ownUrl = {
    name: 'own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        // The entry keeps its own address: `node dist/loket.js` runs the CLI as `node dist/cli.js` does.
        if (!args.path.startsWith(src + sep) || args.path === entry || !text.includes('import.meta.url')) return undefined;
        const compiled = relative(src, args.path).split(sep).join('/').replace(/\.ts$/, '.js');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(`./${compiled}`)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
  await build({
    entryPoints: { loket: entry },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: REQUIRE_BANNER },
    define: { LOKET_TOOL_JSON_SCHEMAS: JSON.stringify(JSON.stringify(await toolJsonSchemas(src))) },
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    plugins: [ownUrl],
    logLevel: 'warning',
  });
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) await buildDist();
