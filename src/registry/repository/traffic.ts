import { sql } from 'kysely';
import type {
  TrafficCase,
  TrafficCasePartiesTable,
  TrafficCasesTable,
  TrafficViolationsTable,
  Violation,
  ViolationStatus,
  ViolationTypesTable,
} from '../../db/tables.js';
import { reusableRead } from '../../db/reusable.js';
import { chunks, platformChange, replaceWithExcluded, type Db, type ProvenanceColumn } from './db.js';

/** A traffic violation with the name of its type in both languages. */
export type ViolationWithType = Violation & { type_name_ar: string; type_name_en: string };

/** A traffic case with this person's part in it. */
export type PersonTrafficCase = TrafficCase & Pick<TrafficCasePartiesTable, 'role'> & { in_custody: boolean };

/** A person's violations with their type's names, newest first (traffic_violations_violator_idx). */
function violationsOf(db: Db, personId: string) {
  return db
    .selectFrom('traffic_violations')
    .innerJoin('violation_types', 'violation_types.code', 'traffic_violations.type_code')
    .selectAll('traffic_violations')
    .select(['violation_types.name_ar as type_name_ar', 'violation_types.name_en as type_name_en'])
    .where('traffic_violations.violator_id', '=', personId)
    .orderBy('traffic_violations.committed_at', 'desc')
    .orderBy('traffic_violations.number', 'desc');
}

/** A person's violations, newest first; optionally of one status and at most `limit`. */
export async function listViolationsOfPerson(
  db: Db,
  options: { personId: string; status?: ViolationStatus; limit?: number },
): Promise<ViolationWithType[]> {
  let query = violationsOf(db, options.personId);
  if (options.status) query = query.where('traffic_violations.status', '=', options.status);
  if (options.limit !== undefined) query = query.limit(options.limit);
  return query.execute();
}

/** A person's latest `limit` violations, whatever their status: the violations inquiry's read, compiled once. */
export const latestViolationsOf: (db: Db, personId: string, limit: number) => Promise<ViolationWithType[]> = reusableRead((db: Db, personId: string, limit: number) => violationsOf(db, personId).limit(limit));

/** What a person owes in unpaid violations: the sum in halalas and how many. */
export async function unpaidViolationsTotal(db: Db, personId: string): Promise<{ totalHalalas: number; count: number }> {
  // sum(int8) is numeric in PostgreSQL; cast back to int8 so both engines return a number.
  const row = await db
    .selectFrom('traffic_violations')
    .select([sql<number>`coalesce(sum(amount), 0)::int8`.as('total'), sql<number>`count(*)`.as('count')])
    .where('violator_id', '=', personId)
    .where('status', '=', 'unpaid')
    .executeTakeFirstOrThrow();
  return { totalHalalas: row.total, count: row.count };
}

/** Open traffic cases the person is a party to, most recent first, with the person's role. */
export async function listOpenTrafficCases(db: Db, personId: string): Promise<PersonTrafficCase[]> {
  return db
    .selectFrom('traffic_case_parties')
    .innerJoin('traffic_cases', 'traffic_cases.id', 'traffic_case_parties.case_id')
    .selectAll('traffic_cases')
    .select(['traffic_case_parties.role', 'traffic_case_parties.in_custody'])
    .where('traffic_case_parties.person_id', '=', personId)
    .where('traffic_cases.status', '=', 'open')
    .orderBy('traffic_cases.occurred_at', 'desc')
    .execute();
}

/** A traffic case with one person's part in it (null columns when they are not a party). */
export type TrafficCaseWithParty = Pick<TrafficCase, 'id' | 'number' | 'status' | 'bail_allowed' | 'closed_at'> & {
  party_role: TrafficCasePartiesTable['role'] | null;
  party_in_custody: boolean | null;
};

/**
 * A traffic case by its number with one person's part in it; undefined when no case has the
 * number. `forUpdate` locks the case row (and the party's), for a change that depends on them.
 */
export async function findTrafficCaseWithParty(db: Db, options: { number: string; personId: string; forUpdate?: boolean }): Promise<TrafficCaseWithParty | undefined> {
  let query = db
    .selectFrom('traffic_cases')
    .leftJoin('traffic_case_parties', (join) => join.onRef('traffic_case_parties.case_id', '=', 'traffic_cases.id').on('traffic_case_parties.person_id', '=', options.personId))
    .select(['traffic_cases.id', 'traffic_cases.number', 'traffic_cases.status', 'traffic_cases.bail_allowed', 'traffic_cases.closed_at', 'traffic_case_parties.role as party_role', 'traffic_case_parties.in_custody as party_in_custody'])
    .where('traffic_cases.number', '=', options.number);
  // Only the case's row: the party's side of the outer join cannot be locked.
  if (options.forUpdate) query = query.forUpdate('traffic_cases');
  return query.executeTakeFirst();
}

