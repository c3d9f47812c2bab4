import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, FormDraftStage } from '../db/tables.js';
import { HOUR_MS, type Clock } from '../kernel/clock.js';
import type { FieldError } from '../kernel/errors.js';
import { clearFormDraftFlash, deleteExpiredFormDrafts, deleteFormDraft, findFormDraft, upsertFormDraft } from './draft-repository.js';

/**
 * A service form's draft: the answers and where the person is in the form.
 *
 * Every POST of a service form ends in a redirect (POST/redirect/GET), so Back, reload and a
 * second tab only ever meet pages fetched with GET; those pages are drawn from the draft. The
 * answers also travel in each page's hidden fields, and each POST carries them back: the draft
 * mirrors the last POST, and what a POST carries is checked again, whatever the draft holds.
 *
 * When the session has run out by the time a step is sent, the answers that came with it are kept
 * for the account the ended session belonged to (web/session.ts and identity's
 * accountOfEndedWebSession say whose), and shown again at that step once the same account has
 * signed in. A draft is never shown to another account and is gone after DRAFT_TTL_MS, or when the
 * request is submitted.
 */

/** How long a draft waits for its owner (to go on, or to sign in again). */
export const DRAFT_TTL_MS = 24 * HOUR_MS;

/** What the next page says once: the errors of the step just sent, a message, a new code sent. */
export interface DraftFlash {
  errors?: FieldError[];
  message?: { key: string; params?: Record<string, string | number> };
  resent?: boolean;
}

export interface FormDraft {
  serviceId: string;
  /** Where the person is: the start code, a step of the form, "check your answers", the confirmation code. */
  stage: FormDraftStage;
  /** The furthest step reached (the step the person is on, at stage `step`). */
  stepId: string;
  /** Whom the form was for (a sponsor's worker, a guardian's ward), when not the person. */
  beneficiaryNationalId: string | null;
  /** The start code's challenge, for a service that asks for one (the form may go on once it was answered). */
  startChallengeId: string | null;
  /** The confirmation code's challenge, once sent. */
  submitChallengeId: string | null;
  /** The submission's idempotency key, fixed once "check your answers" is reached: a repeated submit is one request. */
  idempotencyKey: string | null;
  /** Answers by step and field, as the form carried them (checked again when sent on). */
  answers: Record<string, Record<string, string>>;
  flash: DraftFlash | null;
}

const bilingual = z.object({ ar: z.string(), en: z.string() });
const params = z.record(z.string(), z.union([z.string(), z.number()]));
/** The flash as stored: read back through the same shape, anything else is dropped. */
const flashSchema = z
  .object({
    errors: z.array(z.object({ field: z.string(), key: z.string(), params: params.optional(), text: bilingual.optional(), refusal: z.boolean().optional() })).optional(),
    message: z.object({ key: z.string(), params: params.optional() }).optional(),
    resent: z.boolean().optional(),
  })
  .strict();

interface DraftDeps {
  db: Kysely<Database>;
  clock: Clock;
}

export async function keepFormDraft(options: DraftDeps & { accountId: string; draft: FormDraft }): Promise<void> {
  const { db, clock, draft } = options;
  const now = clock.now();
  await deleteExpiredFormDrafts(db, now);
  await upsertFormDraft(db, {
    account_id: options.accountId,
    service_id: draft.serviceId,
    step_id: draft.stepId,
    stage: draft.stage,
    beneficiary_national_id: draft.beneficiaryNationalId,
    start_challenge_id: draft.startChallengeId,
    submit_challenge_id: draft.submitChallengeId,
    idempotency_key: draft.idempotencyKey,
    answers: draft.answers,
    flash: draft.flash,
    saved_at: now,
    expires_at: new Date(now.getTime() + DRAFT_TTL_MS),
  });
}

/** The account's draft of a service, if one is waiting. */
export async function formDraftOf(options: DraftDeps & { accountId: string; serviceId: string }): Promise<FormDraft | undefined> {
  const row = await findFormDraft(options.db, options.accountId, options.serviceId, options.clock.now());
  if (!row) return undefined;
  const answers: FormDraft['answers'] = {};
  for (const [step, values] of Object.entries(row.answers)) {
    answers[step] = Object.fromEntries(Object.entries(values ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }
  const flash = flashSchema.safeParse(row.flash);
  return {
    serviceId: row.service_id,
    stage: row.stage,
    stepId: row.step_id,
    beneficiaryNationalId: row.beneficiary_national_id,
    startChallengeId: row.start_challenge_id,
    submitChallengeId: row.submit_challenge_id,
    idempotencyKey: row.idempotency_key,
    answers,
    flash: flash.success ? (flash.data as DraftFlash) : null,
  };
}

/** The draft's one-time notes were shown. */
export async function flashShown(options: DraftDeps & { accountId: string; serviceId: string }): Promise<void> {
  await clearFormDraftFlash(options.db, options.accountId, options.serviceId);
}

/** The draft is done with (the request was submitted). */
export async function forgetFormDraft(options: DraftDeps & { accountId: string; serviceId: string }): Promise<void> {
  await deleteFormDraft(options.db, options.accountId, options.serviceId);
}
