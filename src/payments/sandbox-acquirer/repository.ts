import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { AcceptedCard } from './card-form.js';
import type { SandboxAcquirerPaymentsTable, SandboxAcquirerRefundsTable } from './tables.js';

/** The sandbox acquirer's SQL. Every state change is one conditional statement, so a double submit or a race changes nothing twice. */

type Db = Kysely<Database>;
export type PaymentRow = Selectable<SandboxAcquirerPaymentsTable>;
export type RefundRow = Selectable<SandboxAcquirerRefundsTable>;
export type PaymentWithRefund = PaymentRow & { refund_succeeds_at: Date | null };

/** The 3-D Secure step allows this many wrong codes; the last one declines the payment. */
export const THREE_DS_MAX_ATTEMPTS = 3;

/** Inserts a checkout unless its merchant reference exists; either way, returns the stored one. */
export async function insertOrFindCheckout(db: Db, row: Insertable<SandboxAcquirerPaymentsTable>): Promise<PaymentRow> {
  const inserted = await db.insertInto('sandbox_acquirer_payments').values(row).onConflict((oc) => oc.column('merchant_reference').doNothing()).returningAll().executeTakeFirst();
  return inserted ?? db.selectFrom('sandbox_acquirer_payments').selectAll().where('merchant_reference', '=', row.merchant_reference).executeTakeFirstOrThrow();
}

export async function findPayment(db: Db, id: string): Promise<PaymentWithRefund | undefined> {
  return db
    .selectFrom('sandbox_acquirer_payments as p')
    .leftJoin('sandbox_acquirer_refunds as r', 'r.payment_id', 'p.id')
    .selectAll('p')
    .select('r.succeeds_at as refund_succeeds_at')
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** The card passed the form: on to 3-D Secure, if the checkout is still open and not expired. */
export async function acceptCard(db: Db, id: string, card: AcceptedCard, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sandbox_acquirer_payments')
    .set({
      state: 'three_ds',
      scheme: card.scheme,
      last4: card.last4,
      expiry_month: card.expiryMonth,
      expiry_year: card.expiryYear,
      planned_outcome: card.outcome,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** A wrong 3-D Secure code: counts it, and the last allowed one declines the payment (one statement). */
export async function recordWrongCode(db: Db, id: string, now: Date): Promise<{ attempts: number; declined: boolean } | undefined> {
  const row = await db
    .updateTable('sandbox_acquirer_payments')
    .set({
      three_ds_attempts: sql<number>`three_ds_attempts + 1`,
      state: sql<'three_ds' | 'declined'>`CASE WHEN three_ds_attempts + 1 >= ${THREE_DS_MAX_ATTEMPTS} THEN 'declined' ELSE state END`,
      decline_code: sql<string | null>`CASE WHEN three_ds_attempts + 1 >= ${THREE_DS_MAX_ATTEMPTS} THEN 'three_ds_failed' ELSE decline_code END`,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('state', '=', 'three_ds')
    .where('expires_at', '>', now)
    .returning(['three_ds_attempts', 'state'])
    .executeTakeFirst();
  return row && { attempts: row.three_ds_attempts, declined: row.state === 'declined' };
}

export type Finish =
  | { state: 'captured'; authCode: string }
  | { state: 'declined'; declineCode: string }
  | { state: 'no_answer'; givesUpAt: Date };

/** Ends the 3-D Secure step with an outcome, if the payment is still in it and not expired. */
export async function finishPayment(db: Db, id: string, finish: Finish, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sandbox_acquirer_payments')
    .set({
      state: finish.state,
      auth_code: finish.state === 'captured' ? finish.authCode : null,
      captured_at: finish.state === 'captured' ? now : null,
      decline_code: finish.state === 'declined' ? finish.declineCode : null,
      gives_up_at: finish.state === 'no_answer' ? finish.givesUpAt : null,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('state', '=', 'three_ds')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The person cancels the checkout on the hosted page: from the card step or 3-D Secure, if it
 * has not ended or expired. Nothing was taken; no later step applies to a cancelled checkout
 * (each one requires the state it starts from).
 */
export async function cancelPayment(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sandbox_acquirer_payments')
    .set({ state: 'cancelled', cancelled_at: now, updated_at: now })
    .where('id', '=', id)
    .where('state', 'in', ['open', 'three_ds'])
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Inserts a refund unless its key or its payment already has one; returns whether it was inserted. */
export async function insertRefund(db: Db, row: Insertable<SandboxAcquirerRefundsTable>): Promise<boolean> {
  const inserted = await db.insertInto('sandbox_acquirer_refunds').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  return inserted !== undefined;
}

export async function findRefund(db: Db, id: string): Promise<RefundRow | undefined> {
  return db.selectFrom('sandbox_acquirer_refunds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRefundByKey(db: Db, idempotencyKey: string): Promise<RefundRow | undefined> {
  return db.selectFrom('sandbox_acquirer_refunds').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
}

export async function findRefundOfPayment(db: Db, paymentId: string): Promise<RefundRow | undefined> {
  return db.selectFrom('sandbox_acquirer_refunds').selectAll().where('payment_id', '=', paymentId).executeTakeFirst();
}

/** Captures in [from, to). A refunded payment was still captured that day. */
export async function capturesBetween(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('sandbox_acquirer_payments')
    .select(['id', 'merchant_reference', 'amount', 'currency', 'captured_at'])
    .where('captured_at', '>=', from)
    .where('captured_at', '<', to)
    .orderBy('captured_at')
    .orderBy('id')
    .execute();
}

/** Refunds that succeeded in [from, to) and by `now`. */
export async function refundsBetween(db: Db, from: Date, to: Date, now: Date) {
  return db
    .selectFrom('sandbox_acquirer_refunds as r')
    .innerJoin('sandbox_acquirer_payments as p', 'p.id', 'r.payment_id')
    .select(['r.payment_id', 'p.merchant_reference', 'r.amount', 'p.currency', 'r.succeeds_at'])
    .where('r.succeeds_at', '>=', from)
    .where('r.succeeds_at', '<', to)
    .where('r.succeeds_at', '<=', now)
    .orderBy('r.succeeds_at')
    .orderBy('r.id')
    .execute();
}
