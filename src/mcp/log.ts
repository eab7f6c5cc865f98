import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

/**
 * Server-side logging. Everything goes to stderr: over stdio, stdout carries only JSON-RPC (SECURITY S1).
 * Details such as stack traces stay here and never reach a client.
 */
export function logError(context: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`loket: ${context}: ${detail}\n`);
}

/** An informational line on stderr. */
export function logInfo(message: string): void {
  process.stderr.write(`loket: ${message}\n`);
}

/** The fixed message a client sees when a handler fails unexpectedly. */
export const INTERNAL_ERROR_MESSAGE = 'internal error; the request was not processed';

/**
 * Wraps a request handler (prompt, resource read) so an unexpected exception reaches the client as a JSON-RPC
 * internal error with the fixed message; protocol errors (unknown resource, bad argument) pass through as they are.
 */
export function guarded<A extends unknown[], R>(context: string, handler: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (ProtocolError.isInstance(error)) throw error;
      logError(context, error);
      throw new ProtocolError(ProtocolErrorCode.InternalError, INTERNAL_ERROR_MESSAGE);
    }
  };
}
