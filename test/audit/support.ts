import { sql, type Kysely, type Transaction } from 'kysely';
import { entryHash, type ActorKind } from '../../src/audit/index.js';
import type { Database } from '../../src/db/tables.js';

/**
 * The audit tables refuse UPDATE, DELETE and TRUNCATE (migration 0013). Tests that play an
 * attacker, or that reset the log between cases, act as a role that owns the tables would:
 * they switch the trigger off, in a transaction, and on again (ENABLE ALWAYS, as the migration
 * left it) before it commits. What an owner can do this way is what the signed checkpoints,
 * kept outside the database, are there to catch (ADR 0009).
 */
export async function asTableOwner<T>(db: Kysely<Database>, tamper: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(trx);
    await sql`ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_append_only`.execute(trx);
    const result = await tamper(trx);
    await sql`ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only`.execute(trx);
    await sql`ALTER TABLE audit_checkpoints ENABLE ALWAYS TRIGGER audit_checkpoints_append_only`.execute(trx);
    return result;
  });
}

/** An empty log and no checkpoints, as an owner would leave them. */
export function emptyAuditLog(db: Kysely<Database>): Promise<void> {
  return asTableOwner(db, async (trx) => {
    await trx.deleteFrom('audit_checkpoints').execute();
    await trx.deleteFrom('audit_log').execute();
  });
}

/**
 * What a careful attacker does after changing entries: recompute every hash from `fromSeq` on,
 * so the chain verifies again on its own. Call it inside asTableOwner.
 */
export async function recomputeChainFrom(trx: Transaction<Database>, fromSeq: number): Promise<void> {
  const before = await trx.selectFrom('audit_log').select('hash').where('seq', '<', fromSeq).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  let prev = before?.hash ?? '0'.repeat(64);
  const rows = await trx.selectFrom('audit_log').selectAll().where('seq', '>=', fromSeq).orderBy('seq').execute();
  // Clear the hashes first: the UNIQUE on hash must not trip over a value being moved along.
  await trx.updateTable('audit_log').set({ hash: sql<string>`'tmp-' || seq::text` }).where('seq', '>=', fromSeq).execute();
  for (const row of rows) {
    const hash = entryHash(prev, {
      occurredAt: row.occurred_at,
      actorKind: row.actor_kind as ActorKind,
      actorId: row.actor_id,
      action: row.action,
      subjectPersonId: row.subject_person_id,
      ip: row.ip,
      details: row.details,
    });
    await trx.updateTable('audit_log').set({ prev_hash: prev, hash }).where('seq', '=', row.seq).execute();
    prev = hash;
  }
}
