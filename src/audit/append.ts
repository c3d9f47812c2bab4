import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import { canonicalEntry, GENESIS_HASH, normaliseDetails, type ActorKind } from './chain.js';
import { insertChainedAuditEntry, lockAuditTail } from './repository.js';

export interface AuditEntryInput {
  actorKind: ActorKind;
  /** Account, staff or partner id; null for the system and anonymous visitors. */
  actorId?: string | null;
  /** Dotted, stable name: `identity.login`, `requests.approve`, `registry.person_viewed`. */
  action: string;
  /** Whose data the action concerns: drives "who viewed my data". */
  subjectPersonId?: string | null;
  ip?: string | null;
  /**
   * What an investigator needs, and nothing secret: never a password, a one-time or activation
   * code, a token, or a full national ID (use maskNationalId from kernel/national-id).
   * The log is append-only: what is written here cannot be taken back.
   */
  details?: Record<string, unknown>;
}

/**
 * Appends an entry in the caller's transaction: it exists only if the state change it records
 * commits. The tail lock is held until that transaction ends, so call this as the last step of
 * the transaction (the lock is brief) and from a READ COMMITTED transaction (the default),
 * where the read of the last hash after the lock sees the entry committed just before.
 * Given a plain handle rather than a transaction, it appends in a transaction of its own.
 * Returns the entry's seq.
 */
/** The transactions that hold the audit log's tail lock (it is released when they end). */
const holdingTail = new WeakSet<Kysely<Database>>();

export async function appendAudit(trx: Kysely<Database>, entry: AuditEntryInput, clock: Clock): Promise<number> {
  // A record with no state change of its own (a staff view) may be appended with the plain
  // handle: it gets a transaction of its own, since the tail lock lives as long as one.
  if (!trx.isTransaction) return trx.transaction().execute((own) => appendAudit(own, entry, clock));
  const fields = {
    occurredAt: clock.now(),
    actorKind: entry.actorKind,
    actorId: entry.actorId ?? null,
    action: entry.action,
    // PostgreSQL gives uuids back in lower case; hash what will be read back.
    subjectPersonId: entry.subjectPersonId?.toLowerCase() ?? null,
    ip: entry.ip ?? null,
    details: normaliseDetails(entry.details),
  };
  // Once per transaction: the lock is held to its end, so a second entry needs no second lock.
  if (!holdingTail.has(trx)) {
    await lockAuditTail(trx);
    holdingTail.add(trx);
  }
  return insertChainedAuditEntry(
    trx,
    {
      occurred_at: fields.occurredAt,
      actor_kind: fields.actorKind,
      actor_id: fields.actorId,
      action: fields.action,
      subject_person_id: fields.subjectPersonId,
      ip: fields.ip,
      details: JSON.stringify(fields.details),
    },
    canonicalEntry(fields),
    GENESIS_HASH,
  );
}
