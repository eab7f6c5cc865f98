import type { Quarantine, StoredObservation, StoredValidation } from './store.js';
import { observationId, validationId } from './receipt-ids.js';

// Table rows as both stores read them. The dialects differ only in representation: SQLite returns integer ids,
// 0/1 booleans and `held_for` as JSON text; PostgreSQL returns bigint ids as strings, booleans and a text array.

export type ValidationRow = {
  id: number | string;
  submission_id: string | null;
  dedupe_key: string;
  payload_hash: string;
  skill: string;
  version: string;
  digest: string;
  verdict: 'confirm' | 'reject';
  injection_flag: boolean | number;
  reason: string | null;
  diversity_key: string;
  utc_day: string;
  created_at: string;
  superseded: boolean | number;
  resolved_at: string | null;
};

export type ObservationRow = {
  id: number | string;
  submission_id: string | null;
  dedupe_key: string;
  payload_hash: string;
  skill: string;
  version: string;
  kind: 'caveat' | 'outdated' | 'commune-practice' | 'error';
  text: string;
  commune: string | null;
  state: 'open' | 'held' | 'resolved';
  held_for: string | string[];
  diversity_key: string;
  utc_day: string;
  created_at: string;
  resolved_at: string | null;
};

export type QuarantineRow = { id: number | string; skill: string; version: string; quarantined_at: string; cleared_at: string | null };

/** A boolean as either database answers it: `true`/`1` (also for `EXISTS`), anything else is false. */
export const flag = (value: unknown): boolean => value === true || value === 1;

export function toValidation(row: ValidationRow): StoredValidation {
  return {
    id: validationId(row.id),
    submissionId: row.submission_id,
    dedupeKey: row.dedupe_key,
    payloadHash: row.payload_hash,
    skill: row.skill,
    version: row.version,
    digest: row.digest,
    verdict: row.verdict,
    injectionFlag: flag(row.injection_flag),
    reason: row.reason,
    diversityKey: row.diversity_key,
    utcDay: row.utc_day,
    createdAt: row.created_at,
    superseded: flag(row.superseded),
    resolvedAt: row.resolved_at,
  };
}

export function toObservation(row: ObservationRow): StoredObservation {
  return {
    id: observationId(row.id),
    submissionId: row.submission_id,
    dedupeKey: row.dedupe_key,
    payloadHash: row.payload_hash,
    skill: row.skill,
    version: row.version,
    kind: row.kind,
    text: row.text,
    commune: row.commune,
    state: row.state,
    heldFor: Array.isArray(row.held_for) ? row.held_for : (JSON.parse(row.held_for) as string[]),
    diversityKey: row.diversity_key,
    utcDay: row.utc_day,
    createdAt: row.created_at,
    resolvedAt: row.resolved_at,
  };
}

export function toQuarantine(row: QuarantineRow): Quarantine {
  return {
    id: String(row.id),
    skill: row.skill,
    version: row.version,
    quarantinedAt: row.quarantined_at,
    clearedAt: row.cleared_at,
  };
}
