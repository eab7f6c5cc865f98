/**
 * Rule family R8, hidden markup: HTML comments, styles that hide text, link titles that carry text, and raw HTML
 * outside a small allow-list — everything a reader never sees while an assistant reads it. Also collapsed blocks:
 * a `<details>` block is closed on a rendered page, so a human reviewer may never open it while an assistant reads
 * all of it; one that holds a directive (what to tell or recommend to users, an "Assistant:" label, "from now on …")
 * or another instruction family (R1–R4, R11, R12) is a hard finding in every context. (Any raw `<details>` tag is
 * also reported by the generic raw-HTML check, which is hard in skills.)
 */
import { pattern, type Pattern, type ScanText } from '../scan-text.js';
import { directiveIn, directiveSpans } from './reader-directive.js';
import { eachMatch, MAX_HITS, patternHits, type MessagePattern, type RuleHit } from './shared.js';

// `<details>`/`<summary>` are not on the list: a collapsed block is text a reviewer may never open.
const ALLOWED_TAGS = new Set(['br', 'sup', 'sub', 'abbr', 'kbd', 'b', 'i', 'em', 'strong', 'code']);
const PATTERNS: readonly MessagePattern[] = [
  pattern({ re: /display\s{0,3}:\s{0,3}none\b/gi, gate: ['display'], message: 'a style that hides text (display:none)' }),
  pattern({ re: /visibility\s{0,3}:\s{0,3}hidden\b/gi, gate: ['visibility'], message: 'a style that hides text (visibility:hidden)' }),
  pattern({ re: /font-size\s{0,3}:\s{0,3}0(?:\.0{1,5})?(?:px|pt|em|rem|%)?(?![\d.])/gi, gate: ['font-size'], message: 'a style that hides text (font-size:0)' }),
  pattern({ re: /(?<![-\w])color\s{0,3}:\s{0,3}(?:white|#fff(?:fff)?\b|rgba?\(\s{0,3}255\s{0,3},\s{0,3}255\s{0,3},\s{0,3}255)/gi, gate: ['color'], message: 'white text, invisible on a white page' }),
  pattern({ re: /opacity\s{0,3}:\s{0,3}0(?:\.0{1,5})?(?![\d.])/gi, gate: ['opacity'], message: 'a style that hides text (opacity:0)' }),
  pattern({ re: /\]\(\s{0,3}[^()\s]{1,2000}\s{1,3}"[^"\n]{1,300}"\s{0,3}\)/g, gate: [']('], message: 'a link title that carries hidden text' }),
];
const COMMENT: Pattern = pattern({ re: /<!--/g, gate: ['<!--'] });
const RAW_TAG: Pattern = pattern({ re: /<\/?([A-Za-z][A-Za-z0-9-]{0,30})(?=[\s/>])[^<>\n]{0,1000}>/g });

/** The R8 hits of a text: comments, hiding styles and link titles, raw HTML tags. */
export function findHiddenMarkup(t: ScanText, hits: RuleHit[]): void {
  const text = t.text;
  // The next closing marker is found once and reused, so a text full of unclosed comments stays linear.
  let close = -2;
  t.each(COMMENT, (m) => {
    if (close !== -1 && close < m.index + 4) close = text.indexOf('-->', m.index + 4);
    const end = close < 0 ? Math.min(text.length, m.index + 4) : close + 3;
    hits.push({ rule: 'R8', start: m.index, end, message: 'an HTML comment, which readers never see; put notes for maintainers outside the skill text' });
  });
  patternHits(t, hits, 'R8', PATTERNS);
  t.each(RAW_TAG, (m) => {
    const tag = (m[1] ?? '').toLowerCase();
    if (ALLOWED_TAGS.has(tag)) return;
    // A placeholder in a path ("skills/<name>/SKILL.md", "references/<id>.yaml") is not markup.
    const after = text[m.index + m[0].length];
    if (text[m.index - 1] === '/' && (after === '/' || after === '.') && /^<[A-Za-z][A-Za-z0-9-]*>$/.test(m[0])) return;
    hits.push({ rule: 'R8', start: m.index, end: m.index + m[0].length, message: `a raw HTML tag <${tag}>; use plain Markdown instead` });
  });
}

const INSTRUCTION_RULES = new Set(['R1', 'R2', 'R3', 'R4', 'R11', 'R12']);
const CLOSE = /<\/details\s{0,3}>/gi;

/** Finds `<details>` blocks that hide instructions; `hits` are the other families' hits on the same text. */
export function findCollapsedDirectives(t: ScanText, hits: readonly RuleHit[]): RuleHit[] {
  const text = t.text;
  const out: RuleHit[] = [];
  if (!/<details\b/i.test(text)) return out;
  const spans = directiveSpans(t);
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
