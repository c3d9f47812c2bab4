import type { Db } from '../../registry/index.js';

/** Changes to an account's credentials (password, mobile) and the sessions they end. */

/** A new password: the failed-login count and any lock go with the old one. */
export async function setAccountPassword(db: Db, id: string, passwordHash: string, now: Date): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ password_hash: passwordHash, password_changed_at: now, failed_logins: 0, locked_until: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function setAccountMobile(db: Db, id: string, mobile: string, now: Date): Promise<void> {
  await db.updateTable('accounts').set({ mobile, updated_at: now }).where('id', '=', id).execute();
}

/** Revokes every live session and bearer token of an account; returns how many. */
export async function revokeAllSessionsOfAccount(db: Db, accountId: string, now: Date): Promise<number> {
  const result = await db.updateTable('sessions').set({ revoked_at: now }).where('account_id', '=', accountId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
