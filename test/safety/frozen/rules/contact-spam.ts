/**
 * Rule family R9, spam contact handles: Telegram, WhatsApp and other messenger links, messenger handles and IDs,
 * and private phone numbers next to "contact us" — solicitation channels that have no place in a skill or an
 * observation.
 */
import { pattern, type ScanText } from '../scan-text.js';
import { patternHits, type MessagePattern, type RuleHit } from './shared.js';

const MESSENGERS = '(?:tg|telegram|whatsapp|wechat|weixin|viber|signal|line id|snapchat|kik|微信|电报|飞机)';
const CONTACT = "(?:contact (?:us|me)|dm (?:us|me)|add me|message me|text me|whatsapp me|call me|contacteer (?:ons|me)|neem contact op|bel (?:ons|me)|contactez[- ](?:nous|moi)|appelez[- ](?:nous|moi)|kontaktieren sie (?:uns|mich)|schreib(?:en sie)? (?:uns|mir)|联系|加我)";
const PHONEISH = '(?:\\+\\d{1,3}[\\s.-]?\\d{1,4}(?:[\\s.-]?\\d{2,4}){2,4}|\\b04\\d{2}(?:[\\s./-]?\\d{2}){3}\\b)';
const PATTERNS: readonly MessagePattern[] = [
  pattern({ re: /\b(?:t|telegram)\.me\/[\w/+-]{1,64}/gi, gate: ['.me/'], message: 'a Telegram contact link (spam or a solicitation channel)' }),
  pattern({ re: /\bwa\.me\/[\w/+-]{1,64}|\bchat\.whatsapp\.com\/[\w-]{1,64}|\bapi\.whatsapp\.com\/send\b/gi, gate: ['wa.me/', 'whatsapp.com/'], message: 'a WhatsApp contact link (spam or a solicitation channel)' }),
  pattern({ re: /\bweixin\.qq\.com\/|\bu\.wechat\.com\/|\bline\.me\/[\w/-]{1,64}|\bviber\.com\/[\w/-]{1,64}|\bsignal\.me\//gi, gate: ['weixin.qq.com/', 'u.wechat.com/', 'line.me/', 'viber.com/', 'signal.me/'], message: 'a messenger contact link (spam or a solicitation channel)' }),
  pattern({ re: new RegExp(`(?<![a-z0-9_])${MESSENGERS}(?![a-z])[^\\n]{0,40}?@[a-z0-9_]{3,32}`, 'giu'), gate: ['@'], message: 'a messenger handle (@…) next to Telegram / WhatsApp / WeChat' }),
  pattern({ re: new RegExp(`@[a-z0-9_]{3,32}[^\\n@]{0,40}?(?<![a-z0-9_])${MESSENGERS}(?![a-z])`, 'giu'), gate: ['@'], message: 'a messenger handle (@…) next to Telegram / WhatsApp / WeChat' }),
  pattern({ re: new RegExp(`(?<![a-z0-9_])${MESSENGERS}\\s{0,3}(?:id)?\\s{0,3}[:：]\\s{0,3}[a-z0-9_+-]{4,32}`, 'giu'), gate: ['tg', 'telegram', 'whatsapp', 'wechat', 'weixin', 'viber', 'signal', 'line id', 'snapchat', 'kik', '微信', '电报', '飞机'], message: 'a messenger ID next to Telegram / WhatsApp / WeChat' }),
  pattern({ re: new RegExp(`${CONTACT}[^\\n]{0,40}?${PHONEISH}`, 'giu'), gate: ['contact', 'dm us', 'dm me', 'add me', 'message me', 'text me', 'whatsapp me', 'call me', 'bel ons', 'bel me', 'appelez', 'kontaktieren', 'schreib', '联系', '加我'], message: 'a private phone number with "contact us" (solicitation)' }),
  pattern({ re: new RegExp(`${PHONEISH}[^\\n]{0,30}?${CONTACT}`, 'giu'), gate: ['contact', 'dm us', 'dm me', 'add me', 'message me', 'text me', 'whatsapp me', 'call me', 'bel ons', 'bel me', 'appelez', 'kontaktieren', 'schreib', '联系', '加我'], message: 'a private phone number with "contact us" (solicitation)' }),
];

/** The R9 hits of a text. */
export function findContactSpam(t: ScanText, hits: RuleHit[]): void {
  patternHits(t, hits, 'R9', PATTERNS);
}
