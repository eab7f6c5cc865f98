/** P5: e-mail addresses, found by hand in linear time. */
import { type Hit } from './shared.js';

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_RUN = /[A-Za-z0-9.-]{1,253}/y;

/** Adds the P5 hits of `text` to `hits`. */
export function detectEmails(text: string, hits: Hit[]): void {
  let at = text.indexOf('@');
  while (at >= 0) {
    let s = at;
    while (s > 0 && at - s < 64 && LOCAL_CHAR.test(text[s - 1] as string)) s--;
    while (s < at && text[s] === '.') s++;
    DOMAIN_RUN.lastIndex = at + 1;
    const dm = DOMAIN_RUN.exec(text);
    if (s < at && dm) {
      const domain = dm[0].replace(/[.-]+$/, '');
      const labels = domain.split('.');
      const tld = labels[labels.length - 1] ?? '';
      if (labels.length >= 2 && /^[A-Za-z]{2,24}$/.test(tld) && labels.every((l) => l.length > 0)) {
        const end = at + 1 + domain.length;
        hits.push({ id: 'P5', category: 'e-mail address', start: s, end, allowKey: text.slice(s, end).toLowerCase() });
      }
    }
    at = text.indexOf('@', at + 1);
  }
}
