import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toSkillStatus } from '../store/lifecycle.js';
import { describeStore, openStore } from '../store/open.js';
import { DEFAULT_DB_PATH } from '../store/default-db-path.js';
import type { ReviewSnapshot, StoredObservation, StoredValidation, SubmissionStore } from '../store/store.js';

const USAGE = `Usage: loket review [--db PATH] [--json] [--clear-quarantine <skill>@<version>] [--resolve <receipt-id>] [--export]

Shows open injection flags, observations held for review or open, active quarantines and vote tallies per skill
version (votes are advisory: promoting a skill is a human edit of its metadata).

Options:
  --db PATH                               SQLite submissions database (default ${DEFAULT_DB_PATH});
                                          DATABASE_URL=postgres://… selects the PostgreSQL store instead
  --json                                  print the review as JSON
  --clear-quarantine <skill>@<version>    lift a quarantine and resolve the flags that caused it
  --resolve <receipt-id>                  close a flag (v-…) or an observation (o-…)
  --export                                print every validation, observation and quarantine as JSON`;

interface ReviewIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
  cwd?: string;
}

// Bidi controls, zero-width and tag characters could reorder or hide what a maintainer reads (Trojan Source).
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/gu;

/** Submitted text is untrusted: print it as one escaped JSON string so it cannot break, style or hide itself. */
export function quote(text: string): string {
  return JSON.stringify(text).replace(INVISIBLE, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}
const shortKey = (key: string) => key.slice(0, 8);

function renderFlag(v: StoredValidation): string {
  const reason = v.reason === null ? '' : `  reason: ${quote(v.reason)}`;
  return `  ${v.id}  ${v.skill}@${v.version}  ${v.verdict}  key ${shortKey(v.diversityKey)}  ${v.createdAt}${reason}`;
}

function renderObservation(o: StoredObservation): string {
  const where = o.commune === null ? '' : `  commune: ${quote(o.commune)}`;
  const held = o.heldFor.length > 0 ? `  held for: ${o.heldFor.join(', ')}` : '';
  return `  ${o.id}  ${o.skill}@${o.version}  ${o.kind}  ${o.createdAt}${where}${held}\n      ${quote(o.text)}`;
}

/** Human rendering of the review snapshot. */
export function renderReview(snapshot: ReviewSnapshot): string {
  const section = (title: string, lines: string[]) => `${title} (${lines.length})\n${lines.length ? lines.join('\n') : '  none'}\n`;
  const tallies = snapshot.tallies.map((t) => {
    const s = toSkillStatus(t);
    const badges = [s.quarantined ? 'QUARANTINED' : '', s.under_review ? 'under review' : ''].filter(Boolean).join(', ');
    return `  ${s.skill}@${s.version}  confirms ${s.confirms}  rejects ${s.rejects}  flags ${s.flags}${badges ? `  [${badges}]` : ''}`;
  });
  return [
    section(
      'Quarantined versions',
      snapshot.quarantines.map((q) => `  ${q.skill}@${q.version}  since ${q.quarantinedAt}  (clear with --clear-quarantine ${q.skill}@${q.version})`),
    ),
    section('Open injection flags', snapshot.openFlags.map(renderFlag)),
    section('Observations held for review', snapshot.heldObservations.map(renderObservation)),
    section('Open observations', snapshot.openObservations.map(renderObservation)),
    section('Tallies per skill version (distinct networks)', tallies),
  ].join('\n');
}

/** `loket review`: returns the exit code (0 ok, 1 failure, 2 usage). */
export async function runReview(argv: string[], io: ReviewIO): Promise<number> {
  let values: { db?: string; json?: boolean; 'clear-quarantine'?: string; resolve?: string; export?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean' },
        'clear-quarantine': { type: 'string' },
        resolve: { type: 'string' },
        export: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    io.stderr.write(`loket review: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }

  let target: { skill: string; version: string } | undefined;
  if (values['clear-quarantine'] !== undefined) {
    const match = /^([a-z0-9]+(?:-[a-z0-9]+)*)@(\S+)$/.exec(values['clear-quarantine']);
    if (!match?.[1] || !match[2]) {
      io.stderr.write('loket review: --clear-quarantine expects <skill>@<version>, e.g. change-of-address@1.0.0\n');
      return 2;
    }
    target = { skill: match[1], version: match[2] };
  }
  let item: { kind: 'validation' | 'observation'; id: string } | undefined;
  if (values.resolve !== undefined) {
    const match = /^([vo])-\d+$/.exec(values.resolve);
    if (!match) {
      io.stderr.write('loket review: --resolve expects a receipt id such as v-12 (a flag) or o-3 (an observation)\n');
      return 2;
    }
    item = { kind: match[1] === 'v' ? 'validation' : 'observation', id: values.resolve };
  }

  const databaseUrl = io.env.DATABASE_URL?.trim() || undefined;
  const path = values.db ?? DEFAULT_DB_PATH;
  const absolute = path === ':memory:' || isAbsolute(path) ? path : resolve(io.cwd ?? process.cwd(), path);
  const usesSqlite = describeStore({ ...(databaseUrl ? { databaseUrl } : {}), dbPath: absolute }).kind === 'sqlite';
  if (usesSqlite && absolute !== ':memory:' && !existsSync(absolute)) {
    io.stderr.write(`loket review: no submissions database at ${absolute}; pass --db PATH\n`);
    return 1;
  }
  let store: SubmissionStore;
  try {
    store = await openStore({ ...(databaseUrl ? { databaseUrl } : {}), dbPath: absolute, log: (line) => io.stderr.write(`${line}\n`) });
  } catch (error) {
    io.stderr.write(`loket review: ${error instanceof Error ? error.message : 'the submissions store could not be opened'}\n`);
    return 1;
  }
  try {
    const now = new Date();
    if (target) {
      const cleared = await store.clearQuarantine(target.skill, target.version, now);
      if (!cleared.ok) {
        io.stderr.write(`loket review: ${cleared.error.message}\n`);
        return 1;
      }
      if (!cleared.value) {
        io.stderr.write(`loket review: ${target.skill}@${target.version} is not quarantined\n`);
        return 1;
      }
      io.stdout.write(`cleared the quarantine of ${target.skill}@${target.version}; its open flags are resolved\n`);
      return 0;
    }
    if (item) {
      const resolved = await store.resolve(item.kind, item.id, now);
      if (!resolved.ok) {
        io.stderr.write(`loket review: ${resolved.error.message}\n`);
        return 1;
      }
      if (!resolved.value) {
        io.stderr.write(`loket review: ${item.id} is not an open flag or observation\n`);
        return 1;
      }
      io.stdout.write(`resolved ${item.id}\n`);
      return 0;
    }
    if (values.export) {
      const exported = await store.exportAll(now);
      if (!exported.ok) {
        io.stderr.write(`loket review: ${exported.error.message}\n`);
        return 1;
      }
      io.stdout.write(`${JSON.stringify(exported.value, null, 2)}\n`);
      return 0;
    }
    const snapshot = await store.review();
    if (!snapshot.ok) {
      io.stderr.write(`loket review: ${snapshot.error.message}\n`);
      return 1;
    }
    io.stdout.write(values.json ? `${JSON.stringify(snapshot.value, null, 2)}\n` : renderReview(snapshot.value));
    return 0;
  } finally {
    await store.close();
  }
}
