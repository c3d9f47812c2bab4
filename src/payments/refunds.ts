import type { RefundReason, RefundRow } from '../db/tables.js';
import { MINUTE_MS } from '../kernel/clock.js';
import { uuidv7 } from '../kernel/uuid.js';
import { appendAudit } from '../audit/index.js';
import type { CardDeps, PaymentsDeps } from './deps.js';
import { findBillById, findPaymentById, insertRefund, lockRefund, paidBillsOfEndedRequests, refundsDue, setBillStatus, updateRefund } from './repository.js';

/**
 * Refunds. A refund is created once per payment (a unique constraint), in the transaction that
 * decides it, and carried out by the worker through the payment's channel: a card payment
 * through the gateway (idempotent by the refund's id, so a retry after a crash cannot refund
 * twice). Gateways settle refunds later: the worker asks again until the refund succeeds.
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
      const created = await insertRefund(options.db, { id: uuidv7(now.getTime()), payment_id: row.payment_id, amount: row.amount, reason: reasonOf(row.action), status: 'pending', next_attempt_at: now, created_at: now });
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

async function processRefund(options: CardDeps, refundId: string): Promise<boolean> {
  const { db, clock, gateway } = options;
  return db.transaction().execute(async (trx) => {
    // Another worker holding it skips it: each refund is worked by one worker at a time.
    const refund = await lockRefund(trx, refundId);
    if (!refund || refund.status !== 'pending') return false;
    const payment = (await findPaymentById(trx, refund.payment_id))!;
    const now = clock.now();
    if (payment.channel !== 'card') {
      // SADAD refunds are instructed to the collecting bank; until that partner API exists,
      // they wait here, visible to the person and to operators as pending.
      await updateRefund(trx, refund.id, { next_attempt_at: new Date(now.getTime() + 60 * MINUTE_MS) });
      return false;
    }
    try {
      const result = refund.external_id ? await gateway.getRefund(refund.external_id) : await gateway.refund({ gatewayPaymentId: payment.external_id, amount: refund.amount, idempotencyKey: refund.id });
      if (result.status === 'succeeded') {
        await complete(options, trx, refund, result.gatewayRefundId, now);
        return true;
      }
      const failed = result.status === 'failed';
      await updateRefund(trx, refund.id, { external_id: failed ? null : result.gatewayRefundId, attempts: refund.attempts + 1, last_error: failed ? 'refund_failed' : null, next_attempt_at: new Date(now.getTime() + retryIn(refund.attempts)) });
      return false;
    } catch (error) {
      await updateRefund(trx, refund.id, { attempts: refund.attempts + 1, last_error: (error as Error).message.slice(0, 200), next_attempt_at: new Date(now.getTime() + retryIn(refund.attempts)) });
      return false;
    }
  });
}

async function complete(options: PaymentsDeps, trx: PaymentsDeps['db'], refund: RefundRow, externalId: string, now: Date): Promise<void> {
  await updateRefund(trx, refund.id, { status: 'succeeded', external_id: externalId, completed_at: now, next_attempt_at: null });
  const payment = (await findPaymentById(trx, refund.payment_id))!;
  const bill = (await findBillById(trx, payment.bill_id))!;
  if (payment.applied) await setBillStatus(trx, bill.id, 'refunded', now);
  await appendAudit(trx, { actorKind: 'system', actorId: null, action: 'payments.refunded', subjectPersonId: bill.person_id, details: { bill: bill.number, payment: payment.id, amount: refund.amount, reason: refund.reason } }, options.clock);
}
