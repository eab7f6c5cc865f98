#!/usr/bin/env node
// `loket` runs the compiled CLI from dist/: the npm package ships it, and in a checkout `npm ci` builds it (through
// `prepare`). dist/loket.js is the CLI bundled with its JavaScript dependencies (a few files to load at start
// instead of about a thousand); dist/cli.js, the same CLI one module per source file, serves a dist/ built
// without it. A checkout without dist/ falls back to compiling the TypeScript sources on the fly with tsx, a
// development dependency.
import { existsSync } from 'node:fs';

const bundled = new URL('../dist/loket.js', import.meta.url);
const compiled = new URL('../dist/cli.js', import.meta.url);
const sources = new URL('../src/cli.ts', import.meta.url);
if (existsSync(bundled) || existsSync(compiled)) {
  const { run } = await import((existsSync(bundled) ? bundled : compiled).href);
  await run();
} else if (existsSync(sources)) {
  const tsx = await import('tsx/esm/api').catch(() => undefined);
  if (!tsx) {
    process.stderr.write('loket: dist/ is missing and tsx is not installed; run `npm ci` (or `npm run build`) in the checkout\n');
    process.exit(1);
  }
  tsx.register();
  const { run } = await import(sources.href);
  await run();
} else {
  process.stderr.write('loket: this installation has no dist/ folder; reinstall the package\n');
  process.exit(1);
}
