/**
 * Rule family R11: exfiltration written as prose, without a tool name or a link to click. A clause counts when it
 * has all three parts of the data-leak flow: a verb of sending, forwarding, copying or uploading; the user's
 * documents, data, identity or conversation (named in the third person, as text aimed at an assistant does); and
 * a destination outside the procedure (an e-mail address, a web address, "another tool", "any available
 * capability"). In English, Dutch, French and German.
 *
 * A skill addresses the person in the second person ("send your documents to the commune"), so civic sentences
 * about sending documents to an authority never carry the third-person object and pass.
 */
import { pattern, type ScanText } from '../scan-text.js';
import { alternation, clauses, MAX_HITS, negatedBefore, type RuleHit } from './shared.js';

const L = '[\\p{L}\\p{N}]';
const W0 = `(?<!${L})`;
const W1 = `(?!${L})`;
const words = (list: string): string => `${W0}(?:${list})${W1}`;

const VERB_RE = new RegExp(
  words(
    [
      // EN
      'send', 'forward', 'copy', 'upload', 'e-?mail', 'mail', 'transmit', 'post', 'share', 'pass', 'submit', 'transfer',
      'export', 'leak', 'relay', 'sync', 'paste', 'attach', 'deliver',
      // NL
      'stuur', 'verstuur', 'zend', 'verzend', 'kopieer', 'uploaden', 'mailen', 'deel', 'geef', 'plak', 'bezorg',
      'exporteer', 'versturen', 'doorsturen', 'sturen', 'kopiëren', 'delen',
      // FR
      'envoyez', 'envoie', 'envoyer', 'transférez', 'transfère', 'transférer', 'transmettez', 'transmets', 'transmettre',
      'copiez', 'copie', 'copier', 'téléversez', 'téléverser', 'partagez', 'partage', 'partager', 'postez', 'exportez',
      'collez', 'faites suivre', 'mailez',
      // DE
      'sende', 'senden', 'sendet', 'schicke', 'schicken', 'leite', 'leiten', 'leitet', 'kopiere', 'kopieren', 'lade',
      'hochladen', 'teile', 'teilen', 'übermittle', 'übermitteln', 'exportiere', 'maile', 'mailen', 'weiterleiten',
    ].join('|'),
  ),
  'giu',
);

const VERB = pattern({
  re: VERB_RE,
  starts: [
    'send', 'forward', 'copy', 'upload', 'email', 'e-mail', 'mail', 'transmit', 'post', 'share', 'pass', 'submit', 'transfer', 'export', 'leak', 'relay', 'sync', 'paste', 'attach', 'deliver',
    'stuur', 'verstuur', 'zend', 'verzend', 'kopieer', 'uploaden', 'mailen', 'deel', 'geef', 'plak', 'bezorg', 'exporteer', 'versturen', 'doorsturen', 'sturen', 'kopiëren', 'delen',
    'envo', 'transf', 'transmet', 'copie', 'téléverse', 'partage', 'postez', 'exportez', 'collez', 'faites', 'mailez',
    'sende', 'schicke', 'leite', 'kopiere', 'lade', 'hochladen', 'teile', 'übermittle', 'exportiere', 'maile', 'weiterleiten',
  ],
});

const DATA_EN = '(?:documents?|data|details|information|info|files?|passports?|identity|ids?|cards?|papers|scans?|copies|answers|messages|conversation|chat|history|address|numbers?|records?|photos?|credentials)';
const OBJECT = new RegExp(
  alternation([
    // EN
    `${W0}the (?:user|person|applicant|requester|citizen|customer|client|newcomer|human|individual|visitor)s?['’]s? (?:[\\p{L}-]{1,20} ){0,3}?${DATA_EN}${W1}`,
    `${W0}(?:user|personal|identity|private|sensitive|identifying|customer)['’]?s? (?:data|details|information|documents|files|records)${W1}`,
    `${W0}(?:the|this|their|whole|entire|full) (?:conversation|chat(?: history| log)?|transcript|dialogue)${W1}`,
    `${W0}everything (?:the (?:user|person|applicant|human)|they|he|she) (?:told|said|shared|gave|wrote|typed|uploaded)${W1}`,
    `${W0}their (?:[\\p{L}-]{1,20} ){0,2}?(?:documents?|data|personal details|identity|passports?|id cards?|papers|scans|files)${W1}`,
    // NL
    `${W0}(?:documenten|gegevens|persoonsgegevens|identiteitsgegevens|paspoort|papieren|dossier|identiteit|gesprek|antwoorden|bestanden|kopieën|scans?) van de (?:gebruiker|aanvrager|persoon|burger|klant)${W1}`,
    `${W0}(?:het (?:hele |volledige )?gesprek|de chatgeschiedenis)${W1}`,
    // FR
    `${W0}(?:documents|données|informations|coordonnées|papiers|passeport|identité|conversation|réponses|pièces|fichiers|copies)(?: personnelles| personnels| d['’]identité)? (?:de l['’]utilisat(?:eur|rice)|du demandeur|de la demandeuse|de la personne|du citoyen|du client)${W1}`,
    `${W0}(?:la|cette|toute la) conversation${W1}`,
    `${W0}données personnelles${W1}`,
    // DE
    `${W0}(?:dokumente|daten|unterlagen|informationen|angaben|ausweisdaten|unterhaltung|konversation|chatverlauf|dateien|kopien) (?:des|der) (?:nutzers|benutzers|anwenders|antragstellers|antragstellerin|person|kunden)${W1}`,
    `${W0}(?:persönlichen daten|den (?:ganzen |gesamten )?chatverlauf)${W1}`,
  ]),
  'iu',
);

