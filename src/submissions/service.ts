import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { Corpus } from '../corpus/types.js';
import { assessInjection, detectPersonalData } from '../safety/index.js';
import { createKeyDeriver, stdioClientKeys, type ClientKeys } from '../store/keys.js';
import { QUARANTINE_POLICY, toSkillStatus, type SkillStatus } from '../store/lifecycle.js';
import {
  utcDay,
  type QuarantinePolicy,
  type RatePolicy,
  type Receipt,
  type StoreError,
  type StoreResult,
  type SubmissionStore,
} from '../store/store.js';
import {
  normalizeText,
  SubmitObservationInputSchema,
  SubmitValidationInputSchema,
  type SubmitObservationInput,
  type SubmitValidationInput,
} from './schema.js';

/** One personal-data hit (values are never carried, only where and what). */
export interface PersonalDataFinding {
  id: string;
  /** Human words, e.g. "phone number". */
  category: string;
  start: number;
  end: number;
}

/** One prompt-injection rule hit. */
export interface InjectionFinding {
  rule: string;
  class: 'hard' | 'soft';
  start: number;
  end: number;
  message: string;
}

/** Outcome of the injection heuristics on one text. */
export interface InjectionAssessment {
  findings: InjectionFinding[];
  decision: 'pass' | 'review' | 'reject';
}

/** The two offline scanners of `src/safety/` the pipeline depends on. */
export interface Scanners {
  detectPersonalData(text: string, opts?: { allow?: string }): PersonalDataFinding[];
  assessInjection(text: string, opts: { context: 'skill' | 'observation'; injectionFlag?: boolean }): InjectionAssessment;
}

export const SubmissionErrorCodeSchema = z.enum([
  'invalid_input',
  'unknown_skill',
  'stale_version',
  'personal_data',
  'injection',
  'rate_limited',
  'idempotency_key_reused',
  'store_full',
  'store_unavailable',
  'internal_error',
]);
export type SubmissionErrorCode = z.infer<typeof SubmissionErrorCodeSchema>;

/** A refused submission: a stable code and a message that says what to fix; nothing was stored. */
export const SubmissionErrorSchema = z.object({
  code: SubmissionErrorCodeSchema,
  message: z.string(),
  retryAfterSeconds: z.number().int().min(1).optional(),
});
export type SubmissionError = z.infer<typeof SubmissionErrorSchema>;

/** An accepted submission, or the reason it was refused. */
export type SubmissionResult =
  | {
      ok: true;
      receipt: Receipt;
      skill_status: SkillStatus;
      /** The observation waits for a maintainer before anyone else sees it (soft injection findings). */
      held: boolean;
    }
  | { ok: false; error: SubmissionError };

/** Who is submitting (HMAC keys, never an IP) and when. */
export interface SubmissionContext {
  rateKey: string;
  diversityKey: string;
  now: Date;
}

/** The submission pipeline behind `submit_validation` and `submit_observation`. */
export interface SubmissionService {
  /** Records whether a skill version matched reality, optionally flagging suspected prompt injection. */
  submitValidation(input: unknown, ctx: SubmissionContext): Promise<SubmissionResult>;
  /** Records what was different at the commune for the currently served version of a skill. */
  submitObservation(input: unknown, ctx: SubmissionContext): Promise<SubmissionResult>;
  /** The lifecycle status of a skill version. Rejects when the store cannot be read. */
  skillStatus(skill: string, version: string): Promise<SkillStatus>;
  /** Rate-limit and diversity keys for a caller: HMACs of the IP prefix under today's salt; stdio when `ip` is absent. */
  clientKeys(ip: string | undefined, now: Date): Promise<ClientKeys>;
}

/** G2: bucket of 5, one token back every 3 minutes (≈ 20/hour), 60 a day per key, 2,000 an hour server-wide. */
export const SUBMISSION_RATE_POLICY: RatePolicy = Object.freeze({
  capacity: 5,
  refillSeconds: 180,
  dailyLimit: 60,
  globalHourlyLimit: 2000,
});

export interface SubmissionServiceOptions {
  store: SubmissionStore;
  corpus: Pick<Corpus, 'getSkill'>;
  /** Defaults to the real scanners of `src/safety/`. */
  scanners?: Scanners;
  ratePolicy?: RatePolicy;
  quarantinePolicy?: QuarantinePolicy;
  /** Operational log (stderr by default). Receives categories and hashes, never submission text. */
  log?: (line: string) => void;
}

/** The real offline scanners of `src/safety/`. */
const DEFAULT_SCANNERS: Scanners = { detectPersonalData, assessInjection };

/** Q3: an observation carries at most three links. */
export const MAX_OBSERVATION_LINKS = 3;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The `skill_uri` the dedupe key is computed over (G3). */
export const skillUri = (skill: string) => `skill://${skill}/SKILL.md`;

