import { createHmac, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

/**
 * The read rate limit of the HTTP surface (SECURITY G2: 120 requests a minute per key): a token bucket per
 * caller that holds `perMinute` tokens and refills at `perMinute` per minute, so a burst of a full minute's
 * allowance is served and the sustained rate is `perMinute`. Submissions have their own, stricter limit in the
 * store; stdio has none (one local user).
 *
 * The key is an HMAC of the caller's network — the /64 for IPv6, the address for IPv4 (G1) — under a key that
 * lives only in this process's memory: nothing here is stored or logged (G8). Buckets are in memory and per
 * process; idle ones are dropped, and the table is bounded, so a flood of distinct addresses cannot exhaust
 * memory.
 */
export interface ReadLimiter {
  /** Takes one token for `ip`: allowed, or refused with the whole seconds until the next token. */
  take(ip: string): { allowed: true } | { allowed: false; retryAfterSeconds: number };
}

/** G2: read calls per minute per key. */
export const READ_LIMIT_PER_MINUTE = 120;
/** Most callers tracked at once; the least recently seen are dropped first. */
const MAX_TRACKED = 100_000;

/** The network a rate-limit key stands for: the IPv6 /64, or the IPv4 address. */
export function rateNetwork(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':');
}

/** A limiter allowing `perMinute` requests per caller network, on the clock `now` (milliseconds). */
export function createReadLimiter(perMinute = READ_LIMIT_PER_MINUTE, now: () => number = Date.now): ReadLimiter {
  const secret = randomBytes(32);
  const buckets = new Map<string, { tokens: number; at: number }>();
  const ratePerMs = perMinute / 60_000;
  return {
    take(ip) {
      const key = createHmac('sha256', secret).update(rateNetwork(ip)).digest('base64url');
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: perMinute, at: t };
      buckets.delete(key);
      bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * ratePerMs);
      bucket.at = t;
      buckets.set(key, bucket);
      if (buckets.size > MAX_TRACKED) {
        // Map order is least recently used first.
        for (const old of buckets.keys()) {
          buckets.delete(old);
          if (buckets.size <= MAX_TRACKED * 0.9) break;
        }
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000)) };
    },
  };
}
