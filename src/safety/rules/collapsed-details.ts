/**
 * Rule family R8, collapsed blocks: a `<details>` block is closed on a rendered page, so a human reviewer may
 * never open it while an assistant reads all of it. A block that holds a directive (what to tell or recommend
 * to users, an "Assistant:" label, "from now on …") or another instruction family (R1–R4, R11, R12) is a hard
 * finding in every context. (Any raw `<details>` tag is also reported by the generic raw-HTML check, which is
 * hard in skills.)
 */
import { directiveIn, directiveSpans } from './reader-directive.js';
import { eachMatch, MAX_HITS, type RuleHit } from './shared.js';

const INSTRUCTION_RULES = new Set(['R1', 'R2', 'R3', 'R4', 'R11', 'R12']);
const CLOSE = /<\/details\s{0,3}>/gi;

/** Finds `<details>` blocks that hide instructions; `hits` are the other families' hits on the same text. */
export function findCollapsedDirectives(text: string, hits: readonly RuleHit[]): RuleHit[] {
  const out: RuleHit[] = [];
  if (!/<details\b/i.test(text)) return out;
  const spans = directiveSpans(text);
  let close = -2;
  eachMatch(/<details\b[^>]{0,200}>/gi, text, (m) => {
    if (close !== -1 && close < m.index) {
      CLOSE.lastIndex = m.index;
      const c = CLOSE.exec(text);
      close = c ? c.index : -1;
    }
    const end = close < 0 ? text.length : close + '</details>'.length;
    const inside = directiveIn(spans, m.index + m[0].length, end) !== undefined || hits.some((h) => INSTRUCTION_RULES.has(h.rule) && h.start >= m.index && h.end <= end);
    if (inside) out.push({ rule: 'R8', start: m.index, end: Math.min(end, text.length), message: 'a collapsed <details> block that hides instructions to the assistant', cls: 'hard' });
    return true;
  }, MAX_HITS);
  CLOSE.lastIndex = 0;
  return out;
}
