/** Shapes shared by the benchmark modules and the runner. */
import type { ProfileRow } from './profile.js';

/** What every benchmark receives from the runner. */
export interface BenchContext {
  /** Smoke mode: a few iterations, small corpora; numbers are not compared with budgets. */
  quick: boolean;
  /** Repeated runs per figure (≥ 5 in full mode). */
  runs: number;
  /** The repository root (holds skills/, references/, src/). */
  repo: string;
  /** A scratch folder for this run, removed afterwards. */
  tmp: string;
  /** Progress lines (stderr). */
  log: (line: string) => void;
}

/** One line of the budget table (SPEC §9). */
export interface BudgetRow {
  what: string;
  budget: string;
  measured: string;
  /** null when not run or not comparable (quick mode). */
  pass: boolean | null;
  /** The same figure for the peer (the reference implementation it is compared with), if any. */
  peer?: string;
  ratio?: string;
}

/** A CPU profile of the slowest part of a missed budget. */
export interface ProfileFinding {
  title: string;
  command: string;
  top: ProfileRow[];
  byFile: ProfileRow[];
}

/** What a benchmark hands back to the runner. */
export interface BenchResult {
  name: string;
  title: string;
  /** Markdown body (tables) of this benchmark's section. */
  markdown: string;
  budgets: BudgetRow[];
  /** The exact commands this benchmark ran (for reproduction). */
  commands: string[];
  profiles: ProfileFinding[];
}
