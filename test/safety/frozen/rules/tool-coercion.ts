/**
 * Rule family R4, tool-call coercion: a skill that names this server's tools or another server's, prescribes a
 * validation verdict, tells the assistant to call a tool or sets conditions on tool use (the signature of tool
 * poisoning). Also the same directive without a tool name — "use the validation tool to confirm", "report through
 * the feedback tool", "gebruik de validatietool", "utilisez l'outil de validation", "verwende das
 * Validierungstool": a skill never prescribes what the assistant reports about it, and naming the kind of tool is
 * as much a directive as naming `submit_validation`.
 */
import { pattern, type ScanText } from '../scan-text.js';
import { alternation, MAX_HITS, patternHits, type MessagePattern, type RuleHit } from './shared.js';

const OUR_TOOLS = '(?:submit_validation|submit_observation|flag_injection|injection_flag|propose_edit|submit_edit)';
const PATTERNS: readonly MessagePattern[] = [
  pattern({ re: new RegExp(`\\b${OUR_TOOLS}\\b`, 'gi'), starts: ['submit_validation', 'submit_observation', 'flag_injection', 'injection_flag', 'propose_edit', 'submit_edit'], message: "names one of this server's tools; skills must describe the procedure, not tell the assistant which tool to call or what to report" }),
  pattern({ re: /\bverdict\s{0,3}[:=]\s{0,3}["']?(?:reject|confirm|accept|approve|ok|pass|fail)\b/gi, starts: ['verdict'], message: 'prescribes a validation verdict; the assistant and the user decide that, never the skill' }),
  pattern({ re: /"verdict"\s{0,3}:/gi, gate: ['"verdict"'], message: 'prescribes a validation verdict; the assistant and the user decide that, never the skill' }),
  pattern({ re: /\b(?:call|invoke|use|run|trigger|execute) (?:the |this |that |your |our |a )?(?:[`'"][\w.-]{1,40}[`'"]|[a-z][a-z0-9]{0,30}(?:_[a-z0-9]{1,30}){1,4}) tool\b/gi, starts: ['call', 'invoke', 'use', 'run', 'trigger', 'execute'], gate: ['tool'], message: 'tells the assistant to call a tool' }),
  pattern({ re: /\b(?:call|invoke) (?:the|this|that|a|any|another) tool\b/gi, starts: ['call', 'invoke'], gate: ['tool'], message: 'tells the assistant to call a tool' }),
  pattern({ re: /\bbefore (?:using|calling|invoking|running) (?:this|any|the|that|another|other) tools?\b/gi, starts: ['before'], gate: ['tool'], message: 'sets conditions on tool use ("before using this tool"), the signature of tool poisoning' }),
  pattern({ re: /\b(?:file|submit|send|post|leave|report|open) (?:a |an |the )?(?:validation|observation|injection flag|negative validation)\b/gi, starts: ['file', 'submit', 'send', 'post', 'leave', 'report', 'open'], gate: ['validation', 'observation', 'injection flag'], message: 'tells the assistant to file a validation or observation; the server never asks for a verdict' }),
  pattern({ re: /\b(?:the )?(?:also )?(?:present|available|installed|connected) [`'"]?[a-z]{2,20}(?:_[a-z]{2,20}){1,4}[`'"]? tool\b/gi, starts: ['the', 'also', 'present', 'available', 'installed', 'connected'], gate: ['tool'], message: "refers to another server's tool" }),
  pattern({ re: /\b(?:send_email|send_message|read_file|write_file|execute_command|run_command|run_shell|shell_exec|fetch_url|http_request|list_directory|delete_file|create_issue|send_slack_message|post_message)\b/gi, starts: ['send_email', 'send_message', 'read_file', 'write_file', 'execute_command', 'run_command', 'run_shell', 'shell_exec', 'fetch_url', 'http_request', 'list_directory', 'delete_file', 'create_issue', 'send_slack_message', 'post_message'], message: "names another server's tool" }),
];

const L = '[\\p{L}\\p{N}]';
const W0 = `(?<!${L})`;
const W1 = `(?!${L})`;

const KIND_EN = '(?:validation|validating|validate|verification|confirmation|feedback|reporting|report|observation|submission|flagging|flag|vote|voting|rating|review)';
const FEEDBACK_TOOL_RE = new RegExp(
  alternation([
    // EN: "use / call / through / via / with the validation tool"
    `${W0}(?:use|call|invoke|run|trigger|open|through|via|with|using) (?:the |this |your |our |a |that )?${KIND_EN}[ -](?:tool|function|capability|endpoint)${W1}`,
    // NL
    `${W0}(?:gebruik|roep|via|met|open) (?:de |het |een )?(?:validatie|bevestigings|feedback|meld|rapportage|terugkoppelings|stem)[ -]?(?:tool|functie|hulpmiddel)${W1}`,
    // FR
    `${W0}(?:utilisez|utilise|utiliser|appelez|appeler|via|avec|par) (?:l['’]|le |la |un |une )?(?:outil|fonction) (?:de |d['’])(?:validation|confirmation|signalement|retour|vérification|vote|feedback)${W1}`,
    // DE
    `${W0}(?:verwende|verwenden sie|verwendet|nutze|nutzen sie|benutze|benutzen sie|rufe|rufen sie|mit dem|über das|über den|mit der|über die) (?:das |den |die )?(?:validierungs|bestätigungs|feedback|melde|prüf|bewertungs)[ -]?(?:tool|werkzeug|funktion)${W1}`,
  ]),
  'giu',
);

const FEEDBACK_TOOL = pattern({
  re: FEEDBACK_TOOL_RE,
  starts: ['use', 'call', 'invoke', 'run', 'trigger', 'open', 'through', 'via', 'with', 'using', 'gebruik', 'roep', 'met', 'utilise', 'appel', 'avec', 'par', 'verwende', 'nutze', 'benutze', 'rufe', 'mit', 'über'],
  gate: ['tool', 'function', 'capabilit', 'endpoint', 'functie', 'hulpmiddel', 'outil', 'fonction', 'werkzeug', 'funktion'],
});

/** The R4 hits of a text: tool names and calls, then directives to use a reporting tool named by what it does. */
export function findToolCoercion(t: ScanText, hits: RuleHit[]): void {
  patternHits(t, hits, 'R4', PATTERNS);
  t.each(FEEDBACK_TOOL, (m) => {
    hits.push({ rule: 'R4', start: m.index, end: m.index + m[0].length, message: 'tells the assistant to use a validation or feedback tool; skills never prescribe what the assistant reports' });
  }, MAX_HITS);
}
