import * as z from 'zod';

export { utcDay } from './time.js';

/**
 * The submissions store contract (SPEC §7). Every method is async so that the embedded SQLite store and a
 * PostgreSQL store for several server processes implement the same interface. Stores never throw for expected
 * conditions (full disk, lock contention, reused idempotency key): they return a `StoreError` value.
 */

export const VerdictSchema = z.enum(['confirm', 'reject']);
export type Verdict = z.infer<typeof VerdictSchema>;

export const ObservationKindSchema = z.enum(['caveat', 'outdated', 'commune-practice', 'error']);
export type ObservationKind = z.infer<typeof ObservationKindSchema>;

/** `open` = visible to maintainers; `held` = soft injection findings, waits for review; `resolved` = closed. */
export const ObservationStateSchema = z.enum(['open', 'held', 'resolved']);
export type ObservationState = z.infer<typeof ObservationStateSchema>;

/** `YYYY-MM-DD` in UTC. */
export const UtcDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** Fields every stored submission carries for idempotency (G3) and diversity (G1, G4). */
const SubmissionBase = z.object({
  /** Client-chosen UUID or ULID; optional. */
  submissionId: z.string().min(1).max(64).nullable(),
  /** sha256(kind, skill_uri, version, normalised_text, diversity_key, utc_day) — G3. */
  dedupeKey: Sha256Hex,
  /** sha256 of the normalised payload; tells a retry from a reused `submissionId`. */
  payloadHash: Sha256Hex,
  skill: z.string().min(1).max(64),
  version: z.string().min(1).max(64),
  diversityKey: z.string().min(1).max(128),
  utcDay: UtcDaySchema,
  /** When the submission was accepted (ISO 8601). */
  createdAt: z.iso.datetime(),
});

/** A validation (vote) as handed to the store after the submission pipeline accepted it. */
export const ValidationRecordSchema = SubmissionBase.extend({
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  verdict: VerdictSchema,
  injectionFlag: z.boolean(),
  reason: z.string().max(500).nullable(),
});
export type ValidationRecord = z.infer<typeof ValidationRecordSchema>;

/** An observation as handed to the store. */
export const ObservationRecordSchema = SubmissionBase.extend({
  kind: ObservationKindSchema,
  text: z.string().min(1).max(2000),
  commune: z.string().max(120).nullable(),
  state: z.enum(['open', 'held']),
  /** Soft injection rule ids that put the observation on hold. */
  heldFor: z.array(z.string()).default([]),
});
export type ObservationRecord = z.infer<typeof ObservationRecordSchema>;

