import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * The HTML document of the plan view. A build (`npm run build`, run on install) writes it to
 * `dist/views/plan.html`, beside the compiled server; a source checkout run through a TypeScript loader has no
 * such file, so the view is built in memory from `src/views/plan/` with the same builder (esbuild is a dev
 * dependency there). Read or built once per process, on the first `resources/read`.
 */
let html: Promise<string> | undefined;

export function planViewHtml(): Promise<string> {
  html ??= load().catch((error: unknown) => {
    html = undefined;
    throw error;
  });
  return html;
}

async function load(): Promise<string> {
  try {
    return await readFile(new URL('../../views/plan.html', import.meta.url), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const builder = new URL('../../../scripts/build-views.mjs', import.meta.url).href;
  const { buildView } = (await import(builder)) as { buildView: (root: string, name: string) => Promise<string> };
  return buildView(root, 'plan');
}
