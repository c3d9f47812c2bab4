import type { BillRow, CardSessionRow } from '../db/tables.js';
import { MINUTE_MS } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { isUuid, uuidv7 } from '../kernel/uuid.js';
import { receivePayment } from './apply.js';
import { billOfAccount, unpayableBecause } from './bills.js';
import type { CardDeps } from './deps.js';
import type { GatewayPayment } from './gateway.js';
import { cardSessionsDue, closeCardSession, findBillWithReference, findCardSession, findCardSessionByGatewayId, insertCardSession, openCardSessionOfBill, updateCardSession } from './repository.js';

/**
 * Paying a bill by card. The person has seen and confirmed the amount on our page; we open a
 * card session (one open session per bill: a double click finds the same one), start a
 * checkout on the gateway's hosted page and send the browser there. When the browser comes
 * back, or the gateway's signed callback arrives, or the worker's check comes round, we ask
 * the gateway for the payment's status: only a captured payment of the bill's amount in SAR
 * pays it (apply.ts). A gateway that has not answered is asked again, less and less often,
 * until its checkout expires.
 */

/** How long the person has on the gateway's page before the session is given up. */
export const CARD_SESSION_TTL_MS = 20 * MINUTE_MS;
/** When to ask again after no answer: 1, 2, 4 … minutes. */
const nextCheckIn = (checks: number) => Math.min(2 ** checks, 15) * MINUTE_MS;

export async function startCardPayment(options: CardDeps & { accountId: string; billNumber: string; locale: 'ar' | 'en' }): Promise<{ session: CardSessionRow; redirectUrl: string }> {
  const { db, clock, gateway } = options;
  const bill = await billOfAccount(db, options.accountId, options.billNumber);
  const now = clock.now();
  const refusal = unpayableBecause(bill, now);
  if (refusal) throw new AppError(refusal);
  if (!bill.channels.includes('card')) throw new AppError('payments.channel_not_offered');

  // The bill's open session, or a new one. Inserted first: the unique index finds a double
  // click's twin (or an earlier visit's session), which is then the session.
  const openSession = async () => {
    const expiresAt = new Date(Math.min(now.getTime() + CARD_SESSION_TTL_MS, bill.expires_at.getTime()));
    const row = { id: uuidv7(now.getTime()), bill_id: bill.id, account_id: options.accountId, gateway: gateway.name, amount: bill.amount, status: 'open' as const, expires_at: expiresAt, next_check_at: new Date(now.getTime() + nextCheckIn(0)), created_at: now, updated_at: now };
    return (await insertCardSession(db, row)) ?? (await openCardSessionOfBill(db, bill.id));
  };
  let session = await openSession();
  if (session && session.expires_at <= now) {
    // An earlier session ran out: what the gateway says of it first (it may have been paid).
    if ((await settleFromGateway(options, session)).status === 'captured') throw new AppError('payments.bill_paid');
    session = await openSession();
  }
  // (None: the open one was closed between the insert and the read; the next insert stands.)
  session ??= await openSession();
  if (!session) throw new Error(`bill ${bill.id}: no card session could be opened`);
  if (session.redirect_url) return { session, redirectUrl: session.redirect_url };

  const base = options.publicUrl.replace(/\/$/, '');
  let checkout;
  try {
    checkout = await gateway.createCheckout({
      merchantReference: session.id,
      amount: session.amount,
      currency: 'SAR',
      description: bill.description as unknown as { ar: string; en: string },
      locale: options.locale,
      returnUrl: `${base}/payments/card/${session.id}/return`,
      callbackUrl: `${base}/api/v1/partners/cards/callback`,
    });
  } catch {
    // The session stays open without a checkout; the person may try again (the same session).
    throw new AppError('payments.gateway_unavailable');
  }
  session = await updateCardSession(db, session.id, { gateway_payment_id: checkout.gatewayPaymentId, redirect_url: checkout.redirectUrl }, now);
  return { session, redirectUrl: checkout.redirectUrl };
}

export interface CardSessionView {
  session: CardSessionRow;
  bill: BillRow;
  /** The reference of the request the bill is for; null for other bills. */
  requestReference: string | null;
  /** The receipt of this session's payment, when it paid the bill. */
  receiptNumber: string | null;
}

