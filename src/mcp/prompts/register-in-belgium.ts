import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { guarded } from '../guarded.js';
import type { ToolDeps } from '../tools/deps.js';
import { LanguageArgument } from './complete.js';


const ARGS = z.object({
  situation: z.string().max(2000).optional().describe('Your situation in a sentence: nationality, how long you stay, where you sleep'),
  language: LanguageArgument,
});

/** `register-in-belgium`: start from the corpus's front-door skill (`start` in facts.yaml) and find_procedure. */
export function registerRegisterInBelgiumPrompt(server: McpServer, deps: ToolDeps): void {
  server.registerPrompt(
    'register-in-belgium',
    {
      title: 'Register in Belgium',
      description: 'Finds which commune procedure applies on arrival in Belgium and walks through it.',
      argsSchema: ARGS,
    },
    guarded('prompt register-in-belgium', ({ situation, language }) => {
      // Read when asked, not when registered: the stdio server registers its prompts before the corpus is loaded.
      const frontDoor = deps.corpus.guidance.vocabulary.source.start;
      const hasFrontDoor = frontDoor !== undefined && deps.corpus.getSkill(frontDoor) !== undefined;
      const start = hasFrontDoor
        ? `Start from the ${frontDoor} skill (get_skill), ask me only the questions it needs, then use find_procedure to pick the procedure and its deadline.`
        : 'Use find_procedure to pick the procedure and its deadline, asking me only for the facts it needs.';
      const text = [
        'I am arriving in Belgium and want to know which declaration or registration I need at the commune.',
        situation ? `My situation: ${situation}` : '',
        start,
        'Then walk me through that skill one stage at a time with get_stage, citing sources and pointing out contested points.',
        language ? `Answer in ${language}.` : 'Answer in the language I write in.',
      ]
        .filter(Boolean)
        .join(' ');
      return { description: 'Find and follow the right arrival procedure', messages: [{ role: 'user', content: { type: 'text', text } }] };
    }),
  );
}
