import type { Establishment } from '../../db/tables.js';
import { chunks, LOOKUP_KEYS, replaceWithExcluded, type Db } from './db.js';

/** Establishments a person owns, each with the number of workers it sponsors now. */
export async function listEstablishmentsOwnedBy(db: Db, ownerId: string): Promise<Array<Establishment & { worker_count: number }>> {
  return db
    .selectFrom('establishments')
    .selectAll('establishments')
    .select((eb) =>
      eb
        .selectFrom('sponsorships')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('sponsorships.sponsor_establishment_id', '=', 'establishments.id')
        .where('sponsorships.ended_on', 'is', null)
        .as('worker_count'),
    )
    .where('owner_id', '=', ownerId)
    .orderBy('name_en')
    .$narrowType<{ worker_count: number }>()
    .execute();
}

// ---- used by the import ---------------------------------------------------------------------

/** Internal ids of the registered establishments among these unified numbers (number -> id). */
export async function establishmentIdsByUnifiedNumber(db: Db, unifiedNumbers: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const batch of chunks(unifiedNumbers, LOOKUP_KEYS)) {
    const rows = await db.selectFrom('establishments').select(['id', 'unified_number']).where('unified_number', 'in', batch).execute();
    for (const row of rows) found.set(row.unified_number, row.id);
  }
  return found;
}

export interface EstablishmentRow {
  id: string;
  unified_number: string;
  name_ar: string;
  name_en: string;
  owner_id: string;
  city: string | null;
}

/** Insert or replace establishments by unified number; returns number -> stored id. */
export async function upsertEstablishments(db: Db, rows: readonly EstablishmentRow[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const batch of chunks(rows)) {
    const stored = await db
      .insertInto('establishments')
      .values(batch)
      .onConflict((oc) =>
        oc.column('unified_number').doUpdateSet(replaceWithExcluded('establishments', ['name_ar', 'name_en', 'owner_id', 'city'])),
      )
      .returning(['id', 'unified_number'])
      .execute();
    for (const row of stored) ids.set(row.unified_number, row.id);
  }
  return ids;
}
