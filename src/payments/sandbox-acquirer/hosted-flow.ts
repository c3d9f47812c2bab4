import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { Clock } from '../../kernel/clock.js';
import type { CallbackSender } from './callbacks.js';
import { checkCardForm, checkCodeForm, type CardFieldError } from './card-form.js';
import { acceptCard, cancelPayment, findPayment, finishPayment, recordWrongCode, THREE_DS_MAX_ATTEMPTS, type Finish, type PaymentWithRefund } from './repository.js';
import { paymentStatus } from './status.js';

/**
 * What the hosted pages do, apart from HTML: the card form, then 3-D Secure, then the outcome
 * the test card planned, the callback and the way back to the merchant; or, at either step,
 * the person's cancelling.
 */

export interface FlowDeps {
  db: Kysely<Database>;
  clock: Clock;
  sender: CallbackSender;
  noAnswerAfterMs: number;
}

/** The code the sandbox's 3-D Secure step accepts (shown on the page as a test hint). */
export const SANDBOX_3DS_CODE = '123456';

const PAYMENT_ID = /^pay_[A-Za-z0-9_-]{24}$/;

/** Which page a checkout is at now. */
export type Stage = 'card' | 'three_ds' | 'finished';

export function stageOf(row: PaymentWithRefund, now: Date): Stage {
  const { status } = paymentStatus(row, now);
  if (status === 'initiated') return 'card';
  if (status === 'pending' && row.state === 'three_ds') return 'three_ds';
  return 'finished';
}

export async function loadCheckout(db: Kysely<Database>, id: string): Promise<PaymentWithRefund | undefined> {
  return PAYMENT_ID.test(id) ? findPayment(db, id) : undefined;
}

export type CardSubmission =
  | { kind: 'accepted' }
  | { kind: 'invalid'; errors: CardFieldError[]; kept: { name: string; expiry: string } }
  /** The checkout was not at the card step (any more): show where it is. */
  | { kind: 'moved' };

export async function submitCard(deps: FlowDeps, row: PaymentWithRefund, body: unknown): Promise<CardSubmission> {
  const now = deps.clock.now();
  if (stageOf(row, now) !== 'card') return { kind: 'moved' };
  const checked = checkCardForm(body, now);
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors, kept: checked.kept };
  return (await acceptCard(deps.db, row.id, checked.card, now)) ? { kind: 'accepted' } : { kind: 'moved' };
}

export type CodeSubmission =
  | { kind: 'finished' }
  | { kind: 'invalid'; error: string; params?: Record<string, number> }
  | { kind: 'moved' };

function authCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  return Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** The issuer's answer once 3-D Secure has passed, as the test card planned it. */
function outcomeOf(row: PaymentWithRefund, now: Date, noAnswerAfterMs: number): Finish {
  switch (row.planned_outcome) {
    case 'approved':
    case null:
      return { state: 'captured', authCode: authCode() };
    case 'no_answer':
      return { state: 'no_answer', givesUpAt: new Date(now.getTime() + noAnswerAfterMs) };
    default:
      return { state: 'declined', declineCode: row.planned_outcome };
  }
}

/** The callback's `status`: the outcome in the acquirer's own terms. */
function notify(deps: FlowDeps, row: PaymentWithRefund, status: 'captured' | 'declined' | 'cancelled'): void {
  deps.sender.send({ paymentId: row.id, merchantReference: row.merchant_reference, status, callbackUrl: row.callback_url });
}

export async function submitCode(deps: FlowDeps, row: PaymentWithRefund, body: unknown): Promise<CodeSubmission> {
  const now = deps.clock.now();
  if (stageOf(row, now) !== 'three_ds') return { kind: 'moved' };
  const checked = checkCodeForm(body);
  if ('error' in checked) return { kind: 'invalid', error: checked.error };

  // The 3-D Secure failure test card fails with any code, at once.
  if (row.planned_outcome === 'three_ds_failed') {
    if (!(await finishPayment(deps.db, row.id, { state: 'declined', declineCode: 'three_ds_failed' }, now))) return { kind: 'moved' };
    notify(deps, row, 'declined');
    return { kind: 'finished' };
  }

  if (checked.code !== SANDBOX_3DS_CODE) {
    const wrong = await recordWrongCode(deps.db, row.id, now);
    if (!wrong) return { kind: 'moved' };
    if (wrong.declined) {
      notify(deps, row, 'declined');
      return { kind: 'finished' };
    }
    return { kind: 'invalid', error: 'acquirer.errors.code_wrong', params: { count: THREE_DS_MAX_ATTEMPTS - wrong.attempts } };
  }

  const outcome = outcomeOf(row, now, deps.noAnswerAfterMs);
  if (!(await finishPayment(deps.db, row.id, outcome, now))) return { kind: 'moved' };
  // "No answer": the issuer never replies, so there is nothing to notify.
  if (outcome.state !== 'no_answer') notify(deps, row, outcome.state);
  return { kind: 'finished' };
}

export type CancelSubmission =
  /** Cancelled now, or by an earlier click: back to the merchant. */
  | { kind: 'cancelled' }
  /** The checkout had ended (paid, declined, expired): nothing to cancel; show where it is. */
  | { kind: 'moved' };

/**
 * The person cancels on the card page or the 3-D Secure page: the checkout ends `cancelled`,
 * nothing is taken, and the merchant is told by the signed callback as for any outcome. A
 * second click finds it cancelled already and notifies nothing more.
 */
export async function cancelCheckout(deps: FlowDeps, row: PaymentWithRefund): Promise<CancelSubmission> {
  if (row.state === 'cancelled') return { kind: 'cancelled' };
  const now = deps.clock.now();
  if (stageOf(row, now) === 'finished') return { kind: 'moved' };
  if (!(await cancelPayment(deps.db, row.id, now))) {
    // Changed under us (a double click, or the code form sent at the same moment): as it stands now.
    return (await findPayment(deps.db, row.id))?.state === 'cancelled' ? { kind: 'cancelled' } : { kind: 'moved' };
  }
  notify(deps, row, 'cancelled');
  return { kind: 'cancelled' };
}
