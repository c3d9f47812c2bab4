import { sql, type Insertable, type Selectable } from 'kysely';
import type { ActivationCodesTable } from '../../db/tables.js';
import type { Db } from '../../registry/index.js';

/** Office and kiosk activation codes' SQL. Only a hash of the code is stored. */

export type ActivationCode = Selectable<ActivationCodesTable>;
export type ActivationPurpose = 'activate' | 'change_mobile';

export async function insertActivationCode(db: Db, row: Insertable<ActivationCodesTable>): Promise<void> {
  await db.insertInto('activation_codes').values(row).execute();
}

/** Retires the person's unused codes (a new one is being issued); returns how many. */
export async function revokeUnusedActivationCodes(db: Db, personId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('activation_codes')
    .set({ revoked_at: now })
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The person's code that can still be answered for `purpose`, locked; at most one exists. */
export async function findLiveActivationCodeForUpdate(
  db: Db,
  options: { personId: string; purpose: ActivationPurpose; now: Date; maxAttempts: number },
): Promise<ActivationCode | undefined> {
  return db
    .selectFrom('activation_codes')
    .selectAll()
    .where('person_id', '=', options.personId)
    .where('purpose', '=', options.purpose)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', options.now)
    .where('attempts', '<', options.maxAttempts)
    .orderBy('created_at', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function recordWrongActivationCode(db: Db, id: string): Promise<number> {
  const row = await db
    .updateTable('activation_codes')
    .set({ attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return row.attempts;
}

export async function markActivationCodeUsed(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('activation_codes').set({ used_at: now }).where('id', '=', id).execute();
}
