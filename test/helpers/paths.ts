import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** Repository root (the folder holding package.json). */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Fixture folder. */
export const fixtures = resolve(repoRoot, 'test/fixtures');
