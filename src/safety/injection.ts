/**
 * Prompt-injection rules R0–R10 (SECURITY.md §3 E) for skills and observations. Skills are text that assistants
 * trust; observations are text from anonymous assistants that later assistants may read. Both pass through here.
 *
 * Pipeline: normalise (NFKC, invisible characters out and reported as R0) → confusable skeleton for mixed-script
 * words → rule families on the normalised text → encoded blocks decoded and rescanned (R7). Every finding carries a
 * span in the ORIGINAL text. Hard findings reject on one hit; soft findings need a second soft family (or the
 * submitter's injection flag) before a text is sent to human review.
 */
import * as z from 'zod';
import { CALLBACK_HOSTS, isAllowedLink, isCallbackHost, isOfficialHost, OFFICIAL_DOMAINS } from './domains.js';
import { deconfuseMixedWords, normalizeText, skeleton } from './normalize.js';
import { findOverrides, mayContainRot13Override } from './override.js';
import { findCollapsedDirectives } from './rules/collapsed-details.js';
import { findCredentialRequests } from './rules/credential-request.js';
import { findExfiltrationProse } from './rules/exfiltration-prose.js';
import { findFeedbackToolDirectives } from './rules/feedback-tool.js';
import { decodeTagCharacters } from './rules/hidden-tags.js';
import { findAboveOverrides } from './rules/override-above.js';
import { findReaderDirectives } from './rules/reader-directive.js';
import { findSchemelessFetch } from './rules/schemeless-fetch.js';
import type { RuleHit } from './rules/shared.js';

/** Rule family identifiers, SECURITY.md §3 E. */
export const InjectionRuleSchema = z.enum(['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12']);
export type InjectionRule = z.infer<typeof InjectionRuleSchema>;

/** One injection finding; `start`/`end` are offsets into the text that was scanned, as given by the caller. */
export const InjectionFindingSchema = z.object({
  rule: InjectionRuleSchema,
  class: z.enum(['hard', 'soft']),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  message: z.string(),
});
export type InjectionFinding = z.infer<typeof InjectionFindingSchema>;

/** Where the text comes from: a skill (trusted by assistants, strictest) or a submitted observation. */
export const ScanContextSchema = z.enum(['skill', 'observation']);
export type ScanContext = z.infer<typeof ScanContextSchema>;

/** Options for {@link scanInjection}. */
export interface ScanOptions {
  context: ScanContext;
  /**
   * Extra hosts to treat as official for R5 / R10 (e.g. a commune domain not yet in OFFICIAL_DOMAINS); an entry
   * with a path (`host/path/`) allows links under that path only (R5).
   */
  allowDomains?: readonly string[];
}

/** The decision on one text. */
export const InjectionDecisionSchema = z.enum(['pass', 'review', 'reject']);
export type InjectionDecision = z.infer<typeof InjectionDecisionSchema>;

/** The result of {@link assessInjection}: every finding plus the decision drawn from them. */
export const InjectionAssessmentSchema = z.object({
  findings: z.array(InjectionFindingSchema),
  decision: InjectionDecisionSchema,
});
export type InjectionAssessment = z.infer<typeof InjectionAssessmentSchema>;

/** Short names of the rule families, for messages and reports. */
export const RULE_FAMILY_NAMES: Readonly<Record<InjectionRule, string>> = {
  R0: 'hidden characters',
  R1: 'instruction override',
  R2: 'role or authority markup',
  R3: 'message addressed to the assistant',
  R4: 'tool-call coercion',
  R5: 'exfiltration link or image',
  R6: 'secret or personal-data target',
  R7: 'encoded payload',
  R8: 'hidden markup',
  R9: 'spam contact handle',
  R10: 'runtime download or execution',
  R11: 'exfiltration written as prose',
  R12: 'directive to future readers',
};

/**
 * At most this many findings are reported per rule family. One is enough to decide; the cap keeps a hostile
 * megabyte of zero-width characters from producing half a million findings.
 */
export const MAX_FINDINGS_PER_RULE = 200;

/** Rules whose class depends on the context: hard in skills, soft in observations. */
const CONTEXT_DEPENDENT: ReadonlySet<InjectionRule> = new Set(['R4', 'R6', 'R8', 'R10', 'R11', 'R12']);

type Hit = RuleHit;

// ---------------------------------------------------------------------------------------------------------------
// Pattern helpers. Every pattern below is linear: bounded repetitions, no nested quantifiers over overlapping
// classes, and alternations of literals.

const GATES = new WeakMap<RegExp, readonly string[] | null>();
let lowerFor = '';
let lowerText = '';

/** Lower-cased copy of `text`, cached for the scan in progress (used only for keyword gates, never for offsets). */
function lowerOf(text: string): string {
  if (text !== lowerFor) {
    lowerFor = text;
    lowerText = text.toLowerCase();
  }
  return lowerText;
}

/**
 * Literal words a match must start with, read from the pattern source when it begins with a plain word or an
 * alternation of plain words (`\b(?:note|message)…`). A pattern whose words are all absent from the text is
 * skipped, which keeps a scan of ordinary prose to a handful of passes.
 */
function gateOf(re: RegExp): readonly string[] | null {
  let g = GATES.get(re);
  if (g === undefined) {
    g = wordsOf(re.source);
    GATES.set(re, g);
  }
  return g;
}

