/**
 * Rule family R6, secrets and personal data as a target: a skill that points at credential files or API keys, asks
 * for a password, PIN or login code (itsme, CSAM, MyMinfin) to be shared, or tells the assistant to put the user's
 * personal data into a submission, link or message. Credential requests that never say "password" count too: the
 * eID PIN and PUK, the itsme code, the code of a card or a card reader, security and activation codes. Two forms,
 * in English, Dutch, French and German: a question for the code ("what is your PIN?", "wat is uw pincode?", "quel
 * est votre code PIN ?", "wie lautet Ihre PIN?"), and a request to disclose it to the assistant ("type it here",
 * "tell me", "give you … in the chat", "read out", "voorlezen", "nennen Sie mir"). Telling people to enter their
 * PIN on an official website, or never to share it, is ordinary advice and passes.
 */
import { pattern, type Pattern, type ScanText } from '../scan-text.js';
import { clauses, MAX_HITS, negatedBefore, patternHits, type MessagePattern, type RuleHit } from './shared.js';

const SEND_VERBS = '(?:paste|send|share|give|provide|include|tell|reveal|post|submit|forward|e-?mail|upload|append|add|copy|attach|plak|stuur|deel|geef|vermeld|bezorg|zend|collez|colle|envoyez|envoie|partagez|partage|donnez|donne|communiquez|indiquez|incluez|ajoutez|sende|senden|schicke|schicken|teile|teilen|gib|geben|füge|nenne|mitteilen)';
const ASK_VERBS = '(?:ask (?:the user |them |him |her )?for|request|vraag (?:de gebruiker |hem |haar )?(?:om|naar)|demandez|demande|frage nach|verlange)';
const SECRETS = "(?:passwords?|passcodes?|wachtwoord(?:en)?|mot de passe|mots de passe|passwort|kennwort|pin(?:[ -]?code)?|pincode|code pin|puk|itsme[ -]?code|itsme[- ]app code|csam[ -]?(?:login|code|credentials)|myminfin (?:login|credentials)|login (?:details|credentials)|credentials|inloggegevens|identifiants|zugangsdaten|2fa code|verification code|verificatiecode|code de vérification|one[- ]time code|otp|seed phrase|recovery phrase|private key)";
const NEG_BEFORE = /\b(?:never|not|don't|do not|nooit|niet|jamais|ne|nie|niemals|nicht|kein|keine|n['’])\s{1,3}(?:\S{1,20}\s{1,3}){0,2}$/i;
const NEG_INSIDE = /\b(?:never|not|don't|nooit|niet|jamais|nie|niemals|nicht|nimmer)\b/i;
const PATTERNS: readonly MessagePattern[] = [
  pattern({ re: /~\/\.ssh\b|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws\/credentials\b|\.npmrc\b|\.netrc\b|\.git-credentials\b/gi, gate: ['.ssh', 'id_', '.aws/credentials', '.npmrc', '.netrc', '.git-credentials'], message: 'refers to SSH keys or credential files on the user\'s machine' }),
  pattern({ re: /(?:^|[\s'"`(/])\.env\b/gim, gate: ['.env'], message: 'refers to a .env secrets file' }),
  pattern({ re: /\b(?:mcp\.json|claude_desktop_config\.json|mcp_config\.json)\b/gi, starts: ['mcp', 'claude_desktop_config'], message: 'refers to the assistant\'s MCP configuration file' }),
  pattern({ re: /\b(?:api[ _-]?keys?|access[ _-]?tokens?|auth(?:entication)?[ _-]?tokens?|bearer tokens?|secret[ _-]?keys?|client[ _-]?secrets?|session (?:cookies?|tokens?)|openai_api_key|anthropic_api_key|aws_secret_access_key)\b/gi, starts: ['api', 'access', 'auth', 'bearer', 'secret', 'client', 'session', 'openai', 'anthropic', 'aws'], message: 'refers to API keys or access tokens' }),
];
const SEND_SECRET_RE = new RegExp(`\\b${SEND_VERBS}\\b(?:[^\\s.!?]{0,25}\\s{1,3}){0,6}?(?:the user's |their |your |uw |je |votre |vos |ton |ta |tes |ihr |ihre |dein |deine )?${SECRETS}\\b`, 'giu');
const SECRET_SEND_RE = new RegExp(`\\b${SECRETS}\\b[^.!?\\n]{0,60}?\\b(?:paste|send|share|include|forward|copy|plak|stuur|deel|collez|envoyez|partagez|sende|schicke|teile) (?:it|them|this|that|dit|het|ze|le|la|les|es|sie|ihn)\\b`, 'giu');
const ASK_SECRET_RE = new RegExp(`\\b${ASK_VERBS}\\b(?:[^\\s.!?]{0,25}\\s{1,3}){0,5}?${SECRETS}\\b`, 'giu');
const PERSONAL = "(?:national (?:register |registry )?number|rijksregisternummer|insz|niss|numéro national|numéro de registre national|bis number|passport number|paspoortnummer|numéro de passeport|iban|bank account|rekeningnummer|date of birth|birth date|geboortedatum|date de naissance|geburtsdatum|home address|address|adres|adresse|phone number|telefoonnummer|numéro de téléphone|telefonnummer|e-?mail address|full name|name|naam|nom|card number|kaartnummer|eid number|nationality|nationaliteit|nationalité|staatsangehörigkeit|conversation|chat history|previous messages)";
const DEST = '(?:observation|validation|submission|injection flag|flag|tool call|tool argument|url|link|query string|query|server|endpoint|webhook|feedback)';
const PERSONAL_RE = new RegExp(`\\b(?:include|add|append|put|insert|send|paste|copy|post|submit|forward|attach|embed|write|voeg|stuur|plak|ajoutez|incluez|envoyez|mettez|füge|sende|schreibe)\\b(?:[^\\s.!?]{0,25}\\s{1,3}){0,5}?${PERSONAL}\\b[^.!?\\n]{0,60}?\\b(?:in|into|to|with|as|aan|toe|bij|dans|à|au|avec|an|zu|mit)\\s{1,3}(?:the |your |an? |this |that |each |every |de |het |je |uw |een |la |le |l'|votre |chaque |une? |die |der |das |den |jede |jeder |ihre )?${DEST}s?\\b`, 'giu');


/** Every match holds one of the secret words. */
const SECRET_WORDS = ['password', 'passcode', 'wachtwoord', 'de passe', 'passwort', 'kennwort', 'pin', 'puk', 'itsme', 'csam', 'myminfin', 'login', 'credentials', 'inloggegevens', 'identifiants', 'zugangsdaten', '2fa', 'verification', 'verificatie', 'vérification', 'time code', 'otp', 'seed phrase', 'recovery phrase', 'private key'];
const SEND_SECRET = pattern({
  re: SEND_SECRET_RE,
  starts: ['paste', 'send', 'share', 'give', 'provide', 'include', 'tell', 'reveal', 'post', 'submit', 'forward', 'email', 'e-mail', 'upload', 'append', 'add', 'copy', 'attach', 'plak', 'stuur', 'deel', 'geef', 'vermeld', 'bezorg', 'zend', 'colle', 'envo', 'partage', 'donne', 'communiquez', 'indiquez', 'incluez', 'ajoutez', 'sende', 'schicke', 'teile', 'gib', 'geben', 'füge', 'nenne', 'mitteilen'],
  gate: SECRET_WORDS,
});
const SECRET_SEND = pattern({
  re: SECRET_SEND_RE,
  starts: ['pass', 'wachtwoord', 'mot', 'kennwort', 'pin', 'code', 'puk', 'itsme', 'csam', 'myminfin', 'login', 'credentials', 'inloggegevens', 'identifiants', 'zugangsdaten', '2fa', 'verificati', 'one', 'otp', 'seed', 'recovery', 'private'],
});
const ASK_SECRET = pattern({ re: ASK_SECRET_RE, starts: ['ask', 'request', 'vraag', 'demande', 'frage', 'verlange'], gate: SECRET_WORDS });
const PERSONAL_DATA = pattern({
  re: PERSONAL_RE,
  starts: ['include', 'add', 'append', 'put', 'insert', 'send', 'paste', 'copy', 'post', 'submit', 'forward', 'attach', 'embed', 'write', 'voeg', 'stuur', 'plak', 'ajoutez', 'incluez', 'envoyez', 'mettez', 'füge', 'sende', 'schreibe'],
  gate: ['observation', 'validation', 'submission', 'flag', 'tool', 'url', 'link', 'query', 'server', 'endpoint', 'webhook', 'feedback'],
});

/** The R6 hits of a text, in the order the scanner caps them. */
export function findSecretTargets(t: ScanText, hits: RuleHit[]): void {
  const text = t.text;
  patternHits(t, hits, 'R6', PATTERNS);
  for (const p of [SEND_SECRET, SECRET_SEND, ASK_SECRET]) {
    t.each(p, (m) => {
      if (NEG_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index)) || NEG_INSIDE.test(m[0])) return;
      hits.push({ rule: 'R6', start: m.index, end: m.index + m[0].length, message: 'asks for a password, PIN or login code (itsme, CSAM, MyMinfin) to be shared; no procedure ever needs that' });
    });
  }
  t.each(PERSONAL_DATA, (m) => {
    hits.push({ rule: 'R6', start: m.index, end: m.index + m[0].length, message: "tells the assistant to put the user's personal data into a submission, link or message (data exfiltration)" });
  });
  hits.push(...findCredentialRequests(t));
}

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
const SECRET: Pattern = pattern({
  re: new RegExp(`${W0}(?:${CODE})${W1}`, 'giu'),
  starts: ['eid', 'e-id', 'identity', 'id', 'card', 'bank', 'debit', 'itsme', 'csam', 'pin', 'puk', 'code', 'kaartcode', 'four', 'six', 'vier', 'zes', 'quatre', 'sechs', 'security', 'beveiligingscode', 'sicherheitscode', 'activation', 'activeringscode', 'aktivierungscode', 'response', 'responscode', 'digipass', 'tan', 'otp'],
  // "6-digit code", "4 cijferige code", "6 chiffres code" start with a digit.
  plainIf: ['digit', 'cijferige', 'chiffres'],
});

/** A question for the code. */
const QUESTION_RE = new RegExp(
  `${W0}(?:what(?:'s| is| are) (?:your|their|the user's|his|her)|wat is (?:uw|je|jouw)|wat zijn (?:uw|je|jouw)|quel(?:le)? est (?:votre|ton|ta|son|sa)|quels sont (?:vos|tes)|wie lautet (?:ihre|ihr|deine|dein)|wie lauten (?:ihre|deine))${W1}[^?.!\\n]{0,40}?${W0}(?:${CODE})${W1}(?! (?:used |needed |good )?for${W1}| voor${W1}| sert${W1}| dient${W1})`,
  'giu',
);

const QUESTION = pattern({ re: QUESTION_RE, starts: ['what', 'wat', 'quel', 'wie'] });

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
function findCredentialRequests(t: ScanText): RuleHit[] {
  const text = t.text;
  const hits: RuleHit[] = [];
  t.each(QUESTION, (m) => {
    hits.push({ rule: 'R6', start: m.index, end: m.index + m[0].length, message: MESSAGE });
  }, MAX_HITS);
  if (!t.some(SECRET)) return hits;
  const questions = hits.length;
  let q = 0;
  for (const span of clauses(text)) {
    if (hits.length >= MAX_HITS) break;
    if (!t.mayMatchIn(SECRET, span.start, span.end)) continue;
    const clause = text.slice(span.start, span.end);
    const secret = t.firstIn(SECRET, span.start, clause);
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