function invalidInput(error: z.ZodError): SubmissionError {
  const parts = error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      // Key names are echoed so the caller can fix them, but shortened: a key is caller-controlled text too.
      const names = issue.keys.slice(0, 5).map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}…` : k));
      return `unknown field(s) ${names.join(', ')}${issue.keys.length > 5 ? ' …' : ''}; remove them`;
    }
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  return { code: 'invalid_input', message: `invalid arguments: ${parts.join('; ')}` };
}

function storeError(error: StoreError): SubmissionError {
  switch (error.code) {
    case 'idempotency_key_reused':
      return {
        code: 'idempotency_key_reused',
        message: 'this submission_id was already used for a different submission; use a new submission_id (UUID or ULID) for a new submission',
      };
    case 'store_full':
      return { code: 'store_full', message: 'the server cannot store submissions right now (storage full); nothing was stored, try again later' };
    default:
      return { code: 'store_unavailable', message: 'the server cannot store submissions right now; nothing was stored, try again later' };
  }
}

const unique = <T>(items: T[]) => [...new Set(items)];

/** Builds the pipeline: validate → skill → version/digest → personal data → injection → rate limit → idempotent store. */
export function createSubmissionService(options: SubmissionServiceOptions): SubmissionService {
  const { store, corpus } = options;
  const ratePolicy = options.ratePolicy ?? SUBMISSION_RATE_POLICY;
  const quarantinePolicy = options.quarantinePolicy ?? QUARANTINE_POLICY;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const scanners = options.scanners ?? DEFAULT_SCANNERS;
  const keys = createKeyDeriver(store);

  /** Q5: name the category, log category + payload hash, never the value. */
  function rejectPersonalData(field: string, findings: PersonalDataFinding[], payload: unknown): SubmissionError {
    const categories = unique(findings.map((f) => f.category));
    log(`loket submissions: rejected personal data (${unique(findings.map((f) => f.id)).join(',')}) sha256=${sha256(JSON.stringify(payload))}`);
    return {
      code: 'personal_data',
      message: `the ${field} contains personal data (${categories.join(', ')}); remove it and submit again. Nothing was stored.`,
    };
  }

  function findPersonalData(fields: Array<[string, string | undefined]>, allow: string, payload: unknown) {
    for (const [field, value] of fields) {
      if (value === undefined) continue;
      const findings = scanners.detectPersonalData(value, { allow });
      if (findings.length > 0) return rejectPersonalData(field, findings, payload);
    }
    return undefined;
  }

  async function takeToken(ctx: SubmissionContext): Promise<SubmissionError | undefined> {
    const decision = await store.takeSubmissionToken(ctx.rateKey, ctx.now, ratePolicy);
    if (!decision.ok) return storeError(decision.error);
    if (decision.value.allowed) return undefined;
    const { scope, retryAfterSeconds } = decision.value;
    const why =
      scope === 'global'
        ? 'the server is receiving too many submissions right now'
        : scope === 'daily'
          ? `the daily limit of ${ratePolicy.dailyLimit} submissions from this network is reached`
          : 'too many submissions from this network in a short time';
    return { code: 'rate_limited', message: `${why}; try again in ${retryAfterSeconds} seconds. Nothing was stored.`, retryAfterSeconds };
  }

  async function statusOf(skill: string, version: string, servedDigest: string | null): Promise<SkillStatus | StoreError> {
    const tally = await store.tally(skill, version);
    return tally.ok ? toSkillStatus(tally.value, servedDigest) : tally.error;
  }

  async function guarded(run: () => Promise<SubmissionResult>): Promise<SubmissionResult> {
    try {
      return await run();
    } catch (error) {
      log(`loket submissions: unexpected failure (${error instanceof Error ? error.name : 'unknown'})`);
      return { ok: false, error: { code: 'internal_error', message: 'the submission could not be processed; nothing was stored, try again later' } };
    }
  }

  const unknownSkill = (name: string): SubmissionResult => ({
    ok: false,
    error: { code: 'unknown_skill', message: `there is no skill named "${name}" on this server; check the name with search_skills` },
  });

  async function finish(
    receipt: StoreResult<Receipt>,
    skill: string,
    version: string,
    digest: string,
    held: boolean,
  ): Promise<SubmissionResult> {
    if (!receipt.ok) return { ok: false, error: storeError(receipt.error) };
    let status = await statusOf(skill, version, digest);
    if ('code' in status) status = await statusOf(skill, version, digest);
    if ('code' in status) {
      // Committed already (D2): say so, so a retry is understood as returning the same receipt.
      return {
        ok: false,
        error: {
          code: 'store_unavailable',
          message: `the submission was recorded as ${receipt.value.id}, but the skill status could not be read; sending it again returns the same receipt`,
        },
      };
    }
    return { ok: true, receipt: receipt.value, skill_status: status, held };
  }

  return {
    submitValidation: (raw, ctx) =>
      guarded(async () => {
        const parsed = SubmitValidationInputSchema.safeParse(raw);
        if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
        const input: SubmitValidationInput = parsed.data;
        const skill = corpus.getSkill(input.skill);
        if (!skill) return unknownSkill(input.skill);
        if (input.version !== skill.meta.version || input.digest !== skill.digest) {
          return {
            ok: false,
            error: {
              code: 'stale_version',
              message: `"${skill.name}" is now served as version ${skill.meta.version} with digest ${skill.digest}; the version or digest you sent is stale. Fetch the skill again and validate what it says now.`,
            },
          };
        }
        const reason = input.reason === undefined ? undefined : normalizeText(input.reason).trim() || undefined;
        const injectionFlag = input.injection_flag ?? false;
        const pii = findPersonalData([['reason', reason]], skill.body, input);
        if (pii) return { ok: false, error: pii };
        const limited = await takeToken(ctx);
        if (limited) return { ok: false, error: limited };

        const day = utcDay(ctx.now);
        const vote = JSON.stringify({ verdict: input.verdict, injection_flag: injectionFlag, digest: input.digest, reason: reason ?? null });
        const receipt = await store.recordValidation(
          {
            submissionId: input.submission_id ?? null,
            dedupeKey: sha256(JSON.stringify(['validation', skillUri(skill.name), input.version, vote, ctx.diversityKey, day])),
            payloadHash: sha256(JSON.stringify(['validation', skill.name, input.version, vote])),
            skill: skill.name,
            version: input.version,
            digest: input.digest,
            verdict: input.verdict,
            injectionFlag,
            reason: reason ?? null,
            diversityKey: ctx.diversityKey,
            utcDay: day,
            createdAt: ctx.now.toISOString(),
          },
          quarantinePolicy,
        );
        return finish(receipt, skill.name, input.version, skill.digest, false);
      }),

    submitObservation: (raw, ctx) =>
      guarded(async () => {
        const parsed = SubmitObservationInputSchema.safeParse(raw);
        if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
        const input: SubmitObservationInput = parsed.data;
        const skill = corpus.getSkill(input.skill);
        if (!skill) return unknownSkill(input.skill);
        const text = normalizeText(input.text);
        const links = text.match(/\bhttps?:\/\//gi)?.length ?? 0;
        if (links > MAX_OBSERVATION_LINKS) {
          return {
            ok: false,
            error: { code: 'invalid_input', message: `text: at most ${MAX_OBSERVATION_LINKS} links; keep the official sources that matter` },
          };
        }
        const commune = input.commune === undefined ? undefined : normalizeText(input.commune).trim() || undefined;
        const pii = findPersonalData(
          [
            ['text', text],
            ['commune', commune],
          ],
          skill.body,
          input,
        );
        if (pii) return { ok: false, error: pii };

        // SECURITY E: any hard finding rejects; soft findings from two families put the observation on hold.
        const assessments = [text, commune]
          .filter((v): v is string => v !== undefined)
          .map((v) => scanners.assessInjection(v, { context: 'observation' }));
        const findings = assessments.flatMap((a) => a.findings);
        const hard = findings.filter((f) => f.class === 'hard');
        if (hard.length > 0 || assessments.some((a) => a.decision === 'reject')) {
          const rules = unique((hard.length > 0 ? hard : findings).map((f) => f.rule));
          log(`loket submissions: rejected injection (${rules.join(',')}) sha256=${sha256(JSON.stringify(input))}`);
          return {
            ok: false,
            error: {
              code: 'injection',
              message: `the text contains content that reads like instructions to an AI system or hidden markup (${rules.join(', ')}); describe what was different at the commune in plain words. Nothing was stored.`,
            },
          };
        }
        // Q3: links only to official domains; anything else (soft R5) waits for a maintainer instead of being shown.
        const held = assessments.some((a) => a.decision === 'review') || findings.some((f) => f.rule === 'R5');

        const limited = await takeToken(ctx);
        if (limited) return { ok: false, error: limited };

        const day = utcDay(ctx.now);
        const version = skill.meta.version;
        const body = JSON.stringify({ kind: input.kind, text, commune: commune ?? null });
        const receipt = await store.recordObservation({
          submissionId: input.submission_id ?? null,
          dedupeKey: sha256(JSON.stringify(['observation', skillUri(skill.name), version, body, ctx.diversityKey, day])),
          payloadHash: sha256(JSON.stringify(['observation', skill.name, version, body])),
          skill: skill.name,
          version,
          kind: input.kind,
          text,
          commune: commune ?? null,
          state: held ? 'held' : 'open',
          heldFor: held ? unique(findings.map((f) => f.rule)) : [],
          diversityKey: ctx.diversityKey,
          utcDay: day,
          createdAt: ctx.now.toISOString(),
        });
        return finish(receipt, skill.name, version, skill.digest, held);
      }),

    async skillStatus(name, version) {
      const skill = corpus.getSkill(name);
      const served = skill && skill.meta.version === version ? skill.digest : null;
      const status = await statusOf(name, version, served);
      if ('code' in status) throw new Error(status.message);
      return status;
    },

    async clientKeys(ip, now) {
      return ip === undefined ? stdioClientKeys() : keys.keysFor(ip, now);
    },
  };
}