/** The person's card session, after asking the gateway where it stands (the return page). */
export async function cardSessionOfAccount(options: CardDeps & { accountId: string; sessionId: string }): Promise<CardSessionView> {
  const found = isUuid(options.sessionId) ? await findCardSession(options.db, options.sessionId) : undefined;
  if (!found || found.account_id !== options.accountId) throw new AppError('payments.bill_not_found');
  const session = found.status === 'open' ? await settleFromGateway(options, found) : found;
  const { request_reference: requestReference, receipt_number: receiptNumber, ...bill } = (await findBillWithReference(options.db, session.bill_id, session.payment_id))!;
  return { session, bill, requestReference, receiptNumber };
}

/**
 * A gateway callback, once its signature is checked: a hint to ask the gateway. Only a session
 * still open is settled, so the same callback again (a retry, a replay in its window) does
 * nothing; and one we closed as expired with no payment, because the gateway may have captured
 * the money after our time ran out (the payment is then recorded, and refunded if the bill can no
 * longer take it): money taken is never left unrecorded.
 */
export async function cardCallback(options: CardDeps & { headers: Record<string, string | string[] | undefined>; rawBody: string }): Promise<boolean> {
  const verified = options.gateway.verifyCallback(options.headers, options.rawBody);
  if (!verified) return false;
  const session = await findCardSessionByGatewayId(options.db, verified.gatewayPaymentId);
  if (session && (session.status === 'open' || (session.status === 'expired' && session.payment_id === null))) await settleFromGateway(options, session);
  return true;
}

/** The worker: open sessions whose gateway has not told us anything for a while. */
export async function checkCardSessions(options: CardDeps, limit = 100): Promise<number> {
  const due = await cardSessionsDue(options.db, options.clock.now(), limit);
  for (const session of due) await settleFromGateway(options, session);
  return due.length;
}

/**
 * Asks the gateway and records the answer. Safe to run any number of times and concurrently:
 * the payment is recorded once (apply.ts), and a closed session is neither reopened nor
 * changed again (the first answer recorded stands).
 *
 * A checkout the person cancelled on the hosted page reads `failed` / `cancelled`: the session
 * fails with that reason, and the bill, still unpaid, takes a new session and checkout.
 */
async function settleFromGateway(options: CardDeps, session: CardSessionRow): Promise<CardSessionRow> {
  const { db, clock, gateway } = options;
  const now = clock.now();
  const close = async (changes: Parameters<typeof closeCardSession>[2]) => (await closeCardSession(db, session.id, changes, now)) ?? (await findCardSession(db, session.id))!;
  if (!session.gateway_payment_id) {
    // The checkout was never created (the gateway was down): nothing can have been paid.
    return session.expires_at <= now ? close({ status: 'expired', decline_code: null, next_check_at: null }) : session;
  }
  let payment: GatewayPayment;
  try {
    payment = await gateway.getPayment(session.gateway_payment_id);
  } catch {
    return updateCardSession(db, session.id, { checks: session.checks + 1, next_check_at: new Date(now.getTime() + nextCheckIn(session.checks + 1)) }, now);
  }
  if (payment.status === 'captured' || payment.status === 'refunded') {
    const outcome = await receivePayment({
      ...options,
      billId: session.bill_id,
      incoming: { channel: 'card', externalId: payment.gatewayPaymentId, amount: payment.amount, currency: payment.currency, scheme: payment.scheme, last4: payment.last4, receivedAt: payment.capturedAt ?? now },
    });
    // Money the bill could not take (a mismatch, the bill paid another way, the request closed)
    // is being refunded: for the person this payment failed, and the page says why.
    const refunding = outcome.kind === 'refunding' ? outcome.reason : null;
    return close({ status: refunding ? 'failed' : 'captured', payment_id: outcome.payment.id, decline_code: refunding, next_check_at: null });
  }
  if (payment.status === 'declined' || payment.status === 'failed') {
    return close({ status: 'failed', decline_code: payment.declineCode ?? payment.status, next_check_at: null });
  }
  if (payment.status === 'expired' || session.expires_at <= now) {
    return close({ status: 'expired', decline_code: payment.declineCode, next_check_at: null });
  }
  return updateCardSession(db, session.id, { checks: session.checks + 1, next_check_at: new Date(now.getTime() + nextCheckIn(session.checks + 1)) }, now);
}
