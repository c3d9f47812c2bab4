import { sql, type Kysely } from 'kysely';

/**
 * Rate limits and the sign-in throttle count in the database, so every app node sees the same
 * counts (they lived in each process's memory). One row per rule, key and fixed window; a hit
 * is one INSERT ... ON CONFLICT DO UPDATE ... RETURNING. Keys never hold personal data in
 * clear: addresses, logins, ID numbers and mobiles are hashed by the caller. `last_at` is the
 * last counted hit (the back-off waits from it); `expires_at` is when the row may be deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
CREATE TABLE rate_counters (
  name text NOT NULL,
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL CHECK (count >= 0),
  last_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (name, key, window_start)
);
CREATE INDEX rate_counters_expires_idx ON rate_counters (expires_at);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE rate_counters`.execute(db);
}
