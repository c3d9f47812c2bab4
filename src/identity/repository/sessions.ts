import type { Insertable, Selectable } from 'kysely';
import type { AccountStatus, Person, SessionsTable } from '../../db/tables.js';
import { PERSON_RECORD_COLUMNS, type Db } from '../../registry/index.js';
import { reusableRead } from '../../db/reusable.js';

/** Sessions' SQL. Only the SHA-256 of a token is ever stored or looked up. */

export type SessionRow = Selectable<SessionsTable>;
/** The name columns of the session's person, so a page can greet them without another query. */
export const SESSION_NAME_COLUMNS = ['first_name_ar', 'father_name_ar', 'grandfather_name_ar', 'family_name_ar', 'first_name_en', 'father_name_en', 'grandfather_name_en', 'family_name_en'] as const;
export type SessionPersonNames = Pick<Person, (typeof SESSION_NAME_COLUMNS)[number]>;
/**
 * The session's person's registry record, read with the session (an API call then needs no other
 * query to know whom it serves). Its timestamps are renamed, since the session has its own.
 */
const SESSION_PERSON_COLUMNS = PERSON_RECORD_COLUMNS;
type SessionPersonColumns = Pick<Person, (typeof SESSION_PERSON_COLUMNS)[number]>;
export type SessionWithAccount = SessionRow & { account_status: AccountStatus; person_id: string; person_created_at: Date; person_updated_at: Date } & SessionPersonColumns;

/** The person of a session row, as the registry holds it. */
export function sessionPerson(row: SessionWithAccount): Person {
  const person = { id: row.person_id, created_at: row.person_created_at, updated_at: row.person_updated_at } as Person;
  for (const column of SESSION_PERSON_COLUMNS) (person as unknown as Record<string, unknown>)[column] = row[column];
  return person;
}

export async function insertSession(db: Db, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The session of a token's hash with its account's status and its person; every request reads it, so it is compiled once. */
const sessionByTokenHash = reusableRead((db: Db, tokenHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .innerJoin('persons', 'persons.id', 'accounts.person_id')
    .selectAll('sessions')
    .select(['accounts.status as account_status', 'accounts.person_id'])
    .select(SESSION_PERSON_COLUMNS.map((c) => `persons.${c}` as const))
    .select(['persons.created_at as person_created_at', 'persons.updated_at as person_updated_at'])
    .where('sessions.token_hash', '=', tokenHash),
);

export async function findSessionByTokenHash(db: Db, tokenHash: string): Promise<SessionWithAccount | undefined> {
  return (await sessionByTokenHash(db, tokenHash))[0];
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
