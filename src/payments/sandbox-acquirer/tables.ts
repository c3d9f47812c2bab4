import type { ColumnType } from 'kysely';

/**
 * The sandbox acquirer's own tables (migration 0007): a separate system that happens to share
 * the database. No column holds a card number or a CVV, in any form: only the scheme, the last
 * four digits, the expiry and the outcome the test card planned.
 */

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * Where a payment stands in the sandbox's own terms (getPayment maps it to the port's statuses).
 * `cancelled`: the person cancelled on the hosted page, at the card step or at 3-D Secure (0010).
 */
export type SandboxPaymentState = 'open' | 'three_ds' | 'captured' | 'declined' | 'no_answer' | 'cancelled';

/** What the test card entered will do once 3-D Secure passes. */
export type SandboxOutcome = 'approved' | 'declined' | 'insufficient_funds' | 'expired_card' | 'three_ds_failed' | 'no_answer';

export interface SandboxAcquirerPaymentsTable {
  /** `pay_` and 24 random base64url characters. */
  id: string;
  merchant_reference: string;
  amount: number;
  currency: string;
  description_ar: string;
  description_en: string;
  locale: 'ar' | 'en';
  return_url: string;
  callback_url: string;
  state: SandboxPaymentState;
  scheme: 'mada' | 'visa' | 'mastercard' | null;
  last4: string | null;
  expiry_month: number | null;
  expiry_year: number | null;
  planned_outcome: SandboxOutcome | null;
  three_ds_attempts: ColumnType<number, number | undefined, number>;
  auth_code: string | null;
  decline_code: string | null;
  captured_at: Timestamp | null;
  /** "No answer": the payment reads 'pending' until then, 'failed' after. */
  gives_up_at: Timestamp | null;
  /** When the person cancelled the checkout (state `cancelled`); null otherwise. */
  cancelled_at: Timestamp | null;
  expires_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SandboxAcquirerRefundsTable {
  /** `rfd_` and 24 random base64url characters. */
  id: string;
  payment_id: string;
  idempotency_key: string;
  amount: number;
  created_at: Timestamp;
  /** Pending before this instant, succeeded from it on. */
  succeeds_at: Timestamp;
}

export interface SandboxAcquirerDatabase {
  sandbox_acquirer_payments: SandboxAcquirerPaymentsTable;
  sandbox_acquirer_refunds: SandboxAcquirerRefundsTable;
}
