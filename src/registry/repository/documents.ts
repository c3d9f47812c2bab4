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
