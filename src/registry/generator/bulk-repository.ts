import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/tables.js';
import type { ViolationType } from './builder.js';
import { plateKey } from './identifiers.js';
import { INSERT_ORDER, type RowSet, type TableName } from './rows.js';

/**
 * All SQL of the population generator and the personas.
 *
 * Rows go in with one statement per table and batch:
 *   INSERT INTO t (a, b, ...) SELECT a, b, ... FROM unnest($1::uuid[], $2::text[], ...) AS u(a, b, ...)
 * one array parameter per column, which runs the same on PostgreSQL and PGlite and is several
 * times faster than multi-row VALUES (no 65,535-parameter limit, one plan per statement).
 * Each array is sent as a PostgreSQL array literal built here: the driver would otherwise
 * escape every element through generic code, which costs more than generating the data.
 */

type Db = Kysely<Database>;
type ColumnType = 'uuid' | 'text' | 'date' | 'int' | 'bool' | 'timestamptz' | 'text_list' | 'jsonb';

/** Column name and SQL type per table, in the order the rows' keys are read. */
const COLUMNS: Record<TableName, Array<[string, ColumnType]>> = {
  persons: [
    ['id', 'uuid'], ['national_id', 'text'], ['id_type', 'text'], ['first_name_ar', 'text'], ['father_name_ar', 'text'],
    ['grandfather_name_ar', 'text'], ['family_name_ar', 'text'], ['first_name_en', 'text'], ['father_name_en', 'text'],
    ['grandfather_name_en', 'text'], ['family_name_en', 'text'], ['sex', 'text'], ['birth_date', 'date'],
    ['nationality', 'text'], ['mother_nationality', 'text'], ['marital_status', 'text'], ['mobile', 'text'],
    ['email', 'text'], ['address_building_number', 'text'], ['address_street', 'text'], ['address_district', 'text'],
    ['address_city', 'text'], ['address_postal_code', 'text'], ['address_additional_number', 'text'],
    ['deceased', 'bool'], ['inside_kingdom', 'bool'], ['criminal_case', 'bool'], ['security_restriction', 'bool'],
  ],
  establishments: [['id', 'uuid'], ['unified_number', 'text'], ['name_ar', 'text'], ['name_en', 'text'], ['owner_id', 'uuid'], ['city', 'text']],
  marriages: [['id', 'uuid'], ['husband_id', 'uuid'], ['wife_id', 'uuid'], ['contracted_on', 'date'], ['ended_on', 'date']],
  parent_child: [['parent_id', 'uuid'], ['child_id', 'uuid']],
  guardianships: [['guardian_id', 'uuid'], ['ward_id', 'uuid'], ['basis', 'text'], ['starts_on', 'date'], ['ends_on', 'date']],
  sponsorships: [
    ['id', 'uuid'], ['worker_id', 'uuid'], ['sponsor_person_id', 'uuid'], ['sponsor_establishment_id', 'uuid'],
    ['occupation_ar', 'text'], ['occupation_en', 'text'], ['domestic_worker', 'bool'], ['absence_reported_on', 'date'],
    ['obligations_settled', 'bool'], ['past_transfers', 'int'], ['started_on', 'date'], ['ended_on', 'date'],
  ],
  vehicles: [
    ['id', 'uuid'], ['sequence_number', 'text'], ['plate_letters_ar', 'text'], ['plate_letters_en', 'text'],
    ['plate_digits', 'text'], ['make', 'text'], ['model', 'text'], ['year', 'int'], ['colour_ar', 'text'],
    ['colour_en', 'text'], ['owner_person_id', 'uuid'], ['owner_establishment_id', 'uuid'], ['registration_expiry', 'date'],
    ['insurance_policy', 'text'], ['insurance_expiry', 'date'], ['impounded', 'bool'], ['impounded_on', 'date'],
    ['impound_location', 'text'], ['insurer_ar', 'text'], ['insurer_en', 'text'], ['insurance_coverage', 'text'],
  ],
  vehicle_users: [['vehicle_id', 'uuid'], ['person_id', 'uuid']],
  documents: [
    ['id', 'uuid'], ['person_id', 'uuid'], ['kind', 'text'], ['number', 'text'], ['issue_date', 'date'],
    ['expiry_date', 'date'], ['status', 'text'], ['issuing_country', 'text'], ['vehicle_id', 'uuid'], ['details', 'jsonb'],
  ],
  traffic_violations: [
    ['id', 'uuid'], ['number', 'text'], ['violator_id', 'uuid'], ['vehicle_id', 'uuid'], ['type_code', 'text'],
    ['committed_at', 'timestamptz'], ['city', 'text'], ['amount', 'int'], ['status', 'text'], ['settled_at', 'timestamptz'],
  ],
  traffic_cases: [
    ['id', 'uuid'], ['number', 'text'], ['kind', 'text'], ['occurred_at', 'timestamptz'], ['city', 'text'],
    ['description_ar', 'text'], ['description_en', 'text'], ['status', 'text'], ['bail_allowed', 'bool'], ['closed_at', 'timestamptz'],
  ],
  traffic_case_parties: [['case_id', 'uuid'], ['person_id', 'uuid'], ['role', 'text'], ['in_custody', 'bool']],
  service_suspensions: [
    ['id', 'uuid'], ['reference', 'text'], ['person_id', 'uuid'], ['authority', 'text'], ['legal_basis', 'text'],
    ['reason_ar', 'text'], ['reason_en', 'text'], ['blocked_services', 'text_list'], ['lifted_by', 'text'], ['phase', 'int'],
    ['starts_at', 'timestamptz'], ['lifted_at', 'timestamptz'], ['lift_note', 'text'],
  ],
  work_visas: [
    ['id', 'uuid'], ['number', 'text'], ['sponsor_person_id', 'uuid'], ['sponsor_establishment_id', 'uuid'], ['occupation_ar', 'text'],
    ['occupation_en', 'text'], ['nationality', 'text'], ['status', 'text'], ['issued_on', 'date'], ['expires_on', 'date'],
    ['worker_id', 'uuid'], ['used_on', 'date'],
  ],
  recruitment_requests: [
    ['id', 'uuid'], ['number', 'text'], ['sponsor_person_id', 'uuid'], ['sponsor_establishment_id', 'uuid'], ['office_ar', 'text'],
    ['office_en', 'text'], ['nationality', 'text'], ['occupation_ar', 'text'], ['occupation_en', 'text'], ['status', 'text'],
    ['submitted_on', 'date'], ['closed_on', 'date'], ['work_visa_id', 'uuid'],
  ],
  border_crossings: [
    ['id', 'uuid'], ['person_id', 'uuid'], ['direction', 'text'], ['crossed_at', 'timestamptz'], ['port_ar', 'text'],
    ['port_en', 'text'], ['passport_number', 'text'], ['visa_kind', 'text'], ['visa_number', 'text'],
  ],
  biometrics: [
    ['id', 'uuid'], ['person_id', 'uuid'], ['status', 'text'], ['fingerprints_on', 'date'], ['face_on', 'date'], ['place_ar', 'text'],
    ['place_en', 'text'],
  ],
  health_insurance: [
    ['id', 'uuid'], ['person_id', 'uuid'], ['insurer_ar', 'text'], ['insurer_en', 'text'], ['policy_number', 'text'], ['class', 'text'],
    ['starts_on', 'date'], ['ends_on', 'date'],
  ],
  employments: [
    ['id', 'uuid'], ['person_id', 'uuid'], ['employer_person_id', 'uuid'], ['employer_establishment_id', 'uuid'], ['occupation_ar', 'text'],
    ['occupation_en', 'text'], ['started_on', 'date'], ['ended_on', 'date'], ['contract_status', 'text'], ['monthly_wage', 'int'],
  ],
  hajj_performances: [['id', 'uuid'], ['person_id', 'uuid'], ['hijri_year', 'int']],
  hajj_permits: [
    ['id', 'uuid'], ['number', 'text'], ['person_id', 'uuid'], ['season_hijri_year', 'int'], ['campaign_ar', 'text'], ['campaign_en', 'text'],
    ['status', 'text'], ['issued_on', 'date'],
  ],
};

