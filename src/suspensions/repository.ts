import type { Kysely } from 'kysely';
import type { Database, Language, SuspensionAuthority } from '../db/tables.js';

/**
 * The suspensions module's own SQL outside the registry: the person's inbox notice, the account
 * a notice goes to, and the idempotency keys of the staff API. The suspensions themselves are
 * registry rows (src/registry/repository/suspensions.ts).
 */

type Db = Kysely<Database>;

/** The account a person is told things on: their account that is not disabled, if any. */
export async function findNotifiableAccount(db: Db, personId: string): Promise<{ id: string; mobile: string | null; language: Language } | undefined> {
  return db
    .selectFrom('accounts')
    .select(['id', 'mobile', 'language'])
    .where('person_id', '=', personId)
    .where('status', '<>', 'disabled')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** A notice in the person's portal inbox about no request (its text in both languages). */
export async function insertInboxNotice(db: Db, row: { id: string; accountId: string; template: string; texts: { ar: string; en: string }; now: Date }): Promise<void> {
  await db
    .insertInto('inbox_messages')
    .values({ id: row.id, account_id: row.accountId, request_id: null, template: row.template, params: JSON.stringify(row.texts), created_at: row.now })
    .execute();
}

/** Claims an idempotency key; false when it was claimed before (by a transaction now committed). */
export async function claimKey(db: Db, row: { scope: string; key: string; bodyHash: string; now: Date }): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ scope: row.scope, key: row.key, body_hash: row.bodyHash, resource: null, created_at: row.now })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findKey(db: Db, scope: string, key: string): Promise<{ body_hash: string; resource: string | null } | undefined> {
  return db.selectFrom('idempotency_keys').select(['body_hash', 'resource']).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
}

export async function setKeyResource(db: Db, scope: string, key: string, resource: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ resource }).where('scope', '=', scope).where('key', '=', key).execute();
}

/** The remit of each authority: the patterns of services it may suspend (suspension_remits). */
export async function listRemits(db: Db, authorities?: readonly SuspensionAuthority[]): Promise<Array<{ authority: SuspensionAuthority; pattern: string }>> {
  if (authorities && authorities.length === 0) return [];
  let query = db.selectFrom('suspension_remits').select(['authority', 'pattern']).orderBy('authority').orderBy('pattern');
  if (authorities) query = query.where('authority', 'in', authorities);
  return query.execute();
}
