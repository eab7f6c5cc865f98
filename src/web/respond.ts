import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY } from './html.js';

/** Headers sent on every response of the web surface, whatever the status. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
});

/** Cache policies per kind of answer. Corpus content changes only on deploy; errors are never cached. */
export const CACHE = {
  content: 'public, max-age=300',
  search: 'public, max-age=60',
  reference: 'public, max-age=3600',
  error: 'no-store',
} as const;

/** One response to write. */
export interface Reply {
  status: number;
  contentType?: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** Writes a reply with the security headers, a `Content-Length`, and no body for HEAD or 304. */
export function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body ? Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength) : undefined;
  res.statusCode = reply.status;
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  if (reply.contentType) res.setHeader('Content-Type', reply.contentType);
  if (reply.status === 304 || reply.status === 204) {
    res.end();
    return;
  }
  res.setHeader('Content-Length', String(body?.byteLength ?? 0));
  if (req.method === 'HEAD' || !body) res.end();
  else res.end(body);
}

/** Whether an `If-None-Match` header matches an entity tag (weak comparison, `*` matches anything). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  const want = bare(etag);
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === want);
}
