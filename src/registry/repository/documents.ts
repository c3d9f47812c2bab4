import { sql } from 'kysely';
import type { Document, DocumentKind, DocumentsTable } from '../../db/tables.js';
import { chunks, LOOKUP_KEYS, platformChange, platformInsert, replaceWithExcluded, type Db } from './db.js';

/** A person's documents, optionally of one kind; within a kind the latest expiry first. */
export async function listDocuments(db: Db, options: { personId: string; kind?: DocumentKind }): Promise<Document[]> {
  let query = db.selectFrom('documents').selectAll().where('person_id', '=', options.personId);
  if (options.kind) query = query.where('kind', '=', options.kind);
  return query.orderBy('kind').orderBy('expiry_date', 'desc').execute();
}

/**
 * The document of a kind that counts now for each of these persons (the one expiring last among
 * those not cancelled or reported lost), by person id: one query for an establishment's workers.
 */
export async function currentDocumentsOf(db: Db, personIds: readonly string[], kind: DocumentKind): Promise<Map<string, Document>> {
  const found = new Map<string, Document>();
  for (const batch of chunks(personIds, LOOKUP_KEYS)) {
    const rows = await db
      .selectFrom('documents')
      .selectAll()
      .distinctOn('person_id')
      .where('person_id', 'in', batch)
      .where('kind', '=', kind)
      .where('status', 'not in', ['cancelled', 'lost'])
      .orderBy('person_id')
      .orderBy('expiry_date', 'desc')
      .execute();
    for (const row of rows) found.set(row.person_id, row);
  }
  return found;
}

export interface DocumentRow {
  id: string;
  person_id: string;
  kind: DocumentKind;
  number: string;
  issue_date: string;
  expiry_date: string;
  status: Document['status'];
  issuing_country: string | null;
  vehicle_id: string | null;
  /** JSON text: the column is jsonb. */
  details: string;
  /** The source system's own time for its record (the line's `sourceUpdatedAt`). */
  source_updated_at: string | null;
}

const DOCUMENT_COLUMNS = [
  'person_id',
  'issue_date',
  'expiry_date',
  'status',
  'issuing_country',
  'vehicle_id',
  'details',
] as const satisfies readonly (keyof DocumentsTable)[];

/** Insert documents, or replace the one with the same kind and number. */
export async function upsertDocuments(db: Db, rows: readonly DocumentRow[]): Promise<void> {
  for (const batch of chunks(rows)) {
    await db
      .insertInto('documents')
      .values(batch)
      .onConflict((oc) => oc.columns(['kind', 'number']).doUpdateSet(replaceWithExcluded('documents', DOCUMENT_COLUMNS, { provenance: true })))
      .execute();
  }
}

