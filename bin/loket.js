#!/usr/bin/env node
// `loket` runs the compiled CLI from dist/ (built by `npm run build`, which `npm ci` runs through `prepare`);
// in a checkout without dist/ it falls back to compiling the TypeScript sources on the fly with tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli.js', import.meta.url);
if (existsSync(compiled)) {
  const { run } = await import(compiled.href);
  await run();
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { run } = await import('../src/cli.ts');
  await run();
}
