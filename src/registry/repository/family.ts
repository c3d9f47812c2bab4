import { sql } from 'kysely';
import type { GuardianshipsTable, MarriagesTable } from '../../db/tables.js';
import { chunks, type Db } from './db.js';
import { PERSON_SUMMARY_COLUMNS, type PersonSummary } from './persons.js';

/** A spouse in a current marriage (one not ended). */
export type Spouse = PersonSummary & { marriage_id: string; contracted_on: string };

/** The other side of a guardianship, with its terms. */
export type GuardianshipParty = PersonSummary & Pick<GuardianshipsTable, 'basis' | 'starts_on' | 'ends_on'>;

export async function listParents(db: Db, personId: string): Promise<PersonSummary[]> {
  return db
    .selectFrom('parent_child')
    .innerJoin('persons', 'persons.id', 'parent_child.parent_id')
    .select(PERSON_SUMMARY_COLUMNS)
    .where('parent_child.child_id', '=', personId)
    .orderBy('persons.sex', 'desc') // father first, then mother: 'male' > 'female'
    .execute();
}

/** Children, eldest first, with the birth date, sex and marital status family rules need. */
export async function listChildren(db: Db, personId: string): Promise<PersonSummary[]> {
  return db
    .selectFrom('parent_child')
    .innerJoin('persons', 'persons.id', 'parent_child.child_id')
    .select(PERSON_SUMMARY_COLUMNS)
    .where('parent_child.parent_id', '=', personId)
    .orderBy('persons.birth_date')
    .orderBy('persons.national_id')
    .execute();
}

/** Spouses in marriages that have not ended, earliest contract first. */
export async function listSpouses(db: Db, personId: string): Promise<Spouse[]> {
  // One query for both sides: the unique (husband_id, ...) key serves the husband side and
  // marriages_wife_idx the wife side.
  return db
    .selectFrom('marriages')
    .innerJoin('persons', (join) =>
      join.on(sql<boolean>`persons.id = CASE WHEN marriages.husband_id = ${personId} THEN marriages.wife_id ELSE marriages.husband_id END`),
    )
    .select([...PERSON_SUMMARY_COLUMNS, 'marriages.id as marriage_id', 'marriages.contracted_on'])
    .where((eb) => eb.or([eb('marriages.husband_id', '=', personId), eb('marriages.wife_id', '=', personId)]))
    .where('marriages.ended_on', 'is', null)
    .orderBy('marriages.contracted_on')
    .execute();
}

/** Persons under this guardian's guardianship on a day ('YYYY-MM-DD', Riyadh calendar). */
export async function listWards(db: Db, options: { guardianId: string; on: string }): Promise<GuardianshipParty[]> {
  return db
    .selectFrom('guardianships')
    .innerJoin('persons', 'persons.id', 'guardianships.ward_id')
    .select([...PERSON_SUMMARY_COLUMNS, 'guardianships.basis', 'guardianships.starts_on', 'guardianships.ends_on'])
    .where('guardianships.guardian_id', '=', options.guardianId)
    .where('guardianships.starts_on', '<=', options.on)
    .where((eb) => eb.or([eb('guardianships.ends_on', 'is', null), eb('guardianships.ends_on', '>=', options.on)]))
    .orderBy('persons.birth_date')
    .execute();
}

/** The guardians of a ward on a day ('YYYY-MM-DD', Riyadh calendar). */
export async function listGuardians(db: Db, options: { wardId: string; on: string }): Promise<GuardianshipParty[]> {
  return db
    .selectFrom('guardianships')
    .innerJoin('persons', 'persons.id', 'guardianships.guardian_id')
    .select([...PERSON_SUMMARY_COLUMNS, 'guardianships.basis', 'guardianships.starts_on', 'guardianships.ends_on'])
    .where('guardianships.ward_id', '=', options.wardId)
    .where('guardianships.starts_on', '<=', options.on)
    .where((eb) => eb.or([eb('guardianships.ends_on', 'is', null), eb('guardianships.ends_on', '>=', options.on)]))
    .orderBy('guardianships.starts_on')
    .execute();
}

// ---- writes used by the import -------------------------------------------------------------

export interface ParentChildRow {
  parent_id: string;
  child_id: string;
}

/** Record parent-child links; a link already recorded is left as it is. */
export async function insertParentChildLinks(db: Db, rows: readonly ParentChildRow[]): Promise<void> {
  for (const batch of chunks(rows)) {
    await db.insertInto('parent_child').values(batch).onConflict((oc) => oc.columns(['parent_id', 'child_id']).doNothing()).execute();
  }
}

export type MarriageRow = Omit<MarriagesTable, 'id'> & { id: string };

/** Insert marriages, or update the end date of one already recorded (same husband, wife and contract date). */
export async function upsertMarriages(db: Db, rows: readonly MarriageRow[]): Promise<void> {
  for (const batch of chunks(rows)) {
    await db
      .insertInto('marriages')
      .values(batch)
      .onConflict((oc) => oc.columns(['husband_id', 'wife_id', 'contracted_on']).doUpdateSet((eb) => ({ ended_on: eb.ref('excluded.ended_on') })))
      .execute();
  }
}

export type GuardianshipRow = GuardianshipsTable;

/** Insert guardianships, or replace the terms of one already recorded (same guardian and ward). */
export async function upsertGuardianships(db: Db, rows: readonly GuardianshipRow[]): Promise<void> {
  for (const batch of chunks(rows)) {
    await db
      .insertInto('guardianships')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['guardian_id', 'ward_id']).doUpdateSet((eb) => ({
          basis: eb.ref('excluded.basis'),
          starts_on: eb.ref('excluded.starts_on'),
          ends_on: eb.ref('excluded.ends_on'),
        })),
      )
      .execute();
  }
}
