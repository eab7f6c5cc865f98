/**
 * Unicode tag characters (U+E0020–U+E007E) mirror printable ASCII and render as nothing: "ASCII smuggling". The
 * report shows what they spell, so a reviewer sees the hidden text instead of only "hidden characters found".
 */

/** Longest decoded text shown in a finding. */
const MAX_SHOWN = 200;

/** The ASCII text a run of tag characters spells (other characters in the run are skipped), shortened for display. */
export function decodeTagCharacters(run: string): string {
  let out = '';
  for (const ch of run) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0xe0020 && cp <= 0xe007e) out += String.fromCharCode(cp - 0xe0000);
    if (out.length > MAX_SHOWN) return `${out.slice(0, MAX_SHOWN)}…`;
  }
  return out;
}
