import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, OutboxMessagesTable } from '../db/tables.js';

/** All SQL of the message outbox. Functions take `db | trx` first; callers own transactions. */

type Db = Kysely<Database>;
export type OutboxMessage = Selectable<OutboxMessagesTable>;

export async function insertMessage(db: Db, row: Insertable<OutboxMessagesTable>): Promise<void> {
  await db.insertInto('outbox_messages').values(row).execute();
}

/**
 * Claims up to `limit` due messages in one statement (its own short transaction): the rows are
 * locked with SKIP LOCKED, so a concurrent worker takes other rows, and their next_attempt_at is
 * pushed to `leaseUntil`, so no worker picks them up again while they are being sent. The
 * attempt is counted now: a worker that dies mid-send still uses up one of the message's tries.
 */
export async function claimDueMessages(db: Db, options: { now: Date; leaseUntil: Date; limit: number }): Promise<OutboxMessage[]> {
  return db
    .updateTable('outbox_messages')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: options.leaseUntil }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox_messages')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', options.now)
        .orderBy('next_attempt_at')
        .limit(options.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

// The updates below only apply to the claim they belong to (same attempt number, still
// pending): if a lease expired and another worker re-claimed the row, the late answer is dropped.

export async function markSent(db: Db, claim: { id: string; attempts: number; sentAt: Date; providerMessageId: string | null }): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({ status: 'sent', sent_at: claim.sentAt, provider_message_id: claim.providerMessageId, last_error: null })
    .where('id', '=', claim.id)
    .where('attempts', '=', claim.attempts)
    .where('status', '=', 'pending')
    .execute();
}

export async function markRetry(db: Db, claim: { id: string; attempts: number; nextAttemptAt: Date; lastError: string }): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({ next_attempt_at: claim.nextAttemptAt, last_error: claim.lastError })
    .where('id', '=', claim.id)
    .where('attempts', '=', claim.attempts)
    .where('status', '=', 'pending')
    .execute();
}

export async function markFailed(db: Db, claim: { id: string; attempts: number; lastError: string }): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({ status: 'failed', last_error: claim.lastError })
    .where('id', '=', claim.id)
    .where('attempts', '=', claim.attempts)
    .where('status', '=', 'pending')
    .execute();
}

/** Newest first; every status (a tester wants the code even before the worker has run). */
export async function listRecentMessages(db: Db, options: { to?: string | undefined; limit: number }): Promise<OutboxMessage[]> {
  let query = db.selectFrom('outbox_messages').selectAll();
  if (options.to !== undefined) query = query.where('recipient', '=', options.to);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}
