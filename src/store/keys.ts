import { createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { utcDay, type SubmissionStore } from './store.js';

/**
 * Caller identities for rate limits and vote diversity (G1, G8). Keys are HMAC-SHA256 under a salt that rotates
 * every UTC day; once yesterday's salt is deleted, a stored key can no longer be linked to a network. Raw IPs are
 * never returned, stored or logged.
 */

/** Rate-limit and diversity keys of one caller. */
export interface ClientKeys {
  rateKey: string;
  diversityKey: string;
}

/** S3: every stdio submission shares this key; stdio serves one local user. */
export const STDIO_CLIENT_KEY = 'stdio-local';

/** Keys for the stdio transport. */
export function stdioClientKeys(): ClientKeys {
  return { rateKey: STDIO_CLIENT_KEY, diversityKey: STDIO_CLIENT_KEY };
}

function v4Octets(ip: string): number[] {
  return ip.split('.').map((part) => Number(part));
}

/** The eight 16-bit groups of an IPv6 address (embedded IPv4 tail and zone id handled). */
function v6Groups(ip: string): number[] {
  let address = ip.replace(/%.*$/, '');
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4Tail?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = v4Octets(v4Tail[1]);
    address = `${address.slice(0, -v4Tail[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = address.split('::');
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}

/**
 * The network prefixes of an address: rate /32 IPv4, /64 IPv6; diversity /24 IPv4, /48 IPv6 (G1). IPv4-mapped
 * IPv6 addresses count as IPv4. Anything unparsable shares one "unknown" prefix.
 */
export function ipPrefixes(ip: string): { rate: string; diversity: string } {
  const trimmed = ip.trim();
  if (isIPv6(trimmed)) {
    const groups = v6Groups(trimmed);
    const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
    if (!mapped) {
      const hex = groups.map((g) => g.toString(16).padStart(4, '0'));
      return { rate: `v6:${hex.slice(0, 4).join(':')}::/64`, diversity: `v6:${hex.slice(0, 3).join(':')}::/48` };
    }
    const [, , , , , , hi = 0, lo = 0] = groups;
    return ipPrefixes(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  if (isIPv4(trimmed)) {
    const [a, b, c, d] = v4Octets(trimmed);
    return { rate: `v4:${a}.${b}.${c}.${d}/32`, diversity: `v4:${a}.${b}.${c}.0/24` };
  }
  return { rate: 'unknown', diversity: 'unknown' };
}

/** HMAC-SHA256(salt, prefix) for both keys, hex; the two purposes are domain-separated. */
export function deriveClientKeys(salt: string, ip: string): ClientKeys {
  const prefixes = ipPrefixes(ip);
  const mac = (purpose: string, prefix: string) => createHmac('sha256', salt).update(`${purpose}|${prefix}`).digest('hex');
  return { rateKey: mac('rate', prefixes.rate), diversityKey: mac('diversity', prefixes.diversity) };
}

/** How many callers' keys {@link createKeyDeriver} keeps in memory under the current salt. */
const KEY_MEMO_SIZE = 4096;

/** Turns an IP into client keys under today's salt. */
export interface KeyDeriver {
  keysFor(ip: string, now: Date): Promise<ClientKeys>;
}

/**
 * Keeps today's salt in memory and in one store row (shared by processes on the same store). On the first call of
 * a new UTC day it rotates and deletes every older salt, so a salt never outlives its rotation by more than a day
 * (G8, ≤ 48 h). If the store cannot be reached the salt stays in memory only and the store is tried again later.
 */
export function createKeyDeriver(
  store: Pick<SubmissionStore, 'getOrCreateSalt' | 'deleteSaltsBefore'>,
  options: { randomSalt?: () => string } = {},
): KeyDeriver {
  const randomSalt = options.randomSalt ?? (() => randomBytes(32).toString('hex'));
  let current: { day: string; salt: string; persisted: boolean } | undefined;
  // The keys of recent callers under the current salt, so a busy caller costs two HMACs once, not on every request;
  // emptied whenever the salt changes, and when it holds KEY_MEMO_SIZE callers.
  let memo = new Map<string, ClientKeys>();
  let memoSalt: string | undefined;
  return {
    async keysFor(ip, now) {
      const day = utcDay(now);
      if (!current || current.day !== day || !current.persisted) {
        const candidate = current?.day === day ? current.salt : randomSalt();
        const stored = await store.getOrCreateSalt(day, candidate);
        current = stored.ok ? { day, salt: stored.value, persisted: true } : { day, salt: candidate, persisted: false };
        if (stored.ok) await store.deleteSaltsBefore(day);
      }
      if (memoSalt !== current.salt || memo.size >= KEY_MEMO_SIZE) {
        memo = new Map();
        memoSalt = current.salt;
      }
      let keys = memo.get(ip);
      if (!keys) {
        keys = Object.freeze(deriveClientKeys(current.salt, ip));
        memo.set(ip, keys);
      }
      return keys;
    },
  };
}