/** Records a party of a case as held or released; false when the person is not a party to it. */
export async function setTrafficCaseCustody(db: Db, options: { caseId: string; personId: string; inCustody: boolean; now: Date }): Promise<boolean> {
  const result = await db.updateTable('traffic_case_parties').set({ in_custody: options.inCustody }).where('case_id', '=', options.caseId).where('person_id', '=', options.personId).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await db.updateTable('traffic_cases').set({ ...platformChange(options.now), updated_at: options.now }).where('id', '=', options.caseId).execute();
  return true;
}

/** Closes an open case now; a closed one keeps its closing time. */
export async function closeTrafficCase(db: Db, options: { caseId: string; now: Date }): Promise<void> {
  await db.updateTable('traffic_cases').set({ ...platformChange(options.now), status: 'closed', closed_at: options.now, updated_at: options.now }).where('id', '=', options.caseId).where('status', '=', 'open').execute();
}

// ---- used by the import ---------------------------------------------------------------------

export type ViolationType = ViolationTypesTable;

/** The catalogue of violation types (a few dozen rows). */
export async function listViolationTypes(db: Db): Promise<ViolationType[]> {
  return db.selectFrom('violation_types').selectAll().orderBy('code').execute();
}

export type ViolationRow = Omit<TrafficViolationsTable, 'id' | 'committed_at' | 'settled_at' | 'created_at' | 'updated_at' | ProvenanceColumn> & {
  id: string;
  source_updated_at: string | null;
  /** ISO 8601 with an offset. */
  committed_at: string;
  settled_at: string | null;
};

const VIOLATION_COLUMNS = [
  'violator_id',
  'vehicle_id',
  'type_code',
  'committed_at',
  'city',
  'amount',
  'status',
  'settled_at',
] as const satisfies readonly (keyof TrafficViolationsTable)[];

/** Insert or replace violations by number. */
export async function upsertViolations(db: Db, rows: readonly ViolationRow[]): Promise<void> {
  for (const batch of chunks(rows)) {
    await db
      .insertInto('traffic_violations')
      .values(batch)
      .onConflict((oc) => oc.column('number').doUpdateSet(replaceWithExcluded('traffic_violations', VIOLATION_COLUMNS, { provenance: true })))
      .execute();
  }
}

export type TrafficCaseRow = Omit<TrafficCasesTable, 'id' | 'occurred_at' | 'closed_at' | 'bail_allowed' | 'created_at' | 'updated_at' | ProvenanceColumn> & {
  id: string;
  source_updated_at: string | null;
  occurred_at: string;
  closed_at: string | null;
  bail_allowed: boolean;
  parties: Array<{ person_id: string; role: TrafficCasePartiesTable['role']; in_custody: boolean }>;
};

const CASE_COLUMNS = [
  'kind',
  'occurred_at',
  'city',
  'description_ar',
  'description_en',
  'status',
  'bail_allowed',
  'closed_at',
] as const satisfies readonly (keyof TrafficCasesTable)[];

/** Insert or replace traffic cases by number; each case's parties replace those stored. */
export async function upsertTrafficCases(db: Db, rows: readonly TrafficCaseRow[]): Promise<void> {
  for (const batch of chunks(rows)) {
    const stored = await db
      .insertInto('traffic_cases')
      .values(batch.map(({ parties: _parties, ...row }) => row))
      .onConflict((oc) => oc.column('number').doUpdateSet(replaceWithExcluded('traffic_cases', CASE_COLUMNS, { provenance: true })))
      .returning(['id', 'number'])
      .execute();
    const caseIds = new Map(stored.map((r) => [r.number, r.id]));
    await db.deleteFrom('traffic_case_parties').where('case_id', 'in', [...caseIds.values()]).execute();
    const parties = batch.flatMap((row) => row.parties.map((party) => ({ ...party, case_id: caseIds.get(row.number)! })));
    for (const partyBatch of chunks(parties)) {
      await db.insertInto('traffic_case_parties').values(partyBatch).execute();
    }
  }
}

// ---- paying violations ------------------------------------------------------------------------

/** The person's unpaid violations among `ids` (all of them when ids is undefined), locked. */
export async function lockUnpaidViolations(db: Db, personId: string, ids?: readonly string[]): Promise<Violation[]> {
  let query = db.selectFrom('traffic_violations').selectAll().where('violator_id', '=', personId).where('status', '=', 'unpaid');
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where('id', 'in', ids);
  }
  return query.orderBy('committed_at').orderBy('number').forUpdate().execute();
}

/** Marks violations paid (only those still unpaid); returns how many changed. */
export async function markViolationsPaid(db: Db, ids: readonly string[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db.updateTable('traffic_violations').set({ ...platformChange(now), status: 'paid', settled_at: now, updated_at: now }).where('id', 'in', ids).where('status', '=', 'unpaid').executeTakeFirst();
  return Number(result.numUpdatedRows);
}