/** Index of the parenthesis closing the group that opens at `open`, or -1. */
function closeOf(src: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Splits a pattern source at its top-level `|`. */
function splitTop(src: string): string[] {
  const alts: string[] = [];
  let depth = 0;
  let inClass = false;
  let cur = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '\\') {
      cur += c + (src[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      alts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  alts.push(cur);
  return alts;
}

function literalPrefix(t: string): string {
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i] as string;
    if ('\\()[]{}?*+.|^$'.includes(c)) {
      // A following optional quantifier makes the last literal character optional.
      if ('?*{'.includes(c)) out = out.slice(0, -1);
      break;
    }
    out += c;
  }
  return out.toLowerCase();
}

function wordsOf(src: string): string[] | null {
  const alts = splitTop(src);
  if (alts.length > 1) {
    const all: string[] = [];
    for (const a of alts) {
      const w = wordsOf(a);
      if (!w) return null;
      all.push(...w);
    }
    return all;
  }
  let s = src;
  for (;;) {
    if (s.startsWith('\\b')) s = s.slice(2);
    else if (s.startsWith('(?<') && (s[3] === '!' || s[3] === '=')) {
      const end = closeOf(s, 0);
      if (end < 0) return null;
      s = s.slice(end + 1);
    } else break;
  }
  if (s.startsWith('(?:')) {
    const end = closeOf(s, 0);
    const after = s[end + 1];
    if (end < 0 || after === '?' || after === '*' || after === '{') return null;
    return wordsOf(s.slice(3, end));
  }
  const w = literalPrefix(s);
  return w.length >= 2 ? [w] : null;
}

function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  const gate = gateOf(re);
  if (gate) {
    const lower = lowerOf(text);
    if (!gate.some((w) => lower.includes(w))) return;
  }
  const r = re.global ? re : new RegExp(re.source, `${re.flags}g`);
  r.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = r.exec(text))) {
    fn(m);
    if (m[0].length === 0) r.lastIndex++;
  }
  r.lastIndex = 0;
}

function regexRule(hits: Hit[], text: string, rule: InjectionRule, list: ReadonlyArray<[RegExp, string]>): void {
  for (const [re, message] of list) {
    each(re, text, (m) => hits.push({ rule, start: m.index, end: m.index + m[0].length, message }));
  }
}

