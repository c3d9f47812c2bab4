import type { RefundReason, RefundRow } from '../db/tables.js';
import { MINUTE_MS } from '../kernel/clock.js';
import { uuidv7 } from '../kernel/uuid.js';
import { appendAudit } from '../audit/index.js';
import type { CardDeps, PaymentsDeps } from './deps.js';
import { bankRefunds, findBillById, findPaymentById, insertRefund, lockRefund, paidBillsOfEndedRequests, refundsDue, setBillStatus, updateRefund, type BankRefundRow } from './repository.js';
import { AppError } from '../kernel/errors.js';
import { isUuid } from '../kernel/uuid.js';

/**
 * Refunds. A refund is created once per payment (a unique constraint), in the transaction that
 * decides it, and carried out through the payment's channel: a card payment by the worker
 * through the gateway (idempotent by the refund's id, so a retry after a crash cannot refund
 * twice; gateways settle refunds later, so the worker asks again until it succeeds); a SADAD
 * payment by the bank that collected it, which lists its pending refunds and confirms each
 * transfer to the payer over the signed partner API.
 */

/** Which refund reason an ending action gives. */
function reasonOf(action: string): RefundReason {
  if (action === 'reject') return 'request_rejected';
  if (action === 'cancel') return 'request_cancelled';
  return 'request_closed';
}

/** The worker: paid requests that ended by an action their service refunds after. */
export async function queueServiceRefunds(options: PaymentsDeps, limit = 200): Promise<number> {
  const now = options.clock.now();
  let queued = 0;
  for (const service of options.catalogue.all) {
    const refundOn = (service as { payment?: { refundOn?: readonly string[] } }).payment?.refundOn ?? [];
    const due = await paidBillsOfEndedRequests(options.db, service.id, refundOn, limit);
    for (const row of due) {
      // A card refund is the worker's to carry out; a SADAD refund the collecting bank's (below).
      const created = await insertRefund(options.db, { id: uuidv7(now.getTime()), payment_id: row.payment_id, amount: row.amount, reason: reasonOf(row.action), status: 'pending', next_attempt_at: row.channel === 'card' ? now : null, created_at: now });
      if (created) queued++;
    }
  }
  return queued;
}

const retryIn = (attempts: number) => Math.min(2 ** attempts, 60) * MINUTE_MS;

/** The worker: carries out pending refunds whose time has come. Returns how many it moved on. */
export async function processRefunds(options: CardDeps, limit = 50): Promise<number> {
  const due = await refundsDue(options.db, options.clock.now(), limit);
  let done = 0;
  for (const refund of due) if (await processRefund(options, refund.id)) done++;
  return done;
}

/** How long a worker holds a refund it is carrying out before another may try. */
const LEASE_MS = 2 * MINUTE_MS;

async function processRefund(options: CardDeps, refundId: string): Promise<boolean> {
  const { db, clock, gateway } = options;
  // Claim it in a short transaction (another worker holding it skips it), so the call to the
  // gateway is made outside any transaction; the refund's id makes that call idempotent.
  const claimed = await db.transaction().execute(async (trx) => {
    const refund = await lockRefund(trx, refundId);
    if (!refund || refund.status !== 'pending') return null;
    const payment = (await findPaymentById(trx, refund.payment_id))!;
    const now = clock.now();
    if (payment.channel !== 'card') {
      // The collecting bank carries out SADAD refunds and confirms them (confirmBankRefund).
      await updateRefund(trx, refund.id, { next_attempt_at: null });
      return null;
    }
    await updateRefund(trx, refund.id, { next_attempt_at: new Date(now.getTime() + LEASE_MS) });
    return { refund, payment };
  });
  if (!claimed) return false;
  const { refund, payment } = claimed;
  let outcome: { status: 'succeeded' | 'pending' | 'failed'; externalId: string | null; error: string | null };
  try {
    const result = refund.external_id ? await gateway.getRefund(refund.external_id) : await gateway.refund({ gatewayPaymentId: payment.external_id, amount: refund.amount, idempotencyKey: refund.id });
    outcome = { status: result.status, externalId: result.gatewayRefundId, error: result.status === 'failed' ? 'refund_failed' : null };
  } catch (error) {
    outcome = { status: 'pending', externalId: refund.external_id, error: (error as Error).message.slice(0, 200) };
  }
  return db.transaction().execute(async (trx) => {
    const current = await lockRefund(trx, refundId);
    if (!current || current.status !== 'pending') return false;
    const now = clock.now();
    if (outcome.status === 'succeeded') {
      await complete(options, trx, current, outcome.externalId!, now);
      return true;
    }
    // A failed refund is asked for again (a new gateway refund); a pending one is asked after.
    await updateRefund(trx, refundId, {
      external_id: outcome.status === 'failed' ? null : outcome.externalId,
      attempts: current.attempts + 1,
      last_error: outcome.error,
      next_attempt_at: new Date(now.getTime() + retryIn(current.attempts)),
    });
    return false;
  });
}

