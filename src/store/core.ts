import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { observationId, parseItemId, validationId } from './receipt-ids.js';
import { flag, toObservation, toQuarantine, toValidation, type ObservationRow, type QuarantineRow, type ValidationRow } from './rows.js';
import { statements, type Statements } from './sql.js';
import { utcDay } from './time.js';
import type {
  ObservationRecord,
  Quarantine,
  QuarantinePolicy,
  RateDecision,
  RatePolicy,
  Receipt,
  ResolvableKind,
  ReviewSnapshot,
  StoreError,
  StoreExport,
  StoreResult,
  SubmissionStore,
  Tally,
  ValidationRecord,
} from './store.js';
import type { Dialect, Tx, TxKind } from './transaction.js';

/**
 * The submissions rules (SPEC §7; SECURITY G2–G4, G7, G8), written once for every store. A store supplies
 * transactions in its dialect (`transaction`), its migrations and `close`; everything a submission is decided by
 * lives here: idempotency by submission id and dedupe key, one current vote per key per day, quarantine, the
 * token bucket with its daily cap and global breaker, tallies, review queries, clearing and resolving.
 *
 * A UNIQUE violation inside a write means another writer committed the same key first; stores run the whole
 * transaction again, and its lookups then find the winner's row. The UNIQUE indexes stay the final authority (G3).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i;

/**
 * The spelling under which a submission id is stored and compared: UUIDs in lower case, ULIDs in upper case (both
 * formats are case-insensitive by definition), so a client resending its key in another case gets its original
 * receipt. Other ids are kept as given.
 */
export function canonicalSubmissionId(id: string | null): string | null {
  if (id === null) return null;
  if (UUID.test(id)) return id.toLowerCase();
  return ULID.test(id) ? id.toUpperCase() : id;
}

/** The `NNNN_name.sql` files of `dir` that `applied` does not hold yet, in the order they must run. */
export function pendingMigrations(dir: string, applied: ReadonlySet<string>): Array<{ version: string; sql: string }> {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: file.replace(/\.sql$/, ''), file }))
    .filter(({ version }) => !applied.has(version))
    .map(({ version, file }) => ({ version, sql: readFileSync(join(dir, file), 'utf8') }));
}

const REUSED: StoreError = {
  code: 'idempotency_key_reused',
  message: 'this submission_id was already used for a different submission',
};

const GLOBAL_DENIED: RateDecision = { allowed: false, scope: 'global', retryAfterSeconds: 600 };

/** A receipt, or the marker that the submission id belongs to another payload (nothing is written then). */
type Outcome = Receipt | 'reused';

/** Every `SubmissionStore` rule over a store's transactions. */
export abstract class StoreCore implements SubmissionStore {
  /** The statements in this store's dialect. */
  protected readonly sql: Statements;
  private rateCalls = 0;

  constructor(dialect: Dialect) {
    this.sql = statements(dialect);
  }

  /**
   * Runs `fn` in one transaction of `kind` and answers after COMMIT (D2). Busy databases, serialization failures,
   * deadlocks and UNIQUE races are retried inside; anything else becomes a `store_full` / `store_unavailable` value.
   */
  protected abstract transaction<T>(kind: TxKind, fn: (tx: Tx) => Promise<T>): Promise<StoreResult<T>>;
  abstract migrate(): Promise<void>;
  abstract close(): Promise<void>;

  async recordValidation(input: ValidationRecord, policy: QuarantinePolicy): Promise<StoreResult<Receipt>> {
    const record = { ...input, submissionId: canonicalSubmissionId(input.submissionId) };
    const { sql } = this;
    return receipt(
      await this.transaction('write', async (tx): Promise<Outcome> => {
        await this.lockSubmission(tx, record.submissionId);
        await tx.lock('version', `${record.skill}@${record.version}`);
        const prior = await this.bySubmissionId(tx, 'validation', record);
        if (prior) return prior;
        // G4: one current vote per (skill, version, key, day); the latest word wins.
        const supersede = () => tx.run(sql.supersede, [record.skill, record.version, record.diversityKey, record.utcDay]);
        const same = await tx.get<{ id: number | string; superseded: boolean | number }>(sql.validationByDedupeKey, [record.dedupeKey]);
        if (same) {
          // The same vote again. If a different vote replaced it today, this repetition is the latest word again.
          if (flag(same.superseded)) {
            await supersede();
            await tx.run(sql.reinstate, [same.id]);
          }
          return { id: validationId(same.id), status: 'duplicate' };
        }
        await supersede();
        const row = await tx.get<{ id: number | string }>(sql.insertValidation, [
          record.submissionId,
          record.dedupeKey,
          record.payloadHash,
          record.skill,
          record.version,
          record.digest,
          record.verdict,
          record.injectionFlag,
          record.reason,
          record.diversityKey,
          record.utcDay,
          record.createdAt,
        ]);
        if (record.injectionFlag) await this.applyQuarantinePolicy(tx, record, policy);
        return { id: validationId(row!.id), status: 'recorded' };
      }),
    );
  }

