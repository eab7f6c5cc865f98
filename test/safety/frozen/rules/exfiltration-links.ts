/**
 * Rule family R5, exfiltration links and images: a link or image can carry what the assistant knows to a server
 * when it loads. Links must stay on the official-domain allow-list (in skills; soft in observations); look-alike
 * and punycode domains, data-collection hosts, placeholder query strings, Markdown and HTML images and data: URIs
 * are hard everywhere.
 */
import { MAX_FINDINGS_PER_RULE, type ScanContext } from '../findings.js';
import { hostOf, isAllowedLink, isCallbackHost, isOfficialHost } from '../domains.js';
import { skeleton } from '../normalize.js';
import { pattern, ScanText, type Pattern } from '../scan-text.js';
import type { RuleHit } from './shared.js';

const IMG: Pattern = pattern({ re: /<img\b[^>]{0,2000}>?/gi, gate: ['<img'] });
const DATA_URI: Pattern = pattern({ re: /\bdata:(?:[a-z]{1,20}\/[a-z0-9.+-]{1,60})?(?:;[a-z0-9=-]{1,40}){0,3}[;,]/gi, gate: ['data:'] });
const PROTOCOL_RELATIVE: Pattern = pattern({ re: /(?:^|[\s(])\/\/[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,5}\/[^\s)]{0,500}/gim, gate: ['//'] });
/** A web address with a scheme (a match holds `://`). */
export const URL: Pattern = pattern({ re: /\b(?:https?|ftp|wss?):\/\/[^\s<>"'`)\]]{1,2000}/gi, gate: ['://'] });
const PLACEHOLDER_QUERY = /[?&][\w.-]{1,40}=(?:\{[^}\s]{0,60}\}|\[[^\]\s]{0,60}\]|%s|\$\{?\w{0,40}|<[^>\s]{1,60}>|\{\{)/i;

/**
 * The R5 hits of a text: web addresses outside the allow-list (hard in skills), look-alike and punycode domains,
 * data-collection hosts and placeholder query strings, Markdown and HTML images, data: URIs, protocol-relative links.
 */
export function findExfiltrationLinks(t: ScanText, hits: RuleHit[], context: ScanContext, extra: readonly string[]): void {
  const text = t.text;
  t.each(URL, (m) => {
    const url = m[0].replace(/[.,;:!?]+$/, '');
    const start = m.index;
    const end = start + url.length;
    const host = hostOf(url);
    const skel = skeleton(host);
    if (/[^\x00-\x7f]/.test(host) || host.startsWith('xn--') || host.includes('.xn--')) {
      const looksOfficial = skel !== host && isOfficialHost(skel, extra);
      hits.push({ rule: 'R5', start, end, message: looksOfficial ? `a web address that imitates an official domain with look-alike letters (${skel})` : 'a web address with non-Latin or look-alike letters in its domain', cls: 'hard' });
      return;
    }
    if (isCallbackHost(host)) {
      hits.push({ rule: 'R5', start, end, message: `a link to a data-collection host (${host}) used to exfiltrate what the assistant knows`, cls: 'hard' });
      return;
    }
    if (PLACEHOLDER_QUERY.test(url)) {
      hits.push({ rule: 'R5', start, end, message: 'a link whose query string has a placeholder for data to fill in (exfiltration pattern)', cls: 'hard' });
      return;
    }
    if (!isAllowedLink(url, host, extra)) {
      hits.push({ rule: 'R5', start, end, message: `a link to ${host}, which is not on the official-domain allow-list; cite an official source or ask a maintainer to extend the list`, cls: context === 'skill' ? 'hard' : 'soft' });
    }
  });
  for (const image of markdownImages(text)) {
    hits.push({ rule: 'R5', start: image.start, end: image.end, message: 'a markdown image; skills contain no images, and an image URL can carry data out when it loads', cls: 'hard' });
  }
  t.each(IMG, (m) => {
    hits.push({ rule: 'R5', start: m.index, end: m.index + m[0].length, message: 'an HTML <img> tag; an image URL can carry data out when it loads', cls: 'hard' });
  });
  t.each(DATA_URI, (m) => {
    hits.push({ rule: 'R5', start: m.index, end: m.index + m[0].length, message: 'a data: URI that embeds content inline', cls: 'hard' });
  });
  t.each(PROTOCOL_RELATIVE, (m) => {
    const link = m[0].trim().replace(/^\(/, '');
    const host = hostOf(link);
    if (!isAllowedLink(link, host, extra)) {
      hits.push({ rule: 'R5', start: m.index, end: m.index + m[0].length, message: `a protocol-relative link to ${host}, outside the official-domain allow-list`, cls: context === 'skill' ? 'hard' : 'soft' });
    }
  });
}

/**
 * Markdown images `![alt](…)` / `![alt][ref]` with an alt text of at most 500 characters on one line. Found with
 * `indexOf` and a shared "next `]`" / "next line break" position instead of a regex, so a line of a million `![`
 * is scanned once rather than 500 characters per `![` (the regex form took half a second on 1 MiB).
 */
function markdownImages(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let close = -2;
  let newline = -2;
  for (let at = text.indexOf('!['); at !== -1 && out.length < MAX_FINDINGS_PER_RULE; at = text.indexOf('![', at + 2)) {
    if (close !== -1 && close < at + 2) close = text.indexOf(']', at + 2);
    if (close === -1) break;
    if (newline !== -1 && newline < at) newline = text.indexOf('\n', at);
    if (close - (at + 2) > 500 || (newline !== -1 && newline < close)) continue;
    let k = close + 1;
    while (k < text.length && k - close <= 3 && /\s/.test(text[k] as string)) k++;
    if (text[k] === '(' || text[k] === '[') out.push({ start: at, end: k + 1 });
  }
  return out;
}

/** Web addresses with look-alike letters, read on the text before look-alike letters were mapped to Latin. */
export function findHomographLinks(text: string, hits: RuleHit[], extra: readonly string[]): void {
  new ScanText(text).each(URL, (m) => {
    const host = hostOf(m[0]);
    if (!/[^\x00-\x7f]/.test(host)) return;
    const skel = skeleton(host);
    const message = isOfficialHost(skel, extra)
      ? `a web address that imitates an official domain with look-alike letters (${skel})`
      : 'a web address with non-Latin or look-alike letters in its domain';
    hits.push({ rule: 'R5', start: m.index, end: m.index + m[0].length, message, cls: 'hard' });
  });
}
