import type { Kysely } from 'kysely';
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