  async recordObservation(input: ObservationRecord): Promise<StoreResult<Receipt>> {
    const record = { ...input, submissionId: canonicalSubmissionId(input.submissionId) };
    const { sql } = this;
    return receipt(
      await this.transaction('write', async (tx): Promise<Outcome> => {
        await this.lockSubmission(tx, record.submissionId);
        const prior = await this.bySubmissionId(tx, 'observation', record);
        if (prior) return prior;
        const same = await tx.get<{ id: number | string }>(sql.observationByDedupeKey, [record.dedupeKey]);
        if (same) return { id: observationId(same.id), status: 'duplicate' };
        const row = await tx.get<{ id: number | string }>(sql.insertObservation, [
          record.submissionId,
          record.dedupeKey,
          record.payloadHash,
          record.skill,
          record.version,
          record.kind,
          record.text,
          record.commune,
          record.state,
          JSON.stringify(record.heldFor ?? []),
          record.diversityKey,
          record.utcDay,
          record.createdAt,
        ]);
        return { id: observationId(row!.id), status: 'recorded' };
      }),
    );
  }

  private async lockSubmission(tx: Tx, submissionId: string | null): Promise<void> {
    if (submissionId !== null) await tx.lock('submission', submissionId);
  }

  /**
   * G3: the receipt of an earlier submission with the same id and payload; `reused` when the id holds another
   * payload or was used for the other kind of submission; undefined when the id is new (or absent).
   */
  private async bySubmissionId(
    tx: Tx,
    kind: ResolvableKind,
    record: { submissionId: string | null; payloadHash: string },
  ): Promise<Outcome | undefined> {
    if (record.submissionId === null) return undefined;
    const [own, other] =
      kind === 'validation'
        ? [this.sql.validationBySubmissionId, this.sql.observationBySubmissionId]
        : [this.sql.observationBySubmissionId, this.sql.validationBySubmissionId];
    const prior = await tx.get<{ id: number | string; payload_hash: string }>(own, [record.submissionId]);
    if (prior) {
      if (prior.payload_hash !== record.payloadHash) return 'reused';
      return { id: kind === 'validation' ? validationId(prior.id) : observationId(prior.id), status: 'duplicate' };
    }
    return (await tx.get(other, [record.submissionId])) ? 'reused' : undefined;
  }

  /** G7: flags from ≥ `minKeys` distinct keys within `windowDays` quarantine the version until cleared. */
  private async applyQuarantinePolicy(tx: Tx, record: ValidationRecord, policy: QuarantinePolicy): Promise<void> {
    const since = new Date(Date.parse(record.createdAt) - policy.windowDays * 86_400_000).toISOString();
    const row = await tx.get<{ keys: number | string }>(this.sql.flagKeysSince, [record.skill, record.version, since]);
    if (Number(row?.keys ?? 0) < policy.minKeys) return;
    await tx.run(this.sql.quarantine, [record.skill, record.version, record.createdAt]);
  }

  async tally(skill: string, version: string): Promise<StoreResult<Tally>> {
    return this.transaction('read', (tx) => this.tallyIn(tx, skill, version));
  }

  private async tallyIn(tx: Tx, skill: string, version: string): Promise<Tally> {
    type Row = { confirms: number | string; rejects: number | string; flags: number | string; digest: string | null; quarantined: unknown };
    const row = await tx.get<Row>(this.sql.tally, [skill, version, skill, version, skill, version, skill, version, skill, version]);
    return {
      skill,
      version,
      digest: row?.digest ?? null,
      confirms: Number(row?.confirms ?? 0),
      rejects: Number(row?.rejects ?? 0),
      flags: Number(row?.flags ?? 0),
      quarantined: flag(row?.quarantined),
    };
  }

  async activeQuarantine(skill: string, version: string): Promise<StoreResult<Quarantine | null>> {
    return this.transaction('read', async (tx) => {
      const row = await tx.get<QuarantineRow>(this.sql.activeQuarantine, [skill, version]);
      return row ? toQuarantine(row) : null;
    });
  }

  async review(): Promise<StoreResult<ReviewSnapshot>> {
    const { sql } = this;
    return this.transaction('read', async (tx) => {
      const versions = await tx.all<{ skill: string; version: string }>(sql.versions);
      const quarantines = await tx.all<QuarantineRow>(sql.activeQuarantines);
      const openFlags = await tx.all<ValidationRow>(sql.openFlags);
      const held = await tx.all<ObservationRow>(sql.observationsIn, ['held']);
      const open = await tx.all<ObservationRow>(sql.observationsIn, ['open']);
      const tallies: Tally[] = [];
      for (const v of versions) tallies.push(await this.tallyIn(tx, v.skill, v.version));
      return {
        quarantines: quarantines.map(toQuarantine),
        openFlags: openFlags.map(toValidation),
        heldObservations: held.map(toObservation),
        openObservations: open.map(toObservation),
        tallies,
      };
    });
  }

