import { UNITS, type Unit } from './schema.js';

/** A parsed date expression: a reference (today, a date fact, a computed date) shifted by an optional period. */
export interface DateExpr {
  ref: string;
  shift?: { amount: number; unit: Unit };
}

const EXPR = /^([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*)(?:\s*([+-])\s*(\d{1,4})\s+([a-z-]+))?$/;

/**
 * Parses `today`, `arrival_date`, `residence_card.expires_on - 3 months` or `today - 5 years`. Returns a message
 * saying how to write it when the text does not parse.
 */
export function parseDateExpr(text: string): DateExpr | { error: string } {
  const m = EXPR.exec(text.trim());
  if (!m) return { error: `\`${text}\` is not a date expression: write a date fact, a computed date or today, optionally followed by "+ <n> <unit>" or "- <n> <unit>", e.g. "today - 5 years"` };
  const [, ref, sign, amount, unit] = m;
  if (sign === undefined) return { ref: ref! };
  if (!(UNITS as readonly string[]).includes(unit!)) return { error: `unit \`${unit}\` in \`${text}\` is not one of ${UNITS.join(', ')}` };
  const n = Number(amount);
  return { ref: ref!, shift: { amount: sign === '-' ? -n : n, unit: unit as Unit } };
}
