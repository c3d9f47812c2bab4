import type { Insertable } from 'kysely';
import type { Person, PersonsTable } from '../../db/tables.js';
import { chunks, LOOKUP_KEYS, replaceWithExcluded, type Db } from './db.js';

/** What other records show about a person: identity, names and the facts rules look at. */
export type PersonSummary = Pick<
  Person,
  | 'id'
  | 'national_id'
  | 'id_type'
  | 'first_name_ar'
  | 'father_name_ar'
  | 'grandfather_name_ar'
  | 'family_name_ar'
  | 'first_name_en'
  | 'father_name_en'
  | 'grandfather_name_en'
  | 'family_name_en'
  | 'sex'
  | 'birth_date'
  | 'nationality'
  | 'marital_status'
  | 'deceased'
  | 'inside_kingdom'
>;

export const PERSON_SUMMARY_COLUMNS = [
  'persons.id',
  'persons.national_id',
  'persons.id_type',
  'persons.first_name_ar',
  'persons.father_name_ar',
  'persons.grandfather_name_ar',
  'persons.family_name_ar',
  'persons.first_name_en',
  'persons.father_name_en',
  'persons.grandfather_name_en',
  'persons.family_name_en',
  'persons.sex',
  'persons.birth_date',
  'persons.nationality',
  'persons.marital_status',
  'persons.deceased',
  'persons.inside_kingdom',
] as const;

/** The person holding a national ID, iqama or border number; undefined when none. */
export async function findPersonByNationalId(db: Db, nationalId: string): Promise<Person | undefined> {
  return db.selectFrom('persons').selectAll().where('national_id', '=', nationalId).executeTakeFirst();
}

/** The person with this internal id; undefined when none. */
export async function getPerson(db: Db, id: string): Promise<Person | undefined> {
  return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Summaries of several persons by internal id, in one query. */
export async function personSummariesByIds(db: Db, ids: readonly string[]): Promise<Map<string, PersonSummary>> {
  const found = new Map<string, PersonSummary>();
  for (const batch of chunks(ids, LOOKUP_KEYS)) {
    if (batch.length === 0) continue;
    const rows = await db.selectFrom('persons').select(PERSON_SUMMARY_COLUMNS).where('id', 'in', batch).execute();
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}

/** Internal ids of the persons among these national IDs that are registered (nationalId -> id). */
export async function personIdsByNationalId(db: Db, nationalIds: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const batch of chunks(nationalIds, LOOKUP_KEYS)) {
    const rows = await db.selectFrom('persons').select(['id', 'national_id']).where('national_id', 'in', batch).execute();
    for (const row of rows) found.set(row.national_id, row.id);
  }
  return found;
}

export type PersonRow = Omit<Insertable<PersonsTable>, 'created_at' | 'updated_at'> & { id: string };

/** Every column an import replaces; `id` and `created_at` stay as first stored. */
const PERSON_COLUMNS = [
  'id_type',
  'first_name_ar',
  'father_name_ar',
  'grandfather_name_ar',
  'family_name_ar',
  'first_name_en',
  'father_name_en',
  'grandfather_name_en',
  'family_name_en',
  'sex',
  'birth_date',
  'nationality',
  'mother_nationality',
  'marital_status',
  'mobile',
  'email',
  'address_building_number',
  'address_street',
  'address_district',
  'address_city',
  'address_postal_code',
  'address_additional_number',
  'deceased',
  'inside_kingdom',
  'criminal_case',
  'security_restriction',
] as const satisfies readonly (keyof PersonsTable)[];

/** The columns of a person's record besides its id and timestamps (a read that joins persons selects these). */
export const PERSON_RECORD_COLUMNS = ['national_id', ...PERSON_COLUMNS] as const;

/**
 * Insert or replace persons by national ID. `id` is used only for new persons; the map
 * returned gives the stored id of every row (nationalId -> id).
 */
export async function upsertPersons(db: Db, rows: readonly PersonRow[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const batch of chunks(rows)) {
    const stored = await db
      .insertInto('persons')
      .values(batch)
      .onConflict((oc) => oc.column('national_id').doUpdateSet(replaceWithExcluded('persons', PERSON_COLUMNS)))
      .returning(['id', 'national_id'])
      .execute();
    for (const row of stored) ids.set(row.national_id, row.id);
  }
  return ids;
}
