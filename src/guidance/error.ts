/**
 * The one error value of the guidance library: a stable kebab-case code and a message that says what to fix. The
 * calculators and the engine return it instead of throwing; the tools pass the message on as an `isError` result.
 */

export const GUIDANCE_ERROR_CODES = [
  'invalid-date',
  'invalid-amount',
  'invalid-stays',
  'invalid-input',
  'unknown-country',
  'unknown-commune',
  'ambiguous-commune',
  'unknown-fact',
  'contradictory-facts',
] as const;
export type GuidanceErrorCode = (typeof GUIDANCE_ERROR_CODES)[number];

/** An error value: what went wrong (`code`, permanent) and what to fix (`message`). */
export interface GuidanceError<C extends GuidanceErrorCode = GuidanceErrorCode> {
  code: C;
  message: string;
}

const CODES: ReadonlySet<string> = new Set(GUIDANCE_ERROR_CODES);

/** Whether a guidance result is an error value (a nationality's `code` is a country code, never one of these). */
export function isGuidanceError<T extends object>(x: T | GuidanceError): x is GuidanceError {
  const code = (x as { code?: unknown }).code;
  return typeof code === 'string' && CODES.has(code) && typeof (x as { message?: unknown }).message === 'string';
}
