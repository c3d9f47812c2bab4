import { sql, type Kysely } from 'kysely';

/**
 * A service form's answers kept when the person's web session ended (idle) as they sent a step:
 * the answers travel in the form's hidden fields, so without a row they would be lost with the
 * session. One draft per account and service, short-lived (expires_at), read back at the same
 * step once the same account has signed in again, and removed when the request is submitted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
CREATE TABLE form_drafts (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  service_id text NOT NULL,
  step_id text NOT NULL,
  beneficiary_national_id text CHECK (beneficiary_national_id ~ '^[0-9]{10}$'),
  start_challenge_id text,
  answers jsonb NOT NULL,
  saved_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (account_id, service_id)
);
CREATE INDEX form_drafts_expires_idx ON form_drafts (expires_at);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE form_drafts;`.execute(db);
}
