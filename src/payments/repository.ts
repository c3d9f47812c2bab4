import { sql, type Insertable, type Kysely } from 'kysely';
import type { BillRow, BillsTable, CardSessionRow, CardSessionsTable, Database, PaymentRow, PaymentsTable, RefundRow, RefundsTable } from '../db/tables.js';

/**
 * All SQL of payments. Functions take `db | trx` first; callers own transactions.
 *
 * The predicates of partial unique indexes in ON CONFLICT are literals, not parameters: a
 * prepared statement's generic plan cannot match `status = $1` to the index (ADR 0004).
 */

type Db = Kysely<Database>;

/**
 * Inserts a bill and returns it; undefined when a unique index stops it: its number is taken,
 * or (a request's bill) the request already has an unpaid bill, issued by a racing twin.
 */
export async function insertBill(db: Db, row: Insertable<BillsTable>): Promise<BillRow | undefined> {
  return db.insertInto('bills').values(row).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
}

export async function billNumberTaken(db: Db, number: string): Promise<boolean> {
  return (await db.selectFrom('bills').select('id').where('number', '=', number).executeTakeFirst()) !== undefined;
}

export async function unpaidBillOfRequest(db: Db, requestId: string): Promise<BillRow | undefined> {
  return db.selectFrom('bills').selectAll().where('request_id', '=', requestId).where('status', '=', 'unpaid').executeTakeFirst();
}

