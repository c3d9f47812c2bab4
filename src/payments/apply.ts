import type { Kysely } from 'kysely';
import type { BillRow, Database, PaymentChannel, PaymentRow, RefundReason } from '../db/tables.js';
import { AppError, isAppError } from '../kernel/errors.js';
import { uuidv7 } from '../kernel/uuid.js';
import { newReference } from '../kernel/reference.js';
import { appendAudit } from '../audit/index.js';
import { actInTransaction } from '../requests/index.js';
import { unpayableBecause } from './bills.js';
import { settleViolations } from './violations.js';
import type { PaymentsDeps } from './deps.js';
import { findBillById, findPayment, insertPayment, insertRefund, setBillStatus } from './repository.js';

/**
 * Money received for a bill, exactly once.
 *
 * Under the bill's row lock: a notice or callback seen before (same channel and external id)
 * changes nothing and gets the first answer; the amount and currency must be the bill's; a
 * payable bill is paid by this payment, and what the bill was for moves on in the same
 * transaction (the request's `pay`). The partial unique index on payments (one applied payment
 * per bill) backs this up should two transactions ever get past the lock.
 *
 * Money that cannot pay the bill (the bill already paid by another channel, expired, or its
 * request closed) is handled by channel: a bank is refused (its SADAD payment does not go
 * through); a card payment already captured by the gateway is recorded and refunded in full.
 */

/** Receipt references start PR (payment receipt); requests' start TR. */
export const RECEIPT_PREFIX = 'PR';

export interface IncomingPayment {
  channel: PaymentChannel;
  /** The bank's transaction id, or the gateway's payment id. */
  externalId: string;
  bankCode?: string | null;
  amount: number;
  currency: string;
  scheme?: string | null;
  last4?: string | null;
  receivedAt: Date;
}

export type PaymentOutcome =
  | { kind: 'applied'; payment: PaymentRow; bill: BillRow }
  | { kind: 'duplicate'; payment: PaymentRow; bill: BillRow }
  | { kind: 'refunding'; payment: PaymentRow; bill: BillRow; reason: RefundReason };

export async function receivePayment(options: PaymentsDeps & { billId: string; incoming: IncomingPayment; ip?: string | null }): Promise<PaymentOutcome> {
  return options.db.transaction().execute((trx) => receiveInTransaction(trx, options));
}

async function receiveInTransaction(trx: Kysely<Database>, options: PaymentsDeps & { billId: string; incoming: IncomingPayment; ip?: string | null }): Promise<PaymentOutcome> {
  const { clock, incoming } = options;
  const bill = await findBillById(trx, options.billId, { forUpdate: true });
  if (!bill) throw new AppError('payments.bill_not_found');
  const seen = await findPayment(trx, incoming.channel, incoming.externalId);
  if (seen) {
    if (seen.bill_id !== bill.id || seen.amount !== incoming.amount) throw new AppError('payments.transaction_conflict');
    return { kind: 'duplicate', payment: seen, bill };
  }
  const now = clock.now();
  const refusal = incoming.amount !== bill.amount || incoming.currency !== 'SAR' ? 'payments.amount_mismatch' : (unpayableBecause(bill, now) ?? (await moveSubjectOn(trx, options, bill)));
  if (refusal && incoming.channel === 'sadad') throw new AppError(refusal);

  const payment: PaymentRow = {
    id: uuidv7(now.getTime()),
    bill_id: bill.id,
    channel: incoming.channel,
    external_id: incoming.externalId,
    bank_code: incoming.bankCode ?? null,
    amount: incoming.amount,
    currency: incoming.currency,
    applied: refusal === null,
    receipt_number: refusal === null ? newReference(RECEIPT_PREFIX) : null,
    scheme: incoming.scheme ?? null,
    last4: incoming.last4 ?? null,
    received_at: incoming.receivedAt,
    created_at: now,
  };
  await insertPayment(trx, payment);
  const audit = { actorKind: 'system' as const, actorId: null, subjectPersonId: bill.person_id, ip: options.ip ?? null };
  if (refusal === null) {
    await setBillStatus(trx, bill.id, 'paid', now, incoming.receivedAt);
    await appendAudit(trx, { ...audit, action: 'payments.received', details: { bill: bill.number, channel: incoming.channel, externalId: incoming.externalId, amount: incoming.amount } }, clock);
    return { kind: 'applied', payment, bill: { ...bill, status: 'paid', paid_at: incoming.receivedAt } };
  }
  const reason: RefundReason = refusal === 'payments.bill_paid' ? 'duplicate_payment' : refusal === 'payments.amount_mismatch' ? 'amount_mismatch' : 'bill_closed';
  await insertRefund(trx, { id: uuidv7(now.getTime()), payment_id: payment.id, amount: payment.amount, reason, status: 'pending', next_attempt_at: now, created_at: now });
  await appendAudit(trx, { ...audit, action: 'payments.received_not_applied', details: { bill: bill.number, channel: incoming.channel, externalId: incoming.externalId, amount: incoming.amount, reason } }, clock);
  return { kind: 'refunding', payment, bill, reason };
}

/**
 * What the bill was for moves on: a request takes its `pay` action (by the platform); traffic
 * violations become paid. A request no longer waiting for payment (cancelled, expired), or a
 * violation paid meanwhile, makes the bill unpayable.
 */
async function moveSubjectOn(trx: Kysely<Database>, deps: PaymentsDeps, bill: BillRow): Promise<'payments.bill_not_payable' | null> {
  if (bill.subject === 'violations') return settleViolations(trx, deps, bill);
  if (!bill.request_id) return null;
  try {
    await actInTransaction(trx, { clock: deps.clock, catalogue: deps.catalogue, actor: { kind: 'system' }, act: { reference: { id: bill.request_id }, action: 'pay' } });
    return null;
  } catch (error) {
    if (isAppError(error) && error.code === 'requests.action_not_allowed') return 'payments.bill_not_payable';
    throw error;
  }
}
