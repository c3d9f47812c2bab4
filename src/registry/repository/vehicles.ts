import { sql } from 'kysely';
import type { Vehicle, VehiclesTable } from '../../db/tables.js';
import { chunks, LOOKUP_KEYS, replaceWithExcluded, type Db } from './db.js';

/** A vehicle a person owns, or is registered as an authorised user of. */
export type PersonVehicle = Vehicle & { relation: 'owner' | 'user' };

/** Vehicles the person owns (first) or uses, by plate; a vehicle they own and use shows once, as owner. */
export async function listVehiclesOfPerson(db: Db, personId: string): Promise<PersonVehicle[]> {
  // A UNION of two index look-ups (vehicles_owner_person_idx, vehicle_users_person_idx);
  // `owner = $1 OR id IN (...)` in one WHERE would scan the whole vehicles table.
  return db
    .selectFrom('vehicles')
    .selectAll()
    .select(sql<PersonVehicle['relation']>`'owner'`.as('relation'))
    .where('owner_person_id', '=', personId)
    .unionAll(
      db
        .selectFrom('vehicle_users')
        .innerJoin('vehicles', 'vehicles.id', 'vehicle_users.vehicle_id')
        .selectAll('vehicles')
        .select(sql<PersonVehicle['relation']>`'user'`.as('relation'))
        .where('vehicle_users.person_id', '=', personId)
        .where((eb) => eb.or([eb('vehicles.owner_person_id', 'is', null), eb('vehicles.owner_person_id', '!=', personId)])),
    )
    .orderBy('relation') // 'owner' before 'user'
    .orderBy('plate_letters_en')
    .orderBy('plate_digits')
    .execute();
}

/** The vehicle with this sequence number (the number on its registration); undefined when none. */
export async function findVehicleBySequenceNumber(db: Db, sequenceNumber: string): Promise<Vehicle | undefined> {
  return db.selectFrom('vehicles').selectAll().where('sequence_number', '=', sequenceNumber).executeTakeFirst();
}

// ---- used by the import ---------------------------------------------------------------------

/** Internal ids of the registered vehicles among these sequence numbers (number -> id). */
export async function vehicleIdsBySequenceNumber(db: Db, sequenceNumbers: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const batch of chunks(sequenceNumbers, LOOKUP_KEYS)) {
    const rows = await db.selectFrom('vehicles').select(['id', 'sequence_number']).where('sequence_number', 'in', batch).execute();
    for (const row of rows) found.set(row.sequence_number, row.id);
  }
  return found;
}

/** Which registered vehicle carries each of these plates ("ABC 123" -> sequence number). */
export async function sequenceNumbersByPlate(
  db: Db,
  plates: ReadonlyArray<{ letters: string; digits: string }>,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const batch of chunks(plates, LOOKUP_KEYS)) {
    // Two arrays through unnest, not a row IN list `(a, b) IN (($1, $2), ...)`: on PGlite
    // 0.5.16 a row IN list of more than about 250 pairs breaks the connection's transaction
    // state ("CommitTransactionCommand: unexpected state"). Plain IN lists are not affected.
    const letters = batch.map((p) => p.letters);
    const digits = batch.map((p) => p.digits);
    const rows = await db
      .selectFrom('vehicles')
      .select(['sequence_number', 'plate_letters_en', 'plate_digits'])
      .where(sql<boolean>`(plate_letters_en, plate_digits) IN (SELECT * FROM unnest(${letters}::text[], ${digits}::text[]))`)
      .execute();
    for (const row of rows) found.set(plateKey(row.plate_letters_en, row.plate_digits), row.sequence_number);
  }
  return found;
}

export function plateKey(letters: string, digits: string): string {
  return `${letters} ${digits}`;
}

export type VehicleRow = Omit<VehiclesTable, 'id' | 'impounded' | 'created_at' | 'updated_at'> & { id: string; impounded: boolean };

const VEHICLE_COLUMNS = [
  'plate_letters_ar',
  'plate_letters_en',
  'plate_digits',
  'make',
  'model',
  'year',
  'colour_ar',
  'colour_en',
  'owner_person_id',
  'owner_establishment_id',
  'registration_expiry',
  'insurance_policy',
  'insurance_expiry',
  'impounded',
  'impounded_on',
  'impound_location',
  'insurer_ar',
  'insurer_en',
  'insurance_coverage',
] as const satisfies readonly (keyof VehiclesTable)[];

/** Insert or replace vehicles by sequence number; returns sequence number -> stored id. */
export async function upsertVehicles(db: Db, rows: readonly VehicleRow[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const batch of chunks(rows)) {
    const stored = await db
      .insertInto('vehicles')
      .values(batch)
      .onConflict((oc) => oc.column('sequence_number').doUpdateSet(replaceWithExcluded('vehicles', VEHICLE_COLUMNS)))
      .returning(['id', 'sequence_number'])
      .execute();
    for (const row of stored) ids.set(row.sequence_number, row.id);
  }
  return ids;
}

export interface VehicleUserRow {
  vehicle_id: string;
  person_id: string;
}

/** Record authorised users of vehicles; one already recorded is left as it is. */
export async function insertVehicleUsers(db: Db, rows: readonly VehicleUserRow[]): Promise<void> {
  for (const batch of chunks(rows)) {
    await db.insertInto('vehicle_users').values(batch).onConflict((oc) => oc.columns(['vehicle_id', 'person_id']).doNothing()).execute();
  }
}