const DEST = new RegExp(
  alternation([
    // An e-mail address or a web address (with or without a scheme).
    `[\\p{L}\\p{N}._%+-]{1,64}@[\\p{L}\\p{N}-]{1,63}(?:\\.[\\p{L}\\p{N}-]{1,63}){1,5}`,
    `https?:\\/\\/\\S`,
    `${W0}[a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63}){1,5}\\/`,
    // EN
    `${W0}(?:another|other|any|some other|a different|an external|a third-party|whatever|every)(?: available| connected| other){0,2} (?:tools?|capability|capabilities|service|server|app|application|plugin|integration|function|endpoint|address|channel|mcp server|mailbox)${W1}`,
    `${W0}the (?:address|e-?mail address|url|link|endpoint) (?:below|above|given|provided|listed)${W1}`,
    `${W0}(?:an|the) (?:external |outside )?(?:e-?mail )?address${W1}`,
    // NL
    `${W0}(?:een )?(?:ander|andere|externe|willekeurige|elke beschikbare|beschikbare) (?:tool|hulpmiddel|dienst|app|functie|server|applicatie|adres)${W1}`,
    `${W0}het (?:e-?mail)?adres (?:hieronder|hierboven)${W1}`,
    // FR
    `${W0}(?:un |une )?(?:autre|n['’]importe quel(?:le)?|tout|toute) (?:outil|service|serveur|application|fonction|adresse)${W1}`,
    `${W0}(?:un |une )?(?:outil|service|serveur|adresse) (?:externe|disponible)${W1}`,
    `${W0}(?:à )?l['’]adresse(?: ci-dessous| suivante| ci-dessus)?${W1}`,
    // DE
    `${W0}(?:ein|einem|eine|einer|jedes|jedem) (?:anderes|anderen|andere|externes|externen|externe|verfügbares|verfügbaren|beliebiges|beliebigen)(?: verfügbares| verfügbaren)? (?:werkzeug|tool|dienst|server|app|funktion|adresse)${W1}`,
    `${W0}(?:die|der) (?:folgende|untenstehende|obige) adresse${W1}`,
    `${W0}an die adresse${W1}`,
  ]),
  'iu',
);

const MESSAGE = "tells the assistant to send, forward, copy or upload the user's documents or data to an address or another tool (data exfiltration)";

/** Finds R11 clauses in normalised text. */
export function findExfiltrationProse(t: ScanText): RuleHit[] {
  const text = t.text;
  const hits: RuleHit[] = [];
  if (!t.some(VERB)) return hits;
  for (const span of clauses(text)) {
    if (hits.length >= MAX_HITS) break;
    if (!t.mayMatchIn(VERB, span.start, span.end)) continue;
    const clause = text.slice(span.start, span.end);
    let verbAt = -1;
    t.eachIn(VERB, span.start, clause, (m) => {
      if (negatedBefore(clause, m.index)) return true;
      verbAt = m.index;
      return false;
    }, MAX_HITS);
    if (verbAt < 0) continue;
    const rest = clause.slice(verbAt);
    const object = OBJECT.exec(rest);
    if (!object) continue;
    const dest = DEST.exec(rest);
    if (!dest) continue;
    const end = Math.max(object.index + object[0].length, dest.index + dest[0].length);
    hits.push({ rule: 'R11', start: span.start + verbAt, end: span.start + verbAt + end, message: MESSAGE });
  }
  return dedupe(hits);
}

/** Overlapping windows of one long clause can report the same phrase twice; keep the first. */
function dedupe(hits: RuleHit[]): RuleHit[] {
  const out: RuleHit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) continue;
    out.push(h);
  }
  return out;
}
