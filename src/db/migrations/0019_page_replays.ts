import { sql, type Kysely } from 'kysely';

/**
 * Post/redirect/get for every page form: a page drawn in answer to a POST (a form with mistakes,
 * a refusal, a result) is kept here for a short while and the browser is redirected to fetch it
 * with GET, so Back and reload never meet the answer to a POST ("confirm form resubmission",
 * ERR_CACHE_MISS). A page is bound to the browser it was drawn for (a hash of its session or
 * form-token cookie) and read only by it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
CREATE TABLE page_replays (
  id uuid PRIMARY KEY,
  owner_hash text NOT NULL,
  path text NOT NULL,
  status integer NOT NULL CHECK (status BETWEEN 200 AND 599),
  html text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX page_replays_expires_idx ON page_replays (expires_at);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE page_replays;`.execute(db);
}
