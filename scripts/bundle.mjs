// `npm run bundle`: writes loket.mcpb, an MCP Bundle (one-click install in Claude Desktop and other MCPB hosts).
//
//   node scripts/bundle.mjs [--out PATH]      default: loket.mcpb in the repository root
//
// The bundle holds what the npm package holds (package.json `files`: bin/, dist/ compiled here, skills/,
// references/ …), manifest.json, and the production dependencies copied from this checkout's node_modules, so the
// native SQLite module (better-sqlite3) is the one built for this machine's platform and Node.js. Elsewhere the
// server runs read-only and logs why (see manifest.json). Nothing is downloaded; the checkout is not changed.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildDist } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The production dependency folders of the checkout (no devDependencies), as paths relative to the root. */
function productionPackages() {
  const npm = process.env.npm_execpath;
  const args = ['ls', '--omit=dev', '--all', '--parseable'];
  const out = npm && npm.endsWith('.js')
    ? execFileSync(process.execPath, [npm, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 })
    : execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20, shell: process.platform === 'win32' });
  return out
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && resolve(line) !== resolve(root))
    .map((line) => relative(root, line));
}

/**
 * Copies one installed package without its nested node_modules (listed separately) and, for native modules, without
 * build intermediates and C sources: only what `require` loads at run time.
 */
function copyPackage(from, to) {
  const native = existsSync(join(from, 'binding.gyp'));
  cpSync(from, to, {
    recursive: true,
    filter: (source) => {
      const parts = relative(from, source).split(sep);
      if (parts[0] === 'node_modules') return false;
      if (!native) return true;
      if (parts[0] === 'deps' || parts[0] === 'src') return false;
      if (parts[0] !== 'build' || parts.length === 1) return true;
      if (parts[1] !== 'Release') return false;
      return parts.length === 2 || (parts.length === 3 && parts[2].endsWith('.node') && parts[2] !== 'test_extension.node');
    },
  });
}

/** Builds the bundle folder in `stage` and packs it to `out` with the official MCPB packer. */
export async function bundle(out) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  if (manifest.version !== pkg.version) throw new Error(`manifest.json version ${manifest.version} differs from package.json ${pkg.version}`);
  const stage = mkdtempSync(join(tmpdir(), 'loket-bundle-'));
  try {
    for (const entry of pkg.files) {
      if (entry === 'dist') continue;
      if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
    }
    await buildDist(join(root, 'src'), join(stage, 'dist'));
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify({ ...pkg, scripts: {}, devDependencies: {} }, null, 2)}\n`);
    writeFileSync(join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const rel of productionPackages()) {
      mkdirSync(dirname(join(stage, rel)), { recursive: true });
      copyPackage(realpathSync(join(root, rel)), join(stage, rel));
    }
    const { packExtension } = await import('@anthropic-ai/mcpb');
    mkdirSync(dirname(out), { recursive: true });
    if (!(await packExtension({ extensionPath: stage, outputPath: out, silent: true }))) throw new Error('mcpb pack failed (run `npx mcpb validate manifest.json`)');
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const out = resolve(values.out ?? join(root, 'loket.mcpb'));
  await bundle(out);
  process.stdout.write(`wrote ${relative(process.cwd(), out).startsWith('..') ? out : relative(process.cwd(), out)} (MCP Bundle for ${process.platform}-${process.arch}, Node.js ${process.versions.node} native modules)\n`);
}
