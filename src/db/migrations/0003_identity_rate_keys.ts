import { sql, type Kysely } from 'kysely';

/**
 * The hourly cap on one-time codes counts sends per "rate key" (the account, or the ID number
 * typed at registration when there is no account yet). The key lives in the challenge's
 * payload; this index keeps that count a range scan instead of a scan of every challenge.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX otp_challenges_rate_key_idx ON otp_challenges ((payload->>'rateKey'), last_sent_at)`.execute(db);
}
