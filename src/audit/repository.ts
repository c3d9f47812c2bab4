import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../db/tables.js';

/** All SQL of the audit log. Functions take `db | trx` first; callers own transactions. */

type Db = Kysely<Database>;
export type AuditRow = Selectable<AuditLogTable>;

// An arbitrary constant naming "the audit log's tail" among the application's advisory locks.
const AUDIT_TAIL_LOCK = 7_432_018_305_551_121;

/**
 * Holds the audit log's tail until the caller's transaction ends, so appends are chained one
 * after the other. PGlite honours it too (and has one connection anyway).
 */
export async function lockAuditTail(trx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${sql.lit(AUDIT_TAIL_LOCK)}::bigint)`.execute(trx);
}

export async function lastAuditHash(trx: Db): Promise<string | undefined> {
  const row = await trx.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row?.hash;
}

export async function insertAuditEntry(trx: Db, row: Insertable<AuditLogTable>): Promise<number> {
  const inserted = await trx.insertInto('audit_log').values(row).returning('seq').executeTakeFirstOrThrow();
  return inserted.seq;
}

/** One batch of the log in chain order, after `afterSeq`. */
export async function auditBatch(db: Db, afterSeq: number, size: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(size).execute();
}

export async function auditForSubject(db: Db, personId: string, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().where('subject_person_id', '=', personId).orderBy('seq', 'desc').limit(limit).execute();
}
