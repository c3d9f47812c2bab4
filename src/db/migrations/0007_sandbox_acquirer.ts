import { sql, type Kysely } from 'kysely';

/**
 * The sandbox card acquirer's tables: see src/payments/sandbox-acquirer/. A separate system
 * that happens to live in the same database, so its tables carry their own prefix and no
 * foreign key to the platform's.
 *
 * - A payment is one checkout on the hosted page, unique by the merchant's reference (the
 *   platform's card session), then its card details and outcome. There is deliberately no
 *   column for a card number or a CVV, not even hashed: only the scheme, the last four digits,
 *   the expiry and the outcome the test card planned.
 * - A refund returns one captured payment in full, at most once (payment_id is unique), and is
 *   idempotent by the merchant's key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
CREATE TABLE sandbox_acquirer_payments (
  id text PRIMARY KEY,
  merchant_reference text NOT NULL UNIQUE,
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL CHECK (currency = 'SAR'),
  description_ar text NOT NULL,
  description_en text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('ar', 'en')),
  return_url text NOT NULL,
  callback_url text NOT NULL,
  state text NOT NULL CHECK (state IN ('open', 'three_ds', 'captured', 'declined', 'no_answer')),
  scheme text CHECK (scheme IN ('mada', 'visa', 'mastercard')),
  last4 text CHECK (last4 ~ '^[0-9]{4}$'),
  expiry_month integer CHECK (expiry_month BETWEEN 1 AND 12),
  expiry_year integer CHECK (expiry_year BETWEEN 2000 AND 2099),
  planned_outcome text CHECK (planned_outcome IN ('approved', 'declined', 'insufficient_funds', 'expired_card', 'three_ds_failed', 'no_answer')),
  three_ds_attempts integer NOT NULL DEFAULT 0,
  auth_code text,
  decline_code text,
  captured_at timestamptz,
  gives_up_at timestamptz,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((state = 'captured') = (captured_at IS NOT NULL AND auth_code IS NOT NULL)),
  CHECK ((state = 'declined') = (decline_code IS NOT NULL)),
  CHECK ((state = 'no_answer') = (gives_up_at IS NOT NULL)),
  CHECK (state = 'open' OR (scheme IS NOT NULL AND last4 IS NOT NULL AND planned_outcome IS NOT NULL))
);
CREATE INDEX sandbox_acquirer_payments_captured_idx ON sandbox_acquirer_payments (captured_at) WHERE captured_at IS NOT NULL;

CREATE TABLE sandbox_acquirer_refunds (
  id text PRIMARY KEY,
  payment_id text NOT NULL UNIQUE REFERENCES sandbox_acquirer_payments (id),
  idempotency_key text NOT NULL UNIQUE,
  amount bigint NOT NULL CHECK (amount > 0),
  created_at timestamptz NOT NULL,
  succeeds_at timestamptz NOT NULL
);
CREATE INDEX sandbox_acquirer_refunds_succeeds_idx ON sandbox_acquirer_refunds (succeeds_at);
`.execute(db);
}
