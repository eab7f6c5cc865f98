import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { isLoopbackHost } from './hosts.js';
import { DEFAULT_DB_PATH } from './store/default-db-path.js';

/** The repository root (the folder holding `skills/` and `references/` when running from a checkout). */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The submissions file in the person's own data folder, for clients that start the server from a folder it
 * cannot write (an MCP Bundle in Claude Desktop passes an empty `--db=` by default): `%APPDATA%\loket` on
 * Windows, `~/Library/Application Support/loket` on macOS, `$XDG_DATA_HOME/loket` (or `~/.local/share/loket`)
 * elsewhere.
 */
export function userDataDb(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'loket', 'loket.db');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'loket', 'loket.db');
  return join(env.XDG_DATA_HOME || posix.join(home, '.local', 'share'), 'loket', 'loket.db');
}

/** `loket serve` settings after flags and environment are merged (flags win). */
export const ServeConfigSchema = z
  .object({
    root: z.string().min(1),
    stdio: z.boolean(),
    host: z.string().min(1, 'expected a host name or address, e.g. 127.0.0.1'),
    port: z.coerce.number({ error: 'expected a port number' }).int('expected a whole port number').min(0).max(65535, 'a port is at most 65535'),
    db: z.string().min(1),
    databaseUrl: z.string().regex(/^postgres(?:ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://').optional(),
    store: z.boolean(),
    public: z.boolean(),
    publicHost: z.array(z.string().regex(/^[a-z0-9.-]+(?::\d+)?$/i, 'expected a host name like loket.example.org')),
    allowOrigin: z.array(z.string().regex(/^https?:\/\/[^\s/]+$/i, 'expected an origin like https://app.example.org')),
    trustProxy: z.array(z.string().min(1)),
    readLimit: z.coerce.number({ error: 'expected a number of requests per minute' }).int('expected a whole number').min(0, 'use 0 to turn the read limit off'),
  })
  .refine((c) => c.stdio || c.public || isLoopbackHost(c.host), {
    message: 'binding to a non-loopback address exposes the server to the network; add --public to confirm',
    path: ['host'],
  });
export type ServeConfig = z.infer<typeof ServeConfigSchema>;

export const SERVE_USAGE = `Usage: loket serve [--stdio] [--host 127.0.0.1] [--port 3000] [--db PATH] [options]

Serves the skills over MCP: Streamable HTTP at http://HOST:PORT/mcp (default), or stdio with --stdio.
  --stdio              speak MCP over stdin/stdout (for Claude Desktop, Claude Code and other local clients)
  --host HOST          address to bind (default 127.0.0.1; env HOST)
  --port PORT          port to bind, 0 for any free port (default 3000; env PORT)
  --db PATH            SQLite file for submissions (default ${DEFAULT_DB_PATH}); DATABASE_URL selects PostgreSQL;
                       an empty PATH (--db=) means loket.db in your user data folder
  --no-store           serve read-only: no submission store, submission tools answer that reporting is off
  --read-only BOOL     true is --no-store, false keeps the store (for launchers that pass settings as values)
  --root DIR           corpus root holding skills/ and references/ (default: the package; env LOKET_ROOT)
  --public             allow binding a non-loopback address such as 0.0.0.0
  --public-host NAME   public host name clients use (Host/Origin allow-list), repeatable
  --allow-origin URL   extra allowed browser Origin, repeatable
  --trust-proxy IP     reverse proxy whose X-Forwarded-For is honoured, repeatable
  --read-limit N       HTTP requests a minute per client network before 429 (default 120; 0 turns it off)`;

export type ConfigResult = { ok: true; config: ServeConfig; help: boolean } | { ok: false; error: string };

/** Parses `loket serve` flags and environment (`LOKET_ROOT`, `DATABASE_URL`, `HOST`, `PORT`) into a config. */
export function parseServeConfig(argv: readonly string[], env: Record<string, string | undefined>): ConfigResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        stdio: { type: 'boolean' },
        host: { type: 'string' },
        port: { type: 'string' },
        db: { type: 'string' },
        'no-store': { type: 'boolean' },
        'read-only': { type: 'string' },
        root: { type: 'string' },
        public: { type: 'boolean' },
        'public-host': { type: 'string', multiple: true },
        'allow-origin': { type: 'string', multiple: true },
        'trust-proxy': { type: 'string', multiple: true },
        'read-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const readOnly = values['read-only'];
  if (readOnly !== undefined && !/^(true|false)$/.test(readOnly)) {
    return { ok: false, error: `--read-only expects true or false, got "${readOnly}"` };
  }
  // Parsed once per process: zod's interpreter checks it, without compiling a parser for it first.
  const parsed = ServeConfigSchema.safeParse({
    root: values.root ?? env.LOKET_ROOT ?? PACKAGE_ROOT,
    stdio: values.stdio ?? false,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    port: values.port ?? env.PORT ?? 3000,
    db: values.db === '' ? userDataDb(env) : (values.db ?? DEFAULT_DB_PATH),
    databaseUrl: env.DATABASE_URL || undefined,
    store: !(values['no-store'] ?? false) && readOnly !== 'true',
    public: values.public ?? false,
    publicHost: values['public-host'] ?? [],
    allowOrigin: values['allow-origin'] ?? [],
    trustProxy: values['trust-proxy'] ?? [],
    readLimit: values['read-limit'] ?? 120,
  }, { jitless: true });
  if (!parsed.success) {
    return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ') };
  }
  return { ok: true, config: parsed.data, help: values.help ?? false };
}
