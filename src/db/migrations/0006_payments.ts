import { sql, type Kysely } from 'kysely';

/**
 * Payments: demand -> bill -> payment.
 *
 * - A bill is what a person owes for one request (its fee) or for a set of traffic violations,
 *   with a SADAD biller code and bill number, the amount and its breakdown, an expiry and a
 *   status. At most one unpaid bill per request (an expired one is re-issued as a new bill).
 * - A payment is money received: from a bank's SADAD notification or a captured card payment.
 *   The bank's transaction id and the gateway's payment id are unique, so a repeated notice or
 *   callback can never count twice; and exactly one payment per bill is `applied` (pays it),
 *   enforced by a partial unique index. Any other payment for the same bill (a card and SADAD
 *   racing) is kept, with applied = false, and refunded.
 * - A card session is one attempt to pay a bill by card on the gateway's hosted page.
 * - A refund returns one payment in full through its channel, at most once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
CREATE TABLE bills (
  id uuid PRIMARY KEY,
  number text NOT NULL UNIQUE,
  biller_code text NOT NULL,
  account_id uuid NOT NULL REFERENCES accounts (id),
  person_id uuid NOT NULL REFERENCES persons (id),
  subject text NOT NULL CHECK (subject IN ('request', 'violations')),
  request_id uuid REFERENCES service_requests (id),
  description jsonb NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  vat bigint NOT NULL DEFAULT 0 CHECK (vat >= 0),
  breakdown jsonb NOT NULL,
  channels text[] NOT NULL,
  status text NOT NULL CHECK (status IN ('unpaid', 'paid', 'expired', 'cancelled', 'refunded')),
  expires_at timestamptz NOT NULL,
  paid_at timestamptz,
  replaces_bill_id uuid REFERENCES bills (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((subject = 'request') = (request_id IS NOT NULL))
);
CREATE UNIQUE INDEX bills_one_unpaid_per_request ON bills (request_id) WHERE status = 'unpaid';
CREATE INDEX bills_account_idx ON bills (account_id, created_at DESC);
CREATE INDEX bills_request_idx ON bills (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX bills_expiry_idx ON bills (expires_at) WHERE status = 'unpaid';

CREATE TABLE bill_violations (
  bill_id uuid NOT NULL REFERENCES bills (id),
  violation_id uuid NOT NULL REFERENCES traffic_violations (id),
  amount bigint NOT NULL CHECK (amount > 0),
  PRIMARY KEY (bill_id, violation_id)
);
CREATE INDEX bill_violations_violation_idx ON bill_violations (violation_id);

CREATE TABLE payments (
  id uuid PRIMARY KEY,
  bill_id uuid NOT NULL REFERENCES bills (id),
  channel text NOT NULL CHECK (channel IN ('sadad', 'card')),
  external_id text NOT NULL,
  bank_code text,
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  applied boolean NOT NULL,
  -- The receipt's reference (PR…), for the payment that paid its bill.
  receipt_number text UNIQUE CHECK ((receipt_number IS NOT NULL) = applied),
  scheme text,
  last4 text CHECK (last4 IS NULL OR last4 ~ '^[0-9]{4}$'),
  received_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (channel, external_id)
);
CREATE UNIQUE INDEX payments_one_applied_per_bill ON payments (bill_id) WHERE applied;
CREATE INDEX payments_received_idx ON payments (received_at);

CREATE TABLE card_sessions (
  id uuid PRIMARY KEY,
  bill_id uuid NOT NULL REFERENCES bills (id),
  account_id uuid NOT NULL REFERENCES accounts (id),
  gateway text NOT NULL,
  gateway_payment_id text UNIQUE,
  redirect_url text,
  amount bigint NOT NULL CHECK (amount > 0),
  status text NOT NULL CHECK (status IN ('open', 'captured', 'failed', 'expired')),
  decline_code text,
  payment_id uuid REFERENCES payments (id),
  expires_at timestamptz NOT NULL,
  checks integer NOT NULL DEFAULT 0,
  next_check_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX card_sessions_one_open_per_bill ON card_sessions (bill_id) WHERE status = 'open';
CREATE INDEX card_sessions_check_idx ON card_sessions (next_check_at) WHERE status = 'open';

CREATE TABLE refunds (
  id uuid PRIMARY KEY,
  payment_id uuid NOT NULL UNIQUE REFERENCES payments (id),
  amount bigint NOT NULL CHECK (amount > 0),
  reason text NOT NULL CHECK (reason IN ('request_rejected', 'request_cancelled', 'request_closed', 'duplicate_payment', 'amount_mismatch', 'bill_closed')),
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  external_id text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz,
  created_at timestamptz NOT NULL,
  completed_at timestamptz
);
CREATE INDEX refunds_due_idx ON refunds (next_attempt_at) WHERE status = 'pending';
`.execute(db);
}