/** What the caller gets back once the row is committed (D2): the row id and whether it is new. */
export const ReceiptSchema = z.object({
  id: z.string(),
  status: z.enum(['recorded', 'duplicate']),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

export const StoreErrorCodeSchema = z.enum(['idempotency_key_reused', 'store_full', 'store_unavailable', 'not_found']);
export type StoreErrorCode = z.infer<typeof StoreErrorCodeSchema>;

export const StoreErrorSchema = z.object({ code: StoreErrorCodeSchema, message: z.string() });
export type StoreError = z.infer<typeof StoreErrorSchema>;

export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: StoreError };

/** Raw counts for one skill version; `lifecycle.ts` turns them into `skill_status`. */
export const TallySchema = z.object({
  skill: z.string(),
  version: z.string(),
  /** Digest most recently voted on for this version, if any. */
  digest: z.string().nullable(),
  /** Distinct diversity keys whose current vote is `confirm`. */
  confirms: z.number().int().min(0),
  rejects: z.number().int().min(0),
  /** Distinct diversity keys with an open (unresolved) injection flag. */
  flags: z.number().int().min(0),
  quarantined: z.boolean(),
});
export type Tally = z.infer<typeof TallySchema>;

export const QuarantineSchema = z.object({
  id: z.string(),
  skill: z.string(),
  version: z.string(),
  quarantinedAt: z.iso.datetime(),
  clearedAt: z.iso.datetime().nullable(),
});
export type Quarantine = z.infer<typeof QuarantineSchema>;

/** Quarantine rule (G7): flags from at least `minKeys` distinct diversity keys within `windowDays`. */
export const QuarantinePolicySchema = z.object({
  minKeys: z.number().int().min(1),
  windowDays: z.number().int().min(1),
});
export type QuarantinePolicy = z.infer<typeof QuarantinePolicySchema>;

/** A stored validation as shown to maintainers. */
export const StoredValidationSchema = ValidationRecordSchema.extend({
  id: z.string(),
  superseded: z.boolean(),
  resolvedAt: z.iso.datetime().nullable(),
});
export type StoredValidation = z.infer<typeof StoredValidationSchema>;

/** A stored observation as shown to maintainers. */
export const StoredObservationSchema = ObservationRecordSchema.extend({
  id: z.string(),
  state: ObservationStateSchema,
  resolvedAt: z.iso.datetime().nullable(),
});
export type StoredObservation = z.infer<typeof StoredObservationSchema>;

/** Everything `loket review` shows. */
export const ReviewSnapshotSchema = z.object({
  quarantines: z.array(QuarantineSchema),
  openFlags: z.array(StoredValidationSchema),
  heldObservations: z.array(StoredObservationSchema),
  openObservations: z.array(StoredObservationSchema),
  tallies: z.array(TallySchema),
});
export type ReviewSnapshot = z.infer<typeof ReviewSnapshotSchema>;

/** Full export (salts and rate-limit state are never exported: G8). */
export const StoreExportSchema = z.object({
  exportedAt: z.iso.datetime(),
  schemaVersion: z.string(),
  validations: z.array(StoredValidationSchema),
  observations: z.array(StoredObservationSchema),
  quarantines: z.array(QuarantineSchema),
});
export type StoreExport = z.infer<typeof StoreExportSchema>;

/** Token bucket + daily cap + global breaker (G2). */
export const RatePolicySchema = z.object({
  capacity: z.number().int().min(1),
  refillSeconds: z.number().positive(),
  dailyLimit: z.number().int().min(1),
  globalHourlyLimit: z.number().int().min(1),
});
export type RatePolicy = z.infer<typeof RatePolicySchema>;

export const RateDecisionSchema = z.union([
  z.object({ allowed: z.literal(true), remaining: z.number() }),
  z.object({
    allowed: z.literal(false),
    scope: z.enum(['burst', 'daily', 'global']),
    retryAfterSeconds: z.number().int().min(1),
  }),
]);
export type RateDecision = z.infer<typeof RateDecisionSchema>;

export type ResolvableKind = 'validation' | 'observation';

/** The submissions store. Its rules live in `core.ts`; `sqlite.ts` (embedded default) and `postgres.ts` supply the database. */
export interface SubmissionStore {
  /** Applies pending schema migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  /**
   * Records a vote atomically. Same `submissionId` + same payload, or same `dedupeKey` → the original receipt with
   * status `duplicate` (G3); same `submissionId` + different payload → `idempotency_key_reused`. A new vote from
   * the same (skill, version, diversityKey, utcDay) replaces the earlier one (G4). When the open flags reach the
   * quarantine policy, the version is quarantined in the same transaction. Resolves only after COMMIT (D2).
   */
  recordValidation(record: ValidationRecord, quarantine: QuarantinePolicy): Promise<StoreResult<Receipt>>;
  /** Records an observation atomically with the same idempotency rules as `recordValidation`. */
  recordObservation(record: ObservationRecord): Promise<StoreResult<Receipt>>;
  /** Counts for one skill version. */
  tally(skill: string, version: string): Promise<StoreResult<Tally>>;
  /** The active quarantine of a version, or null. */
  activeQuarantine(skill: string, version: string): Promise<StoreResult<Quarantine | null>>;
  /** Open flags, held and open observations, active quarantines and tallies per skill version. */
  review(): Promise<StoreResult<ReviewSnapshot>>;
  /**
   * Lifts the active quarantine of a version and resolves its open flags (so they no longer count toward a new
   * quarantine). Returns false when nothing was quarantined.
   */
  clearQuarantine(skill: string, version: string, now: Date): Promise<StoreResult<boolean>>;
  /** Closes a flag or observation. Returns false when the item does not exist or is already closed. */
  resolve(kind: ResolvableKind, id: string, now: Date): Promise<StoreResult<boolean>>;
  /** Everything except salts and rate-limit state, as JSON-ready data. */
  exportAll(now: Date): Promise<StoreResult<StoreExport>>;
  /** Takes one submission token for `key` (G2); shared by every process using the same store. */
  takeSubmissionToken(key: string, now: Date, policy: RatePolicy): Promise<StoreResult<RateDecision>>;
  /** The salt for a UTC day, creating it from `candidate` if none exists yet (first writer wins). */
  getOrCreateSalt(utcDay: string, candidate: string): Promise<StoreResult<string>>;
  /** Deletes every salt of a day before `utcDay` (G8). Returns how many were deleted. */
  deleteSaltsBefore(utcDay: string): Promise<StoreResult<number>>;
  /** Releases the connection. */
  close(): Promise<void>;
}
