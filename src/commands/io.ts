/** What a command may touch: its streams, environment and working directory. Only `src/cli.ts` builds one. */
export interface CommandIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
}
