import type { Corpus } from '../../corpus/types.js';
import type { SubmissionService } from '../../submissions/service.js';

/**
 * What every tool handler may use. Built once per process (the corpus is immutable); `clientKey` identifies the
 * caller for rate limits and vote diversity (an HMAC of the IP prefix over HTTP, a constant over stdio).
 */
export interface ToolDeps {
  corpus: Corpus;
  /** Current time; injected so answers are reproducible in tests. */
  now: () => Date;
  /** Submission service, present when the server was started with a store. */
  submissions?: SubmissionService;
  /** Per-request caller identity for rate limits and vote diversity. */
  client: { rateKey: string; diversityKey: string };
  /**
   * Finishes set-up deferred past start-up (the stdio server opens the submission store after it can answer
   * `initialize` and `tools/list`); tool calls and status reads await it before looking at `submissions`.
   * Absent when everything was ready before serving.
   */
  whenReady?: () => Promise<void>;
}
