import type { GatewayDeclineCode, GatewayPayment, GatewayPaymentStatus, GatewayRefund } from '../gateway.js';
import type { PaymentWithRefund, RefundRow } from './repository.js';

/**
 * How a stored payment reads at an instant. Time-driven changes (a checkout expiring, the issuer
 * never answering, a refund completing) are not written by a job: they follow from the stored
 * instants and the clock, so every reader sees the same answer at the same time.
 */
export function paymentStatus(row: PaymentWithRefund, now: Date): { status: GatewayPaymentStatus; declineCode: GatewayDeclineCode | null } {
  const at = now.getTime();
  switch (row.state) {
    case 'open':
    case 'three_ds':
      if (at >= row.expires_at.getTime()) return { status: 'expired', declineCode: null };
      return { status: row.state === 'open' ? 'initiated' : 'pending', declineCode: null };
    case 'captured':
      if (row.refund_succeeds_at && at >= row.refund_succeeds_at.getTime()) return { status: 'refunded', declineCode: null };
      return { status: 'captured', declineCode: null };
    case 'declined':
      return { status: 'declined', declineCode: row.decline_code as GatewayDeclineCode };
    case 'no_answer':
      if (row.gives_up_at && at >= row.gives_up_at.getTime()) return { status: 'failed', declineCode: 'no_answer' };
      return { status: 'pending', declineCode: null };
    case 'cancelled':
      // The person cancelled before any money was taken: ended, like a payment the bank never answered.
      return { status: 'failed', declineCode: 'cancelled' };
  }
}

export function toGatewayPayment(row: PaymentWithRefund, now: Date): GatewayPayment {
  const { status, declineCode } = paymentStatus(row, now);
  return {
    gatewayPaymentId: row.id,
    merchantReference: row.merchant_reference,
    status,
    amount: row.amount,
    currency: row.currency,
    scheme: row.scheme,
    last4: row.last4,
    authCode: row.auth_code,
    declineCode,
    capturedAt: row.captured_at,
  };
}

export function toGatewayRefund(row: RefundRow, now: Date): GatewayRefund {
  return {
    gatewayRefundId: row.id,
    gatewayPaymentId: row.payment_id,
    amount: row.amount,
    status: now.getTime() >= row.succeeds_at.getTime() ? 'succeeded' : 'pending',
  };
}