const SQL_ARRAY_TYPE: Record<ColumnType, string> = {
  uuid: 'uuid[]', text: 'text[]', date: 'date[]', int: 'int8[]', bool: 'bool[]', timestamptz: 'timestamptz[]', text_list: 'text[]',
  jsonb: 'jsonb[]',
};

/** Quotes an element of an array literal: always quoted (names contain spaces), escaped when needed. */
function quote(value: string): string {
  return value.includes('"') || value.includes('\\') ? `"${value.replace(/[\\"]/g, '\\$&')}"` : `"${value}"`;
}

/** One column of `rows` as a PostgreSQL array literal. */
export function arrayLiteral(rows: ReadonlyArray<object>, column: string, type: ColumnType): string {
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const value = (rows[i] as Record<string, unknown>)[column];
    if (value === null || value === undefined) parts[i] = 'NULL';
    else if (type === 'text' || type === 'jsonb') parts[i] = quote(value as string);
    // A list column travels as one '|'-joined text per row, split again in SQL.
    else if (type === 'text_list') parts[i] = quote((value as string[]).join('|'));
    else parts[i] = String(value);
  }
  return `{${parts.join(',')}}`;
}

function insertStatement(table: TableName, rows: ReadonlyArray<object>): RawBuilder<unknown> {
  const columns = COLUMNS[table];
  const names = sql.join(columns.map(([name]) => sql.ref(name)));
  const selected = sql.join(
    columns.map(([name, type]) => {
      if (type === 'text_list') return sql`string_to_array(${sql.ref(name)}, '|')`;
      // A jsonb column left out (null) takes the table's default, as a multi-row VALUES would.
      if (type === 'jsonb') return sql`coalesce(${sql.ref(name)}, '{}'::jsonb)`;
      return sql.ref(name);
    }),
  );
  const arrays = sql.join(columns.map(([name, type]) => sql`${arrayLiteral(rows, name, type)}::${sql.raw(SQL_ARRAY_TYPE[type])}`));
  return sql`INSERT INTO ${sql.table(table)} (${names}) SELECT ${selected} FROM unnest(${arrays}) AS u(${names})`;
}

