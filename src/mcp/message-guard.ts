/**
 * Checks on a parsed JSON-RPC message that both transports run before the SDK sees it (SECURITY Z3, Z6):
 *
 * - nesting deeper than {@link MAX_JSON_DEPTH} levels is refused (-32600): the SDK re-serialises messages
 *   recursively, and thousands of levels overflowed its stack into an HTTP 500;
 * - a `__proto__`, `constructor` or `prototype` key anywhere in `params` is refused (-32602, naming the key):
 *   the SDK's schema parsing turned an own `__proto__` key into the prototype of the arguments object, so the key
 *   vanished silently and the call went ahead.
 *
 * The walk is iterative and visits each value once, so it is linear in the size of the message.
 */

/** Deepest nesting accepted in a message (the message object itself is level 1). */
export const MAX_JSON_DEPTH = 32;

/** Keys that name an object's prototype machinery; never accepted in `params`. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** The outcome of {@link guardMessage}: a JSON-RPC error to answer with, or nothing to object to. */
export type MessageGuardResult = { ok: true } | { ok: false; code: -32600 | -32602; message: string };

/** Checks one parsed JSON-RPC message. */
export function guardMessage(message: unknown): MessageGuardResult {
  const stack: Array<{ value: unknown; depth: number; inParams: boolean }> = [{ value: message, depth: 1, inParams: false }];
  while (stack.length > 0) {
    const { value, depth, inParams } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      return { ok: false, code: -32600, message: `Invalid Request: the message is nested more than ${MAX_JSON_DEPTH} levels deep; send flat arguments` };
    }
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1, inParams });
      continue;
    }
    const record = value as Record<string, unknown>;
    if (inParams) {
      for (const key of FORBIDDEN_KEYS) {
        if (Object.hasOwn(record, key)) return { ok: false, code: -32602, message: `Invalid params: the key "${key}" is not allowed; remove it` };
      }
    }
    for (const key of Object.keys(record)) {
      stack.push({ value: record[key], depth: depth + 1, inParams: inParams || (depth === 1 && key === 'params') });
    }
  }
  return { ok: true };
}

/** The id of a request, when `message` is one (`undefined` for notifications and non-objects). */
export function requestId(message: unknown): string | number | undefined {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return undefined;
  const id = (message as Record<string, unknown>).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : undefined;
}