  async clearQuarantine(skill: string, version: string, now: Date): Promise<StoreResult<boolean>> {
    const at = now.toISOString();
    return this.transaction('write', async (tx) => {
      await tx.lock('version', `${skill}@${version}`);
      if ((await tx.run(this.sql.clearQuarantine, [at, skill, version])) === 0) return false;
      // The flags that caused it no longer count toward a new quarantine.
      await tx.run(this.sql.resolveFlagsOf, [at, skill, version]);
      return true;
    });
  }

  async resolve(kind: ResolvableKind, id: string, now: Date): Promise<StoreResult<boolean>> {
    const rowId = parseItemId(kind, id);
    if (rowId === undefined) return { ok: true, value: false };
    const statement = kind === 'validation' ? this.sql.resolveFlag : this.sql.resolveObservation;
    return this.transaction('write', async (tx) => (await tx.run(statement, [now.toISOString(), rowId])) > 0);
  }

  async exportAll(now: Date): Promise<StoreResult<StoreExport>> {
    const { sql } = this;
    return this.transaction('read', async (tx) => {
      const schemaVersion = (await tx.get<{ v: string | null }>(sql.schemaVersion))?.v ?? '';
      const validations = await tx.all<ValidationRow>(sql.allValidations);
      const observations = await tx.all<ObservationRow>(sql.allObservations);
      const quarantines = await tx.all<QuarantineRow>(sql.allQuarantines);
      return {
        exportedAt: now.toISOString(),
        schemaVersion,
        validations: validations.map(toValidation),
        observations: observations.map(toObservation),
        quarantines: quarantines.map(toQuarantine),
      };
    });
  }

  /**
   * G2: a token bucket per key (`capacity` tokens, one back every `refillSeconds`), a daily cap per key and a
   * global hourly breaker, all in the database so every process shares them. Rate-limit state is not worth a disk
   * flush: after a power loss a bucket may give back a token, never lose a submission.
   */
  async takeSubmissionToken(key: string, now: Date, policy: RatePolicy): Promise<StoreResult<RateDecision>> {
    const { sql } = this;
    const nowMs = now.getTime();
    const day = utcDay(now);
    const hour = now.toISOString().slice(0, 13);
    if (++this.rateCalls % 100 === 1) {
      // Counters older than yesterday and buckets that would be full again anyway; a failure is only logged.
      await this.transaction('ephemeral', async (tx) => {
        await tx.run(sql.pruneCounters, [utcDay(new Date(nowMs - 86_400_000))]);
        await tx.run(sql.pruneBuckets, [nowMs - policy.capacity * policy.refillSeconds * 1000]);
      });
    }
    return this.transaction('ephemeral', async (tx): Promise<RateDecision> => {
      await tx.lock('rate', key);
      const count = async (scope: string, period: string) =>
        Number((await tx.get<{ count: number }>(sql.counter, [scope, period]))?.count ?? 0);
      if ((await count('global', hour)) >= policy.globalHourlyLimit) return GLOBAL_DENIED;
      if ((await count(`day:${key}`, day)) >= policy.dailyLimit) {
        const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
        return { allowed: false, scope: 'daily', retryAfterSeconds: Math.max(1, Math.ceil((midnight - nowMs) / 1000)) };
      }
      const bucket = await tx.get<{ tokens: number; updated_ms: number | string }>(sql.bucket, [key]);
      const updatedMs = bucket ? Number(bucket.updated_ms) : nowMs;
      const refilled = bucket ? bucket.tokens + Math.max(0, nowMs - updatedMs) / 1000 / policy.refillSeconds : policy.capacity;
      const tokens = Math.min(policy.capacity, refilled);
      if (tokens < 1) {
        // Whole milliseconds first, so float noise never adds a second to the hint.
        const waitMs = Math.round((1 - tokens) * policy.refillSeconds * 1000);
        return { allowed: false, scope: 'burst', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
      }
      // Another process may have filled the hour since the read above: then nothing is taken.
      if (!(await tx.get(sql.bumpCounterBelow, ['global', hour, policy.globalHourlyLimit]))) return GLOBAL_DENIED;
      await tx.run(sql.saveBucket, [key, tokens - 1, Math.max(nowMs, updatedMs)]);
      await tx.run(sql.bumpCounter, [`day:${key}`, day]);
      return { allowed: true, remaining: Math.floor(tokens - 1) };
    });
  }

  async getOrCreateSalt(day: string, candidate: string): Promise<StoreResult<string>> {
    return this.transaction('write', async (tx) => {
      // First writer wins; a concurrent first insert is waited for, and the read after it sees its row.
      await tx.run(this.sql.insertSalt, [day, candidate]);
      return (await tx.get<{ salt: string }>(this.sql.salt, [day]))?.salt ?? candidate;
    });
  }

  async deleteSaltsBefore(day: string): Promise<StoreResult<number>> {
    return this.transaction('write', (tx) => tx.run(this.sql.deleteSaltsBefore, [day]));
  }
}

function receipt(result: StoreResult<Outcome>): StoreResult<Receipt> {
  if (!result.ok) return result;
  return result.value === 'reused' ? { ok: false, error: REUSED } : { ok: true, value: result.value };
}
