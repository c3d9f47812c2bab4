import type { Insertable, Selectable } from 'kysely';
import type { AccountStatus, SessionsTable } from '../../db/tables.js';
import type { Db } from '../../registry/index.js';

/** Sessions' SQL. Only the SHA-256 of a token is ever stored or looked up. */

export type SessionRow = Selectable<SessionsTable>;
export type SessionWithAccount = SessionRow & { account_status: AccountStatus; person_id: string };

export async function insertSession(db: Db, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSessionByTokenHash(db: Db, tokenHash: string): Promise<SessionWithAccount | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .selectAll('sessions')
    .select(['accounts.status as account_status', 'accounts.person_id'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** Revokes one session of one account; false when there is no such live session. */
export async function revokeSessionOfAccount(db: Db, options: { sessionId: string; accountId: string; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: options.now })
    .where('id', '=', options.sessionId)
    .where('account_id', '=', options.accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function revokeSessionById(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function listLiveSessions(db: Db, accountId: string, now: Date): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}
