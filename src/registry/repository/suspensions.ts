import type { ServiceSuspensionsTable, Suspension } from '../../db/tables.js';
import { chunks, platformChange, platformInsert, replaceWithExcluded, type Db, type ProvenanceColumn } from './db.js';

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

export type SuspensionRow = Omit<ServiceSuspensionsTable, 'id' | 'phase' | 'starts_at' | 'lifted_at' | 'created_at' | 'updated_at' | ProvenanceColumn> & {
  id: string;
  source_updated_at: string | null;
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
      .onConflict((oc) => oc.column('reference').doUpdateSet(replaceWithExcluded('service_suspensions', SUSPENSION_COLUMNS, { provenance: true })))
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
    .set({ ...platformChange(now), lifted_at: now, lift_note: note, updated_at: now })
    .where('person_id', '=', personId)
    .where('lifted_by', '=', 'pay_violations')
    .where('lifted_at', 'is', null)
    .returning('reference')
    .execute();
  return lifted.map((row) => row.reference);
}

// ---- placed and lifted by staff (src/suspensions) -------------------------------------------

export type NewSuspension = Pick<ServiceSuspensionsTable, 'reference' | 'person_id' | 'authority' | 'legal_basis' | 'reason_ar' | 'reason_en' | 'blocked_services' | 'lifted_by'> & {
  id: string;
  starts_at: Date;
  now: Date;
};

/**
 * Inserts a suspension at phase 1; undefined when its reference is taken already (the caller
 * draws another: a unique constraint, not a check first, guards the reference).
 */
export async function insertSuspension(db: Db, row: NewSuspension): Promise<Suspension | undefined> {
  const { now, ...values } = row;
  return db
    .insertInto('service_suspensions')
    .values({ ...values, phase: 1, lifted_at: null, lift_note: null, created_at: now, updated_at: now, ...platformInsert(now) })
    .onConflict((oc) => oc.column('reference').doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** A suspension by its reference; `lock` holds it for the caller's transaction (a lift). */
export async function findSuspensionByReference(db: Db, reference: string, options: { lock?: boolean } = {}): Promise<Suspension | undefined> {
  let query = db.selectFrom('service_suspensions').selectAll().where('reference', '=', reference);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/**
 * Lifts a suspension that is not lifted yet: the services it blocked are free at once (the
 * engine reads lifted_at). Undefined when it was lifted already, so a retry lifts nothing.
 */
export async function markSuspensionLifted(db: Db, options: { id: string; now: Date; note: string }): Promise<Suspension | undefined> {
  return db
    .updateTable('service_suspensions')
    .set({ ...platformChange(options.now), lifted_at: options.now, lift_note: options.note, updated_at: options.now })
    .where('id', '=', options.id)
    .where('lifted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** The person's suspensions not lifted, and those lifted since `liftedSince`; newest start first. */
export async function listSuspensionsOfPerson(db: Db, personId: string, options: { liftedSince: Date }): Promise<Suspension[]> {
  return db
    .selectFrom('service_suspensions')
    .selectAll()
    .where('person_id', '=', personId)
    .where((eb) => eb.or([eb('lifted_at', 'is', null), eb('lifted_at', '>=', options.liftedSince)]))
    .orderBy('starts_at', 'desc')
    .orderBy('reference')
    .execute();
}
