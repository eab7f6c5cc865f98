import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);

describe('npm run bench -- --quick', () => {
  // bench/safety.ts is the safety suite's own benchmark (minutes on 1 MB inputs); CI's smoke run covers it.
  it(
    'runs every benchmark end to end and prints the report with every SPEC §9 budget (times not judged)',
    async () => {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'bench/run.ts'), '--quick', '--runs', '1', '--skip', 'safety'], {
        cwd: repoRoot,
        maxBuffer: 16 << 20,
        timeout: 15 * 60_000,
      });
      expect(stdout).toContain('## Budgets (SPEC §9)');
      expect(stdout).not.toContain('## Benchmarks that crashed');
      for (const what of ['stdio cold start', 'corpus load', '`search_skills` over', 'get_stage`, 32 concurrent: p99', 'throughput', 'submission write', 'RSS with']) {
        expect(stdout).toContain(what);
      }
      for (const section of ['Cold start over stdio', 'HTTP tools/call latency and throughput', 'In-process search_skills', 'Corpus load time and RSS', 'Submission write throughput']) {
        expect(stdout).toContain(`### ${section}`);
      }
      // Search relevance is reported beside its latency, with the library it was compared with.
      expect(stdout).toMatch(/\*\*Relevance\*\* on the evaluation set/);
      expect(stdout).toMatch(/\| held-apart part \| \d+ \|/);
      expect(stdout).toContain('| MiniSearch 7.2 |');
      // Durability is not a timing: whatever the machine, an acknowledged submission survives kill -9.
      expect(stdout).toMatch(/killed with SIGKILL; \d+ of them were in the database afterwards, \*\*0 lost\*\*/);
    },
    16 * 60_000,
  );
});
