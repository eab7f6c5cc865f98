import { isAscii } from 'node:buffer';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A content-addressed store of parse results (skills, registry files) and of the rules that read one file only
 * (the structure of a SKILL.md, injection scans), so unchanged files are not parsed or scanned again on the next
 * start. Caches never decide safety (SECURITY K13):
 *
 * - the cache lives outside the corpus tree (a user cache directory), never in a folder a pull request can
 *   write, and a cache folder inside the corpus is refused;
 * - it is keyed by the digest of each input file, and the whole file by a fingerprint of the parsing, lint and
 *   safety code, the versions of the libraries they use, the Node.js and Unicode versions and the rule set;
 * - its content is authenticated with an HMAC under a key only this user can read, so an entry this
 *   installation did not write itself (edited, copied from elsewhere, planted by another user) is discarded and
 *   the file is parsed and scanned again;
 * - the folder and the key must belong to the current user and not be writable by anyone else, or the cache
 *   is not used at all.
 */
export interface ParseCache {
  get<T>(key: string): T | undefined;
  set(key: string, entry: unknown): void;
  /**
   * Writes the entries used since opening; failures (read-only disk) are ignored: the cache is an optimisation.
   * A cache serves one load: once saved it lets go of every entry it held, so a corpus or a parse that still
   * refers to it does not keep the file's bytes alive.
   */
  save(): Promise<void>;
}

/** Options of {@link openParseCache}. */
export interface ParseCacheOptions {
  /** Cache folder (see {@link defaultCacheDir}). */
  dir: string;
  /** Corpus root the entries belong to; a cache folder inside it is refused. */
  root: string;
  /** Names the rule set, so a load with other rules never reuses entries. */
  variant: string;
}

/**
 * The user's cache folder for loket: `LOKET_CACHE_DIR`, else `$XDG_CACHE_HOME/loket`, else `~/.cache/loket`,
 * else a per-user folder in the system temp directory.
 */
export function defaultCacheDir(env: Record<string, string | undefined> = process.env): string {
  if (env.LOKET_CACHE_DIR) return resolve(env.LOKET_CACHE_DIR);
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'loket');
  let home = '';
  try {
    home = homedir();
  } catch {
    // No home directory (some service accounts): fall back to the temp directory.
  }
  if (home && home !== '/') return join(home, '.cache', 'loket');
  return join(tmpdir(), `loket-cache-${process.getuid?.() ?? 'user'}`);
}

/** A cache that stores nothing: used when the folder cannot be trusted. */
const NO_CACHE: ParseCache = { get: () => undefined, set: () => {}, save: async () => {} };

// The modules whose code decides a parse result: a change to any file under them invalidates every entry.
const CODE_DIRS = ['skill', 'lint', 'safety', 'diagnostics', 'references', 'corpus', 'procedures'];
// The libraries those modules parse with.
const DEPENDENCIES = ['yaml', 'unified', 'remark-parse', 'micromark', 'mdast-util-from-markdown', 'zod', 'ibantools', 'awesome-phonenumber'];

// The bundles an installed loket runs (scripts/build.mjs): dist/loket.js with its chunks, and dist/loket.cjs. They
// are built from the same sources as the modules above, by another build step, so their bytes count too.
const BUNDLE = /^(?:loket\.c?js|chunk-[A-Za-z0-9_-]+\.js)$/;

/**
 * Hash of the parser, lint rules and safety code under `base` (src/ under tsx, dist/ when compiled: the modules of
 * {@link CODE_DIRS} and the bundles beside them), the versions of the libraries they use, and the Node.js, ICU
 * and Unicode versions (NFKC normalisation and regex property classes depend on them).
 */
export async function codeFingerprintOf(base: string): Promise<string> {
  const hash = createHash('sha256');
  const visit = async (dir: string): Promise<void> => {
    const entries = (await readdir(join(base, dir), { withFileTypes: true }).catch(() => [])).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory()) await visit(path);
      else if (/\.(ts|js)$/.test(e.name)) hash.update(`${path}\0`).update(await readFile(join(base, path)));
    }
  };
  for (const dir of CODE_DIRS) await visit(dir);
  const bundles = (await readdir(base, { withFileTypes: true }).catch(() => [])).filter((e) => e.isFile() && BUNDLE.test(e.name)).map((e) => e.name);
  for (const name of bundles.sort()) hash.update(`${name}\0`).update(await readFile(join(base, name)));
  for (const dep of DEPENDENCIES) hash.update(`${dep}@${await installedVersion(dep)}\0`);
  hash.update(`node ${process.versions.node} icu ${process.versions.icu ?? ''} unicode ${process.versions.unicode ?? ''}`);
  return hash.digest('hex');
}

