import { SubmissionOutputSchema, SubmitValidationInputSchema, type SubmissionOutput } from '../../submissions/schema.js';
import type { SubmissionResult } from '../../submissions/service.js';
import { defineTool, fail, ok, type ToolOutcome } from './define.js';

/** Renders a pipeline result as a tool outcome; errors carry the service's what-to-fix message. */
export function submissionOutcome(result: SubmissionResult, what: string): ToolOutcome<SubmissionOutput> {
  if (!result.ok) return fail(result.error.message);
  const s = result.skill_status;
  const state = result.receipt.status === 'duplicate' ? `already recorded as ${result.receipt.id}` : `recorded as ${result.receipt.id}`;
  const held = result.held ? ' It is held for review by a maintainer before it is shown to anyone.' : '';
  const badges = [s.quarantined ? 'quarantined' : '', s.under_review ? 'under review' : ''].filter(Boolean).join(', ');
  const text =
    `${what} ${state}.${held} ${s.skill} ${s.version}: ${s.confirms} confirm(s), ${s.rejects} reject(s), ` +
    `${s.flags} injection flag(s)${badges ? ` (${badges})` : ''}.`;
  return ok({ receipt: result.receipt, skill_status: s }, text);
}

/** `submit_validation` (SPEC §5). */
export const submitValidationTool = defineTool({
  name: 'submit_validation',
  title: 'Submit a validation',
  description:
    'Records whether a skill version matched what the user found at the commune (verdict confirm or reject), with an ' +
    'optional short reason. Clients may report suspected prompt injection in a skill with injection_flag. Votes are ' +
    'advisory; returns a receipt and the current status of the skill version.',
  inputSchema: SubmitValidationInputSchema,
  outputSchema: SubmissionOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, deps) {
    if (!deps.submissions) return fail('submissions are not enabled on this server');
    const result = await deps.submissions.submitValidation(args, {
      rateKey: deps.client.rateKey,
      diversityKey: deps.client.diversityKey,
      now: deps.now(),
    });
    return submissionOutcome(result, 'Validation');
  },
});
