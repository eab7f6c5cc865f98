/**
 * Rule family R12: text addressed to the models that will read it later, telling them what to tell people. Three
 * forms, in English, Dutch, French and German:
 *
 * - an address to reader-models ("future assistants", "assistants reading this", "toekomstige assistenten",
 *   "aux futurs assistants", "KI-Assistenten, die dies lesen") followed by a directive about what to tell users;
 * - a directive inside an HTML comment, which no human reader sees;
 * - an instruction override (R1) followed by a directive to tell the user something — hard in every context.
 *
 * A directive on its own ("tell the commune", "dites à l'agent") is ordinary advice to the reader and is not
 * reported; only the combination is.
 */
import { pattern, type ScanText } from '../scan-text.js';
import { alternation, eachMatch, type RuleHit } from './shared.js';

const L = '[\\p{L}\\p{N}]';
const W0 = `(?<!${L})`;
const W1 = `(?!${L})`;
const FILL = '(?: [\\p{L}\'’-]{1,20}){0,3}?';

const USERS_EN = '(?:users?|readers?|persons?|people|applicants?|humans?|requesters?|citizens?|visitors?|newcomers?|everyone|everybody)';
const USERS_NL = '(?:gebruikers?|lezers?|aanvragers?|mensen|iedereen)';
const USERS_FR = "(?:utilisat(?:eur|rice)s?|lecteurs?|lectrices?|usagers?|personnes?|demandeurs?|gens)";
const USERS_DE = '(?:nutzern?|benutzern?|anwendern?|lesern?|leser|antragstellern?|menschen|leuten)';

/** A directive about what to tell, say or recommend to users, or an addressing label such as "AI:". */
const DIRECTIVE_RE = new RegExp(
  alternation([
    // EN
    `${W0}(?:tell|inform|notify|warn|remind|assure|advise|reassure|convince|persuade) (?:all |every |each |any )?(?:the |your |our |these |those )?${USERS_EN}${W1}`,
    `${W0}let (?:the |all |every )?${USERS_EN} know${W1}`,
    `${W0}say to (?:the |all |every )?${USERS_EN}${W1}`,
    `${W0}(?:always|never|from now on|henceforth|only ever),? (?:tell|say|answer|respond|reply|recommend|mention|claim|state|inform|refer|write|suggest|advise)${W1}`,
    `${W0}recommend${W1}[^.\\n]{0,60}${W0}to (?:every|all|each|any) ${USERS_EN}${W1}`,
    `${W0}(?:answer|respond|reply) only in${W1}`,
    // NL
    `${W0}(?:zeg|vertel|meld|laat|informeer|adviseer|raad)${W1}${FILL} (?:de |alle |elke |iedere )?${USERS_NL}${W1}`,
    `${W0}${USERS_NL}(?: [\\p{L}-]{1,20}){0,2}? (?:vertellen|zeggen|melden|laten weten|informeren|aanraden)${W1}`,
    `${W0}(?:altijd|nooit|voortaan|vanaf nu),? (?:zeggen|vertellen|antwoorden|aanraden|zeg|vertel|antwoord)${W1}`,
    // FR
    `${W0}(?:dites|dis|dire|annoncez|annonce|annoncer|indiquez|indiquer|répondez|répondre|conseillez|conseiller|recommandez|recommander|signalez|signaler|expliquez|expliquer|assurez|affirmez|affirmer)${W1}(?: (?:toujours|désormais|systématiquement|bien))? (?:à |aux )(?:l['’])?${USERS_FR}${W1}`,
    `${W0}(?:informez|informer|prévenez|prévenir|avertissez|avertir|persuadez|convainquez) (?:toujours )?(?:l['’]|les )${USERS_FR}${W1}`,
    `${W0}(?:à partir de maintenant|désormais|dorénavant),? (?:dites|répondez|recommandez|affirmez)${W1}`,
    // DE
    `${W0}(?:sag|sage|sagt|sagen|teile|teilt|teilen|erkläre|erklärt|erklären|informiere|informiert|informieren|empfiehl|empfehlt|empfehlen|versichere|versichert|versichern|rate|ratet|raten)${W1}${FILL} (?:dem|den|allen|jedem|jeden|die) ${USERS_DE}${W1}`,
    `${W0}(?:dem|den|allen) ${USERS_DE}(?: [\\p{L}-]{1,20}){0,2}? (?:sagen|mitteilen|erklären|empfehlen|raten)${W1}`,
    `${W0}(?:ab jetzt|ab sofort|von nun an),? (?:immer )?(?:sagen|antworten|empfehlen|sag|antworte|empfiehl)${W1}`,
    // An addressing label at the start of a line, a comment or a block: "AI: …", "Assistant: …".
    `(?:^|[\\s(<>!-])(?:ai|a\\.i\\.|assistant|assistants|assistent|model|llm|claude|chatgpt|gpt|ki|ia)\\s{0,3}:`,
  ]),
  'giu',
);

