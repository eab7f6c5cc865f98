/**
 * Rule family R3, text addressed to the assistant rather than the reader: notes "to the AI", text for the reader
 * "if you are an AI", and instructions to hide something from the user or act without telling them, in English,
 * Dutch, French and German.
 */
import { pattern, type ScanText } from '../scan-text.js';
import { patternHits, type MessagePattern, type RuleHit } from './shared.js';

const AI = '(?:ai|a\\.i\\.|assistant|llm|model|language model|claude|chatgpt|gpt|copilot|gemini|agent|bot|chatbot|ia|ki|assistent|taalmodel|assistente|modèle)';
const USER_EN = '(?:the |your |this )?(?:user|human|person|applicant|requester)';
const PATTERNS: readonly MessagePattern[] = [
  pattern({ re: new RegExp(`\\b(?:note|message|instruction|reminder|memo|notice|hint)s? (?:to|for) (?:the |any |all |you, )?${AI}s?\\b`, 'gi'), starts: ['note', 'message', 'instruction', 'reminder', 'memo', 'notice', 'hint'], message: 'a note addressed to the AI assistant rather than to the reader' }),
  pattern({ re: new RegExp(`\\bif you are (?:an? |the )?${AI}\\b`, 'gi'), starts: ['if'], message: 'text that addresses the reader only if it is an AI' }),
  pattern({ re: new RegExp(`\\b(?:do not|don't|dont|never|must not|should not) (?:tell|mention|inform|reveal|show|disclose|say|explain|let)(?: [\\p{L}'’-]{1,20}){0,3}?(?: (?:to|with))? ${USER_EN}\\b`, 'giu'), starts: ['do', 'don', 'never', 'must', 'should'], message: 'an instruction to hide something from the user' }),
  pattern({ re: new RegExp(`\\bwithout (?:telling|informing|notifying|asking|alerting|showing|mentioning (?:it|this) to) ${USER_EN}\\b`, 'gi'), starts: ['without'], message: 'an instruction to act without telling the user' }),
  pattern({ re: new RegExp(`\\b${USER_EN} (?:must|should|need) (?:not|never) (?:know|see|notice|be told|find out)\\b`, 'gi'), gate: ['must not', 'must never', 'should not', 'should never', 'need not', 'need never'], message: 'an instruction to keep the user unaware' }),
  pattern({ re: /\bsilently (?:call|send|submit|add|include|append|insert|run|execute|forward|copy|pass|upload|share|post|fetch|load|invoke|file|report|flag|use)\b/gi, starts: ['silently'], message: 'an instruction to act silently, without the user noticing' }),
  pattern({ re: /\bdo (?:it|this|so) (?:silently|secretly|quietly|covertly)\b/gi, starts: ['do'], message: 'an instruction to act secretly' }),
  pattern({ re: /\b(?:this is )?(?:merely|just|only) an implementation detail\b/gi, gate: ['implementation detail'], message: 'wording ("merely an implementation detail") used to hide an instruction from the user' }),
  // NL
  pattern({ re: new RegExp(`\\b(?:notitie|bericht|opmerking|instructie|boodschap) (?:voor|aan) (?:de |het )?${AI}\\b`, 'giu'), starts: ['notitie', 'bericht', 'opmerking', 'instructie', 'boodschap'], message: 'a note addressed to the AI assistant rather than to the reader' }),
  pattern({ re: new RegExp(`\\bals (?:je|u) (?:een )?${AI} (?:bent|is)\\b`, 'giu'), starts: ['als'], message: 'text that addresses the reader only if it is an AI' }),
  pattern({ re: /\b(?:vertel|zeg|meld|toon) (?:dit |het |dat |niets )?(?:niet )?(?:aan|tegen) de (?:gebruiker|aanvrager)(?: niet)?\b/gi, starts: ['vertel', 'zeg', 'meld', 'toon'], message: 'an instruction to hide something from the user' }),
  pattern({ re: /\bzonder (?:het )?(?:de gebruiker|de aanvrager) (?:te )?(?:vertellen|informeren|melden|zeggen|laten weten)\b/gi, starts: ['zonder'], message: 'an instruction to act without telling the user' }),
  pattern({ re: /\bzonder dat de (?:gebruiker|aanvrager) (?:het |dit )?(?:weet|merkt|ziet)\b/gi, starts: ['zonder'], message: 'an instruction to act without telling the user' }),
  // FR
  pattern({ re: new RegExp(`\\b(?:note|message|remarque|consigne) (?:à|pour) (?:l'|l’|le |la )?${AI}\\b`, 'giu'), starts: ['note', 'message', 'remarque', 'consigne'], message: 'a note addressed to the AI assistant rather than to the reader' }),
  pattern({ re: new RegExp(`\\bsi (?:vous êtes|tu es) (?:une? |l'|l’)?${AI}\\b`, 'giu'), starts: ['si'], message: 'text that addresses the reader only if it is an AI' }),
  pattern({ re: /\bne (?:le |lui |rien )?(?:dites|dis|mentionnez|mentionne|révélez|révèle|signalez)(?: rien| pas| jamais)(?: (?:à|a) l['’]utilisat(?:eur|rice))?/giu, starts: ['ne'], message: 'an instruction to hide something from the user' }),
  pattern({ re: /\bsans (?:le )?(?:dire|informer|prévenir|avertir|signaler)(?: (?:à|a))? l['’]utilisat(?:eur|rice)\b/giu, starts: ['sans'], message: 'an instruction to act without telling the user' }),
  pattern({ re: /\b(?:à l['’]insu de|en cachette de) l['’]utilisat(?:eur|rice)\b/giu, gate: ['utilisat'], message: 'an instruction to act without telling the user' }),
  // DE
  pattern({ re: new RegExp(`\\b(?:hinweis|nachricht|notiz|anweisung) (?:an|für) (?:die |den |das )?${AI}\\b`, 'giu'), starts: ['hinweis', 'nachricht', 'notiz', 'anweisung'], message: 'a note addressed to the AI assistant rather than to the reader' }),
  pattern({ re: new RegExp(`\\bwenn (?:du|sie) (?:eine? |ein )?${AI} (?:bist|sind)\\b`, 'giu'), starts: ['wenn'], message: 'text that addresses the reader only if it is an AI' }),
  pattern({ re: /\b(?:sag|sage|sagen sie|erzähl|erzähle|verrate)(?: es| das| dies| nichts)? dem (?:benutzer|nutzer|anwender)(?: nicht| nichts)?\b/giu, starts: ['sag', 'erzähl', 'verrate'], message: 'an instruction to hide something from the user' }),
  pattern({ re: /\bohne (?:es |dies )?(?:den|dem) (?:benutzer|nutzer|anwender) (?:zu )?(?:sagen|informieren|mitzuteilen|zu sagen|zu informieren|mitteilen)\b/giu, starts: ['ohne'], message: 'an instruction to act without telling the user' }),
];

/** The R3 hits of a text. */
export function findAssistantAddress(t: ScanText, hits: RuleHit[]): void {
  patternHits(t, hits, 'R3', PATTERNS);
}
