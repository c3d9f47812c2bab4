import { sql } from 'kysely';
import type { Document, DocumentKind, DocumentsTable } from '../../db/tables.js';
import { chunks, replaceWithExcluded, type Db } from './db.js';

/** A person's documents, optionally of one kind; within a kind the latest expiry first. */
export async function listDocuments(db: Db, options: { personId: string; kind?: DocumentKind }): Promise<Document[]> {
  let query = db.selectFrom('documents').selectAll().where('person_id', '=', options.personId);
  if (options.kind) query = query.where('kind', '=', options.kind);
  return query.orderBy('kind').orderBy('expiry_date', 'desc').execute();
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
      .onConflict((oc) => oc.columns(['kind', 'number']).doUpdateSet(replaceWithExcluded('documents', DOCUMENT_COLUMNS)))
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
    .set({ status: 'lost', updated_at: options.now, details: sql`details || ${JSON.stringify({ lost: options.details })}::jsonb` })
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
    INSERT INTO documents (person_id, kind, number, issue_date, expiry_date, status, issuing_country, details, created_at, updated_at)
    SELECT ${options.personId}::uuid, ${options.kind}::text, ${prefix}::text || (coalesce(max(CASE WHEN left(number, ${prefix.length}::int) = ${prefix}::text AND ${suffix} ~ '^[0-9]{1,15}$' THEN ${suffix}::bigint END), 0) + 1)::text,
           ${options.issueDate}::date, ${options.expiryDate}::date, 'valid', 'SAU', ${JSON.stringify(options.details)}::jsonb, ${options.now}::timestamptz, ${options.now}::timestamptz
    FROM documents WHERE person_id = ${options.personId}::uuid AND kind = ${options.kind}::text
    RETURNING number`.execute(db);
  return inserted.rows[0]!.number;
}
