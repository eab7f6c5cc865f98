// Compiles src/ to dist/ (one ES module per source file, same layout) so `loket` starts without a TypeScript
// loader; non-TypeScript files under src/ (SQL migrations) are copied beside them. Type checking is `npm run
// typecheck`; this step only strips types.
import { build } from 'esbuild';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const out = join(root, 'dist');

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
for (const f of files.filter((f) => !f.endsWith('.ts'))) cpSync(f, join(out, relative(src, f)));
