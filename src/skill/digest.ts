import { createHash } from 'node:crypto';

/** The Skills-extension digest of exact bytes: `sha256:<64 hex>`. */
export function digestOf(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
