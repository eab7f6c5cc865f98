import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandIO } from './commands/io.js';
import { runLint } from './commands/lint.js';
import { runLock } from './commands/lock.js';
import { runServe } from './commands/serve.js';

const USAGE = `Usage: loket <command> [options]

Commands:
  serve    serve the skills over MCP (HTTP at /mcp by default, or --stdio)
  lint     check the skills and references (schema, citations, sections, injection rules)
  review   show submissions awaiting review and vote tallies; clear a quarantine
  lock     record the digest of every skill version in skills.lock.json

Run \`loket <command> --help\` for the options of a command.`;

/** Dispatches `loket <command>`; returns the exit code. The only place that touches argv and exit. */
export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'lint':
      return runLint(rest, io);
    case 'lock':
      return runLock(rest, io);
    case 'serve':
      return runServe(rest, io);
    case 'review': {
      // `review` opens the submission store at once; loaded here so that `serve --stdio` does not load the store
      // modules before its first answer (+385 ms of module loading, see src/app.ts).
      const { runReview } = await import('./commands/review.js');
      return runReview(rest, io);
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      io.stderr.write(`loket: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

/** Runs `loket` with the process's argv and streams and sets the exit code: the one place touching `process`. */
export async function run(): Promise<void> {
  const io: CommandIO = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
  try {
    const code = await main(process.argv.slice(2), io);
    if (code !== undefined && code !== -1) process.exitCode = code;
  } catch (error) {
    process.stderr.write(`loket: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}

// Run directly (`node dist/cli.js …`, `node --import tsx src/cli.ts …`) as well as through bin/loket.js.
const entry = process.argv[1] ? realpathSync(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) void run();
