import type { Kysely } from 'kysely';
import type { Database, FormDraftStage } from '../db/tables.js';

/** SQL of the form drafts (0017_form_drafts, 0018_form_draft_stages): one per account and service. */

type Db = Kysely<Database>;

export interface FormDraftRow {
  account_id: string;
  service_id: string;
  step_id: string;
  beneficiary_national_id: string | null;
  start_challenge_id: string | null;
  answers: Record<string, Record<string, unknown>>;
  saved_at: Date;
  expires_at: Date;
  stage: FormDraftStage;
  submit_challenge_id: string | null;
  idempotency_key: string | null;
  flash: unknown;
}

/** Keeps the draft, replacing the account's earlier one for the same service. */
export async function upsertFormDraft(db: Db, row: FormDraftRow): Promise<void> {
  await db
    .insertInto('form_drafts')
    .values({ ...row, answers: JSON.stringify(row.answers), flash: row.flash === null || row.flash === undefined ? null : JSON.stringify(row.flash) })
    .onConflict((oc) =>
      oc.columns(['account_id', 'service_id']).doUpdateSet({
        step_id: row.step_id,
        beneficiary_national_id: row.beneficiary_national_id,
        start_challenge_id: row.start_challenge_id,
        answers: JSON.stringify(row.answers),
        saved_at: row.saved_at,
        expires_at: row.expires_at,
        stage: row.stage,
        submit_challenge_id: row.submit_challenge_id,
        idempotency_key: row.idempotency_key,
        flash: row.flash === null || row.flash === undefined ? null : JSON.stringify(row.flash),
      }),
    )
    .execute();
}

/** The account's draft of a service, while it has not expired. */
export async function findFormDraft(db: Db, accountId: string, serviceId: string, now: Date): Promise<FormDraftRow | undefined> {
  return (await db
    .selectFrom('form_drafts')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('service_id', '=', serviceId)
    .where('expires_at', '>', now)
    .executeTakeFirst()) as FormDraftRow | undefined;
}

/** The draft's one-time notes were shown: they are not shown again. */
export async function clearFormDraftFlash(db: Db, accountId: string, serviceId: string): Promise<void> {
  await db.updateTable('form_drafts').set({ flash: null }).where('account_id', '=', accountId).where('service_id', '=', serviceId).where('flash', 'is not', null).execute();
}

export async function deleteFormDraft(db: Db, accountId: string, serviceId: string): Promise<void> {
  await db.deleteFrom('form_drafts').where('account_id', '=', accountId).where('service_id', '=', serviceId).execute();
}

/** Drafts past their time, anyone's: removed whenever a draft is kept (no job needed for so few rows). */
export async function deleteExpiredFormDrafts(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('form_drafts').where('expires_at', '<=', now).execute();
}
