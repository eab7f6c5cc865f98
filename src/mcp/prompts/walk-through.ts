import { type McpServer, ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { Corpus } from '../../corpus/types.js';
import { skillUri } from '../../skill/uri.js';
import { guarded } from '../guarded.js';
import { unknownSkillMessage } from '../tools/common.js';
import type { ToolDeps } from '../tools/deps.js';
import { LanguageArgument, skillNameArgument } from './complete.js';

const argsSchemas = new WeakMap<Corpus, ReturnType<typeof buildArgs>>();
const buildArgs = (corpus: Corpus) => z.object({ skill: skillNameArgument(corpus), language: LanguageArgument });

/** `walk-through`: guide one skill stage by stage, asking before moving on and citing as it goes. */
export function registerWalkThroughPrompt(server: McpServer, deps: ToolDeps): void {
  const { corpus } = deps;
  server.registerPrompt(
    'walk-through',
    {
      title: 'Walk through a procedure',
      description: 'Guides the user through one skill stage by stage, asking before moving on and citing sources.',
      argsSchema: argsSchemas.get(corpus) ?? argsSchemas.set(corpus, buildArgs(corpus)).get(corpus),
    },
    guarded('prompt walk-through', ({ skill: name, language }) => {
      const skill = corpus.getSkill(name);
      if (!skill) throw new ProtocolError(ProtocolErrorCode.InvalidParams, unknownSkillMessage(name, corpus));
      const inLanguage = language ? ` Answer in ${language}.` : ' Answer in the language I write in.';
      const contested =
        skill.contested.length > 0
          ? ` This skill has ${skill.contested.length} contested point(s); when one comes up, give me both readings with their sources and tell me how to check.`
          : '';
      const text =
        `Walk me through "${skill.meta.title}" (${skill.name}), one stage at a time.` +
        ` Read the overview with get_skill first, then show stage 1 with get_stage and wait for me before moving on to the next of its ${skill.stages.length} stages.` +
        ` Cite the sources for deadlines, documents and fees, and say where I can verify current practice.${contested}${inLanguage}`;
      return {
        description: `Walk-through of ${skill.name}`,
        messages: [
          { role: 'user', content: { type: 'text', text } },
          {
            role: 'user',
            content: {
              type: 'resource',
              resource: { uri: skillUri(skill.name), mimeType: 'text/markdown', text: new TextDecoder().decode(skill.files[0]?.bytes ?? new Uint8Array()) },
            },
          },
        ],
      };
    }),
  );
}
