// Pins how `loket serve` settings a launcher passes as values are read: the MCP Bundle hands over its settings as
// `--db=<path or empty>` and `--read-only=<true|false>`, and an empty database path lands in the person's own data
// folder on every platform, never in the folder the client happened to start the server from.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServeConfig, userDataDb } from '../src/config.js';

describe('serve settings', () => {
  it('keeps ./data/loket.db as the default and takes --db as given', () => {
    const plain = parseServeConfig([], {});
    expect(plain.ok && plain.config.db).toBe('./data/loket.db');
    const given = parseServeConfig(['--db=/srv/loket/sub.db'], {});
    expect(given.ok && given.config.db).toBe('/srv/loket/sub.db');
  });

  it('an empty --db= means loket.db in the user data folder', () => {
    const empty = parseServeConfig(['--stdio', '--db='], { XDG_DATA_HOME: '/home/ana/.data' });
    expect(empty.ok && empty.config.db).toBe(process.platform === 'linux' ? '/home/ana/.data/loket/loket.db' : userDataDb({ XDG_DATA_HOME: '/home/ana/.data' }));
  });

  it('names the data folder each platform uses', () => {
    expect(userDataDb({}, 'linux', '/home/ana')).toBe('/home/ana/.local/share/loket/loket.db');
    expect(userDataDb({ XDG_DATA_HOME: '/data/ana' }, 'linux', '/home/ana')).toBe('/data/ana/loket/loket.db');
    expect(userDataDb({}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Application Support/loket/loket.db');
    expect(userDataDb({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\loket\\loket.db');
    expect(userDataDb({}, 'win32', 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Roaming\\loket\\loket.db');
    expect(userDataDb({}, 'linux')).toBe(join(homedir(), '.local', 'share', 'loket', 'loket.db'));
  });

  it('--read-only true turns the store off, false keeps it, anything else is refused', () => {
    const on = parseServeConfig(['--read-only=true'], {});
    expect(on.ok && on.config.store).toBe(false);
    const off = parseServeConfig(['--read-only=false'], {});
    expect(off.ok && off.config.store).toBe(true);
    const bad = parseServeConfig(['--read-only=yes'], {});
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('--read-only expects true or false');
  });
});
