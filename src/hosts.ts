/**
 * The one host policy: which bind addresses are loopback (local mode, T2/T4) and which `Host` names a loopback
 * server answers to. The configuration, the HTTP app's allow-lists and the web pages' base URL all ask here.
 */

/** The loopback names, as they appear in a `Host` header (without port). */
export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** Whether a bind address or host name (without port) is loopback: `localhost`, 127.0.0.0/8 or `::1`. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  return name === 'localhost' || name === '::1' || name === '[::1]' || IPV4_LOOPBACK.test(name);
}

/** `Host` header values a loopback-bound server answers to: each loopback name with the port, as browsers send them. */
export function loopbackHosts(port: number): string[] {
  return LOOPBACK_NAMES.map((name) => `${name}:${port}`);
}
