import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import { GENESIS_HASH } from './chain.js';
import { signCheckpoint, type AuditCheckpoint } from './checkpoint.js';
import type { AuditSigner } from './keys.js';
import { auditEntryHash, auditHead, countAuditEntries, insertAuditCheckpoint, lockAuditTail, newestAuditCheckpoint, type AuditCheckpointRow } from './repository.js';

/** Signing a checkpoint was refused: the log no longer agrees with its newest checkpoint. */
export class AuditCheckpointRefused extends Error {
  override name = 'AuditCheckpointRefused';
}

export function checkpointFromRow(row: AuditCheckpointRow): AuditCheckpoint {
  return { seq: Number(row.head_seq), hash: row.head_hash, entries: Number(row.entries), at: row.created_at, keyId: row.key_id, signature: row.signature };
}

export interface CheckpointOptions {
  db: Kysely<Database>;
  signer: AuditSigner;
  clock: Clock;
  /**
   * For the worker: sign only when the newest checkpoint is at least this old and the log has
   * grown since (a checkpoint of an unchanged head adds nothing); otherwise return null.
   */
  onlyIfOlderThanMs?: number;
}

/**
 * Signs the chain's head and stores the checkpoint. Holds the audit log's tail lock meanwhile,
 * so the head cannot move under it and two nodes' workers sign one after the other (the second
 * then finds a fresh checkpoint and signs nothing). The count is the newest checkpoint's plus
 * the entries since, so an hourly checkpoint does not scan the whole log. Refuses, rather than
 * signing over it, a log that is shorter than its newest checkpoint or whose entry at that
 * checkpoint has another hash: vouching for a rewritten log would bury the evidence.
 */
export async function createAuditCheckpoint(options: CheckpointOptions): Promise<AuditCheckpoint | null> {
  return options.db.transaction().execute(async (trx) => {
    await lockAuditTail(trx);
    const head = (await auditHead(trx)) ?? { seq: 0, hash: GENESIS_HASH };
    const newestRow = await newestAuditCheckpoint(trx);
    const newest = newestRow ? checkpointFromRow(newestRow) : undefined;
    const at = options.clock.now();
    if (options.onlyIfOlderThanMs !== undefined) {
      if (newest ? newest.seq === head.seq || at.getTime() - newest.at.getTime() < options.onlyIfOlderThanMs : head.seq === 0) return null;
    }
    let entries: number;
    if (newest && newest.seq > 0) {
      if (head.seq < newest.seq) {
        throw new AuditCheckpointRefused(`the audit log ends at seq ${head.seq}, before its newest checkpoint (seq ${newest.seq}): entries were deleted. Run \`tayseer audit verify\`.`);
      }
      if ((await auditEntryHash(trx, newest.seq)) !== newest.hash) {
        throw new AuditCheckpointRefused(`the audit entry at seq ${newest.seq} no longer has the hash its checkpoint vouches for: the log was rewritten. Run \`tayseer audit verify\`.`);
      }
      entries = newest.entries + (await countAuditEntries(trx, newest.seq, head.seq));
    } else {
      entries = await countAuditEntries(trx, 0, head.seq);
    }
    const checkpoint = signCheckpoint({ seq: head.seq, hash: head.hash, entries, at }, options.signer);
    await insertAuditCheckpoint(trx, {
      created_at: checkpoint.at,
      head_seq: checkpoint.seq,
      head_hash: checkpoint.hash,
      entries: checkpoint.entries,
      key_id: checkpoint.keyId,
      signature: checkpoint.signature,
    });
    return checkpoint;
  });
}
