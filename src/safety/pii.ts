/**
 * Personal-data detectors P1–P11 (SECURITY.md §3 F) for submissions. Policy: reject, don't redact; the assistant
 * rephrases. These detectors also break the data-leak flow of the threat model: a poisoned skill that asks an
 * assistant to "add the user's national number to your observation" hits this gate.
 *
 * Every detector runs on the normalised text (NFKC, invisible characters removed, look-alike letters mapped), so
 * zero-width-split and full-width variants are caught (F1). Findings point into the ORIGINAL text and never carry
 * the value itself. Values that appear verbatim in the `allow` text (the skill being discussed: a commune's
 * official phone number, office address or e-mail) pass.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { parsePhoneNumber } from 'awesome-phonenumber';
import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import * as z from 'zod';
import {
  hasValidNationalDate,
  isValidBelgianBban,
  isValidCardNumber,
  isValidEnterpriseNumber,
  isValidNationalNumber,
  luhnValid,
} from './identifiers.js';
import { deconfuseMixedWords, normalizeText } from './normalize.js';

/** Detector identifiers, SECURITY.md §3 F. */
export const PiiIdSchema = z.enum(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10', 'P11']);
export type PiiId = z.infer<typeof PiiIdSchema>;

/** One personal-data finding: which detector, what kind of data in plain words, and where (original offsets). */
export const PiiFindingSchema = z.object({
  id: PiiIdSchema,
  /** Human words, e.g. "national register number", "phone number", "IBAN". Never the value. */
  category: z.string(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type PiiFinding = z.infer<typeof PiiFindingSchema>;

/** Options for {@link detectPersonalData}. */
export interface PiiOptions {
  /** Text whose verbatim values are allowed (the skill being validated or discussed). */
  allow?: string;
}

interface Hit {
  id: PiiId;
  category: string;
  start: number;
  end: number;
  /** The part of the match compared against the allow text; undefined = never allowed. */
  allowKey?: string;
  /** Phone numbers are compared by E.164 form. */
  e164?: string;
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

function each(re: RegExp, text: string, fn: (m: RegExpExecArray) => void): void {
  const r = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  let m: RegExpExecArray | null;
  while ((m = r.exec(text))) {
    fn(m);
    if (m[0].length === 0) r.lastIndex++;
  }
}

function near(text: string, start: number, end: number, re: RegExp, radius = 50): boolean {
  const window = text.slice(Math.max(0, start - radius), Math.min(text.length, end + radius));
  return re.test(window);
}

const digitsOf = (s: string): string => s.replace(/\D/g, '');

// P1 national register / BIS ---------------------------------------------------------------------------------
const NN_KEYWORDS = /rijksregister|\bniss\b|\binsz\b|num[ée]ro national|registre national|national (?:register |registry |identification )?number|\bbis[- ]?(?:number|nummer|num[ée]ro)|\bnn\b|identificatienummer|nationalnummer|sozialversicherungsnummer/i;

function detectNationalNumbers(text: string, hits: Hit[]): void {
  each(/(?<!\d)\d{2}[. ]?\d{2}[. ]?\d{2}[-. ]?\d{3}[. ]?\d{2}(?!\d)/g, text, (m) => {
    const d = digitsOf(m[0]);
    const start = m.index;
    const end = start + m[0].length;
    const valid = isValidNationalNumber(d);
    const gated = near(text, start, end, NN_KEYWORDS) && (m[0].length > 11 || hasValidNationalDate(d));
    if (valid || gated) {
      const bis = Number(d.slice(2, 4)) >= 20;
      hits.push({ id: 'P1', category: bis ? 'BIS number' : 'national register number', start, end, allowKey: d });
    }
  });
}

// P2 eID / residence card -------------------------------------------------------------------------------------
const CARD_KEYWORDS = /card ?number|kaartnummer|num[ée]ro de (?:la )?carte|kartennummer|\beid\b|identiteitskaart|carte d['’]identit[ée]|verblijfskaart|titre de s[ée]jour|residence card|aufenthaltskarte|personalausweis/i;

function detectCardNumbers(text: string, hits: Hit[]): void {
  each(/(?<![\d-])\d{3}-?\d{7}-?\d{2}(?![\d-])/g, text, (m) => {
    const d = digitsOf(m[0]);
    if (isValidCardNumber(d) || near(text, m.index, m.index + m[0].length, CARD_KEYWORDS)) {
      hits.push({ id: 'P2', category: 'identity card or residence card number', start: m.index, end: m.index + m[0].length, allowKey: d });
    }
  });
  // Residence cards for foreigners: one letter followed by 10 digits, keyword-gated.
  each(/(?<![\p{L}\p{N}])[A-Z] ?\d{7} ?\d{2}(?!\d)/gu, text, (m) => {
    if (near(text, m.index, m.index + m[0].length, CARD_KEYWORDS)) {
      hits.push({ id: 'P2', category: 'identity card or residence card number', start: m.index, end: m.index + m[0].length, allowKey: m[0] });
    }
  });
}

// P3 IBAN -------------------------------------------------------------------------------------------------------
function detectIbans(text: string, hits: Hit[]): void {
  each(/(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])/g, text, (m) => {
    // Trailing words can be swallowed by the pattern; try the longest prefix that validates.
    const parts = m[0].split(' ');
    for (let k = parts.length; k >= 1; k--) {
      const cand = parts.slice(0, k).join(' ');
      const iban = electronicFormatIBAN(cand) ?? '';
      if (iban.length < 15) break;
      if (!isValidIBAN(iban)) continue;
      if (iban.startsWith('BE') && !isValidBelgianBban(iban.slice(4))) continue;
      hits.push({ id: 'P3', category: 'IBAN', start: m.index, end: m.index + cand.length, allowKey: iban });
      return;
    }
  });
}

// P4 phone numbers ----------------------------------------------------------------------------------------------
function isDateLike(s: string): boolean {
  return /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(s.trim());
}

function phoneE164(raw: string): { e164: string; mobile: boolean; valid: boolean } | undefined {
  const intl = /^(?:\+|00)/.test(raw);
  const input = intl ? raw.replace(/^00/, '+') : raw;
  const p = parsePhoneNumber(input.replace(/\(0\)/, ''), intl ? {} : { regionCode: 'BE' });
  const e164 = p.number?.e164;
  if (!e164) return undefined;
  return { e164, mobile: p.valid && (p.type === 'mobile' || p.type === 'fixed-line-or-mobile' && /^\+324/.test(e164)), valid: p.valid };
}

function collectPhones(text: string): Array<{ start: number; end: number; e164: string; mobile: boolean }> {
  const out: Array<{ start: number; end: number; e164: string; mobile: boolean }> = [];
  const consider = (raw: string, start: number, intl: boolean): void => {
    if (isDateLike(raw) || /^\d{4}\.\d{3}\.\d{3}$/.test(raw)) return;
    const info = phoneE164(raw);
    if (!info) return;
    const nd = digitsOf(raw).length;
    const plausibleBe = !intl && (nd === 9 || nd === 10);
    if (!info.valid && !plausibleBe) return;
    const mobile = info.mobile || /^\+324[5-9]/.test(info.e164);
    out.push({ start, end: start + raw.length, e164: info.e164, mobile });
  };
  each(/(?<![\w+])(?:\+|00) ?[1-9]\d{0,2}(?: ?\(0\))?(?:[ ./-]?\d){6,13}(?!\d)/g, text, (m) => consider(m[0], m.index, true));
  each(/(?<![\w+.\/-])0[1-9](?:[ ./-]?\d){6,9}(?![\d.\/-]?\d)/g, text, (m) => consider(m[0], m.index, false));
  return out;
}

function detectPhones(text: string, hits: Hit[]): void {
  for (const p of collectPhones(text)) {
    hits.push({ id: 'P4', category: p.mobile ? 'mobile phone number' : 'phone number', start: p.start, end: p.end, ...(p.mobile ? {} : { e164: p.e164 }) });
  }
}

// P5 e-mail -----------------------------------------------------------------------------------------------------
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_RUN = /[A-Za-z0-9.-]{1,253}/y;

function detectEmails(text: string, hits: Hit[]): void {
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

// P6 passport ---------------------------------------------------------------------------------------------------
const PASSPORT_KEYWORDS = /paspoort|passeport|passport|reisepass|pasnummer|passnummer|pass-?nr|paspoortnummer/i;

function detectPassports(text: string, hits: Hit[]): void {
  each(/(?<![\p{L}\p{N}])(?:[A-Z]{2}\d{6}|[A-Z]{0,2}\d{7,9}|[A-Z]\d[A-Z0-9]{6,7})(?![\p{L}\p{N}])/gu, text, (m) => {
    if (!/\d{5}/.test(m[0]) && !/^[A-Z]{2}\d{6}$/.test(m[0])) return;
    if (near(text, m.index, m.index + m[0].length, PASSPORT_KEYWORDS)) {
      hits.push({ id: 'P6', category: 'passport number', start: m.index, end: m.index + m[0].length, allowKey: m[0] });
    }
  });
}

// P7 date of birth ----------------------------------------------------------------------------------------------
const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|januari|februari|maart|mei|juni|juli|augustus|oktober|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|januar|februar|märz|oktober|dezember';
const DATE = `(?:\\d{1,2}[./-]\\d{1,2}[./-](?:19|20)?\\d{2}|(?:19|20)\\d{2}-\\d{1,2}-\\d{1,2}|\\d{1,2}(?:st|nd|rd|th|er|e|\\.)? {0,2}(?:${MONTHS})\\.? {1,2}(?:19|20)\\d{2}|(?:${MONTHS})\\.? {1,2}\\d{1,2}(?:st|nd|rd|th)?,? {1,2}(?:19|20)\\d{2})`;
const BIRTH = `(?:born|geboren|n[ée]e?|n[ée]\\(e\\)|geb\\.|date of birth|birth ?date|birthday|dob|d\\.o\\.b\\.|geboortedatum|geboorte|date de naissance|geburtsdatum|geburtstag)`;
const DOB_RE = new RegExp(`${B}${BIRTH}(?:[ \\t]{1,3}(?:on|op|le|am|the|:))?[ \\t:]{0,3}(?:the )?${DATE}${E}`, 'giu');
const AGE_RE = new RegExp(`${B}(?:(?:age|leeftijd|âge|alter) {0,2}[:=] {0,2}\\d{1,3}|(?:i am|i'm|i’m|ik ben|je suis|j'ai|j’ai|ich bin) {1,3}\\d{1,3} {1,3}(?:years? old|yo|jaar(?: oud)?|ans|jahre(?: alt)?))${E}`, 'giu');

function detectBirthDates(text: string, hits: Hit[]): void {
  each(DOB_RE, text, (m) => hits.push({ id: 'P7', category: 'date of birth', start: m.index, end: m.index + m[0].length }));
  each(AGE_RE, text, (m) => hits.push({ id: 'P7', category: 'age', start: m.index, end: m.index + m[0].length }));
}

// P8 street address ---------------------------------------------------------------------------------------------
const HOUSE = "\\d{1,4}(?: ?[a-zA-Z](?![\\p{L}]))?(?: {0,3}(?:bus|boîte|bte|b\\.|Bus|box) {0,2}\\d{1,4}[a-zA-Z]?)?";
const POSTAL = "(?:,? {1,3}[1-9]\\d{3} {1,3}\\p{Lu}[\\p{L}-]{1,40})?";
const NL_DE_SUFFIX = 'straat|laan|lei|steenweg|plein|dreef|weg|kaai|vest|markt|baan|dijk|singel|straße|strasse|platz|gasse|allee|ring';
const ADDR_NL_DE = new RegExp(`${B}(\\p{Lu}[\\p{L}'’-]{0,40}(?:${NL_DE_SUFFIX}) {1,3}${HOUSE})${POSTAL}${E}`, 'gu');
const ADDR_NL_WORD = new RegExp(`${B}((?:\\p{Lu}[\\p{L}'’-]{1,30} )?(?:Markt|Grote Markt|Plein|Kaai|Vest|Dreef|Laan|Steenweg|Platz) {1,3}${HOUSE})${POSTAL}${E}`, 'gu');
const FR_WORD = '(?:[Rr]ue|[Aa]venue|[Aa]v\\.|[Cc]haussée|[Bb]oulevard|[Bb]d|[Pp]lace|[Cc]hemin|[Qq]uai|[Aa]llée|[Ii]mpasse|[Ss]quare|[Dd]rève|[Cc]los|[Ss]entier)';
const FR_NAME = "(?:(?:de la|de l'|de l’|du|des|de|d'|d’|la|le|l'|l’) {0,2})?\\p{Lu}[\\p{L}'’-]{1,40}(?: {1,3}[\\p{L}'’-]{1,30}){0,3}?";
const ADDR_FR = new RegExp(`${B}(${FR_WORD} {1,3}${FR_NAME},? {1,3}${HOUSE})${POSTAL}${E}`, 'gu');
const ADDR_FR_NUM_FIRST = new RegExp(`${B}(\\d{1,4}(?: ?[a-z])?,? {1,3}${FR_WORD} {1,3}${FR_NAME})${POSTAL}${E}`, 'gu');

function detectAddresses(text: string, hits: Hit[]): void {
  for (const re of [ADDR_NL_DE, ADDR_NL_WORD, ADDR_FR, ADDR_FR_NUM_FIRST]) {
    each(re, text, (m) => {
      hits.push({ id: 'P8', category: 'street address', start: m.index, end: m.index + m[0].length, allowKey: m[1] ?? m[0] });
    });
  }
}

// P9 names ------------------------------------------------------------------------------------------------------
const NAME_TOKEN = "\\p{Lu}[\\p{L}'’-]{1,40}";
const NAME_AFTER = new RegExp(` {1,3}(${NAME_TOKEN}(?: {1,2}${NAME_TOKEN}){0,2})`, 'uy');
const NAME_PHRASE = /(?<![\p{L}])(?:my name is|my name's|mijn naam is|ik heet|je m['’]appelle|mon nom est|ich heiße|ich heisse|mein name ist|i am called|i'm called)(?![\p{L}])/giu;
const HONORIFIC = new RegExp(`${B}(?:Mr|Mrs|Ms|Mx|Dr|Mme|Mlle|Dhr|Mevr|Mevrouw|Meneer|Mijnheer|Herr|Frau|Madame|Monsieur|Mademoiselle|M(?=\\.))\\.? {1,3}(${NAME_TOKEN})`, 'gu');
const NOT_NAMES = new Set(['Sir', 'Madam', 'Madame', 'Monsieur', 'Mevrouw', 'Meneer', 'Heer', 'Herr', 'Frau', 'Damen', 'Herren', 'Le', 'La', 'Les', 'De', 'Het', 'Der', 'Die', 'Das', 'The', 'Bourgmestre', 'Burgemeester', 'Bürgermeister', 'Ministre', 'Minister', 'Président', 'Voorzitter', 'Schepen', 'Échevin', 'Officier', 'Agent']);
const SIGN_OFF = /(?<![\p{L}])(?:kind regards|best regards|regards|best wishes|cheers|thanks|thank you|met vriendelijke groeten?|vriendelijke groeten?|groeten|mvg|cordialement|bien à vous|salutations distinguées|mit freundlichen grüßen|viele grüße|liebe grüße|beste grüße),?[ \t]{0,3}\r?\n[ \t]{0,3}/giu;
const SIGN_NAME = new RegExp(`(${NAME_TOKEN}(?: {1,2}${NAME_TOKEN}){0,2})[ \\t]{0,3}(?:\\r?\\n|$)`, 'uy');

function detectNames(text: string, hits: Hit[]): void {
  each(NAME_PHRASE, text, (m) => {
    NAME_AFTER.lastIndex = m.index + m[0].length;
    const n = NAME_AFTER.exec(text);
    if (n) hits.push({ id: 'P9', category: 'name', start: m.index, end: NAME_AFTER.lastIndex, allowKey: n[1] });
  });
  each(HONORIFIC, text, (m) => {
    if (NOT_NAMES.has(m[1] ?? '')) return;
    hits.push({ id: 'P9', category: 'name', start: m.index, end: m.index + m[0].length, allowKey: m[0] });
  });
  each(SIGN_OFF, text, (m) => {
    SIGN_NAME.lastIndex = m.index + m[0].length;
    const n = SIGN_NAME.exec(text);
    if (n && !NOT_NAMES.has((n[1] ?? '').split(' ')[0] ?? '')) {
      const start = m.index + m[0].length;
      hits.push({ id: 'P9', category: 'name', start, end: start + (n[1] ?? '').length, allowKey: n[1] });
    }
  });
}

// P10 misc ------------------------------------------------------------------------------------------------------
const DOSSIER_KEYWORDS_I = /(?<![\p{L}])(?:dossiernummer|dossier ?(?:number|nr\.?|no\.?)|file number|case number|reference number|ref(?:erence)?\.?|num[ée]ro de dossier|n[°o] ?(?:de )?dossier|r[ée]f(?:[ée]rence)?\.?|referentie(?:nummer)?|kenmerk|aktenzeichen|geschäftszeichen|dvz[ -]?ref(?:erentie)?|oe[ -]?ref)(?![\p{L}])/giu;
const DOSSIER_KEYWORDS_CS = /(?<![\p{L}])(?:OE|DVZ|SP|ON)(?![\p{L}])/gu;
const DOSSIER_VALUE = /[ \t]{0,3}[:#]?[ \t]{0,3}(?:n[°o]\.?[ \t]{0,2})?([A-Z0-9][A-Z0-9./-]{3,24})/y;

function detectMisc(text: string, hits: Hit[]): void {
  // Payment cards (Luhn).
  each(/(?<![\p{L}\p{N}])[2-6]\d{3}(?:[ -]?\d){9,15}(?!\d)/gu, text, (m) => {
    const d = digitsOf(m[0]);
    if (d.length >= 13 && d.length <= 19 && luhnValid(d)) {
      hits.push({ id: 'P10', category: 'payment card number', start: m.index, end: m.index + m[0].length, allowKey: d });
    }
  });
  // IP addresses.
  each(/(?<![\d.\p{L}])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d]|\.\d)/gu, text, (m) => {
    if (!isIPv4(m[0]) || /^(?:0\.0\.0\.0|127\.)/.test(m[0])) return;
    hits.push({ id: 'P10', category: 'IP address', start: m.index, end: m.index + m[0].length, allowKey: m[0] });
  });
  each(/(?<![\w:])[0-9a-fA-F:]{2,39}(?![\w:])/g, text, (m) => {
    if ((m[0].match(/:/g) ?? []).length < 2 || !isIPv6(m[0]) || m[0] === '::' || m[0] === '::1') return;
    hits.push({ id: 'P10', category: 'IP address', start: m.index, end: m.index + m[0].length, allowKey: m[0].toLowerCase() });
  });
  // Belgian licence plates.
  each(/(?<![\p{L}\p{N}-])[1-9]-?[A-Z]{3}-?\d{3}(?![\p{L}\p{N}-])/gu, text, (m) => {
    hits.push({ id: 'P10', category: 'licence plate', start: m.index, end: m.index + m[0].length, allowKey: m[0] });
  });
  // File and case numbers after a keyword.
  for (const re of [DOSSIER_KEYWORDS_I, DOSSIER_KEYWORDS_CS]) {
    each(re, text, (m) => {
      DOSSIER_VALUE.lastIndex = m.index + m[0].length;
      const v = DOSSIER_VALUE.exec(text);
      if (!v || !/\d{4}/.test(v[1] ?? '')) return;
      hits.push({ id: 'P10', category: 'file or case number', start: m.index, end: DOSSIER_VALUE.lastIndex, allowKey: v[1] });
    });
  }
  // Enterprise (KBO/BCE) numbers.
  each(/(?<![\d.])(?:BE ?)?[01]\d{3}\.?\d{3}\.?\d{3}(?![\d.]?\d)/g, text, (m) => {
    const d = digitsOf(m[0]);
    if (isValidEnterpriseNumber(d)) hits.push({ id: 'P10', category: 'enterprise number', start: m.index, end: m.index + m[0].length, allowKey: d });
  });
}

// P11 special categories in the first person ---------------------------------------------------------------------
const FILL = "(?:[\\p{L}'’-]{1,20} {1,3}){0,3}?";
const FILL2 = "(?:[\\p{L}'’-]{1,20} {1,3}){0,2}?";
const SPECIAL: RegExp[] = [
  // EN
  new RegExp(`${B}(?:i am|i'm|i’m|i have been|i've been|i’ve been|i was|i identify as) {1,3}${FILL}(?:pregnant|expecting a baby|hiv[- ]positive|seropositive|diabetic|epileptic|disabled|handicapped|blind|deaf|autistic|bipolar|schizophrenic|depressed|muslim|jewish|christian|catholic|protestant|hindu|buddhist|sikh|atheist|gay|lesbian|bisexual|transgender|homosexual|queer|roma|convicted|in prison|incarcerated|on probation|a convicted|of [\\p{L}-]{2,20} (?:origin|descent|ethnicity))${E}`, 'giu'),
  new RegExp(`${B}i (?:have|had|suffer from|suffered from|was diagnosed with|am being treated for|take medication for|live with) {1,3}(?:a |an )?${FILL2}(?:hiv|aids|cancer|diabetes|epilepsy|depression|tuberculosis|hepatitis|criminal record|conviction|disability|mental illness|psychiatric|schizophrenia|bipolar|dementia|leukemia|leukaemia|sclerosis)${E}`, 'giu'),
  new RegExp(`${B}my (?:religion|faith|diagnosis|illness|disease|disability|pregnancy|sexual orientation|ethnicity|ethnic origin|hiv status|medical condition|criminal record|conviction) (?:is|was|shows|includes|means|requires)${E}`, 'giu'),
  // NL
  new RegExp(`${B}ik (?:ben|was) {1,3}${FILL}(?:zwanger|hiv[- ]positief|seropositief|diabeet|suikerpatiënt|epileptisch|gehandicapt|blind|doof|autistisch|depressief|moslim|islamitisch|joods|jood|christen|katholiek|protestant|hindoe|boeddhist|atheïst|homo|homoseksueel|lesbisch|biseksueel|transgender|veroordeeld|in de gevangenis|roma|van [\\p{L}-]{2,20} afkomst)${E}`, 'giu'),
  new RegExp(`${B}ik heb {1,3}(?:een |de )?${FILL2}(?:hiv|aids|kanker|diabetes|suikerziekte|epilepsie|depressie|tuberculose|hepatitis|strafblad|veroordeling|handicap|psychiatrische stoornis)${E}`, 'giu'),
  new RegExp(`${B}(?:ik zat in de gevangenis|mijn (?:geloof|religie|diagnose|ziekte|handicap|zwangerschap|seksuele geaardheid|afkomst|strafblad) (?:is|was|vermeldt|toont|bevat))${E}`, 'giu'),
  // FR
  new RegExp(`${B}(?:je suis|j['’]étais|j['’]ai été) {1,3}${FILL}(?:enceinte|séropositi(?:f|ve)|diabétique|épileptique|handicapée?|aveugle|sourde?|autiste|dépressi(?:f|ve)|musulmane?|juive?|chrétienne?|catholique|protestante?|hindoue?|bouddhiste|athée|homosexuel(?:le)?|gay|lesbienne|bisexuel(?:le)?|transgenre|condamnée?|en prison|incarcérée?|d['’]origine [\\p{L}-]{2,20}|rom)${E}`, 'giu'),
  new RegExp(`${B}j['’]ai {1,3}(?:un |une |le |la |l['’]|du |des )?${FILL2}(?:vih|sida|cancer|diabète|épilepsie|dépression|tuberculose|hépatite|casier judiciaire|handicap|condamnation)${E}`, 'giu'),
  new RegExp(`${B}(?:ma religion|ma foi|ma maladie|mon diagnostic|ma grossesse|mon handicap|mon orientation sexuelle|mon origine ethnique|mon casier judiciaire) (?:est|était|mentionne|contient|montre)${E}`, 'giu'),
  // DE
  new RegExp(`${B}ich (?:bin|war) {1,3}${FILL}(?:schwanger|hiv-positiv|diabetiker(?:in)?|epileptiker(?:in)?|behindert|blind|taub|autistisch|depressiv|muslim(?:a|in)?|jüdin|jude|jüdisch|christ(?:in)?|katholisch|evangelisch|hindu|buddhist(?:in)?|atheist(?:in)?|schwul|lesbisch|bisexuell|transgender|vorbestraft|verurteilt|im gefängnis|[\\p{L}-]{2,20}er herkunft)${E}`, 'giu'),
  new RegExp(`${B}ich habe {1,3}(?:eine |einen |ein )?${FILL2}(?:hiv|aids|krebs|diabetes|epilepsie|depressionen?|tuberkulose|hepatitis|vorstrafen?|behinderung)${E}`, 'giu'),
  new RegExp(`${B}meine (?:religion|diagnose|krankheit|behinderung|schwangerschaft|sexuelle orientierung|herkunft|vorstrafe) (?:ist|war)${E}`, 'giu'),
];

function specialCategory(s: string): string {
  const t = s.toLowerCase();
  if (/pregnan|expecting a baby|zwanger|enceinte|grossesse|schwanger/.test(t)) return 'pregnancy';
  if (/muslim|moslim|musulman|islam|jewish|joods|jood|juif|juive|jude|jüd|christ|catholi|katholi|protestant|evangelisch|hindu|hindoe|hindou|buddh|boeddh|bouddh|atheis|athée|atheïst|religi|geloof|faith|\bfoi\b|sikh/.test(t)) return 'religion or belief';
  if (/gay|lesbi|bisex|bisek|transg|homo|queer|schwul|sexual|seksuele|sexuelle/.test(t)) return 'sexual orientation';
  if (/origin|afkomst|herkunft|descent|ethnic|roma|\brom\b/.test(t)) return 'ethnic origin';
  if (/criminal|convict|prison|incarcer|probation|strafblad|veroordeel|veroordeling|gevangenis|casier|condamn|vorbestraft|verurteilt|gefängnis|vorstraf/.test(t)) return 'criminal record';
  return 'health information';
}

function detectSpecialCategories(text: string, hits: Hit[]): void {
  for (const re of SPECIAL) {
    each(re, text, (m) => hits.push({ id: 'P11', category: specialCategory(m[0]), start: m.index, end: m.index + m[0].length }));
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** At most this many findings per detector; one is enough to reject, the cap bounds work on hostile input. */
export const MAX_FINDINGS_PER_DETECTOR = 200;

const PRIORITY: Record<PiiId, number> = { P1: 0, P2: 1, P3: 2, P10: 3, P4: 4, P5: 5, P6: 6, P7: 7, P8: 8, P9: 9, P11: 10 };

function canon(s: string): string {
  return s.toLowerCase().replace(/[\s.\-/()'’,]/g, '');
}

/**
 * Finds personal data in `text` (detectors P1–P11). Returns one finding per detected value, with offsets into
 * `text` as given and a category in plain words; never the value. Values present verbatim in `options.allow`
 * pass, except mobile numbers, dates of birth and special-category data, which are always personal.
 */
export function detectPersonalData(text: string, options: PiiOptions = {}): PiiFinding[] {
  const norm = normalizeText(text);
  const scan = deconfuseMixedWords(norm.text).text;
  const raw: Hit[] = [];
  detectNationalNumbers(scan, raw);
  detectCardNumbers(scan, raw);
  detectIbans(scan, raw);
  detectMisc(scan, raw);
  detectPhones(scan, raw);
  detectEmails(scan, raw);
  detectPassports(scan, raw);
  detectBirthDates(scan, raw);
  detectAddresses(scan, raw);
  detectNames(scan, raw);
  detectSpecialCategories(scan, raw);

  let allowCanon = '';
  const allowPhones = new Set<string>();
  if (options.allow) {
    const allowNorm = deconfuseMixedWords(normalizeText(options.allow).text).text;
    allowCanon = canon(allowNorm);
    for (const p of collectPhones(allowNorm)) allowPhones.add(p.e164);
  }
  const allowed = (h: Hit): boolean => {
    if (!options.allow) return false;
    if (h.e164 !== undefined) return allowPhones.has(h.e164);
    if (h.allowKey === undefined) return false;
    const k = canon(h.allowKey);
    return k.length > 0 && allowCanon.includes(k);
  };

  raw.sort((a, b) => PRIORITY[a.id] - PRIORITY[b.id] || a.start - b.start);
  // Per character: which detectors already claimed it (any hit) and which reported it (kept hits), as bit masks.
  const claimedMask = new Uint16Array(scan.length + 1);
  const keptMask = new Uint16Array(scan.length + 1);
  const kept: Hit[] = [];
  const perId = new Map<PiiId, number>();
  for (const h of raw) {
    if ((perId.get(h.id) ?? 0) >= MAX_FINDINGS_PER_DETECTOR) continue;
    const bit = 1 << PRIORITY[h.id];
    let clash = false;
    for (let i = h.start; i < h.end && !clash; i++) {
      // A span already explained by a stronger identifier detector (or allowed) is not reported twice.
      if (bit & NUMERIC_BITS && (claimedMask[i] as number) & NUMERIC_BITS & ~bit) clash = true;
      if ((keptMask[i] as number) & bit) clash = true;
    }
    if (clash) continue;
    for (let i = h.start; i < h.end; i++) claimedMask[i] = (claimedMask[i] as number) | bit;
    if (allowed(h)) continue;
    for (let i = h.start; i < h.end; i++) keptMask[i] = (keptMask[i] as number) | bit;
    perId.set(h.id, (perId.get(h.id) ?? 0) + 1);
    kept.push(h);
  }
  return kept
    .map((h) => {
      const span = norm.toOriginal(h.start, h.end);
      return { id: h.id, category: h.category, start: span.start, end: span.end };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Identifier detectors claim their digits; context detectors (address, name, special categories) may overlap. */
const NUMERIC_BITS = (['P1', 'P2', 'P3', 'P4', 'P10'] as const).reduce((m, id) => m | (1 << PRIORITY[id]), 0);
