import { sql, type Insertable, type Selectable } from 'kysely';
import type { SessionsTable, StaffAccountsTable } from '../../db/tables.js';
import type { Db } from '../../registry/index.js';

/** Staff accounts' SQL (and their sessions'). Callers own transactions. */

export type StaffAccount = Selectable<StaffAccountsTable>;
export type StaffSessionRow = Selectable<SessionsTable> & { staff_id: string; agency: StaffAccount['agency']; role: StaffAccount['role'] };

export async function insertStaff(db: Db, row: Insertable<StaffAccountsTable>): Promise<void> {
  await db.insertInto('staff_accounts').values(row).execute();
}

export async function staffUsernameExists(db: Db, username: string): Promise<boolean> {
  const row = await db.selectFrom('staff_accounts').select('id').where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  return row !== undefined;
}

export async function findStaffById(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<StaffAccount | undefined> {
  let query = db.selectFrom('staff_accounts').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findStaffByUsername(db: Db, username: string): Promise<StaffAccount | undefined> {
  return db.selectFrom('staff_accounts').selectAll().where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
}

export async function markStaffDisabled(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('staff_accounts').set({ disabled_at: now, updated_at: now }).where('id', '=', id).where('disabled_at', 'is', null).execute();
}

/** Revokes every live session of a staff member; returns how many. */
export async function revokeStaffSessions(db: Db, staffId: string, now: Date): Promise<number> {
  const result = await db.updateTable('sessions').set({ revoked_at: now }).where('staff_id', '=', staffId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A staff session by token hash, with the holder's agency and role; disabled staff have none. */
export async function findStaffSessionByTokenHash(db: Db, tokenHash: string): Promise<StaffSessionRow | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff_accounts', 'staff_accounts.id', 'sessions.staff_id')
    .selectAll('sessions')
    .select(['staff_accounts.agency', 'staff_accounts.role'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('staff_accounts.disabled_at', 'is', null)
    .executeTakeFirst();
  return row as StaffSessionRow | undefined;
}

/** The staff of one agency, for its admins' list: active first, then by name. */
export async function listStaffByAgency(db: Db, agency: StaffAccount['agency']): Promise<StaffAccount[]> {
  return db
    .selectFrom('staff_accounts')
    .selectAll()
    .where('agency', '=', agency)
    .orderBy((eb) => eb.case().when('disabled_at', 'is', null).then(0).else(1).end())
    .orderBy('name_en')
    .limit(500)
    .execute();
}
