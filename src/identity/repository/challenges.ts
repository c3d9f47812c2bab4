import { sql, type Insertable, type Selectable } from 'kysely';
import type { OtpChallengesTable } from '../../db/tables.js';
import type { Db } from '../../registry/index.js';

/** One-time code challenges' SQL. */

export type Challenge = Selectable<OtpChallengesTable>;

export async function insertChallenge(db: Db, row: Insertable<OtpChallengesTable>): Promise<void> {
  await db.insertInto('otp_challenges').values(row).execute();
}

export async function findChallenge(db: Db, id: string): Promise<Challenge | undefined> {
  return db.selectFrom('otp_challenges').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findChallengeForUpdate(db: Db, id: string): Promise<Challenge | undefined> {
  return db.selectFrom('otp_challenges').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function recordWrongCode(db: Db, id: string): Promise<number> {
  const row = await db
    .updateTable('otp_challenges')
    .set({ attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return row.attempts;
}

export async function markChallengeConsumed(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('otp_challenges').set({ consumed_at: now }).where('id', '=', id).execute();
}

/** A new code replaces the old one: the tries start again and the 5 minutes too. */
export async function replaceChallengeCode(db: Db, id: string, codeHash: string, now: Date, expiresAt: Date): Promise<void> {
  await db
    .updateTable('otp_challenges')
    .set({ code_hash: codeHash, attempts: 0, sends: sql`sends + 1`, last_sent_at: now, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

/** A kiosk flow's row moves on: its step (in the payload) and its idle deadline. */
export async function updateChallengeFlow(db: Db, id: string, change: { payload: Record<string, unknown>; expiresAt: Date }): Promise<void> {
  await db.updateTable('otp_challenges').set({ payload: JSON.stringify(change.payload), expires_at: change.expiresAt }).where('id', '=', id).execute();
}