export async function findBillByNumber(db: Db, number: string, options: { forUpdate?: boolean } = {}): Promise<BillRow | undefined> {
  let query = db.selectFrom('bills').selectAll().where('number', '=', number);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findBillById(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<BillRow | undefined> {
  let query = db.selectFrom('bills').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The request's bills, newest first. */
export async function billsOfRequest(db: Db, requestId: string): Promise<BillRow[]> {
  return db.selectFrom('bills').selectAll().where('request_id', '=', requestId).orderBy('created_at', 'desc').execute();
}

export async function setBillStatus(db: Db, id: string, status: BillRow['status'], now: Date, paidAt?: Date): Promise<void> {
  await db
    .updateTable('bills')
    .set({ status, updated_at: now, ...(paidAt ? { paid_at: paidAt } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Expires an unpaid bill past its time; a bill paid meanwhile is left as it is. */
export async function expireBill(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('bills').set({ status: 'expired', updated_at: now }).where('id', '=', id).where('status', '=', 'unpaid').where('expires_at', '<=', now).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Unpaid bills past their expiry, oldest first (the worker expires them). */
export async function unpaidBillsExpiredBy(db: Db, now: Date, limit: number): Promise<BillRow[]> {
  return db.selectFrom('bills').selectAll().where('status', '=', 'unpaid').where('expires_at', '<=', now).orderBy('expires_at').limit(limit).execute();
}

/**
 * Records money received. A repeated notice (same channel and external id) inserts nothing and
 * returns false; the caller then reads the payment recorded the first time.
 */
export async function insertPayment(db: Db, row: Insertable<PaymentsTable>): Promise<boolean> {
  const result = await db.insertInto('payments').values(row).onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing()).returning('id').executeTakeFirst();
  return result !== undefined;
}

export async function findPayment(db: Db, channel: PaymentRow['channel'], externalId: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('channel', '=', channel).where('external_id', '=', externalId).executeTakeFirst();
}

export async function findPaymentById(db: Db, id: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function appliedPaymentOfBill(db: Db, billId: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('bill_id', '=', billId).where('applied', '=', true).executeTakeFirst();
}

export async function findPaymentByReceipt(db: Db, receiptNumber: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('receipt_number', '=', receiptNumber).executeTakeFirst();
}

export interface PaymentHistoryRow extends PaymentRow {
  bill_number: string;
  bill_description: { ar: string; en: string };
  request_id: string | null;
  refund_status: RefundRow['status'] | null;
}

/** An account's payments, newest first, with their bills and any refund. */
export async function paymentsOfAccount(db: Db, accountId: string, limit: number): Promise<PaymentHistoryRow[]> {
  return db
    .selectFrom('payments')
    .innerJoin('bills', 'bills.id', 'payments.bill_id')
    .leftJoin('refunds', 'refunds.payment_id', 'payments.id')
    .selectAll('payments')
    .select(['bills.number as bill_number', 'bills.description as bill_description', 'bills.request_id', 'refunds.status as refund_status'])
    .where('bills.account_id', '=', accountId)
    .orderBy('payments.received_at', 'desc')
    .limit(limit)
    .execute();
}

/** Opens a card session and returns it; undefined when the bill has an open one (a double click). */
export async function insertCardSession(db: Db, row: Insertable<CardSessionsTable>): Promise<CardSessionRow | undefined> {
  return db
    .insertInto('card_sessions')
    .values(row)
    .onConflict((oc) => oc.column('bill_id').where('status', '=', sql.lit('open')).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function openCardSessionOfBill(db: Db, billId: string): Promise<CardSessionRow | undefined> {
  return db.selectFrom('card_sessions').selectAll().where('bill_id', '=', billId).where('status', '=', 'open').executeTakeFirst();
}

export async function findCardSession(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<CardSessionRow | undefined> {
  let query = db.selectFrom('card_sessions').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findCardSessionByGatewayId(db: Db, gatewayPaymentId: string): Promise<CardSessionRow | undefined> {
  return db.selectFrom('card_sessions').selectAll().where('gateway_payment_id', '=', gatewayPaymentId).executeTakeFirst();
}

export async function updateCardSession(
  db: Db,
  id: string,
  changes: Partial<Pick<CardSessionRow, 'gateway_payment_id' | 'redirect_url' | 'status' | 'decline_code' | 'payment_id' | 'checks' | 'next_check_at'>>,
  now: Date,
): Promise<CardSessionRow> {
  return db.updateTable('card_sessions').set({ ...changes, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * Ends an open card session (captured, failed, expired). Undefined when it is not open any more:
 * a closed session is never changed again, so a repeated or concurrent answer changes nothing,
 * with one exception: money the bill took (`payment_id`) is recorded on a session closed without
 * any (the worker found it expired while the gateway's capture was being applied), so the person
 * sees the payment they made, not "time ran out".
 */
export async function closeCardSession(
  db: Db,
  id: string,
  changes: Pick<CardSessionRow, 'status' | 'decline_code' | 'next_check_at'> & Partial<Pick<CardSessionRow, 'payment_id'>>,
  now: Date,
): Promise<CardSessionRow | undefined> {
  return db
    .updateTable('card_sessions')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .where((eb) => (changes.payment_id ? eb.or([eb('status', '=', 'open'), eb('payment_id', 'is', null)]) : eb('status', '=', 'open')))
    .returningAll()
    .executeTakeFirst();
}

/** Open card sessions due for a status check (the gateway has not answered, or its callback was lost). */
export async function cardSessionsDue(db: Db, now: Date, limit: number): Promise<CardSessionRow[]> {
  return db
    .selectFrom('card_sessions')
    .selectAll()
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('next_check_at', '<=', now), eb('expires_at', '<=', now)]))
    .orderBy('next_check_at')
    .limit(limit)
    .execute();
}

/** Creates the refund of a payment once; false if the payment already has one. */
export async function insertRefund(db: Db, row: Insertable<RefundsTable>): Promise<boolean> {
  const result = await db.insertInto('refunds').values(row).onConflict((oc) => oc.column('payment_id').doNothing()).returning('id').executeTakeFirst();
  return result !== undefined;
}

export async function refundsDue(db: Db, now: Date, limit: number): Promise<RefundRow[]> {
  return db.selectFrom('refunds').selectAll().where('status', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('next_attempt_at').limit(limit).execute();
}

export async function lockRefund(db: Db, id: string): Promise<RefundRow | undefined> {
  return db.selectFrom('refunds').selectAll().where('id', '=', id).forUpdate().skipLocked().executeTakeFirst();
}

export async function updateRefund(db: Db, id: string, changes: Partial<Pick<RefundRow, 'status' | 'external_id' | 'attempts' | 'last_error' | 'next_attempt_at' | 'completed_at'>>): Promise<void> {
  await db.updateTable('refunds').set(changes).where('id', '=', id).execute();
}

export async function refundOfPayment(db: Db, paymentId: string): Promise<RefundRow | undefined> {
  return db.selectFrom('refunds').selectAll().where('payment_id', '=', paymentId).executeTakeFirst();
}

/**
 * Paid bills of requests that ended by one of the given actions and whose payment has no
 * refund yet: what a service's refund policy says to give back.
 */
export async function paidBillsOfEndedRequests(db: Db, serviceId: string, actions: readonly string[], limit: number): Promise<Array<{ payment_id: string; amount: number; action: string; channel: PaymentRow['channel'] }>> {
  if (actions.length === 0) return [];
  return db
    .selectFrom('bills')
    .innerJoin('service_requests as r', 'r.id', 'bills.request_id')
    .innerJoin('request_events as e', (join) => join.onRef('e.request_id', '=', 'r.id').onRef('e.seq', '=', 'r.version'))
    .innerJoin('payments as p', (join) => join.onRef('p.bill_id', '=', 'bills.id').on('p.applied', '=', true))
    .leftJoin('refunds', 'refunds.payment_id', 'p.id')
    .select(['p.id as payment_id', 'p.amount', 'e.action', 'p.channel'])
    .where('bills.status', '=', 'paid')
    .where('r.service_id', '=', serviceId)
    .where('r.final', '=', true)
    .where('e.action', 'in', actions)
    .where('refunds.id', 'is', null)
    .limit(limit)
    .execute();
}

/** The reference and service of the request a bill is for. */
export async function requestOfBill(db: Db, requestId: string): Promise<{ reference: string; service_id: string }> {
  return db.selectFrom('service_requests').select(['reference', 'service_id']).where('id', '=', requestId).executeTakeFirstOrThrow();
}

/**
 * A bill with the reference of the request it is for (null for other bills) and, given a
 * payment's id, that payment's receipt number (null unless it paid the bill), in one query.
 */
export async function findBillWithReference(db: Db, id: string, paymentId?: string | null): Promise<(BillRow & { request_reference: string | null; receipt_number: string | null }) | undefined> {
  return db
    .selectFrom('bills')
    .leftJoin('service_requests', 'service_requests.id', 'bills.request_id')
    .leftJoin('payments', (join) => join.onRef('payments.bill_id', '=', 'bills.id').on('payments.id', '=', paymentId ?? null))
    .selectAll('bills')
    .select(['service_requests.reference as request_reference', 'payments.receipt_number'])
    .where('bills.id', '=', id)
    .executeTakeFirst();
}

/** The reference of the request a bill is for (the engine acts by reference). */
export async function referenceOfRequest(db: Db, requestId: string): Promise<string> {
  const row = await db.selectFrom('service_requests').select('reference').where('id', '=', requestId).executeTakeFirstOrThrow();
  return row.reference;
}

/** The instants a Riyadh calendar day starts and ends (the Kingdom keeps UTC+3 all year). */
function riyadhDay(date: string): [Date, Date] {
  const start = new Date(`${date}T00:00:00+03:00`);
  return [start, new Date(start.getTime() + 24 * 60 * 60 * 1000)];
}

/** Money received on a Riyadh date, for reconciliation. */
export async function paymentsReceivedOn(db: Db, date: string): Promise<PaymentRow[]> {
  const [from, to] = riyadhDay(date);
  return db.selectFrom('payments').selectAll().where('received_at', '>=', from).where('received_at', '<', to).execute();
}

/** Refunds completed on a Riyadh date, each with the channel and external id of the payment it returned. */
export async function refundsCompletedOn(db: Db, date: string): Promise<Array<{ channel: PaymentRow['channel']; external_id: string; amount: number }>> {
  const [from, to] = riyadhDay(date);
  return db
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .select(['payments.channel', 'payments.external_id', 'refunds.amount'])
    .where('refunds.status', '=', 'succeeded')
    .where('refunds.completed_at', '>=', from)
    .where('refunds.completed_at', '<', to)
    .execute();
}

export async function insertBillViolations(db: Db, rows: Array<{ bill_id: string; violation_id: string; amount: number }>): Promise<void> {
  if (rows.length > 0) await db.insertInto('bill_violations').values(rows).execute();
}

export async function violationIdsOfBill(db: Db, billId: string): Promise<string[]> {
  return (await db.selectFrom('bill_violations').select('violation_id').where('bill_id', '=', billId).orderBy('violation_id').execute()).map((r) => r.violation_id);
}

/** Unpaid bills that include any of these violations (a new bill for them replaces these). */
export async function unpaidBillsOfViolations(db: Db, violationIds: readonly string[]): Promise<BillRow[]> {
  if (violationIds.length === 0) return [];
  return db
    .selectFrom('bills')
    .selectAll('bills')
    .where('bills.status', '=', 'unpaid')
    .where(({ exists, selectFrom }) => exists(selectFrom('bill_violations').select('bill_violations.bill_id').whereRef('bill_violations.bill_id', '=', 'bills.id').where('bill_violations.violation_id', 'in', violationIds)))
    .forUpdate()
    .execute();
}

export interface BankRefundRow {
  id: string;
  amount: number;
  reason: RefundRow['reason'];
  status: RefundRow['status'];
  external_id: string | null;
  created_at: Date;
  payment_external_id: string;
  bill_number: string;
}

/** Refunds of SADAD payments a bank collected: pending ones (to transfer), or one by id. */
export async function bankRefunds(db: Db, bankCode: string, options: { id?: string; pendingOnly?: boolean; forUpdate?: boolean } = {}): Promise<BankRefundRow[]> {
  let query = db
    .selectFrom('refunds')
    .innerJoin('payments', 'payments.id', 'refunds.payment_id')
    .innerJoin('bills', 'bills.id', 'payments.bill_id')
    .select(['refunds.id', 'refunds.amount', 'refunds.reason', 'refunds.status', 'refunds.external_id', 'refunds.created_at', 'payments.external_id as payment_external_id', 'bills.number as bill_number'])
    .where('payments.channel', '=', 'sadad')
    .where('payments.bank_code', '=', bankCode)
    .orderBy('refunds.created_at');
  if (options.id) query = query.where('refunds.id', '=', options.id);
  if (options.pendingOnly) query = query.where('refunds.status', '=', 'pending');
  if (options.forUpdate) query = query.forUpdate('refunds');
  return query.execute();
}
