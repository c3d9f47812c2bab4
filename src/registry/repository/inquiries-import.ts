import type {
  BiometricsTable,
  BorderCrossingsTable,
  EmploymentsTable,
  HajjPermitsTable,
  HealthInsuranceTable,
  RecruitmentRequestsTable,
  WorkVisasTable,
} from '../../db/tables.js';
import { chunks, LOOKUP_KEYS, replaceWithExcluded, type Db } from './db.js';

/**
 * Writes of the records the inquiries read (migration 0009), for the import: each upserts on
 * its natural key and moves `updated_at` only when a value really changed.
 */

/** A row as the import writes it: every column but the times the database fills. */
type Row<T> = Omit<T, 'id' | 'created_at' | 'updated_at'> & { id: string };

/** Internal ids of the registered work visas among these numbers (number -> id). */
export async function workVisaIdsByNumber(db: Db, numbers: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const batch of chunks(numbers, LOOKUP_KEYS)) {
    const rows = await db.selectFrom('work_visas').select(['id', 'number']).where('number', 'in', batch).execute();
    for (const row of rows) found.set(row.number, row.id);
  }
  return found;
}

export type BorderCrossingRow = Omit<Row<BorderCrossingsTable>, 'crossed_at'> & { /** ISO 8601 with an offset. */ crossed_at: string };

export async function upsertBorderCrossings(db: Db, rows: readonly BorderCrossingRow[]): Promise<void> {
  const columns = ['direction', 'port_ar', 'port_en', 'passport_number', 'visa_kind', 'visa_number'] as const;
  for (const batch of chunks(rows)) {
    await db
      .insertInto('border_crossings')
      .values(batch)
      .onConflict((oc) => oc.columns(['person_id', 'crossed_at']).doUpdateSet(replaceWithExcluded('border_crossings', columns)))
      .execute();
  }
}

export type BiometricsRow = Row<BiometricsTable>;

export async function upsertBiometrics(db: Db, rows: readonly BiometricsRow[]): Promise<void> {
  const columns = ['status', 'fingerprints_on', 'face_on', 'place_ar', 'place_en'] as const;
  for (const batch of chunks(rows)) {
    await db
      .insertInto('biometrics')
      .values(batch)
      .onConflict((oc) => oc.column('person_id').doUpdateSet(replaceWithExcluded('biometrics', columns)))
      .execute();
  }
}

export type HealthInsuranceRow = Row<HealthInsuranceTable>;

export async function upsertHealthInsurance(db: Db, rows: readonly HealthInsuranceRow[]): Promise<void> {
  const columns = ['insurer_ar', 'insurer_en', 'class', 'starts_on', 'ends_on'] as const;
  for (const batch of chunks(rows)) {
    await db
      .insertInto('health_insurance')
      .values(batch)
      .onConflict((oc) => oc.columns(['person_id', 'policy_number']).doUpdateSet(replaceWithExcluded('health_insurance', columns)))
      .execute();
  }
}

export type EmploymentRow = Row<EmploymentsTable>;

export async function upsertEmployments(db: Db, rows: readonly EmploymentRow[]): Promise<void> {
  const columns = [
    'employer_person_id', 'employer_establishment_id', 'occupation_ar', 'occupation_en', 'ended_on', 'contract_status', 'monthly_wage',
  ] as const;
  for (const batch of chunks(rows)) {
    await db
      .insertInto('employments')
      .values(batch)
      .onConflict((oc) => oc.columns(['person_id', 'started_on']).doUpdateSet(replaceWithExcluded('employments', columns)))
      .execute();
  }
}

export type WorkVisaRow = Row<WorkVisasTable>;

/** Insert or replace work visas by number; returns number -> stored id. */
export async function upsertWorkVisas(db: Db, rows: readonly WorkVisaRow[]): Promise<Map<string, string>> {
  const columns = [
    'sponsor_person_id', 'sponsor_establishment_id', 'occupation_ar', 'occupation_en', 'nationality', 'status', 'issued_on', 'expires_on',
    'worker_id', 'used_on',
  ] as const;
  const ids = new Map<string, string>();
  for (const batch of chunks(rows)) {
    const stored = await db
      .insertInto('work_visas')
      .values(batch)
      .onConflict((oc) => oc.column('number').doUpdateSet(replaceWithExcluded('work_visas', columns)))
      .returning(['id', 'number'])
      .execute();
    for (const row of stored) ids.set(row.number, row.id);
  }
  return ids;
}

export type RecruitmentRequestRow = Row<RecruitmentRequestsTable>;

export async function upsertRecruitmentRequests(db: Db, rows: readonly RecruitmentRequestRow[]): Promise<void> {
  const columns = [
    'sponsor_person_id', 'sponsor_establishment_id', 'office_ar', 'office_en', 'nationality', 'occupation_ar', 'occupation_en', 'status',
    'submitted_on', 'closed_on', 'work_visa_id',
  ] as const;
  for (const batch of chunks(rows)) {
    await db
      .insertInto('recruitment_requests')
      .values(batch)
      .onConflict((oc) => oc.column('number').doUpdateSet(replaceWithExcluded('recruitment_requests', columns)))
      .execute();
  }
}

export interface HajjPerformanceRow {
  id: string;
  person_id: string;
  hijri_year: number;
}

/** Record Hajj performed; one already recorded (same person and year) is left as it is. */
export async function insertHajjPerformances(db: Db, rows: readonly HajjPerformanceRow[]): Promise<void> {
  for (const batch of chunks(rows)) {
    await db.insertInto('hajj_performances').values(batch).onConflict((oc) => oc.columns(['person_id', 'hijri_year']).doNothing()).execute();
  }
}

export type HajjPermitRow = Row<HajjPermitsTable>;

export async function upsertHajjPermits(db: Db, rows: readonly HajjPermitRow[]): Promise<void> {
  const columns = ['person_id', 'season_hijri_year', 'campaign_ar', 'campaign_en', 'status', 'issued_on'] as const;
  for (const batch of chunks(rows)) {
    await db
      .insertInto('hajj_permits')
      .values(batch)
      .onConflict((oc) => oc.column('number').doUpdateSet(replaceWithExcluded('hajj_permits', columns)))
      .execute();
  }
}
