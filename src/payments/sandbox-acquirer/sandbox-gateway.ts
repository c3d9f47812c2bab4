import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { Clock } from '../../kernel/clock.js';
import { isIsoDate } from '../../kernel/dates.js';
import type { CardGateway, Checkout, CheckoutRequest, GatewayRefund, SettlementLine } from '../gateway.js';
import { verifyCallbackSignature } from './callbacks.js';
import { SandboxAcquirerError } from './errors.js';
import { capturesBetween, findPayment, findRefund, findRefundByKey, findRefundOfPayment, insertOrFindCheckout, insertRefund, refundsBetween } from './repository.js';
import { toGatewayPayment, toGatewayRefund } from './status.js';

/** The port as the sandbox implements it: what the platform calls, server to server. */

export interface GatewayDeps {
  db: Kysely<Database>;
  clock: Clock;
  secret: string;
  publicUrl: string;
  refundDelayMs: number;
  checkoutTtlMs: number;
}

export const GATEWAY_NAME = 'sandbox';
const RIYADH_OFFSET = '+03:00';

/** `pay_` / `rfd_` and 24 random base64url characters (144 bits): ids that cannot be guessed. */
export function randomId(prefix: 'pay' | 'rfd'): string {
  return `${prefix}_${randomBytes(18).toString('base64url')}`;
}

export function checkoutUrl(publicUrl: string, id: string): string {
  return `${publicUrl.replace(/\/$/, '')}/sandbox-acquirer/checkout/${id}`;
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function checkRequest(request: CheckoutRequest): void {
  const problems: string[] = [];
  if (typeof request.merchantReference !== 'string' || !/^[\x21-\x7e]{1,100}$/.test(request.merchantReference)) problems.push('merchantReference');
  if (!Number.isSafeInteger(request.amount) || request.amount <= 0) problems.push('amount');
  if (request.currency !== 'SAR') problems.push('currency');
  if (!request.description?.ar?.trim() || !request.description?.en?.trim()) problems.push('description');
  if (request.locale !== 'ar' && request.locale !== 'en') problems.push('locale');
  if (!isHttpUrl(request.returnUrl)) problems.push('returnUrl');
  if (!isHttpUrl(request.callbackUrl)) problems.push('callbackUrl');
  if (problems.length > 0) throw new SandboxAcquirerError('invalid_request', `invalid ${problems.join(', ')}`);
}

export function createSandboxGateway(deps: GatewayDeps): CardGateway {
  const { db, clock } = deps;

  return {
    name: GATEWAY_NAME,

    async createCheckout(request): Promise<Checkout> {
      checkRequest(request);
      const now = clock.now();
      const row = await insertOrFindCheckout(db, {
        id: randomId('pay'),
        merchant_reference: request.merchantReference,
        amount: request.amount,
        currency: request.currency,
        description_ar: request.description.ar.slice(0, 500),
        description_en: request.description.en.slice(0, 500),
        locale: request.locale,
        return_url: request.returnUrl,
        callback_url: request.callbackUrl,
        state: 'open',
        scheme: null,
        last4: null,
        expiry_month: null,
        expiry_year: null,
        planned_outcome: null,
        auth_code: null,
        decline_code: null,
        captured_at: null,
        gives_up_at: null,
        cancelled_at: null,
        expires_at: new Date(now.getTime() + deps.checkoutTtlMs),
        created_at: now,
        updated_at: now,
      });
      if (row.amount !== request.amount || row.currency !== request.currency) {
        throw new SandboxAcquirerError('reference_conflict', 'this merchantReference was used for another amount');
      }
      return { gatewayPaymentId: row.id, redirectUrl: checkoutUrl(deps.publicUrl, row.id), expiresAt: row.expires_at };
    },

    async getPayment(gatewayPaymentId) {
      const row = await findPayment(db, gatewayPaymentId);
      if (!row) throw new SandboxAcquirerError('unknown_payment', 'no such payment');
      return toGatewayPayment(row, clock.now());
    },

    async refund({ gatewayPaymentId, amount, idempotencyKey }): Promise<GatewayRefund> {
      if (typeof idempotencyKey !== 'string' || idempotencyKey.length === 0 || idempotencyKey.length > 200) {
        throw new SandboxAcquirerError('invalid_request', 'an idempotencyKey of 1 to 200 characters is needed');
      }
      const now = clock.now();
      const replay = async (): Promise<GatewayRefund | undefined> => {
        const existing = await findRefundByKey(db, idempotencyKey);
        if (!existing) return undefined;
        if (existing.payment_id !== gatewayPaymentId || existing.amount !== amount) {
          throw new SandboxAcquirerError('idempotency_conflict', 'this idempotencyKey was used for another refund');
        }
        return toGatewayRefund(existing, now);
      };
      const earlier = await replay();
      if (earlier) return earlier;

      const payment = await findPayment(db, gatewayPaymentId);
      if (!payment) throw new SandboxAcquirerError('unknown_payment', 'no such payment');
      if (payment.state !== 'captured') throw new SandboxAcquirerError('not_captured', 'only a captured payment can be refunded');
      if (amount !== payment.amount) throw new SandboxAcquirerError('amount_mismatch', 'refunds are of the full captured amount');

      const id = randomId('rfd');
      const inserted = await insertRefund(db, {
        id,
        payment_id: gatewayPaymentId,
        idempotency_key: idempotencyKey,
        amount,
        created_at: now,
        succeeds_at: new Date(now.getTime() + deps.refundDelayMs),
      });
      if (inserted) return toGatewayRefund((await findRefund(db, id))!, now);
      // Lost a race to the same key (the same refund), or the payment has a refund under another key.
      const raced = await replay();
      if (raced) return raced;
      if (await findRefundOfPayment(db, gatewayPaymentId)) throw new SandboxAcquirerError('already_refunded', 'this payment has been refunded');
      throw new SandboxAcquirerError('idempotency_conflict', 'the refund could not be recorded');
    },

    async getRefund(gatewayRefundId) {
      const row = await findRefund(db, gatewayRefundId);
      if (!row) throw new SandboxAcquirerError('unknown_refund', 'no such refund');
      return toGatewayRefund(row, clock.now());
    },

    verifyCallback(headers, rawBody) {
      return verifyCallbackSignature(deps.secret, headers, rawBody, clock.now());
    },

    async settlement(date): Promise<SettlementLine[]> {
      if (typeof date !== 'string' || !isIsoDate(date)) throw new SandboxAcquirerError('invalid_request', 'a settlement date is YYYY-MM-DD');
      const from = new Date(`${date}T00:00:00${RIYADH_OFFSET}`);
      const to = new Date(from.getTime() + 24 * 3600 * 1000); // Riyadh keeps no daylight saving time
      const [captures, refunds] = await Promise.all([capturesBetween(db, from, to), refundsBetween(db, from, to, clock.now())]);
      const lines: SettlementLine[] = [
        ...captures.map((c) => ({ kind: 'capture' as const, gatewayPaymentId: c.id, merchantReference: c.merchant_reference, amount: c.amount, currency: c.currency, at: c.captured_at! })),
        ...refunds.map((r) => ({ kind: 'refund' as const, gatewayPaymentId: r.payment_id, merchantReference: r.merchant_reference, amount: r.amount, currency: r.currency, at: r.succeeds_at })),
      ];
      return lines.sort((a, b) => a.at.getTime() - b.at.getTime() || a.kind.localeCompare(b.kind));
    },
  };
}
