// `import.meta` for the CommonJS start-up bundle (dist/loket.cjs, see build.mjs): the bundle's own address, and a
// resolver of package names from it. Injected by esbuild, which has no `import.meta` in CommonJS output.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export const import_meta_url = pathToFileURL(__filename).href;

/** `import.meta.resolve` of a package name, through Node.js's CommonJS resolution from the bundle. */
export const import_meta_resolve = (specifier) => pathToFileURL(createRequire(__filename).resolve(specifier)).href;
