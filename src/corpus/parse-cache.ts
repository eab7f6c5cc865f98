import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Skill } from '../skill/schema.js';

/** What parsing and linting one SKILL.md produced, without the file bytes (those are always read fresh). */
export interface ParsedEntry {
  skill?: Omit<Skill, 'files'>;
  diagnostics: Diagnostic[];
}

/**
 * A content-addressed store of parse results (skills and registry files), so unchanged files are not parsed again
 * on the next start. Entries are plain JSON; the key says what was parsed.
 */
export interface ParseCache {
  get<T>(key: string): T | undefined;
  set(key: string, entry: unknown): void;
  /** Writes the entries used since opening; failures (read-only disk) are ignored: the cache is an optimisation. */
  save(): Promise<void>;
}

const FILE = 'parsed.json';
// The modules whose code decides a parse result: a change to any of them invalidates every entry.
const CODE_DIRS = ['skill', 'lint', 'lint/rules', 'safety', 'diagnostics', 'references', 'corpus'];

let fingerprint: Promise<string> | undefined;
/** Hash of the parser, lint rules and safety code as installed (src/*.ts under tsx, dist/*.js when compiled). */
function codeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const base = dirname(dirname(fileURLToPath(import.meta.url)));
    const hash = createHash('sha256');
    for (const dir of CODE_DIRS) {
      const names = (await readdir(join(base, dir)).catch(() => [] as string[])).filter((n) => /\.(ts|js)$/.test(n)).sort();
      for (const name of names) hash.update(`${dir}/${name}\0`).update(await readFile(join(base, dir, name)));
    }
    return hash.digest('hex');
  })();
  return fingerprint;
}

/** Cache key of one SKILL.md: its path and the digest of its bytes. */
export function entryKey(path: string, digest: string): string {
  return `${path}\0${digest}`;
}

/**
 * Opens the parse cache in `dir`. `variant` names the rule set, so a load with other rules never reuses entries.
 * Entries are keyed by file digest and guarded by a fingerprint of the parsing code, so a hit is exactly what
 * parsing the same bytes with the same code would return.
 */
export async function openParseCache(dir: string, variant: string): Promise<ParseCache> {
  const salt = `${await codeFingerprint()}:${variant}`;
  const file = join(dir, FILE);
  let stored: Record<string, unknown> = {};
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as { salt?: string; entries?: Record<string, unknown> };
    if (json.salt === salt && json.entries && typeof json.entries === 'object') stored = json.entries;
  } catch {
    // No cache yet, or an unreadable one: start empty.
  }
  const used = new Map<string, unknown>();
  let changed = false;
  return {
    get<T>(key: string) {
      const hit = Object.hasOwn(stored, key) ? stored[key] : undefined;
      if (hit) used.set(key, hit);
      return hit as T | undefined;
    },
    set(key, entry) {
      used.set(key, entry);
      changed = true;
    },
    async save() {
      if (!changed && used.size === Object.keys(stored).length) return;
      try {
        await mkdir(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(tmp, JSON.stringify({ salt, entries: Object.fromEntries(used) }));
        await rename(tmp, file);
      } catch {
        // Read-only or full disk: serve from the parsed corpus anyway.
      }
    },
  };
}
