import * as z from 'zod';
import type { QuarantinePolicy, Tally } from '../store/store.js';

/** G7: injection flags from three distinct diversity keys within seven days quarantine a skill version. */
export const QUARANTINE_POLICY: QuarantinePolicy = Object.freeze({ minKeys: 3, windowDays: 7 });

/** The lifecycle state of one skill version, as returned by the submission tools (SPEC §5, §7). */
export const SkillStatusSchema = z.object({
  skill: z.string(),
  version: z.string(),
  /** Digest of the SKILL.md this status is about; null when the version is unknown to server and store. */
  digest: z.string().nullable(),
  /** Distinct diversity keys confirming the version. */
  confirms: z.number().int().min(0),
  /** Distinct diversity keys rejecting the version. */
  rejects: z.number().int().min(0),
  /** Distinct diversity keys with an open injection flag. */
  flags: z.number().int().min(0),
  /** At least one open injection flag: shown as an "under review" badge. */
  under_review: z.boolean(),
  /** Quarantined until a maintainer clears it with `loket review --clear-quarantine`. */
  quarantined: z.boolean(),
});
export type SkillStatus = z.infer<typeof SkillStatusSchema>;

/**
 * Turns the store's counts into `skill_status`. Votes are advisory: nothing here promotes a skill (G7); only
 * flags change what clients see.
 */
export function toSkillStatus(tally: Tally, servedDigest?: string | null): SkillStatus {
  return {
    skill: tally.skill,
    version: tally.version,
    digest: servedDigest ?? tally.digest,
    confirms: tally.confirms,
    rejects: tally.rejects,
    flags: tally.flags,
    under_review: tally.flags > 0,
    quarantined: tally.quarantined,
  };
}
