import { sql } from 'kysely';
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
/** An establishment's workers whose iqama (the current one) has expired, or expires by `warnUntil`. */
export interface EstablishmentIqamaCounts {
  establishment_id: string;
  name_ar: string;
  name_en: string;
  expired: number;
  expiring: number;
}

/**
 * For each establishment the person owns, how many of its current workers hold an iqama expired
 * on `today` or expiring by `warnUntil` (each worker's latest iqama not cancelled or lost): one
 * aggregate, whatever the number of workers.
 */
export async function iqamaExpiryOfEstablishmentsOwnedBy(db: Db, ownerId: string, today: string, warnUntil: string): Promise<EstablishmentIqamaCounts[]> {
  const { rows } = await sql<{ establishment_id: string; name_ar: string; name_en: string; expired: string; expiring: string }>`
    SELECT e.id AS establishment_id, e.name_ar, e.name_en,
           count(*) FILTER (WHERE d.status = 'expired' OR d.expiry_date < ${today}::date) AS expired,
           count(*) FILTER (WHERE d.status <> 'expired' AND d.expiry_date >= ${today}::date AND d.expiry_date <= ${warnUntil}::date) AS expiring
      FROM establishments e
      JOIN sponsorships s ON s.sponsor_establishment_id = e.id AND s.ended_on IS NULL
      JOIN LATERAL (
        SELECT expiry_date, status FROM documents
         WHERE person_id = s.worker_id AND kind = 'iqama' AND status NOT IN ('cancelled', 'lost')
         ORDER BY expiry_date DESC LIMIT 1
      ) d ON true
     WHERE e.owner_id = ${ownerId}
     GROUP BY e.id, e.name_ar, e.name_en
     ORDER BY e.name_en`.execute(db);
  return rows.map((r) => ({ ...r, expired: Number(r.expired), expiring: Number(r.expiring) }));
}

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
