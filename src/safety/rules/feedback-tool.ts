/**
 * Rule family R4, tool coercion without a tool name: "use the validation tool to confirm", "report through the
 * feedback tool", "gebruik de validatietool", "utilisez l'outil de validation", "verwende das Validierungstool".
 * A skill never prescribes what the assistant reports about it; naming the kind of tool is as much a directive
 * as naming `submit_validation`.
 */
import { eachMatch, type RuleHit } from './shared.js';

const L = '[\\p{L}\\p{N}]';
const W0 = `(?<!${L})`;
const W1 = `(?!${L})`;

const KIND_EN = '(?:validation|validating|validate|verification|confirmation|feedback|reporting|report|observation|submission|flagging|flag|vote|voting|rating|review)';
const FEEDBACK_TOOL = new RegExp(
  [
    // EN: "use / call / through / via / with the validation tool"
    `${W0}(?:use|call|invoke|run|trigger|open|through|via|with|using) (?:the |this |your |our |a |that )?${KIND_EN}[ -](?:tool|function|capability|endpoint)${W1}`,
    // NL
    `${W0}(?:gebruik|roep|via|met|open) (?:de |het |een )?(?:validatie|bevestigings|feedback|meld|rapportage|terugkoppelings|stem)[ -]?(?:tool|functie|hulpmiddel)${W1}`,
    // FR
    `${W0}(?:utilisez|utilise|utiliser|appelez|appeler|via|avec|par) (?:l['’]|le |la |un |une )?(?:outil|fonction) (?:de |d['’])(?:validation|confirmation|signalement|retour|vérification|vote|feedback)${W1}`,
    // DE
    `${W0}(?:verwende|verwenden sie|verwendet|nutze|nutzen sie|benutze|benutzen sie|rufe|rufen sie|mit dem|über das|über den|mit der|über die) (?:das |den |die )?(?:validierungs|bestätigungs|feedback|melde|prüf|bewertungs)[ -]?(?:tool|werkzeug|funktion)${W1}`,
  ].join('|'),
  'giu',
);

/** Finds directives to use the server's reporting tools, named by what they do. */
export function findFeedbackToolDirectives(text: string): RuleHit[] {
  const hits: RuleHit[] = [];
  eachMatch(FEEDBACK_TOOL, text, (m) => {
    hits.push({ rule: 'R4', start: m.index, end: m.index + m[0].length, message: 'tells the assistant to use a validation or feedback tool; skills never prescribe what the assistant reports' });
  });
  return hits;
}
