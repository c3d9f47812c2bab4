import { sql, type Kysely } from 'kysely';

/**
 * Service forms answer every POST with a redirect (POST/redirect/GET), so Back and reload never
 * meet a page that was the answer to a POST. The page a redirect leads to is drawn from the
 * form's draft: where the person is (a step, "check your answers", the confirmation code), the
 * confirmation code's challenge, the submission's idempotency key, and what to say once
 * (the errors of the step just sent, a message, "a new code was sent").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
ALTER TABLE form_drafts
  ADD COLUMN stage text NOT NULL DEFAULT 'step' CHECK (stage IN ('start_code', 'step', 'check', 'submit_code')),
  ADD COLUMN submit_challenge_id text,
  ADD COLUMN idempotency_key uuid,
  ADD COLUMN flash jsonb;
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE form_drafts DROP COLUMN stage, DROP COLUMN submit_challenge_id, DROP COLUMN idempotency_key, DROP COLUMN flash;`.execute(db);
}
