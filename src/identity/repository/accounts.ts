import { sql, type Insertable, type Selectable } from 'kysely';
import type { AccountsTable } from '../../db/tables.js';
import type { Db } from '../../registry/index.js';

/** Accounts' SQL. Callers own transactions; `forUpdate` locks the row being changed. */

export type Account = Selectable<AccountsTable>;

export async function findAccountById(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<Account | undefined> {
  let query = db.selectFrom('accounts').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findAccountByPersonId(db: Db, personId: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export async function findAccountByMobile(db: Db, mobile: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('mobile', '=', mobile).forUpdate().executeTakeFirst();
}

export async function usernameExists(db: Db, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

/** The account signed in with `login`: a username (any case) or the holder's ID number. */
export async function findAccountByLogin(db: Db, login: string): Promise<Account | undefined> {
  if (/^[0-9]{10}$/.test(login)) {
    return db
      .selectFrom('accounts')
      .innerJoin('persons', 'persons.id', 'accounts.person_id')
      .selectAll('accounts')
      .where('persons.national_id', '=', login)
      .executeTakeFirst();
  }
  return db
    .selectFrom('accounts')
    .selectAll()
    .where(sql<string>`lower(username)`, '=', login.toLowerCase())
    .executeTakeFirst();
}

export async function insertAccount(db: Db, row: Insertable<AccountsTable>): Promise<void> {
  await db.insertInto('accounts').values(row).execute();
}

export async function clearAccountMobile(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('accounts').set({ mobile: null, updated_at: now }).where('id', '=', id).execute();
}

/** Counts a failed proof on the account (a wrong office activation code); returns the new count. */
export async function recordFailedLogin(db: Db, id: string, now: Date): Promise<number> {
  const row = await db
    .updateTable('accounts')
    .set({ failed_logins: sql`failed_logins + 1`, updated_at: now })
    .where('id', '=', id)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  return row.failed_logins;
}

export async function activateAccount(db: Db, id: string, method: 'registry_mobile' | 'office_code' | 'bank', now: Date): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ status: 'active', activation_method: method, activated_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/**
 * Living adults of the registry with a mobile on record, no account, and whose mobile no
 * account holds: people a tester can register as (demo mode). Persona numbers
 * (1000000xxx, 2000000xxx) are left out: personas have their own accounts.
 */
export async function listPersonsWithoutAccount(db: Db, options: { bornOnOrBefore: string; limit: number }) {
  return db
    .selectFrom('persons')
    .select(['persons.national_id', 'persons.birth_date', 'persons.mobile'])
    .where('persons.mobile', 'is not', null)
    .where('persons.deceased', '=', false)
    .where('persons.birth_date', '<=', options.bornOnOrBefore)
    .where('persons.national_id', 'not like', '_000000%')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('accounts').select('accounts.id').whereRef('accounts.person_id', '=', 'persons.id'))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('accounts').select('accounts.id').whereRef('accounts.mobile', '=', 'persons.mobile'))))
    .orderBy('persons.national_id')
    .limit(options.limit)
    .execute();
}

/** Registered accounts not yet activated, with what a bank would hold of their holder (demo mode lists). */
export async function listAccountsAwaitingActivation(db: Db, options: { limit: number }) {
  return db
    .selectFrom('accounts')
    .innerJoin('persons', 'persons.id', 'accounts.person_id')
    .select(['persons.national_id', 'persons.birth_date', 'accounts.mobile'])
    .where('accounts.status', '=', 'registered')
    .where('accounts.mobile', 'is not', null)
    .where('persons.deceased', '=', false)
    .orderBy('accounts.created_at', 'desc')
    .limit(options.limit)
    .execute();
}
