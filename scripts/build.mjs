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
  const toolListings = JSON.stringify(JSON.stringify(await toolListingsOf(src)));
  await bundleCli(src, out, toolListings);
  await bundleCliScript(src, out, toolListings);
}

/** Packages left out of the start-up bundle: native code, and drivers loaded only on demand by their own paths. */
const EXTERNAL = ['better-sqlite3', 'pg', 'pg-native'];

/**
 * What `tools/list` shows of every tool over the empty fact vocabulary (presentation and JSON Schemas), computed by
 * the sources' own code (bundled into a scratch file and imported here, `corpusIndependentListings`), for the
 * start-up bundle to list the tools without loading them or converting their zod schemas.
 */
async function toolListingsOf(src) {
  const scratch = mkdtempSync(join(tmpdir(), 'loket-build-'));
  try {
    const file = join(scratch, 'tools.mjs');
    const contents = "export { corpusIndependentListings } from './mcp/tools/index.ts'; export { EMPTY_VOCABULARY } from './procedures/vocabulary.ts';";
    await build({ stdin: { contents, resolveDir: src, loader: 'ts' }, outfile: file, bundle: true, format: 'esm', platform: 'node', target: 'node20', external: EXTERNAL, banner: { js: REQUIRE_BANNER }, logLevel: 'warning' });
    const { corpusIndependentListings, EMPTY_VOCABULARY } = await import(pathToFileURL(file).href);
    return corpusIndependentListings(EMPTY_VOCABULARY);
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
 * The tools' listings (`toolListingsOf`) are computed here and defined in the bundle.
 */
async function bundleCli(src, out, toolListings) {
  await build({
    entryPoints: { loket: join(src, 'cli.ts') },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    banner: { js: REQUIRE_BANNER },
    define: { LOKET_TOOL_LISTINGS: toolListings },
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    plugins: [ownImportMetaUrl(src)],
    logLevel: 'warning',
  });
}

/**
 * Gives each module that reads `import.meta.url` the address its own file has in the per-file build (see
 * {@link bundleCli}); the entry, `src/cli.ts`, keeps the bundle's.
 */
function ownImportMetaUrl(src) {
  const entry = join(src, 'cli.ts');
  return {
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
}

/**
 * The same CLI as one CommonJS script, `dist/loket.cjs`, for `bin/loket.js` to run through `vm.Script` with V8's
 * code cache on Node.js that has no module compile cache (before 22.1; see `bin/script-cache.js`): a start then
 * neither parses nor compiles the code it ran before. Whitespace and syntax are minified and every character is
 * ASCII (esbuild leaves non-ASCII characters in regular expression literals; they are written as `\u` escapes
 * here), so the loader reads it as Latin-1 without a UTF-8 decode; it is refused if it is not ASCII. The modules
 * loaded on first use stay lazy: esbuild evaluates them on their first `import()`. `import.meta` of the sources
 * comes from `scripts/import-meta-cjs.js`.
 */
async function bundleCliScript(src, out, toolListings) {
  const file = join(out, 'loket.cjs');
  const result = await build({
    entryPoints: [join(src, 'cli.ts')],
    outfile: file,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    inject: [join(root, 'scripts/import-meta-cjs.js')],
    define: { LOKET_TOOL_LISTINGS: toolListings, 'import.meta.url': 'import_meta_url', 'import.meta.resolve': 'import_meta_resolve' },
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    plugins: [ownImportMetaUrl(src)],
    logLevel: 'warning',
    write: false,
  });
  for (const { path, text } of result.outputFiles) writeFileSync(path, path === file ? asciiOnly(text) : text);
}

/**
 * `text` with every non-ASCII UTF-16 unit written as a `\uXXXX` escape, which means the same unit in a string,
 * template, regular expression (with or without the `u` flag: an escaped surrogate pair is one code point there)
 * or comment. After a backslash the escape would mean something else, so that fails the build.
 */
export function asciiOnly(text) {
  return text.replace(/[^\x00-\x7f]/g, (unit, at) => {
    if (text[at - 1] === '\\') throw new Error(`loket.cjs: a non-ASCII character after a backslash at offset ${at} cannot be escaped`);
    return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) await buildDist();