// R2 ------------------------------------------------------------------------------------------------------------
const R2_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/<\/?\s{0,3}(?:important|system|assistant|instructions?|admin|developer|sys|prompt)\s{0,3}>/gi, 'a role tag such as <IMPORTANT> or <system> that imitates instructions from the system'],
  [/\[\/?(?:system|inst|sys|admin|assistant)\]/gi, 'a role marker such as [SYSTEM] or [INST] that imitates model control markup'],
  [/<\|[a-z_]{2,20}\|>/gi, 'a chat-template token such as <|im_start|>'],
  [/^[ \t>*_#-]{0,8}#{1,6}[ \t]{0,4}(?:system|assistant)\b/gim, 'a "### SYSTEM" heading that imitates a system message'],
  [/^[ \t>*_-]{0,8}(?:system|assistant|developer)[ \t]{0,3}(?:prompt[ \t]{0,3})?:/gim, 'a line starting with "SYSTEM:" that imitates a system message'],
  [/\b(?:enable|enter|activate|switch (?:to|into)|turn on|go into|you are (?:now )?in|now in)\s{1,3}(?:the\s{1,3})?(?:developer|god|jailbreak|dan|debug|admin|unrestricted) mode\b|\b(?:developer|god|jailbreak|dan|admin) mode\s{0,3}(?:enabled|activated|on)\b|\b(?:god|jailbreak|dan) mode\b/gi, 'a request to switch the assistant into "developer mode" or a similar mode'],
  [/\b(?:you are now|you're now|from now on you are|je bent nu|vous êtes maintenant|tu es maintenant|du bist jetzt|sie sind jetzt)\s{1,3}(?:a |an |in |the |een |de |un |une |le |la |ein |eine |der |die |im )?(?:[\p{L}-]{1,20} ){0,2}(?:ai|assistant|model|bot|chatbot|dan|jailbroken|unrestricted|unfiltered|uncensored|administrator|admin|root|mode|agent|ki|ia|assistent|modus|sans restriction|zonder beperkingen|ohne einschränkungen)\b/giu, 'a "you are now …" role reassignment'],
  [/\b(?:act|pretend|behave) as (?:if you (?:were|are) )?(?:an? )?(?:unrestricted|unfiltered|jailbroken|different|new) (?:ai|assistant|model)\b/gi, 'a request to act as an unrestricted assistant'],
];

// R3 ------------------------------------------------------------------------------------------------------------
const AI = '(?:ai|a\\.i\\.|assistant|llm|model|language model|claude|chatgpt|gpt|copilot|gemini|agent|bot|chatbot|ia|ki|assistent|taalmodel|assistente|modèle)';
const USER_EN = '(?:the |your |this )?(?:user|human|person|applicant|requester)';
const R3_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [new RegExp(`\\b(?:note|message|instruction|reminder|memo|notice|hint)s? (?:to|for) (?:the |any |all |you, )?${AI}s?\\b`, 'gi'), 'a note addressed to the AI assistant rather than to the reader'],
  [new RegExp(`\\bif you are (?:an? |the )?${AI}\\b`, 'gi'), 'text that addresses the reader only if it is an AI'],
  [new RegExp(`\\b(?:do not|don't|dont|never|must not|should not) (?:tell|mention|inform|reveal|show|disclose|say|explain|let)(?: [\\p{L}'’-]{1,20}){0,3}?(?: (?:to|with))? ${USER_EN}\\b`, 'giu'), 'an instruction to hide something from the user'],
  [new RegExp(`\\bwithout (?:telling|informing|notifying|asking|alerting|showing|mentioning (?:it|this) to) ${USER_EN}\\b`, 'gi'), 'an instruction to act without telling the user'],
  [new RegExp(`\\b${USER_EN} (?:must|should|need) (?:not|never) (?:know|see|notice|be told|find out)\\b`, 'gi'), 'an instruction to keep the user unaware'],
  [/\bsilently (?:call|send|submit|add|include|append|insert|run|execute|forward|copy|pass|upload|share|post|fetch|load|invoke|file|report|flag|use)\b/gi, 'an instruction to act silently, without the user noticing'],
  [/\bdo (?:it|this|so) (?:silently|secretly|quietly|covertly)\b/gi, 'an instruction to act secretly'],
  [/\b(?:this is )?(?:merely|just|only) an implementation detail\b/gi, 'wording ("merely an implementation detail") used to hide an instruction from the user'],
  // NL
  [new RegExp(`\\b(?:notitie|bericht|opmerking|instructie|boodschap) (?:voor|aan) (?:de |het )?${AI}\\b`, 'giu'), 'a note addressed to the AI assistant rather than to the reader'],
  [new RegExp(`\\bals (?:je|u) (?:een )?${AI} (?:bent|is)\\b`, 'giu'), 'text that addresses the reader only if it is an AI'],
  [/\b(?:vertel|zeg|meld|toon) (?:dit |het |dat |niets )?(?:niet )?(?:aan|tegen) de (?:gebruiker|aanvrager)(?: niet)?\b/gi, 'an instruction to hide something from the user'],
  [/\bzonder (?:het )?(?:de gebruiker|de aanvrager) (?:te )?(?:vertellen|informeren|melden|zeggen|laten weten)\b/gi, 'an instruction to act without telling the user'],
  [/\bzonder dat de (?:gebruiker|aanvrager) (?:het |dit )?(?:weet|merkt|ziet)\b/gi, 'an instruction to act without telling the user'],
  // FR
  [new RegExp(`\\b(?:note|message|remarque|consigne) (?:à|pour) (?:l'|l’|le |la )?${AI}\\b`, 'giu'), 'a note addressed to the AI assistant rather than to the reader'],
  [new RegExp(`\\bsi (?:vous êtes|tu es) (?:une? |l'|l’)?${AI}\\b`, 'giu'), 'text that addresses the reader only if it is an AI'],
  [/\bne (?:le |lui |rien )?(?:dites|dis|mentionnez|mentionne|révélez|révèle|signalez)(?: rien| pas| jamais)(?: (?:à|a) l['’]utilisat(?:eur|rice))?/giu, 'an instruction to hide something from the user'],
  [/\bsans (?:le )?(?:dire|informer|prévenir|avertir|signaler)(?: (?:à|a))? l['’]utilisat(?:eur|rice)\b/giu, 'an instruction to act without telling the user'],
  [/\b(?:à l['’]insu de|en cachette de) l['’]utilisat(?:eur|rice)\b/giu, 'an instruction to act without telling the user'],
  // DE
  [new RegExp(`\\b(?:hinweis|nachricht|notiz|anweisung) (?:an|für) (?:die |den |das )?${AI}\\b`, 'giu'), 'a note addressed to the AI assistant rather than to the reader'],
  [new RegExp(`\\bwenn (?:du|sie) (?:eine? |ein )?${AI} (?:bist|sind)\\b`, 'giu'), 'text that addresses the reader only if it is an AI'],
  [/\b(?:sag|sage|sagen sie|erzähl|erzähle|verrate)(?: es| das| dies| nichts)? dem (?:benutzer|nutzer|anwender)(?: nicht| nichts)?\b/giu, 'an instruction to hide something from the user'],
  [/\bohne (?:es |dies )?(?:den|dem) (?:benutzer|nutzer|anwender) (?:zu )?(?:sagen|informieren|mitzuteilen|zu sagen|zu informieren|mitteilen)\b/giu, 'an instruction to act without telling the user'],
];

// R4 ------------------------------------------------------------------------------------------------------------
const OUR_TOOLS = '(?:submit_validation|submit_observation|flag_injection|injection_flag|propose_edit|submit_edit)';
const R4_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [new RegExp(`\\b${OUR_TOOLS}\\b`, 'gi'), "names one of this server's tools; skills must describe the procedure, not tell the assistant which tool to call or what to report"],
  [/\bverdict\s{0,3}[:=]\s{0,3}["']?(?:reject|confirm|accept|approve|ok|pass|fail)\b/gi, 'prescribes a validation verdict; the assistant and the user decide that, never the skill'],
  [/"verdict"\s{0,3}:/gi, 'prescribes a validation verdict; the assistant and the user decide that, never the skill'],
  [/\b(?:call|invoke|use|run|trigger|execute) (?:the |this |that |your |our |a )?(?:[`'"][\w.-]{1,40}[`'"]|[a-z][a-z0-9]{0,30}(?:_[a-z0-9]{1,30}){1,4}) tool\b/gi, 'tells the assistant to call a tool'],
  [/\b(?:call|invoke) (?:the|this|that|a|any|another) tool\b/gi, 'tells the assistant to call a tool'],
  [/\bbefore (?:using|calling|invoking|running) (?:this|any|the|that|another|other) tools?\b/gi, 'sets conditions on tool use ("before using this tool"), the signature of tool poisoning'],
  [/\b(?:file|submit|send|post|leave|report|open) (?:a |an |the )?(?:validation|observation|injection flag|negative validation)\b/gi, 'tells the assistant to file a validation or observation; the server never asks for a verdict'],
  [/\b(?:the )?(?:also )?(?:present|available|installed|connected) [`'"]?[a-z]{2,20}(?:_[a-z]{2,20}){1,4}[`'"]? tool\b/gi, "refers to another server's tool"],
  [/\b(?:send_email|send_message|read_file|write_file|execute_command|run_command|run_shell|shell_exec|fetch_url|http_request|list_directory|delete_file|create_issue|send_slack_message|post_message)\b/gi, "names another server's tool"],
];

// R6 ------------------------------------------------------------------------------------------------------------
const SEND_VERBS = '(?:paste|send|share|give|provide|include|tell|reveal|post|submit|forward|e-?mail|upload|append|add|copy|attach|plak|stuur|deel|geef|vermeld|bezorg|zend|collez|colle|envoyez|envoie|partagez|partage|donnez|donne|communiquez|indiquez|incluez|ajoutez|sende|senden|schicke|schicken|teile|teilen|gib|geben|füge|nenne|mitteilen)';
const ASK_VERBS = '(?:ask (?:the user |them |him |her )?for|request|vraag (?:de gebruiker |hem |haar )?(?:om|naar)|demandez|demande|frage nach|verlange)';
const SECRETS = "(?:passwords?|passcodes?|wachtwoord(?:en)?|mot de passe|mots de passe|passwort|kennwort|pin(?:[ -]?code)?|pincode|code pin|puk|itsme[ -]?code|itsme[- ]app code|csam[ -]?(?:login|code|credentials)|myminfin (?:login|credentials)|login (?:details|credentials)|credentials|inloggegevens|identifiants|zugangsdaten|2fa code|verification code|verificatiecode|code de vérification|one[- ]time code|otp|seed phrase|recovery phrase|private key)";
const NEG_BEFORE = /\b(?:never|not|don't|do not|nooit|niet|jamais|ne|nie|niemals|nicht|kein|keine|n['’])\s{1,3}(?:\S{1,20}\s{1,3}){0,2}$/i;
const NEG_INSIDE = /\b(?:never|not|don't|nooit|niet|jamais|nie|niemals|nicht|nimmer)\b/i;
const R6_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/~\/\.ssh\b|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws\/credentials\b|\.npmrc\b|\.netrc\b|\.git-credentials\b/gi, 'refers to SSH keys or credential files on the user\'s machine'],
  [/(?:^|[\s'"`(/])\.env\b/gim, 'refers to a .env secrets file'],
  [/\b(?:mcp\.json|claude_desktop_config\.json|mcp_config\.json)\b/gi, 'refers to the assistant\'s MCP configuration file'],
  [/\b(?:api[ _-]?keys?|access[ _-]?tokens?|auth(?:entication)?[ _-]?tokens?|bearer tokens?|secret[ _-]?keys?|client[ _-]?secrets?|session (?:cookies?|tokens?)|openai_api_key|anthropic_api_key|aws_secret_access_key)\b/gi, 'refers to API keys or access tokens'],
];
const R6_SEND_SECRET = new RegExp(`\\b${SEND_VERBS}\\b(?:[^\\s.!?]{0,25}\\s{1,3}){0,6}?(?:the user's |their |your |uw |je |votre |vos |ton |ta |tes |ihr |ihre |dein |deine )?${SECRETS}\\b`, 'giu');
const R6_SECRET_SEND = new RegExp(`\\b${SECRETS}\\b[^.!?\\n]{0,60}?\\b(?:paste|send|share|include|forward|copy|plak|stuur|deel|collez|envoyez|partagez|sende|schicke|teile) (?:it|them|this|that|dit|het|ze|le|la|les|es|sie|ihn)\\b`, 'giu');
const R6_ASK_SECRET = new RegExp(`\\b${ASK_VERBS}\\b(?:[^\\s.!?]{0,25}\\s{1,3}){0,5}?${SECRETS}\\b`, 'giu');
const PERSONAL = "(?:national (?:register |registry )?number|rijksregisternummer|insz|niss|numéro national|numéro de registre national|bis number|passport number|paspoortnummer|numéro de passeport|iban|bank account|rekeningnummer|date of birth|birth date|geboortedatum|date de naissance|geburtsdatum|home address|address|adres|adresse|phone number|telefoonnummer|numéro de téléphone|telefonnummer|e-?mail address|full name|name|naam|nom|card number|kaartnummer|eid number|nationality|nationaliteit|nationalité|staatsangehörigkeit|conversation|chat history|previous messages)";
const DEST = '(?:observation|validation|submission|injection flag|flag|tool call|tool argument|url|link|query string|query|server|endpoint|webhook|feedback)';
const R6_PERSONAL = new RegExp(`\\b(?:include|add|append|put|insert|send|paste|copy|post|submit|forward|attach|embed|write|voeg|stuur|plak|ajoutez|incluez|envoyez|mettez|füge|sende|schreibe)\\b(?:[^\\s.!?]{0,25}\\s{1,3}){0,5}?${PERSONAL}\\b[^.!?\\n]{0,60}?\\b(?:in|into|to|with|as|aan|toe|bij|dans|à|au|avec|an|zu|mit)\\s{1,3}(?:the |your |an? |this |that |each |every |de |het |je |uw |een |la |le |l'|votre |chaque |une? |die |der |das |den |jede |jeder |ihre )?${DEST}s?\\b`, 'giu');

// R8 ------------------------------------------------------------------------------------------------------------
// `<details>`/`<summary>` are not on the list: a collapsed block is text a reviewer may never open.
const ALLOWED_TAGS = new Set(['br', 'sup', 'sub', 'abbr', 'kbd', 'b', 'i', 'em', 'strong', 'code']);
const R8_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/display\s{0,3}:\s{0,3}none\b/gi, 'a style that hides text (display:none)'],
  [/visibility\s{0,3}:\s{0,3}hidden\b/gi, 'a style that hides text (visibility:hidden)'],
  [/font-size\s{0,3}:\s{0,3}0(?:\.0{1,5})?(?:px|pt|em|rem|%)?(?![\d.])/gi, 'a style that hides text (font-size:0)'],
  [/(?<![-\w])color\s{0,3}:\s{0,3}(?:white|#fff(?:fff)?\b|rgba?\(\s{0,3}255\s{0,3},\s{0,3}255\s{0,3},\s{0,3}255)/gi, 'white text, invisible on a white page'],
  [/opacity\s{0,3}:\s{0,3}0(?:\.0{1,5})?(?![\d.])/gi, 'a style that hides text (opacity:0)'],
  [/\]\(\s{0,3}[^()\s]{1,2000}\s{1,3}"[^"\n]{1,300}"\s{0,3}\)/g, 'a link title that carries hidden text'],
];

// R9 ------------------------------------------------------------------------------------------------------------
const MESSENGERS = '(?:tg|telegram|whatsapp|wechat|weixin|viber|signal|line id|snapchat|kik|微信|电报|飞机)';
const CONTACT = "(?:contact (?:us|me)|dm (?:us|me)|add me|message me|text me|whatsapp me|call me|contacteer (?:ons|me)|neem contact op|bel (?:ons|me)|contactez[- ](?:nous|moi)|appelez[- ](?:nous|moi)|kontaktieren sie (?:uns|mich)|schreib(?:en sie)? (?:uns|mir)|联系|加我)";
const PHONEISH = '(?:\\+\\d{1,3}[\\s.-]?\\d{1,4}(?:[\\s.-]?\\d{2,4}){2,4}|\\b04\\d{2}(?:[\\s./-]?\\d{2}){3}\\b)';
const R9_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:t|telegram)\.me\/[\w/+-]{1,64}/gi, 'a Telegram contact link (spam or a solicitation channel)'],
  [/\bwa\.me\/[\w/+-]{1,64}|\bchat\.whatsapp\.com\/[\w-]{1,64}|\bapi\.whatsapp\.com\/send\b/gi, 'a WhatsApp contact link (spam or a solicitation channel)'],
  [/\bweixin\.qq\.com\/|\bu\.wechat\.com\/|\bline\.me\/[\w/-]{1,64}|\bviber\.com\/[\w/-]{1,64}|\bsignal\.me\//gi, 'a messenger contact link (spam or a solicitation channel)'],
  [new RegExp(`(?<![a-z0-9_])${MESSENGERS}(?![a-z])[^\\n]{0,40}?@[a-z0-9_]{3,32}`, 'giu'), 'a messenger handle (@…) next to Telegram / WhatsApp / WeChat'],
  [new RegExp(`@[a-z0-9_]{3,32}[^\\n@]{0,40}?(?<![a-z0-9_])${MESSENGERS}(?![a-z])`, 'giu'), 'a messenger handle (@…) next to Telegram / WhatsApp / WeChat'],
  [new RegExp(`(?<![a-z0-9_])${MESSENGERS}\\s{0,3}(?:id)?\\s{0,3}[:：]\\s{0,3}[a-z0-9_+-]{4,32}`, 'giu'), 'a messenger ID next to Telegram / WhatsApp / WeChat'],
  [new RegExp(`${CONTACT}[^\\n]{0,40}?${PHONEISH}`, 'giu'), 'a private phone number with "contact us" (solicitation)'],
  [new RegExp(`${PHONEISH}[^\\n]{0,30}?${CONTACT}`, 'giu'), 'a private phone number with "contact us" (solicitation)'],
];

// R10 -----------------------------------------------------------------------------------------------------------
const R10_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:curl|wget|iwr|fetch)\b[^\n|]{0,300}\|\s{0,3}(?:sudo\s{1,3})?(?:ba|z|da|k)?sh\b/gi, 'a command that downloads a script and pipes it to a shell'],
  [/\b(?:curl|wget)\b[^\n|]{0,300}\|\s{0,3}(?:python3?|node|perl|ruby)\b/gi, 'a command that downloads code and runs it'],
  [/\bnpx\s{1,3}(?:-y\s{1,3}|--yes\s{1,3})?[@a-z0-9][\w@/.-]{0,100}/gi, 'an "npx" command that downloads and runs a package'],
  [/\b(?:pip3?|pipx|uv pip|python3? -m pip)\s{1,3}install\b/gi, 'a "pip install" command'],
  [/\bnpm\s{1,3}(?:i|install|exec)\b|\byarn (?:add|dlx)\b|\bpnpm (?:add|dlx)\b/gi, 'an npm install command'],
  [/\b(?:bash|sh|zsh|python3?|node|perl)\s{1,3}-(?:c|e)\s{1,3}["']/gi, 'an inline shell or interpreter command'],
  [/\binvoke-(?:webrequest|expression|restmethod)\b|\biex\s{0,3}\(|\bpowershell(?:\.exe)?\s{1,3}-(?:enc|e|encodedcommand|c|command)\b/gi, 'a PowerShell download-and-execute command'],
  [/\b(?:eval|exec)\s{0,3}\(\s{0,3}(?:atob|fetch|require|__import__|base64|decode)/gi, 'code that evaluates downloaded or decoded text'],
  [/\bdownload (?:it |this |the (?:file|script|tool|program|binary) )?and (?:then )?(?:run|execute|launch)\b/gi, 'an instruction to download and run something'],
  [/\b(?:download(?:en)?|haal) (?:het |dit |de )?(?:bestand |script |programma )?(?:en|op en) (?:voer (?:het |dit )?uit|installeer|open)\b|\bdownloaden en (?:uitvoeren|installeren|openen)\b/gi, 'an instruction to download and run something'],
  [/\btéléchargez(?:[- ]le| ce (?:fichier|script|programme))? et (?:exécutez|lancez|installez|ouvrez)\b/giu, 'an instruction to download and run something'],
  [/\b(?:herunterladen|lade (?:es |das |die datei )?herunter) und (?:ausführen|installieren|starten|öffnen|führe)\b/giu, 'an instruction to download and run something'],
];
const R10_REMOTE = /\b(?:load|fetch|retrieve|download|get|read|open|follow|use|laad|haal|lees|volg|chargez|charger|récupérez|récupérer|téléchargez|suivez|lade|hole|abrufen|befolge)\b[^\n]{0,80}?\b(?:instructions?|rules|prompts?|version|skill|guidelines|commands?|directives|instructies|regels|opdrachten|consignes|règles|anweisungen|regeln|befehle)\b[^\n]{0,60}?(https?:\/\/[^\s)\]>"'`]{1,500})/giu;
const R10_FROM = /\b(?:instructions?|rules|prompts?|commands?|directives|instructies|regels|consignes|anweisungen)\b[^\n]{0,30}?\b(?:from|at|van|op|depuis|sur|de|von|unter)\s{1,3}(https?:\/\/[^\s)\]>"'`]{1,500})/giu;

// R5 ------------------------------------------------------------------------------------------------------------
const URL_RE = /\b(?:https?|ftp|wss?):\/\/[^\s<>"'`)\]]{1,2000}/gi;
const PLACEHOLDER_QUERY = /[?&][\w.-]{1,40}=(?:\{[^}\s]{0,60}\}|\[[^\]\s]{0,60}\]|%s|\$\{?\w{0,40}|<[^>\s]{1,60}>|\{\{)/i;

function hostOf(url: string): string {
  const afterScheme = url.replace(/^[a-z]{2,5}:\/\//i, '');
  let authority = afterScheme.split(/[/?#]/, 1)[0] ?? '';
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  return authority.replace(/:\d{1,5}$/, '').toLowerCase();
}

function scanUrls(hits: Hit[], text: string, context: ScanContext, extra: readonly string[]): void {
  each(URL_RE, text, (m) => {
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
  each(/<img\b[^>]{0,2000}>?/gi, text, (m) => {
    hits.push({ rule: 'R5', start: m.index, end: m.index + m[0].length, message: 'an HTML <img> tag; an image URL can carry data out when it loads', cls: 'hard' });
  });
  each(/\bdata:(?:[a-z]{1,20}\/[a-z0-9.+-]{1,60})?(?:;[a-z0-9=-]{1,40}){0,3}[;,]/gi, text, (m) => {
    hits.push({ rule: 'R5', start: m.index, end: m.index + m[0].length, message: 'a data: URI that embeds content inline', cls: 'hard' });
  });
  each(/(?:^|[\s(])\/\/[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,5}\/[^\s)]{0,500}/gim, text, (m) => {
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

function scanHomographs(hits: Hit[], text: string, extra: readonly string[]): void {
  each(URL_RE, text, (m) => {
    const host = hostOf(m[0]);
    if (!/[^\x00-\x7f]/.test(host)) return;
    const skel = skeleton(host);
    const message = isOfficialHost(skel, extra)
      ? `a web address that imitates an official domain with look-alike letters (${skel})`
      : 'a web address with non-Latin or look-alike letters in its domain';
    hits.push({ rule: 'R5', start: m.index, end: m.index + m[0].length, message, cls: 'hard' });
  });
}

// R7 ------------------------------------------------------------------------------------------------------------
function printableRatio(s: string): number {
  if (s.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13 || (c >= 0xa0 && c !== 0xfffd)) ok++;
  }
  return ok / s.length;
}

function decodeBase64(run: string): string | undefined {
  const clean = run.replace(/-/g, '+').replace(/_/g, '/');
  const usable = clean.replace(/=+$/, '');
  const len = usable.length - (usable.length % 4);
  if (len < 40) return undefined;
  try {
    const buf = Buffer.from(usable.slice(0, len), 'base64');
    const s = buf.toString('utf8');
    return s;
  } catch {
    return undefined;
  }
}

function rot13(s: string): string {
  return s.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

const ROT13_KEYWORDS = /\b(?:vtaber|qvfertneq|sbetrg|vafgehpgvbaf|cerivbhf|flfgrz cebzcg|artrre|iretrrg|vafgehpgvrf)\b/gi;

function scanEncodings(hits: Hit[], text: string, context: ScanContext, extra: readonly string[], depth: number): void {
  const rescan = (decoded: string, start: number, end: number, what: string, readableSoft: boolean): void => {
    const inner = depth < 2 ? rawScan(decoded, context, extra, depth + 1).filter((h) => h.rule !== 'R7' || depth + 1 < 2) : [];
    if (inner.length > 0) {
      const fams = [...new Set(inner.map((h) => RULE_FAMILY_NAMES[h.rule]))].join(', ');
      hits.push({ rule: 'R7', start, end, message: `${what} that decodes to hidden instructions (${fams})`, cls: 'hard' });
    } else if (readableSoft) {
      hits.push({ rule: 'R7', start, end, message: `${what} that decodes to readable text; write text in plain language instead`, cls: 'soft' });
    }
  };
  each(/[A-Za-z0-9+/_-]{40,}={0,2}/g, text, (m) => {
    const run = m[0];
    // Hex runs are handled below; single-case runs (paths, slugs, compounds) are not base64 payloads.
    if (/^[0-9a-f]+$/i.test(run) || !/[A-Z]/.test(run) || !/[a-z]/.test(run)) return;
    const decoded = decodeBase64(run);
    if (!decoded || printableRatio(decoded) < 0.8) return;
    const letters = (decoded.match(/[A-Za-z]/g) ?? []).length;
    rescan(decoded, m.index, m.index + run.length, 'a base64 block', letters >= 20);
  });
  each(/[0-9a-fA-F]{40,}/g, text, (m) => {
    const run = m[0].length % 2 ? m[0].slice(0, -1) : m[0];
    const decoded = Buffer.from(run, 'hex').toString('utf8');
    if (printableRatio(decoded) < 0.8) return;
    rescan(decoded, m.index, m.index + m[0].length, 'a hex block', (decoded.match(/[A-Za-z]/g) ?? []).length >= 20);
  });
  const escapes: ReadonlyArray<[RegExp, (s: string) => string, string]> = [
    [/(?:\\u[0-9a-fA-F]{4}){5,}/g, (s) => s.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'a run of \\u escapes'],
    [/(?:\\x[0-9a-fA-F]{2}){5,}/g, (s) => s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'a run of \\x escapes'],
    [/(?:&#x[0-9a-fA-F]{1,6};){5,}/g, (s) => s.replace(/&#x([0-9a-fA-F]{1,6});/g, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff))), 'a run of HTML character references'],
    [/(?:&#\d{1,7};){5,}/g, (s) => s.replace(/&#(\d{1,7});/g, (_, d: string) => String.fromCodePoint(Math.min(parseInt(d, 10), 0x10ffff))), 'a run of HTML character references'],
    [/(?:%[0-9a-fA-F]{2}){5,}/g, (s) => { try { return decodeURIComponent(s); } catch { return s.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))); } }, 'a run of %-escapes'],
  ];
  for (const [re, dec, what] of escapes) {
    each(re, text, (m) => {
      const decoded = dec(m[0]);
      const asciiLetters = (decoded.match(/[A-Za-z]/g) ?? []).length;
      rescan(decoded, m.index, m.index + m[0].length, what, asciiLetters >= 5);
    });
  }
  // ROT13 of the override rule.
  if (mayContainRot13Override(text)) {
    for (const o of findOverrides(rot13(text))) {
      hits.push({ rule: 'R7', start: o.start, end: o.end, message: 'ROT13-encoded text that decodes to an instruction override', cls: 'hard' });
    }
  }
  let rotCount = 0;
  let first = -1;
  let last = -1;
  each(ROT13_KEYWORDS, text, (m) => {
    rotCount++;
    if (first < 0) first = m.index;
    last = m.index + m[0].length;
  });
  if (rotCount >= 2) hits.push({ rule: 'R7', start: first, end: last, message: 'ROT13-encoded instruction keywords', cls: 'hard' });
  each(/\\(?:text)?color\s{0,3}\{\s{0,3}(?:white|#?fff(?:fff)?|transparent|rgb\(255,\s{0,3}255,\s{0,3}255\))\s{0,3}\}/gi, text, (m) => {
    hits.push({ rule: 'R7', start: m.index, end: m.index + m[0].length, message: 'KaTeX/LaTeX white text (\\color{white}) that hides content from the reader', cls: 'hard' });
  });
  each(/\\phantom\s{0,3}\{/g, text, (m) => {
    hits.push({ rule: 'R7', start: m.index, end: m.index + m[0].length, message: 'KaTeX/LaTeX \\phantom that hides content from the reader', cls: 'hard' });
  });
}

// ---------------------------------------------------------------------------------------------------------------

function rawScan(text: string, context: ScanContext, extra: readonly string[], depth: number): Hit[] {
  const hits: Hit[] = [];
  for (const o of findOverrides(text)) {
    hits.push({ rule: 'R1', start: o.start, end: o.end, message: `an instruction override ("${o.phrase.slice(0, 60)}") telling the assistant to drop its instructions` });
  }
  each(/\b(?:ignore|disregard|forget|negeer|vergeet|oubliez|oublie|ignorez|vergiss|ignoriere) (?:everything|all|anything|alles|tout|alles) (?:above|before|said|you were told|you have been told|hierboven|hiervoor|ci-dessus|précédemment|oben|vorher|davor)\b/giu, text, (m) => {
    hits.push({ rule: 'R1', start: m.index, end: m.index + m[0].length, message: 'an instruction override telling the assistant to forget what came before' });
  });
  each(/\b(?:your|je|jouw|vos|tes|deine|ihre) (?:new|real|true|actual|nieuwe|echte|nouvelles|vraies|neuen|wahren) (?:instructions|task|role|goal|instructies|taak|opdracht|consignes|tâche|anweisungen|aufgabe)\b(?: (?:are|is|zijn|is|sont|est|sind|ist))?\s{0,2}:/giu, text, (m) => {
    hits.push({ rule: 'R1', start: m.index, end: m.index + m[0].length, message: 'a replacement instruction block ("your new instructions are:")' });
  });
  hits.push(...findAboveOverrides(text));
  hits.push(...findReaderDirectives(text, hits.filter((h) => h.rule === 'R1')));
  regexRule(hits, text, 'R2', R2_PATTERNS);
  regexRule(hits, text, 'R3', R3_PATTERNS);
  regexRule(hits, text, 'R4', R4_PATTERNS);
  hits.push(...findFeedbackToolDirectives(text));
  scanUrls(hits, text, context, extra);
  regexRule(hits, text, 'R6', R6_PATTERNS);
  for (const re of [R6_SEND_SECRET, R6_SECRET_SEND, R6_ASK_SECRET]) {
    each(re, text, (m) => {
      if (NEG_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index)) || NEG_INSIDE.test(m[0])) return;
      hits.push({ rule: 'R6', start: m.index, end: m.index + m[0].length, message: 'asks for a password, PIN or login code (itsme, CSAM, MyMinfin) to be shared; no procedure ever needs that' });
    });
  }
  each(R6_PERSONAL, text, (m) => {
    hits.push({ rule: 'R6', start: m.index, end: m.index + m[0].length, message: "tells the assistant to put the user's personal data into a submission, link or message (data exfiltration)" });
  });
  hits.push(...findCredentialRequests(text));
  hits.push(...findExfiltrationProse(text));
  if (depth < 3) scanEncodings(hits, text, context, extra, depth);
  // R8: comments, hidden styles, raw HTML outside a small allow-list, <details> hiding directives.
  // The next closing marker is found once and reused, so a text full of unclosed comments stays linear.
  let close = -2;
  each(/<!--/g, text, (m) => {
    if (close !== -1 && close < m.index + 4) close = text.indexOf('-->', m.index + 4);
    const end = close < 0 ? Math.min(text.length, m.index + 4) : close + 3;
    hits.push({ rule: 'R8', start: m.index, end, message: 'an HTML comment, which readers never see; put notes for maintainers outside the skill text' });
  });
  regexRule(hits, text, 'R8', R8_PATTERNS);
  each(/<\/?([A-Za-z][A-Za-z0-9-]{0,30})(?=[\s/>])[^<>\n]{0,1000}>/g, text, (m) => {
    const tag = (m[1] ?? '').toLowerCase();
    if (ALLOWED_TAGS.has(tag)) return;
    // A placeholder in a path ("skills/<name>/SKILL.md", "references/<id>.yaml") is not markup.
    const after = text[m.index + m[0].length];
    if (text[m.index - 1] === '/' && (after === '/' || after === '.') && /^<[A-Za-z][A-Za-z0-9-]*>$/.test(m[0])) return;
    hits.push({ rule: 'R8', start: m.index, end: m.index + m[0].length, message: `a raw HTML tag <${tag}>; use plain Markdown instead` });
  });
  regexRule(hits, text, 'R9', R9_PATTERNS);
  regexRule(hits, text, 'R10', R10_PATTERNS);
  for (const re of [R10_REMOTE, R10_FROM]) {
    each(re, text, (m) => {
      const url = m[1] ?? '';
      const host = hostOf(url);
      if (isOfficialHost(host, extra)) return;
      hits.push({ rule: 'R10', start: m.index, end: m.index + m[0].length, message: `tells the assistant to load instructions from ${host} at run time; skills must be self-contained` });
    });
  }
  hits.push(...findSchemelessFetch(text, extra));
  hits.push(...findCollapsedDirectives(text, hits));
  return hits;
}

function classify(h: Hit, context: ScanContext): 'hard' | 'soft' {
  if (h.cls) return h.cls;
  if (h.rule === 'R1') return 'soft';
  if (CONTEXT_DEPENDENT.has(h.rule)) return context === 'skill' ? 'hard' : 'soft';
  return 'hard';
}

/**
 * Scans `text` for prompt-injection signatures (rule families R0–R10). Spans are offsets into `text` as given.
 * In a skill, tool coercion (R4), secret targets (R6), hidden markup (R8) and runtime fetches (R10) are hard; in
 * an observation they are soft. R1 becomes hard when R2 or R3 also hit.
 */
export function scanInjection(text: string, options: ScanOptions): InjectionFinding[] {
  const context = options.context;
  const extra = options.allowDomains ?? [];
  const norm = normalizeText(text);
  const { text: scan } = deconfuseMixedWords(norm.text);
  const hits = rawScan(scan, context, extra, 0);
  // Look-alike letters are mapped away in `scan`; a domain must be checked on the text before that mapping.
  if (scan !== norm.text) scanHomographs(hits, norm.text, extra);
  const findings: InjectionFinding[] = [];
  for (const inv of norm.invisible.slice(0, MAX_FINDINGS_PER_RULE)) {
    const spelled = inv.kind === 'Unicode tag character' ? decodeTagCharacters(text.slice(inv.start, inv.end)) : '';
    const message = spelled
      ? `hidden Unicode tag characters that spell "${spelled}" (invisible to readers, but read by assistants); remove them`
      : `a hidden ${inv.kind} (invisible to readers, but read by assistants); remove it`;
    findings.push({ rule: 'R0', class: 'hard', start: inv.start, end: inv.end, message });
  }
  const escalate = hits.some((h) => h.rule === 'R2' || h.rule === 'R3');
  const seen = new Set<string>();
  const perRule = new Map<InjectionRule, number>();
  for (const h of hits) {
    const n = perRule.get(h.rule) ?? 0;
    if (n >= MAX_FINDINGS_PER_RULE) continue;
    perRule.set(h.rule, n + 1);
    const span = norm.toOriginal(h.start, h.end);
    let cls = classify(h, context);
    if (h.rule === 'R1' && escalate) cls = 'hard';
    const key = `${h.rule}:${span.start}:${span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ rule: h.rule, class: cls, start: span.start, end: span.end, message: h.message });
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return findings;
}

/** Options for {@link assessInjection}. */
export interface AssessOptions extends ScanOptions {
  /** The submitter (or another assistant) flagged this text as an injection attempt. */
  injectionFlag?: boolean;
}

/**
 * Scans and decides: any hard finding → `reject`; two or more different soft families, or one soft family plus an
 * injection flag → `review`; otherwise `pass`.
 */
export function assessInjection(text: string, options: AssessOptions): InjectionAssessment {
  const findings = scanInjection(text, options);
  return { findings, decision: decide(findings, options.injectionFlag === true) };
}

/**
 * The aggregation rule of SECURITY.md §3 E applied to a list of findings. A text addressed to future readers
 * (R12) is never passed on its own: it goes to a human even as a single soft finding.
 */
export function decide(findings: readonly InjectionFinding[], injectionFlag = false): InjectionDecision {
  if (findings.some((f) => f.class === 'hard')) return 'reject';
  if (findings.some((f) => f.rule === 'R12')) return 'review';
  const soft = new Set(findings.filter((f) => f.class === 'soft').map((f) => f.rule));
  if (soft.size >= 2 || (soft.size >= 1 && injectionFlag)) return 'review';
  return 'pass';
}

export { OFFICIAL_DOMAINS, CALLBACK_HOSTS };
