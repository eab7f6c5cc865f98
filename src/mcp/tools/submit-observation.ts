import { SubmissionOutputSchema, SubmitObservationInputSchema } from '../../submissions/schema.js';
import { defineTool, fail } from './define.js';
import { submissionOutcome } from './submit-validation.js';

/** `submit_observation` (SPEC §5). */
export const submitObservationTool = defineTool({
  name: 'submit_observation',
  title: 'Submit an observation',
  description:
    'Records what was different at the commune compared with a skill: a caveat, something outdated, a local ' +
    'commune practice or an error (20–2000 characters, no personal data). Observations are reviewed by maintainers; ' +
    'returns a receipt and the current status of the skill.',
  inputSchema: SubmitObservationInputSchema,
  outputSchema: SubmissionOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, deps) {
    if (!deps.submissions) return fail('submissions are not enabled on this server');
    const result = await deps.submissions.submitObservation(args, {
      rateKey: deps.client.rateKey,
      diversityKey: deps.client.diversityKey,
      now: deps.now(),
    });
    return submissionOutcome(result, 'Observation');
  },
});
