/**
 * Inserts values into a procedure text: `{residence_card.type}`, `{deadline.date}`, `{lookups.current_letter}`.
 * A placeholder whose value is unknown stays as written, so a gap is visible rather than silently empty.
 */
export function fillText(text: string, valueOf: (name: string) => string | undefined): string {
  return text.replace(/\{([a-z_][a-z0-9_.]*)\}/g, (whole, name: string) => valueOf(name) ?? whole);
}
