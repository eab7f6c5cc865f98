/**
 * The server's log: one line per event on stderr, prefixed `loket:`. Over stdio, stdout carries JSON-RPC only
 * (SECURITY S1), so nothing else may write there. Details such as stack traces stay in the log and never reach a
 * client; a client sees {@link INTERNAL_ERROR_MESSAGE} instead.
 */

/** Where a component writes its operational lines (a store, the submission service): one line, no newline. */
export type LogLine = (line: string) => void;

/** Writes one line to stderr as it is (the caller chose its prefix). */
export const writeLogLine: LogLine = (line) => {
  process.stderr.write(`${line}\n`);
};

/** An unexpected error with its context and stack. */
export function logError(context: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  writeLogLine(`loket: ${context}: ${detail}`);
}

/** An informational line. */
export function logInfo(message: string): void {
  writeLogLine(`loket: ${message}`);
}

/** The fixed message a client sees when a handler fails unexpectedly. */
export const INTERNAL_ERROR_MESSAGE = 'internal error; the request was not processed';
