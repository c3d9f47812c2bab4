import type { ServiceSuspensionsTable, Suspension } from '../../db/tables.js';
import { chunks, replaceWithExcluded, type Db } from './db.js';

/**
 * The person's service suspensions that have not been lifted, oldest first. A suspension
 * recorded with a future start is included: it is already decided and the person may see it.
 */
export async function listActiveSuspensions(db: Db, personId: string): Promise<Suspension[]> {
  return db
    .selectFrom('service_suspensions')
    .selectAll()
    .where('person_id', '=', personId)
    .where('lifted_at', 'is', null)
    .orderBy('starts_at')
    .orderBy('reference')
    .execute();
}

// ---- used by the import ---------------------------------------------------------------------

export type SuspensionRow = Omit<ServiceSuspensionsTable, 'id' | 'phase' | 'starts_at' | 'lifted_at' | 'created_at' | 'updated_at'> & {
  id: string;
  phase: number;
  /** ISO 8601 with an offset. */
  starts_at: string;
  lifted_at: string | null;
};

const SUSPENSION_COLUMNS = [
  'person_id',
  'authority',
  'legal_basis',
  'reason_ar',
  'reason_en',
  'blocked_services',
  'lifted_by',
  'phase',
  'starts_at',
  'lifted_at',
  'lift_note',
] as const satisfies readonly (keyof ServiceSuspensionsTable)[];

/** Insert or replace service suspensions by reference. */
export async function upsertSuspensions(db: Db, rows: readonly SuspensionRow[]): Promise<void> {
  for (const batch of chunks(rows)) {
    await db
      .insertInto('service_suspensions')
      .values(batch)
      .onConflict((oc) => oc.column('reference').doUpdateSet(replaceWithExcluded('service_suspensions', SUSPENSION_COLUMNS)))
      .execute();
  }
}

/**
 * Lifts the person's suspensions that paying their violations lifts, once they owe none:
 * the services those suspensions blocked are free again at once. Returns their references.
 */
export async function liftSuspensionsSettledByPayment(db: Db, personId: string, now: Date, note: string): Promise<string[]> {
  const owing = await db.selectFrom('traffic_violations').select('id').where('violator_id', '=', personId).where('status', '=', 'unpaid').limit(1).executeTakeFirst();
  if (owing) return [];
  const lifted = await db
    .updateTable('service_suspensions')
    .set({ lifted_at: now, lift_note: note, updated_at: now })
    .where('person_id', '=', personId)
    .where('lifted_by', '=', 'pay_violations')
    .where('lifted_at', 'is', null)
    .returning('reference')
    .execute();
  return lifted.map((row) => row.reference);
}