/** Writes every table of a row set, in foreign-key order. Run inside the caller's transaction. */
export async function insertRows(db: Db, rows: RowSet): Promise<void> {
  for (const table of INSERT_ORDER) {
    if (rows[table].length > 0) await insertStatement(table, rows[table]).execute(db);
  }
}

/**
 * Speeds up a bulk-load transaction: a commit need not wait for its WAL flush. A crash can lose
 * the last batches but never corrupts the database, and a seed is re-run anyway.
 */
export async function relaxCommitDurability(trx: Db): Promise<void> {
  await sql`SET LOCAL synchronous_commit = off`.execute(trx);
}

/** Which of these national IDs the registry already holds. */
export async function existingNationalIds(db: Db, nationalIds: string[]): Promise<Set<string>> {
  if (nationalIds.length === 0) return new Set();
  const { rows } = await sql<{ national_id: string }>`
    SELECT p.national_id FROM persons p JOIN unnest(${arrayLiteral(nationalIds.map((n) => ({ n })), 'n', 'text')}::text[]) AS c(n) ON p.national_id = c.n`.execute(db);
  return new Set(rows.map((r) => r.national_id));
}

/** Which of these plates ("LETTERS digits", see plateKey) are registered already. */
export async function existingPlates(db: Db, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const split = keys.map((k) => {
    const [letters, digits] = k.split(' ');
    return { letters, digits };
  });
  const { rows } = await sql<{ plate_letters_en: string; plate_digits: string }>`
    SELECT v.plate_letters_en, v.plate_digits FROM vehicles v
    JOIN unnest(${arrayLiteral(split, 'letters', 'text')}::text[], ${arrayLiteral(split, 'digits', 'text')}::text[]) AS c(letters, digits)
      ON v.plate_letters_en = c.letters AND v.plate_digits = c.digits`.execute(db);
  return new Set(rows.map((r) => plateKey(r.plate_letters_en, r.plate_digits)));
}

export async function loadViolationTypes(db: Db): Promise<ViolationType[]> {
  const rows = await db.selectFrom('violation_types').select(['code', 'min_amount', 'max_amount']).orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, minAmount: Number(r.min_amount), maxAmount: Number(r.max_amount) }));
}

/** True when the registry holds no person at all (an index probe, not a count). */
export async function registryIsEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('persons').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * Serialises first-start seeding between app nodes starting at once: a transaction-scoped
 * advisory lock, released at commit. The key is an arbitrary constant ("tayseer seed").
 */
export async function lockFirstStartSeeding(trx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7413370001)`.execute(trx);
}

export async function countRows(db: Db): Promise<Record<TableName, number>> {
  const counts = {} as Record<TableName, number>;
  for (const table of INSERT_ORDER) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}