/** How many documents of a kind the person has had reported lost, ever. */
export async function countLostDocuments(db: Db, personId: string, kind: DocumentKind): Promise<number> {
  const row = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .where('status', '=', 'lost')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Reports the person's valid documents of a kind lost, at once (they can no longer be used);
 * the report's details are kept on each document. Returns their numbers.
 */
export async function markDocumentsLost(db: Db, options: { personId: string; kind: DocumentKind; details: Record<string, unknown>; now: Date }): Promise<string[]> {
  const rows = await db
    .updateTable('documents')
    .set({ ...platformChange(options.now), status: 'lost', updated_at: options.now, details: sql`details || ${JSON.stringify({ lost: options.details })}::jsonb` })
    .where('person_id', '=', options.personId)
    .where('kind', '=', options.kind)
    .where('status', '=', 'valid')
    .returning('number')
    .execute();
  return rows.map((r) => r.number);
}

/**
 * Issues a person's next identity card: number `<national ID>-<n>`, n one more than the highest
 * card number they have had (the numbering the registry uses), valid to `expiryDate`.
 */
export async function issueIdentityDocument(
  db: Db,
  options: { personId: string; nationalId: string; kind: DocumentKind; issueDate: string; expiryDate: string; details: Record<string, unknown>; now: Date },
): Promise<string> {
  // The next number is found by the insert itself (one round trip): the highest `<prefix><n>`
  // among the person's documents of the kind, plus one (1 for the first).
  const prefix = `${options.nationalId}-`;
  const suffix = sql`substr(number, ${prefix.length + 1}::int)`;
  const inserted = await sql<{ number: string }>`
    INSERT INTO documents (person_id, kind, number, issue_date, expiry_date, status, issuing_country, details, created_at, updated_at, source, platform_changed_at)
    SELECT ${options.personId}::uuid, ${options.kind}::text, ${prefix}::text || (coalesce(max(CASE WHEN left(number, ${prefix.length}::int) = ${prefix}::text AND ${suffix} ~ '^[0-9]{1,15}$' THEN ${suffix}::bigint END), 0) + 1)::text,
           ${options.issueDate}::date, ${options.expiryDate}::date, 'valid', 'SAU', ${JSON.stringify(options.details)}::jsonb, ${options.now}::timestamptz, ${options.now}::timestamptz, 'platform', ${options.now}::timestamptz
    FROM documents WHERE person_id = ${options.personId}::uuid AND kind = ${options.kind}::text
    RETURNING number`.execute(db);
  return inserted.rows[0]!.number;
}

/**
 * Records a document issued by a service (a travel permit), with the number the service gives it
 * (unique per kind) and its own validity, from `issueDate` to `expiryDate`.
 */
export async function insertIssuedDocument(
  db: Db,
  options: { personId: string; kind: DocumentKind; number: string; issueDate: string; expiryDate: string; details: Record<string, unknown>; now: Date },
): Promise<void> {
  await db
    .insertInto('documents')
    .values({
      person_id: options.personId,
      kind: options.kind,
      number: options.number,
      issue_date: options.issueDate,
      expiry_date: options.expiryDate,
      status: 'valid',
      issuing_country: 'SAU',
      details: JSON.stringify(options.details),
      created_at: options.now,
      updated_at: options.now,
      ...platformInsert(options.now),
    })
    .execute();
}

/**
 * Cancels one valid document of a kind by its number; the cancellation's details are kept on it.
 * Returns whether a valid document was cancelled (false: none, or already not valid).
 */
export async function cancelDocument(db: Db, options: { kind: DocumentKind; number: string; details: Record<string, unknown>; now: Date }): Promise<boolean> {
  const rows = await db
    .updateTable('documents')
    .set({ ...platformChange(options.now), status: 'cancelled', updated_at: options.now, details: sql`details || ${JSON.stringify({ cancelled: options.details })}::jsonb` })
    .where('kind', '=', options.kind)
    .where('number', '=', options.number)
    .where('status', '=', 'valid')
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** A document by its kind and number, whoever holds it (numbers are unique per kind). */
export async function findDocumentByNumber(db: Db, kind: DocumentKind, number: string): Promise<Document | undefined> {
  return db.selectFrom('documents').selectAll().where('kind', '=', kind).where('number', '=', number).executeTakeFirst();
}

/**
 * Records a person's renewed passport: the passports they held that were still valid (or had
 * expired) are cancelled, with the details of the renewal kept on each, and the new one is
 * recorded valid with its own number, issuing country and dates. Returns the cancelled numbers.
 * A passport reported lost stays lost.
 */
export async function recordRenewedPassport(
  db: Db,
  options: { personId: string; number: string; issuingCountry: string; issueDate: string; expiryDate: string; details: Record<string, unknown>; now: Date },
): Promise<string[]> {
  const cancelled = await db
    .updateTable('documents')
    .set({ ...platformChange(options.now), status: 'cancelled', updated_at: options.now, details: sql`details || ${JSON.stringify({ replacedBy: { number: options.number, ...options.details } })}::jsonb` })
    .where('person_id', '=', options.personId)
    .where('kind', '=', 'passport')
    .where('status', 'in', ['valid', 'expired'])
    .returning('number')
    .execute();
  await db
    .insertInto('documents')
    .values({
      person_id: options.personId,
      kind: 'passport',
      number: options.number,
      issue_date: options.issueDate,
      expiry_date: options.expiryDate,
      status: 'valid',
      issuing_country: options.issuingCountry,
      details: JSON.stringify(options.details),
      created_at: options.now,
      updated_at: options.now,
      ...platformInsert(options.now),
    })
    .execute();
  return cancelled.map((r) => r.number);
}
