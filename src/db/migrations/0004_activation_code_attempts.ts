import { sql, type Kysely } from 'kysely';

/**
 * Office activation codes get their own count of wrong tries (3 and the code is dead) and a
 * revocation time: issuing a new code for a person retires their older unused ones, which is
 * not the same as being used (the audit trail and "my security events" must tell them apart).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
ALTER TABLE activation_codes ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE activation_codes ADD COLUMN revoked_at timestamptz;
`.execute(db);
}
