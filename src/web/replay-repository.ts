import type { Kysely } from 'kysely';
import type { Database, PageReplaysTable } from '../db/tables.js';

/** SQL of the pages kept for post/redirect/get (0019_page_replays). */

type Db = Kysely<Database>;

/** A kept page, as its table holds it. */
export type PageReplay = PageReplaysTable;

export async function insertPageReplay(db: Db, row: PageReplay): Promise<void> {
  await db.insertInto('page_replays').values(row).execute();
}

/** The page, when it is this browser's, for this address, and still kept. */
export async function findPageReplay(db: Db, id: string, ownerHash: string, path: string, now: Date): Promise<Pick<PageReplay, 'status' | 'html'> | undefined> {
  return db
    .selectFrom('page_replays')
    .select(['status', 'html'])
    .where('id', '=', id)
    .where('owner_hash', '=', ownerHash)
    .where('path', '=', path)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Pages past their time, anyone's: removed as new ones are kept. */
export async function deleteExpiredPageReplays(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('page_replays').where('expires_at', '<=', now).execute();
}
