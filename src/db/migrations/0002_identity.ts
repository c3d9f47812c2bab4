import { sql, type Kysely } from 'kysely';

/**
 * Accounts, staff, sessions and tokens, one-time codes, activation, the message outbox and the
 * hash-chained audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
CREATE TABLE accounts (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL UNIQUE REFERENCES persons (id),
  username text NOT NULL,
  password_hash text NOT NULL,
  mobile text CHECK (mobile ~ '^05[0-9]{8}$'),
  email text,
  language text NOT NULL DEFAULT 'ar' CHECK (language IN ('ar', 'en')),
  status text NOT NULL CHECK (status IN ('registered', 'active', 'disabled')),
  activated_at timestamptz,
  activation_method text CHECK (activation_method IN ('registry_mobile', 'office_code', 'bank')),
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  password_changed_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_username_idx ON accounts (lower(username));
-- A mobile number belongs to one account at a time.
CREATE UNIQUE INDEX accounts_mobile_idx ON accounts (mobile) WHERE mobile IS NOT NULL;

CREATE TABLE staff_accounts (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  password_hash text NOT NULL,
  name_ar text NOT NULL,
  name_en text NOT NULL,
  mobile text NOT NULL CHECK (mobile ~ '^05[0-9]{8}$'),
  email text,
  agency text NOT NULL CHECK (agency IN ('passports', 'traffic', 'civil-affairs', 'recruitment', 'general')),
  role text NOT NULL CHECK (role IN ('officer', 'supervisor', 'admin', 'kiosk')),
  language text NOT NULL DEFAULT 'ar' CHECK (language IN ('ar', 'en')),
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  created_by uuid REFERENCES staff_accounts (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_accounts_username_idx ON staff_accounts (lower(username));

-- Web sessions and API bearer tokens: the secret is never stored, only its SHA-256.
CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('web', 'api')),
  account_id uuid REFERENCES accounts (id),
  staff_id uuid REFERENCES staff_accounts (id),
  csrf_token text,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CHECK ((account_id IS NULL) <> (staff_id IS NULL))
);
CREATE INDEX sessions_account_idx ON sessions (account_id) WHERE revoked_at IS NULL;
CREATE INDEX sessions_staff_idx ON sessions (staff_id) WHERE revoked_at IS NULL;

-- One-time codes sent by SMS. The code is stored hashed; payload holds what completing does.
CREATE TABLE otp_challenges (
  id uuid PRIMARY KEY,
  purpose text NOT NULL,
  account_id uuid REFERENCES accounts (id),
  staff_id uuid REFERENCES staff_accounts (id),
  person_id uuid REFERENCES persons (id),
  mobile text NOT NULL,
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  sends integer NOT NULL DEFAULT 1,
  last_sent_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  consumed_at timestamptz,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL
);
CREATE INDEX otp_challenges_account_idx ON otp_challenges (account_id, created_at);
CREATE INDEX otp_challenges_person_idx ON otp_challenges (person_id, created_at);

-- Activation codes issued by staff at an office or a kiosk: valid 24 hours, single use.
CREATE TABLE activation_codes (
  id uuid PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES persons (id),
  code_hash text NOT NULL,
  purpose text NOT NULL DEFAULT 'activate' CHECK (purpose IN ('activate', 'change_mobile')),
  issued_by uuid NOT NULL REFERENCES staff_accounts (id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX activation_codes_person_idx ON activation_codes (person_id);

-- Bank activations are idempotent by the bank's reference.
CREATE TABLE bank_activations (
  bank_code text NOT NULL,
  bank_reference text NOT NULL,
  request_hash text NOT NULL,
  account_id uuid REFERENCES accounts (id),
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (bank_code, bank_reference)
);

-- Messages leave through this outbox after the transaction that wrote them commits.
CREATE TABLE outbox_messages (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('ar', 'en')),
  template text NOT NULL,
  body text NOT NULL,
  subject text,
  person_id uuid REFERENCES persons (id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  sent_at timestamptz,
  provider_message_id text,
  last_error text,
  created_at timestamptz NOT NULL
);
CREATE INDEX outbox_messages_due_idx ON outbox_messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_messages_recipient_idx ON outbox_messages (recipient, created_at DESC);

-- Append-only, hash-chained: each entry's hash covers the previous entry's hash.
CREATE TABLE audit_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('account', 'staff', 'system', 'partner', 'anonymous')),
  actor_id text,
  action text NOT NULL,
  subject_person_id uuid,
  ip text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_person_id, seq DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_kind, actor_id, seq DESC);
`.execute(db);
}
