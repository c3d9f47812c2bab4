import type { Halalas } from '../kernel/money.js';

/**
 * The card gateway port: what the platform needs from a card acquirer (mada, Visa, Mastercard
 * with 3-D Secure). The platform never sees a card number or a CVV: the person types them on
 * the gateway's hosted page, and the platform learns only the outcome, the scheme and the last
 * four digits.
 *
 * A payment counts only after the platform has asked the gateway for its status
 * (`getPayment`) and the amount and currency match the bill: a callback or a browser returning
 * from the gateway is a hint to ask, never proof.
 *
 * Implementations: the built-in sandbox acquirer (sandbox-acquirer/), which behaves like a
 * real one (hosted page, 3-D Secure step, test cards with documented outcomes, signed
 * callbacks, refunds, settlement files); an adapter for a real acquirer implements the same.
 */

export type CardScheme = 'mada' | 'visa' | 'mastercard';

/** Where a gateway payment stands. `pending` covers "entered, 3-D Secure or the issuer not answered yet". */
export type GatewayPaymentStatus = 'initiated' | 'pending' | 'captured' | 'declined' | 'failed' | 'expired' | 'refunded';

/**
 * Why a payment did not go through, as gateways report it. `cancelled`: the person cancelled on
 * the hosted page (reported with status `failed`, like `no_answer`); nothing was taken.
 */
export type GatewayDeclineCode = 'declined' | 'insufficient_funds' | 'three_ds_failed' | 'expired_card' | 'invalid_card' | 'no_answer' | 'cancelled';

export interface CheckoutRequest {
  /** Our id for this attempt (a card session): the gateway answers the same checkout for the same id. */
  merchantReference: string;
  amount: Halalas;
  currency: 'SAR';
  /** Shown on the hosted page above the card form. */
  description: { ar: string; en: string };
  locale: 'ar' | 'en';
  /** Where the gateway sends the browser back when the person is done (GET). */
  returnUrl: string;
  /** Where the gateway POSTs its signed notification of the outcome (server to server). */
  callbackUrl: string;
}

export interface Checkout {
  gatewayPaymentId: string;
  /** The hosted card page to send the browser to. */
  redirectUrl: string;
  expiresAt: Date;
}

export interface GatewayPayment {
  gatewayPaymentId: string;
  merchantReference: string;
  status: GatewayPaymentStatus;
  amount: Halalas;
  currency: string;
  scheme: CardScheme | null;
  last4: string | null;
  authCode: string | null;
  declineCode: GatewayDeclineCode | null;
  capturedAt: Date | null;
}

export type GatewayRefundStatus = 'pending' | 'succeeded' | 'failed';

export interface GatewayRefund {
  gatewayRefundId: string;
  gatewayPaymentId: string;
  amount: Halalas;
  status: GatewayRefundStatus;
}

/** One line of a gateway's daily settlement file. */
export interface SettlementLine {
  kind: 'capture' | 'refund';
  /** The gateway's payment id (for a refund: the payment refunded). */
  gatewayPaymentId: string;
  merchantReference: string;
  amount: Halalas;
  currency: string;
  at: Date;
}

export interface CardGateway {
  readonly name: string;
  /**
   * The origins (`https://pay.acquirer.example`) of the hosted pages the browser is sent to, when
   * they are another system's. The portal's Content-Security-Policy lists them in `form-action`:
   * the browser reaches the hosted page by the redirect that answers the portal's "pay by card"
   * form. None for the sandbox, whose pages this app serves itself.
   */
  readonly hostedPageOrigins?: readonly string[];
  /** Starts (or, for a merchantReference seen before, returns) a checkout on the hosted page. */
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /** The gateway's answer now: the only proof of a payment. Unknown id: throws. */
  getPayment(gatewayPaymentId: string): Promise<GatewayPayment>;
  /** Refunds a captured payment in full; the same idempotencyKey again returns the same refund. */
  refund(input: { gatewayPaymentId: string; amount: Halalas; idempotencyKey: string }): Promise<GatewayRefund>;
  getRefund(gatewayRefundId: string): Promise<GatewayRefund>;
  /**
   * Checks a callback's signature and freshness; returns the payment it is about, or null for a
   * forged, altered or stale one. `rawBody` is the exact bytes received.
   */
  verifyCallback(headers: Record<string, string | string[] | undefined>, rawBody: string): { gatewayPaymentId: string } | null;
  /** The gateway's settlement for one day (Asia/Riyadh), as its file would list it. */
  settlement(date: string): Promise<SettlementLine[]>;
}