async function complete(options: PaymentsDeps, trx: PaymentsDeps['db'], refund: RefundRow, externalId: string, now: Date): Promise<void> {
  await updateRefund(trx, refund.id, { status: 'succeeded', external_id: externalId, completed_at: now, next_attempt_at: null });
  const payment = (await findPaymentById(trx, refund.payment_id))!;
  const bill = (await findBillById(trx, payment.bill_id))!;
  if (payment.applied) await setBillStatus(trx, bill.id, 'refunded', now);
  await appendAudit(trx, { actorKind: 'system', actorId: null, action: 'payments.refunded', subjectPersonId: bill.person_id, details: { bill: bill.number, payment: payment.id, amount: refund.amount, reason: refund.reason } }, options.clock);
}

export interface BankRefundView {
  refundId: string;
  transactionId: string;
  billNumber: string;
  amount: number;
  reason: RefundReason;
  status: RefundRow['status'];
  bankReference: string | null;
  createdAt: string;
}

function bankView(bankCode: string, row: BankRefundRow): BankRefundView {
  return {
    refundId: row.id,
    transactionId: row.payment_external_id.slice(bankCode.length + 1),
    billNumber: row.bill_number,
    amount: row.amount,
    reason: row.reason,
    status: row.status,
    bankReference: row.external_id,
    createdAt: row.created_at.toISOString(),
  };
}

/** The refunds a bank is to transfer back to its customers (SADAD payments it collected). */
export async function pendingBankRefunds(db: PaymentsDeps['db'], bankCode: string): Promise<BankRefundView[]> {
  return (await bankRefunds(db, bankCode, { pendingOnly: true })).map((row) => bankView(bankCode, row));
}

/**
 * The bank reports a refund transferred (or failed). Idempotent: the same report again returns
 * the refund as it is; a different report for a refund already settled is a conflict.
 */
export async function confirmBankRefund(options: PaymentsDeps & { bankCode: string; refundId: string; report: { bankReference: string; status: 'succeeded' | 'failed' } }): Promise<{ replayed: boolean; refund: BankRefundView }> {
  const { db, clock, bankCode, report } = options;
  return db.transaction().execute(async (trx) => {
    const [row] = isUuid(options.refundId) ? await bankRefunds(trx, bankCode, { id: options.refundId, forUpdate: true }) : [];
    // Another bank's refund and a made-up id get the same answer.
    if (!row) throw new AppError('payments.refund_not_found');
    if (row.status !== 'pending') {
      if (row.status === report.status && row.external_id === report.bankReference) return { replayed: true, refund: bankView(bankCode, row) };
      throw new AppError('payments.transaction_conflict');
    }
    const now = clock.now();
    const refund = (await lockRefund(trx, row.id))!;
    if (report.status === 'succeeded') await complete(options, trx, refund, report.bankReference, now);
    else await updateRefund(trx, row.id, { status: 'failed', external_id: report.bankReference, last_error: 'bank_refund_failed', completed_at: now, next_attempt_at: null });
    const [after] = await bankRefunds(trx, bankCode, { id: row.id });
    return { replayed: false, refund: bankView(bankCode, after!) };
  });
}
