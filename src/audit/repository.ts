import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { AuditCheckpointsTable, AuditLogTable, Database } from '../db/tables.js';

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

/**
 * Inserts an entry chained to the current tail in one statement: the previous hash is read and
 * the new one computed (sha256 over the previous hash and `canonical`, the same bytes as
 * chain.ts's entryHash) by PostgreSQL. Call it after lockAuditTail, in a later statement: a
 * READ COMMITTED statement sees what was committed before it began, so the tail it reads is
 * the one the previous lock holder committed.
 */
export async function insertChainedAuditEntry(
  trx: Db,
  row: Omit<Insertable<AuditLogTable>, 'prev_hash' | 'hash'>,
  canonical: string,
  genesisHash: string,
): Promise<number> {
  const inserted = await sql<{ seq: number }>`
    INSERT INTO audit_log (occurred_at, actor_kind, actor_id, action, subject_person_id, ip, details, prev_hash, hash)
    SELECT ${row.occurred_at}, ${row.actor_kind}, ${row.actor_id}, ${row.action}, ${row.subject_person_id}, ${row.ip},
           ${row.details}::jsonb, tail.hash, encode(sha256(convert_to(tail.hash || ${canonical}, 'UTF8')), 'hex')
    FROM (SELECT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), ${genesisHash}) AS hash) AS tail
    RETURNING seq`.execute(trx);
  return Number(inserted.rows[0]!.seq);
}

/** One batch of the log in chain order, after `afterSeq`. */
export async function auditBatch(db: Db, afterSeq: number, size: number): Promise<AuditRow[]> {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(size).execute();
}

export async function auditForSubject(db: Db, personId: string, limit: number, actions?: readonly string[]): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll().where('subject_person_id', '=', personId);
  if (actions?.length) query = query.where('action', 'in', actions);
  return query.orderBy('seq', 'desc').limit(limit).execute();
}

// ---- checkpoints (ADR 0009) ----

export type AuditCheckpointRow = Selectable<AuditCheckpointsTable>;

/** The newest entry: the chain's head. */
export async function auditHead(db: Db): Promise<{ seq: number; hash: string } | undefined> {
  return db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function auditEntryHash(db: Db, seq: number): Promise<string | undefined> {
  return (await db.selectFrom('audit_log').select('hash').where('seq', '=', seq).executeTakeFirst())?.hash;
}

/** Entries with afterSeq < seq <= uptoSeq (an index range on the primary key). */
export async function countAuditEntries(db: Db, afterSeq: number, uptoSeq: number): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('seq', '>', afterSeq)
    .where('seq', '<=', uptoSeq)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function newestAuditCheckpoint(db: Db): Promise<AuditCheckpointRow | undefined> {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('head_seq', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function insertAuditCheckpoint(db: Db, row: Insertable<AuditCheckpointsTable>): Promise<void> {
  await db.insertInto('audit_checkpoints').values(row).execute();
}

/** Every checkpoint, oldest head first (one a hour is under 9,000 a year: they fit in memory). */
export async function allAuditCheckpoints(db: Db): Promise<AuditCheckpointRow[]> {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('head_seq').orderBy('id').execute();
}
