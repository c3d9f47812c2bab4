import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { HOUR_MS, type Clock } from '../kernel/clock.js';
import { deleteExpiredFormDrafts, deleteFormDraft, findFormDraft, upsertFormDraft } from './draft-repository.js';

/**
 * A service form's draft, kept when the person's session ended as they sent a step.
 *
 * A form's answers travel in its hidden fields from step to step, so nothing is stored while the
 * person fills it in. When the session has run out by the time a step is sent, the answers that
 * came with it are kept here for the account the ended session belonged to (web/session.ts and
 * identity's accountOfEndedWebSession say whose), and shown again at that step once the same
 * account has signed in: never to another account, never after DRAFT_TTL_MS.
 */

/** How long a draft waits for its owner to sign in again. */
export const DRAFT_TTL_MS = 24 * HOUR_MS;

export interface FormDraft {
  serviceId: string;
  /** The step the person was on (whose answers came with the form that found the session ended). */
  stepId: string;
  /** Whom the form was for (a sponsor's worker, a guardian's ward), when not the person. */
  beneficiaryNationalId: string | null;
  /** The start code the form began with, for a service that asks for one. */
  startChallengeId: string | null;
  /** Answers by step and field, as the form carried them (checked again when sent on). */
  answers: Record<string, Record<string, string>>;
}

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
    beneficiary_national_id: draft.beneficiaryNationalId,
    start_challenge_id: draft.startChallengeId,
    answers: draft.answers,
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
  return { serviceId: row.service_id, stepId: row.step_id, beneficiaryNationalId: row.beneficiary_national_id, startChallengeId: row.start_challenge_id, answers };
}

/** The draft is done with (the request was submitted). */
export async function forgetFormDraft(options: DraftDeps & { accountId: string; serviceId: string }): Promise<void> {
  await deleteFormDraft(options.db, options.accountId, options.serviceId);
}
