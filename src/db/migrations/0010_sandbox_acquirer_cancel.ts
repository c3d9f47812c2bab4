import { sql, type Kysely } from 'kysely';

/**
 * The sandbox acquirer's checkouts can be cancelled by the person on its hosted page ("Cancel
 * and return"), as on a real acquirer's: a new state, `cancelled`, at the card step (no card
 * yet) or at 3-D Secure (a card entered, nothing taken), with the instant it happened. A
 * cancelled checkout takes no further step. The constraints 0007 created without names are
 * the ones PostgreSQL named (`<table>_state_check`, `<table>_check3`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
ALTER TABLE sandbox_acquirer_payments ADD COLUMN cancelled_at timestamptz;
ALTER TABLE sandbox_acquirer_payments
  DROP CONSTRAINT sandbox_acquirer_payments_state_check,
  DROP CONSTRAINT sandbox_acquirer_payments_check3,
  ADD CONSTRAINT sandbox_acquirer_payments_state_check CHECK (state IN ('open', 'three_ds', 'captured', 'declined', 'no_answer', 'cancelled')),
  ADD CONSTRAINT sandbox_acquirer_payments_card_known CHECK (state IN ('open', 'cancelled') OR (scheme IS NOT NULL AND last4 IS NOT NULL AND planned_outcome IS NOT NULL)),
  ADD CONSTRAINT sandbox_acquirer_payments_cancelled CHECK ((state = 'cancelled') = (cancelled_at IS NOT NULL));
`.execute(db);
}

/** Refused by the restored constraints while any checkout is cancelled. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
ALTER TABLE sandbox_acquirer_payments
  DROP CONSTRAINT sandbox_acquirer_payments_cancelled,
  DROP CONSTRAINT sandbox_acquirer_payments_card_known,
  DROP CONSTRAINT sandbox_acquirer_payments_state_check,
  ADD CONSTRAINT sandbox_acquirer_payments_state_check CHECK (state IN ('open', 'three_ds', 'captured', 'declined', 'no_answer')),
  ADD CONSTRAINT sandbox_acquirer_payments_check3 CHECK (state = 'open' OR (scheme IS NOT NULL AND last4 IS NOT NULL AND planned_outcome IS NOT NULL));
ALTER TABLE sandbox_acquirer_payments DROP COLUMN cancelled_at;
`.execute(db);
}
