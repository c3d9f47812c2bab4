import { sql, type Kysely } from 'kysely';

/**
 * The service engine's tables.
 *
 * A request's history (request_events) is append-only and numbered 1, 2, 3 … per request; the
 * request row carries the state that folding that history gives, and `version` = the number of
 * events. An action inserts event `version + 1` while holding the request row's lock, so two
 * officers deciding at once cannot both succeed: the second finds the state moved on.
 *
 * Idempotency keys remember the first answer to a state-changing call for 24 hours: the same
 * key and body again gets that answer; the same key with another body is refused.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
CREATE TABLE service_requests (
  id uuid PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  service_id text NOT NULL,
  agency text NOT NULL,
  applicant_account_id uuid NOT NULL REFERENCES accounts (id),
  applicant_person_id uuid NOT NULL REFERENCES persons (id),
  beneficiary_person_id uuid NOT NULL REFERENCES persons (id),
  counterparty_person_id uuid REFERENCES persons (id),
  state text NOT NULL,
  final boolean NOT NULL DEFAULT false,
  data jsonb NOT NULL,
  outputs jsonb NOT NULL DEFAULT '{}'::jsonb,
  fee_total bigint NOT NULL CHECK (fee_total >= 0),
  fee_breakdown jsonb NOT NULL,
  assigned_staff_id uuid REFERENCES staff_accounts (id),
  state_entered_at timestamptz NOT NULL,
  due_at timestamptz,
  escalated_at timestamptz,
  version integer NOT NULL CHECK (version >= 1),
  -- service:beneficiary while a request that allows one open request at a time is open; null
  -- otherwise. The unique constraint, not a check before the insert, stops a second one.
  open_key text UNIQUE,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX service_requests_applicant_idx ON service_requests (applicant_account_id, created_at DESC);
CREATE INDEX service_requests_beneficiary_idx ON service_requests (beneficiary_person_id, service_id) WHERE NOT final;
CREATE INDEX service_requests_counterparty_idx ON service_requests (counterparty_person_id, created_at DESC) WHERE counterparty_person_id IS NOT NULL;
CREATE INDEX service_requests_queue_idx ON service_requests (agency, state, created_at) WHERE NOT final;
CREATE INDEX service_requests_due_idx ON service_requests (due_at) WHERE NOT final AND due_at IS NOT NULL;

CREATE TABLE request_events (
  request_id uuid NOT NULL REFERENCES service_requests (id),
  seq integer NOT NULL CHECK (seq >= 1),
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('account', 'staff', 'system')),
  actor_id text,
  actor_role text,
  reason_code text,
  reason_text text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (request_id, seq)
);

CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  body_hash text NOT NULL,
  resource text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- The person's inbox in the portal: one message per change of one of their requests.
CREATE TABLE inbox_messages (
  id uuid PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id),
  request_id uuid REFERENCES service_requests (id),
  template text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}'::jsonb,
  read_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX inbox_messages_account_idx ON inbox_messages (account_id, created_at DESC);
`.execute(db);
}