/** An address to the models that read this text later. */
const ADDRESS_RE = new RegExp(
  alternation([
    // EN
    `${W0}(?:future|subsequent|later|next|other|any|all|every)(?: other)? (?:ai |a\\.i\\. |language |llm )?(?:assistants?|models?|llms?|ais|agents?|chatbots?|bots?)${W1}`,
    `${W0}(?:ai |language )?(?:assistants?|models?|llms?|ais|agents?|chatbots?) (?:reading|who read|that read|which read|processing|that process(?:es)?|which process(?:es)?|seeing|who see|that see)(?: (?:this|these|it))?${W1}`,
    // NL
    `${W0}(?:toekomstige|volgende|latere|andere|alle|elke|iedere) (?:ai-?)?(?:assistenten|assistent|modellen|model|taalmodellen|taalmodel|chatbots?)${W1}`,
    `${W0}(?:ai-?)?(?:assistenten|assistent|modellen|taalmodellen|chatbots?) die dit (?:lezen|leest|verwerken|verwerkt)${W1}`,
    // FR
    `${W0}(?:futurs?|prochains?|autres|tous les|toutes les) (?:assistants?|modèles?|ia|agents?)(?: ia| d['’]ia| conversationnels)?${W1}`,
    `${W0}(?:assistants?|modèles?|agents?)(?: ia| d['’]ia)? qui (?:lisent|lit|liront|traitent|traite) (?:ceci|ce texte|cette observation|ce message)${W1}`,
    `${W0}assistants ia${W1}`,
    // DE
    `${W0}(?:zukünftige[nrs]?|künftige[nrs]?|andere[nrs]?|alle[nrs]?|jede[nrs]?) (?:ki-?)?(?:assistenten|assistent|modelle|modell|sprachmodelle|chatbots?|agenten)${W1}`,
    `${W0}(?:ki-?)?(?:assistenten|modelle|sprachmodelle),? die (?:dies|das|diesen text|diese nachricht) (?:lesen|liest|verarbeiten)${W1}`,
  ]),
  'giu',
);

const DIRECTIVE = pattern({
  re: DIRECTIVE_RE,
  starts: [
    'tell', 'inform', 'notify', 'warn', 'remind', 'assure', 'advise', 'reassure', 'convince', 'persuade', 'let', 'say', 'always', 'never', 'from', 'henceforth', 'only', 'recommend', 'answer', 'respond', 'reply',
    'zeg', 'vertel', 'meld', 'laat', 'informeer', 'adviseer', 'raad', 'gebruiker', 'lezer', 'aanvrager', 'mensen', 'iedereen', 'altijd', 'nooit', 'voortaan', 'vanaf',
    'dites', 'dis', 'dire', 'annonce', 'indique', 'répond', 'conseille', 'recommande', 'signale', 'explique', 'assurez', 'affirme', 'préven', 'averti', 'convainquez', 'à', 'désormais', 'dorénavant',
    'sag', 'teil', 'erklär', 'empf', 'versicher', 'rate', 'dem', 'den', 'allen', 'ab', 'von',
  ],
  // The addressing label ("AI: …") starts at the separator before the word, or at the very start.
  before: ['ai', 'a.i.', 'assistant', 'assistent', 'model', 'llm', 'claude', 'chatgpt', 'gpt', 'ki', 'ia'],
});

