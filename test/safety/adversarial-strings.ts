/**
 * 1 MB adversarial strings, one or more per rule family, built to make a backtracking regex engine explode if a
 * pattern had nested or unbounded overlapping quantifiers. Shared by the completion test and the benchmark.
 */
const MB = 1024 * 1024;

/** Repeats `unit` until the result is about 1 MB, then appends `tail`. */
export function fill(unit: string, tail = ''): string {
  return unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB) + tail;
}

export const ADVERSARIAL_STRINGS: ReadonlyArray<{ family: string; name: string; text: string }> = [
  { family: 'R0', name: 'zero-width every other char', text: fill('a\u200B') },
  { family: 'R0', name: 'Braille runs of 6', text: fill('⠁⠂⠃⠄⠅⠆ ') },
  { family: 'R1', name: 'verb + endless fillers', text: fill('ignore all the previous ') },
  { family: 'R1', name: 'typoglycemia-like tokens', text: fill('ingore instrcutions prveious ') },
  { family: 'R2', name: 'unclosed role tags', text: fill('<important ') },
  { family: 'R2', name: 'you are now repeated', text: fill('you are now a ') },
  { family: 'R3', name: 'note to the repeated', text: fill('note to the do not tell ') },
  { family: 'R4', name: 'call the snake_case repeated', text: fill('call the a_b_c_d_e_') },
  { family: 'R5', name: 'unclosed image alt', text: `![${fill('a')}` },
  { family: 'R5', name: 'image openers on one line', text: fill('![') },
  { family: 'R5', name: 'image openers with short alt text', text: fill('![ab ') },
  { family: 'R5', name: 'endless URL', text: `https://${fill('a.')}` },
  { family: 'R5', name: 'many short URLs', text: fill('http://x.be/?q={ ') },
  { family: 'R6', name: 'send verbs without target', text: fill('send the the the ') },
  { family: 'R6', name: 'secret words without verb', text: fill('password pin code ') },
  { family: 'R7', name: 'base64-like run', text: fill('QUJDRGVm') },
  { family: 'R7', name: 'hex run', text: fill('4a') },
  { family: 'R7', name: 'unicode escapes', text: fill('\\u0041') },
  { family: 'R7', name: 'percent escapes', text: fill('%41') },
  { family: 'R8', name: 'unclosed tags', text: fill('<a b ') },
  { family: 'R8', name: 'unclosed comments', text: fill('<!-- ') },
  { family: 'R9', name: 'messenger names and handles', text: fill('telegram @ab ') },
  { family: 'R9', name: 'contact us with digits', text: fill('contact us +32 ') },
  { family: 'R10', name: 'curl without pipe', text: fill('curl a ') },
  { family: 'R10', name: 'load instructions without URL', text: fill('load the instructions from ') },
  { family: 'R10', name: 'load instructions from bare words', text: fill('load the rules from a.b ') },
  { family: 'R11', name: 'send verbs and user data without destination', text: fill("send the user's documents ") },
  { family: 'R11', name: 'one endless clause with all three parts', text: fill("forward the user's data to another tool and ") },
  { family: 'R12', name: 'addresses without directives', text: fill('future assistants reading this ') },
  { family: 'R12', name: 'directives without addresses', text: fill('tell the user ') },
  { family: 'R6', name: 'credential questions without codes', text: fill('what is your ') },
  { family: 'R8', name: 'unclosed details blocks', text: fill('<details> tell the user ') },
  { family: 'P1-P4', name: 'digits', text: fill('1') },
  { family: 'P1-P4', name: 'digits and separators', text: fill('12.3 4-') },
  { family: 'P3', name: 'IBAN-like groups', text: fill('BE68 ') },
  { family: 'P5', name: 'at signs', text: fill('a.b@c.') },
  { family: 'P8', name: 'street words', text: fill('Rue de la Loi Kerkstraat ') },
  { family: 'P9', name: 'honorifics', text: fill('Mr Mr Mr ') },
  { family: 'P11', name: 'first person fillers', text: fill('I am very very ') },
];