let fingerprint: Promise<string> | undefined;
/** {@link codeFingerprintOf} the code running now, once per process. */
function codeFingerprint(): Promise<string> {
  fingerprint ??= codeFingerprintOf(dirname(dirname(fileURLToPath(import.meta.url))));
  return fingerprint;
}

const require = createRequire(import.meta.url);

/** The version of an installed package, found through its entry point (packages may not export package.json). */
async function installedVersion(name: string): Promise<string> {
  let dir: string;
  try {
    dir = dirname(require.resolve(name));
  } catch {
    try {
      dir = dirname(fileURLToPath(import.meta.resolve(name)));
    } catch {
      return 'absent';
    }
  }
  for (let i = 0; i < 8; i++) {
    try {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? 'unknown';
    } catch {
      // Not here: look one folder up.
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return 'unknown';
}

/** Cache key of one file: its path and the digest of its bytes (plus what was done with it, when not a parse). */
export function entryKey(path: string, digest: string, purpose = 'parse'): string {
  return `${purpose}\0${path}\0${digest}`;
}

/** True when `inner` is `outer` or lies inside it. */
function isInside(inner: string, outer: string): boolean {
  const rel = relative(resolve(outer), resolve(inner));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** On POSIX: the path belongs to this user and nobody else may write it (the key: nobody else may read it). */
async function privateToUser(path: string, mask: number): Promise<boolean> {
  const uid = process.getuid?.();
  if (uid === undefined) return true; // Windows: per-user profile folders carry their own ACLs.
  const s = await stat(path).catch(() => undefined);
  return s !== undefined && s.uid === uid && (s.mode & mask) === 0;
}

/** The HMAC key of the cache folder, created on first use (readable by this user only). */
async function cacheKey(dir: string): Promise<Buffer | undefined> {
  const file = join(dir, 'key');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const key = await readFile(file);
      return key.length === 32 && (await privateToUser(file, 0o077)) ? key : undefined;
    } catch {
      try {
        await writeFile(file, randomBytes(32), { flag: 'wx', mode: 0o600 });
      } catch {
        // Another process created it first (read it on the next pass), or the folder is read-only.
      }
    }
  }
  return undefined;
}

const mac = (key: Buffer, salt: string, body: Uint8Array) => createHmac('sha256', key).update(`${salt}\n`).update(body).digest('hex');

/**
 * JSON with every character outside ASCII written as a `\u` escape: the file then decodes to a one-byte string,
 * which reads and parses faster than the two-byte string a single typographic quote would otherwise make of all
 * of it.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * New entries' JSON (ASCII), packed one after the other into buffers of a megabyte or more: outside the JavaScript
 * heap, so holding a first start's entries until the save does not grow the heap for good, and given back to the
 * system once the cache is dropped.
 */
class PackedEntries {
  readonly #chunks: Buffer[] = [];
  #used = 0;

  /** Stores `json` and returns where it lies. */
  add(json: string): Buffer {
    let last = this.#chunks[this.#chunks.length - 1];
    if (!last || this.#used + json.length > last.length) {
      last = Buffer.allocUnsafe(Math.max(1 << 20, json.length));
      this.#chunks.push(last);
      this.#used = 0;
    }
    const start = this.#used;
    this.#used += last.write(json, start, 'latin1');
    return last.subarray(start, this.#used);
  }
}

/** `parts` joined into buffers of about a megabyte each, for writing with few calls. */
function* inChunks(parts: readonly Buffer[]): Generator<Buffer> {
  let pending: Buffer[] = [];
  let size = 0;
  for (const part of parts) {
    pending.push(part);
    size += part.length;
    if (size >= 1 << 20) {
      yield Buffer.concat(pending);
      pending = [];
      size = 0;
    }
  }
  if (pending.length) yield Buffer.concat(pending);
}

/**
 * Opens the parse cache of the corpus at `root` in `dir` (one file per corpus root). Returns a cache that stores
 * nothing when the folder is inside the corpus, belongs to someone else, is writable by others, or cannot be
 * created. Entries are trusted only when the file's HMAC verifies under this folder's key and its fingerprint
 * matches the running code.
 */
export async function openParseCache(options: ParseCacheOptions): Promise<ParseCache> {
  const dir = resolve(options.dir);
  if (isInside(dir, options.root)) return NO_CACHE;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch {
    return NO_CACHE;
  }
  if (!(await privateToUser(dir, 0o022))) return NO_CACHE;
  const key = await cacheKey(dir);
  if (!key) return NO_CACHE;
  const salt = `${await codeFingerprint()}:${options.variant}`;
  const file = join(dir, `parse-${createHash('sha256').update(resolve(options.root)).digest('hex').slice(0, 16)}.json`);
  // Where each stored entry's JSON lies in `body`, by key; parsed only when asked for.
  let body: Buffer | undefined;
  const stored = new Map<string, [start: number, end: number]>();
  try {
    // Line 1: {"salt", "mac"}. The rest, authenticated byte for byte: line 2 the index (`[key, length]` pairs, in
    // order), then the entries' JSON one after the other. ASCII only, so lengths are byte counts.
    const bytes = await readFile(file);
    const newline = bytes.indexOf(0x0a);
    if (newline === -1) throw new Error('no header');
    const header = JSON.parse(bytes.toString('utf8', 0, newline)) as { salt?: unknown; mac?: unknown };
    const authenticated = bytes.subarray(newline + 1);
    const expected = Buffer.from(mac(key, salt, authenticated), 'hex');
    const given = typeof header.mac === 'string' && /^[0-9a-f]{64}$/.test(header.mac) ? Buffer.from(header.mac, 'hex') : Buffer.alloc(32);
    if (header.salt === salt && timingSafeEqual(expected, given) && isAscii(authenticated)) {
      const end = authenticated.indexOf(0x0a);
      if (end === -1) throw new Error('no index');
      const index = JSON.parse(authenticated.toString('latin1', 0, end)) as unknown;
      if (!Array.isArray(index)) throw new Error('no index');
      let at = end + 1;
      for (const item of index as unknown[]) {
        const [k, length] = Array.isArray(item) ? (item as unknown[]) : [];
        if (typeof k !== 'string' || !Number.isSafeInteger(length) || (length as number) < 0 || at + (length as number) > authenticated.length) throw new Error('bad index');
        stored.set(k, [at, (at += length as number)]);
      }
      body = authenticated;
    }
  } catch {
    // No cache yet, or an unreadable one: start empty.
    stored.clear();
  }
  // Entries for the next file, as their JSON: a stored entry where it lies in `body` (written back as read), a new
  // entry packed when it is set (the parse it came from need not stay alive until the save).
  const used = new Map<string, Buffer>();
  let packed = new PackedEntries();
  let changed = false;
  return {
    get<T>(k: string) {
      const range = stored.get(k);
      if (!range || !body) return undefined;
      // Parsed on each call: an entry lives only while its file is loaded, not for the whole load.
      const hit = JSON.parse(body.toString('latin1', range[0], range[1])) as unknown;
      if (!hit) return undefined;
      used.set(k, body.subarray(range[0], range[1]));
      return hit as T;
    },
    set(k, entry) {
      used.set(k, packed.add(asciiJson(entry)));
      changed = true;
    },
    async save() {
      try {
        if (!changed && used.size === stored.size) return;
        const index: [string, number][] = [];
        const parts: Buffer[] = [];
        for (const [k, json] of used) {
          index.push([k, json.length]);
          parts.push(json);
        }
        parts.unshift(Buffer.from(`${asciiJson(index)}\n`, 'latin1'));
        // Authenticated and written part by part: the file's bytes are never held whole.
        const hmac = createHmac('sha256', key).update(`${salt}\n`);
        for (const part of parts) hmac.update(part);
        const header = Buffer.from(`${JSON.stringify({ salt, mac: hmac.digest('hex') })}\n`, 'latin1');
        const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
        await writeFile(tmp, inChunks([header, ...parts]), { mode: 0o600 });
        await rename(tmp, file);
      } catch {
        // Read-only or full disk: serve from the parsed corpus anyway.
      } finally {
        body = undefined;
        stored.clear();
        used.clear();
        packed = new PackedEntries();
        changed = false;
      }
    },
  };
}
