import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadCorpus } from '../load-corpus.js';
import { formatDiagnostic, summarize } from '../diagnostics/format.js';
import type { CommandIO } from './io.js';

export const LINT_USAGE = `Usage: loket lint [--json] [--root DIR] [--today YYYY-MM-DD]

Checks every served file: each skill in DIR/skills with its supporting files, every reference in DIR/references
and DIR/facts.yaml: schema, sections, stages, citations, injection rules, and the digests in skills.lock.json.
Prints one problem per line as path:line:column severity rule message. Exits 1 on any error.
  --json        print the problems as a JSON array
  --root DIR    corpus root holding skills/ and references/ (default: the current directory)
  --today DATE  date used for the last-verified age check (default: today)`;

/** `loket lint`: returns the exit code. */
export async function runLint(argv: string[], io: CommandIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { json: { type: 'boolean' }, root: { type: 'string' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    io.stderr.write(`loket lint: ${(error as Error).message}\n\n${LINT_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${LINT_USAGE}\n`);
    return 0;
  }
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
    io.stderr.write(`loket lint: --today expects a date like 2026-11-23, got "${values.today}"\n`);
    return 2;
  }
  const root = resolve(values.root ?? io.cwd);
  // Lint is the publishing gate: it parses and scans every file itself and never reads a cache, so nothing a
  // cache holds (restored in CI from another branch, edited on disk) can change its result (SECURITY K13).
  const corpus = await loadCorpus(root, { cache: false, ...(values.today ? { today: values.today } : {}) });
  const summary = summarize(corpus.diagnostics);
  if (values.json) io.stdout.write(`${JSON.stringify(corpus.diagnostics, null, 2)}\n`);
  else for (const d of corpus.diagnostics) io.stdout.write(`${formatDiagnostic(d)}\n`);
  io.stderr.write(`${corpus.skills.length} skills, ${corpus.registry.size} references: ${summary.text}\n`);
  return summary.errors > 0 ? 1 : 0;
}
