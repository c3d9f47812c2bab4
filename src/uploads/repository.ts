import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables.js';

/** The uploads table (migration 0008); typed here, the module's own, through Kysely's withTables. */
export interface UploadsTable {
  id: string;
  owner_account_id: string;
  service_id: string;
  field: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  bytes: Uint8Array;
  created_at: Date;
}

export type UploadMeta = Omit<UploadsTable, 'bytes'>;

type Db = Kysely<Database>;
const uploads = (db: Db) => db.withTables<{ uploads: UploadsTable }>();

const META = ['id', 'owner_account_id', 'service_id', 'field', 'content_type', 'size_bytes', 'sha256', 'created_at'] as const;

export async function insertUpload(db: Db, row: UploadsTable): Promise<void> {
  await uploads(db).insertInto('uploads').values(row).execute();
}

/** An upload's description (not its bytes), only when the account owns it. */
export async function findOwnedUploadMeta(db: Db, id: string, ownerAccountId: string): Promise<UploadMeta | undefined> {
  return uploads(db).selectFrom('uploads').select(META).where('id', '=', id).where('owner_account_id', '=', ownerAccountId).executeTakeFirst();
}

/** An upload with its bytes, only when the account owns it. */
export async function findOwnedUpload(db: Db, id: string, ownerAccountId: string): Promise<UploadsTable | undefined> {
  return uploads(db).selectFrom('uploads').selectAll().where('id', '=', id).where('owner_account_id', '=', ownerAccountId).executeTakeFirst();
}

/**
 * Deletes, a batch at a time, uploads sent before `before` that no request of their owner for
 * their service names at their field (`<step>.<field>` in the request's data): files of forms
 * never sent. Returns how many went.
 */
export async function deleteUnattachedUploads(db: Db, before: Date, limit: number): Promise<number> {
  const result = await sql<{ id: string }>`
    DELETE FROM uploads WHERE id IN (
      SELECT u.id FROM uploads u
      WHERE u.created_at < ${before}
        AND NOT EXISTS (
          SELECT 1 FROM service_requests r
          WHERE r.applicant_account_id = u.owner_account_id
            AND r.service_id = u.service_id
            AND r.data #>> string_to_array(u.field, '.') = u.id::text
        )
      ORDER BY u.created_at
      LIMIT ${limit}
    )
    RETURNING id`.execute(db);
  return result.rows.length;
}
