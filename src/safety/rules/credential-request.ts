/**
 * Rule family R6, credential requests that never say "password": the eID PIN and PUK, the itsme code, the code
 * of a card or a card reader, security and activation codes. Two forms count, in English, Dutch, French and
 * German: a question for the code ("what is your PIN?", "wat is uw pincode?", "quel est votre code PIN ?",
 * "wie lautet Ihre PIN?"), and a request to disclose it to the assistant ("type it here", "tell me", "give you
 * … in the chat", "read out", "voorlezen", "nennen Sie mir"). Telling people to enter their PIN on an official
 * website, or never to share it, is ordinary advice and passes.
 */
import { clauses, eachMatch, MAX_HITS, negatedBefore, type RuleHit } from './shared.js';

const L = '[\\p{L}\\p{N}]';
const W0 = `(?<!${L})`;
const W1 = `(?!${L})`;

const CODE = [
  "(?:(?:e-?id|identity card|id card|card|bank card|debit card|itsme|csam)[ -])?(?:pin(?:[ -]?code)?|puk(?:[ -]?code)?)",
  'pincode', 'pukcode', 'code pin', 'code puk', 'itsme[ -]?(?:code|pin)', 'card code', 'kaartcode',
  "code (?:of|from|on) (?:your|the|their|his|her) (?:card|card reader|phone|id card|eid)",
  "code (?:de|du) (?:la |ta |votre |sa |son )?(?:carte|lecteur)(?: d['’]identité)?",
  "code (?:ihrer|deiner|seiner|der) karte",
  "(?:\\d|four|six|vier|zes|quatre|six|sechs)[ -]?(?:digit|cijferige|chiffres) code",
  'security code', 'beveiligingscode', 'code de sécurité', 'sicherheitscode', 'activation code', 'activeringscode',
  "code d['’]activation", 'aktivierungscode', 'response code', 'responscode', 'digipass(?: code)?', 'tan', 'otp',
].join('|');
const SECRET = new RegExp(`${W0}(?:${CODE})${W1}`, 'iu');

/** A question for the code. */
const QUESTION = new RegExp(
  `${W0}(?:what(?:'s| is| are) (?:your|their|the user's|his|her)|wat is (?:uw|je|jouw)|wat zijn (?:uw|je|jouw)|quel(?:le)? est (?:votre|ton|ta|son|sa)|quels sont (?:vos|tes)|wie lautet (?:ihre|ihr|deine|dein)|wie lauten (?:ihre|deine))${W1}[^?.!\\n]{0,40}?${W0}(?:${CODE})${W1}(?! (?:used |needed |good )?for${W1}| voor${W1}| sert${W1}| dient${W1})`,
  'giu',
);

/** Verbs of disclosure that need no destination: the code is spoken to whoever asks. */
const READ_OUT = new RegExp(`${W0}(?:read out|read aloud|dictate|voorlezen|lees (?:\\p{L}+ ){0,3}?voor|dicteer|dictez|lisez à voix haute|lire à voix haute|vorlesen|lies (?:\\p{L}+ ){0,3}?vor|diktieren)${W1}`, 'iu');

/** A verb of disclosure … */
const DISCLOSE = new RegExp(
  `${W0}(?:type|enter|write|give|tell|share|send|say|paste|provide|reveal|typ|geef|zeg|vertel|deel|stuur|schrijf|plak|écrivez|écris|donnez|donner|donne|indiquez|communiquez|dites|tapez|envoyez|collez|nennen|nenne|geben|gib|schreiben|schreib|sagen|sag|teilen|teile|schicken|schicke|tippen|tippe)${W1}`,
  'iu',
);
/** … towards the assistant or the chat. */
const TO_CHAT = new RegExp(
  `${W0}(?:here|in (?:the|this|your) (?:chat|conversation|reply|message|answer)|to me|with me|me the|tell me|give you|to you|with you|hier|in (?:het|dit) gesprek|in de chat|aan mij|mij|ici|dans (?:la|cette) (?:conversation|discussion)|dans le chat|(?:indiquez|donnez|dites|communiquez|écrivez)-moi|me donner|vous donner|me dire|me communiquer|mir|im chat|in den chat|in das gespräch|in diesem gespräch)${W1}`,
  'iu',
);

const MESSAGE = 'asks for a PIN, itsme code or card code to be given to the assistant; no procedure ever needs that';

/** Finds credential requests that name a code instead of a password. */
export function findCredentialRequests(text: string): RuleHit[] {
  const hits: RuleHit[] = [];
  eachMatch(QUESTION, text, (m) => {
    hits.push({ rule: 'R6', start: m.index, end: m.index + m[0].length, message: MESSAGE });
  });
  if (!SECRET.test(text)) return hits;
  const questions = hits.length;
  let q = 0;
  for (const span of clauses(text)) {
    if (hits.length >= MAX_HITS) break;
    const clause = text.slice(span.start, span.end);
    const secret = SECRET.exec(clause);
    if (!secret) continue;
    const verb = READ_OUT.exec(clause) ?? (TO_CHAT.test(clause) ? DISCLOSE.exec(clause) : null);
    if (!verb || negatedBefore(clause, verb.index)) continue;
    // A clause already reported as a question is not reported twice (both lists are in text order).
    while (q < questions && (hits[q] as RuleHit).end <= span.start) q++;
    if (q < questions && (hits[q] as RuleHit).start < span.end) continue;
    const start = Math.min(verb.index, secret.index);
    const end = Math.max(verb.index + verb[0].length, secret.index + secret[0].length);
    hits.push({ rule: 'R6', start: span.start + start, end: span.start + end, message: MESSAGE });
  }
  return hits;
}
