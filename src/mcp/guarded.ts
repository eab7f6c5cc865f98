import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { INTERNAL_ERROR_MESSAGE, logError } from '../log.js';

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
