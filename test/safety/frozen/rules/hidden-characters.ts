/**
 * Rule family R0, hidden characters: invisible, bidirectional-control, private-use and similar characters, which
 * the normaliser removes and reports (`normalize.ts`). Unicode tag characters (U+E0020–U+E007E) mirror printable
 * ASCII and render as nothing: "ASCII smuggling". The report shows what they spell, so a reviewer sees the hidden
 * text instead of only "hidden characters found".
 */
import { MAX_FINDINGS_PER_RULE, type InjectionFinding } from '../findings.js';
import type { InvisibleHit } from '../normalize.js';

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

/** The R0 findings for the hidden characters the normaliser removed from `original` (always hard). */
export function hiddenCharacterFindings(original: string, invisible: readonly InvisibleHit[]): InjectionFinding[] {
  return invisible.slice(0, MAX_FINDINGS_PER_RULE).map((inv) => {
    const spelled = inv.kind === 'Unicode tag character' ? decodeTagCharacters(original.slice(inv.start, inv.end)) : '';
    const message = spelled
      ? `hidden Unicode tag characters that spell "${spelled}" (invisible to readers, but read by assistants); remove them`
      : `a hidden ${inv.kind} (invisible to readers, but read by assistants); remove it`;
    return { rule: 'R0', class: 'hard', start: inv.start, end: inv.end, message };
  });
}
