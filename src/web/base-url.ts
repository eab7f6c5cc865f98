import type { IncomingMessage } from 'node:http';
import { isLoopbackHost, LOOPBACK_NAMES } from '../hosts.js';

/** How the server names itself in pages and llms.txt (the URLs a person pastes into an assistant). */
export interface BaseUrlOptions {
  /** The configured public origin, e.g. `https://loket.example.be` (no trailing slash needed). */
  publicBaseUrl?: string | undefined;
  /**
   * Host names (optionally with `:port`) whose `Host` header may be echoed into pages, in addition to the
   * loopback names `localhost`, `127.0.0.1` and `[::1]` (any port). An entry without a port matches any port.
   * Pass the same public host names the app's DNS-rebinding protection accepts.
   */
  allowedHosts?: readonly string[] | undefined;
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]{2,45}\])(?::(\d{1,5}))?$/;

function splitHost(host: string): { name: string; port?: string } {
  const m = /^(.*?)(?::(\d{1,5}))?$/.exec(host);
  return { name: m?.[1] ?? host, port: m?.[2] };
}

/** Whether a `Host` header value is well formed and on the allow-list. */
export function isAllowedHost(host: string | undefined, allowed: readonly string[] = LOOPBACK_NAMES): boolean {
  if (!host) return false;
  const value = host.toLowerCase();
  if (!HOST.test(value)) return false;
  const { name } = splitHost(value);
  return allowed.some((entry) => {
    const e = entry.toLowerCase();
    const hasPort = e.startsWith('[') ? /\]:\d+$/.test(e) : /:\d+$/.test(e);
    return hasPort ? e === value : e === name;
  });
}

/** Removes a trailing slash so paths can be appended. */
function trimBase(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The origin to print in pages for this request. The `Host` header is used only when it is on the allow-list
 * (loopback names get `http://`, public names `https://`, or the configured base URL's scheme when it names
 * the same host); otherwise the configured public base URL, else `http://127.0.0.1:<local port>`. An arbitrary
 * `Host` header is never reflected.
 */
export function baseUrlFor(req: IncomingMessage, options: BaseUrlOptions = {}): string {
  const host = req.headers.host?.toLowerCase();
  const configured = options.publicBaseUrl ? trimBase(options.publicBaseUrl) : undefined;
  if (host && isAllowedHost(host, [...LOOPBACK_NAMES, ...(options.allowedHosts ?? [])])) {
    if (configured) {
      try {
        const url = new URL(configured);
        if (url.host === host) return configured;
      } catch {
        // A malformed configured URL falls through to the Host-derived origin.
      }
    }
    const scheme = isLoopbackHost(splitHost(host).name) ? 'http' : 'https';
    return `${scheme}://${host}`;
  }
  if (configured) return configured;
  return `http://127.0.0.1:${req.socket.localPort ?? 3000}`;
}
