import { sql, type Kysely } from 'kysely';

/**
 * Files people send with a request (a passport scan). The bytes are kept in the database, as
 * bytea, with what the platform found out itself: the type read from the first bytes (never the
 * name or the type the browser declared), the size and the SHA-256. Each upload belongs to the
 * account that sent it and names the service and field it was sent for; a request's data holds
 * only its id. Only the owner, and the staff of the agency handling a request that names it,
 * may read it back (src/uploads).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
CREATE TABLE uploads (
  id uuid PRIMARY KEY,
  owner_account_id uuid NOT NULL REFERENCES accounts (id),
  service_id text NOT NULL,
  field text NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  bytes bytea NOT NULL CHECK (octet_length(bytes) = size_bytes),
  created_at timestamptz NOT NULL
);
CREATE INDEX uploads_owner_idx ON uploads (owner_account_id, created_at);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE uploads`.execute(db);
}