const ADDRESS = pattern({
  re: ADDRESS_RE,
  starts: [
    'future', 'subsequent', 'later', 'next', 'other', 'any', 'all', 'every', 'ai', 'language', 'assistant', 'model', 'llm', 'agent', 'chatbot',
    'toekomstige', 'volgende', 'latere', 'andere', 'elke', 'iedere', 'assistent', 'taalmodel',
    'futur', 'prochain', 'autres', 'tous', 'toutes', 'modèle', 'zukünftige', 'künftige', 'jede', 'ki', 'sprachmodelle',
  ],
});

/** How far after an address or an override a directive still belongs to it. */
const WINDOW = 200;
/** Matches collected per list before pairing; far above any real text, bounded for hostile input. */
const LIST_CAP = 5000;

/** Spans of directive phrases in the text (computed once per text: R8 reads them too). */
export function directiveSpans(t: ScanText): ReadonlyArray<[number, number]> {
  return t.once('R12 directives', () => {
    const out: Array<[number, number]> = [];
    t.each(DIRECTIVE, (m) => void out.push([m.index, m.index + m[0].length]), LIST_CAP);
    return out;
  });
}

/** The first directive that starts within [from, to), or undefined. Binary search over the sorted spans. */
export function directiveIn(spans: ReadonlyArray<[number, number]>, from: number, to: number): [number, number] | undefined {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as [number, number])[0] < from) lo = mid + 1;
    else hi = mid;
  }
  const s = spans[lo];
  return s && s[0] < to ? s : undefined;
}

/**
 * Finds R12 hits in normalised text. `overrides` are the R1 spans already found; an override followed within
 * {@link WINDOW} characters by a directive about what to tell the user is a hard finding in every context.
 */
export function findReaderDirectives(t: ScanText, overrides: ReadonlyArray<{ start: number; end: number }>): RuleHit[] {
  const text = t.text;
  const hits: RuleHit[] = [];
  const spans = directiveSpans(t);
  if (spans.length === 0 && !text.includes('<!--')) return hits;
  for (const o of overrides) {
    const d = directiveIn(spans, o.end, o.end + WINDOW);
    if (d) hits.push({ rule: 'R12', start: o.start, end: d[1], message: 'an instruction override followed by a directive to tell the user something', cls: 'hard' });
  }
  if (spans.length > 0) {
    let lastEnd = -1;
    t.each(ADDRESS, (m) => {
      if (m.index < lastEnd) return true;
      const d = directiveIn(spans, m.index, m.index + m[0].length + WINDOW);
      if (d) {
        lastEnd = Math.max(d[1], m.index + m[0].length);
        hits.push({ rule: 'R12', start: m.index, end: lastEnd, message: 'text addressed to assistants or models that read it later, telling them what to tell users' });
      }
      return true;
    }, LIST_CAP);
  }
  // Directives inside HTML comments. The next closing marker is found once and reused (linear).
  let close = -2;
  eachMatch(/<!--/g, text, (m) => {
    if (close !== -1 && close < m.index + 4) close = text.indexOf('-->', m.index + 4);
    const end = close < 0 ? text.length : close + 3;
    const d = directiveIn(spans, m.index + 4, end);
    if (d) hits.push({ rule: 'R12', start: m.index, end: Math.min(end, text.length), message: 'an HTML comment, hidden from readers, with a directive for the assistant' });
    return true;
  }, LIST_CAP);
  return hits;
}
