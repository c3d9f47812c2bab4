import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { entryHash, GENESIS_HASH } from './chain.js';
import type { AuditCheckpoint } from './checkpoint.js';
import { checkpointFromRow } from './checkpoints.js';
import type { AuditKeyring } from './keys.js';
import { allAuditCheckpoints, auditBatch, type AuditRow } from './repository.js';
import { checkCheckpoints, type CheckpointProblemKind, type SeenAt } from './verify-checkpoints.js';

export type AuditProblemKind = 'altered' | 'missing' | 'broken_link' | CheckpointProblemKind;

export interface AuditProblem {
  /** The first entry concerned. */
  seq: number;
  kind: AuditProblemKind;
  detail: string;
}

export interface AuditVerification {
  entries: number;
  ok: boolean;
  problems: AuditProblem[];
  /** The tail of the chain: record it outside the database to detect a later truncation. */
  lastSeq: number | null;
  lastHash: string | null;
  /** Checkpoints checked: those of the table and those given from outside. */
  checkpoints: number;
}

export interface AuditVerifyOptions {
  onProgress?: (checked: number) => void;
  batchSize?: number;
  /**
   * The public keys the checkpoints must verify with. Without it every stored checkpoint is
   * reported as signed by an unknown key: a checkpoint nobody can check vouches for nothing.
   */
  keyring?: AuditKeyring;
  /** Checkpoints kept outside the database (printed by `tayseer audit checkpoint`). */
  externalCheckpoints?: readonly AuditCheckpoint[];
}

const BATCH = 1000;
// Past this many, the log is plainly compromised; more lines would not help the operator.
const MAX_PROBLEMS = 1000;

/**
 * Recomputes the chain in seq order, a batch at a time (the log may be far larger than memory).
 *
 * - altered: the stored hash is not the hash of the row's fields (a field was changed in place);
 * - missing: the row does not chain onto the entry kept before it and seq numbers are skipped
 *   between them (rows were deleted); a first row that does not start from the genesis hash
 *   means the head of the log was deleted;
 * - broken_link: the row does not chain onto the previous one and no seq is skipped (the
 *   previous row was rewritten with a recomputed hash, or rows were inserted out of band).
 * A gap in seq alone is not a problem: identity values are lost by rolled-back transactions.
 * The chain alone cannot show the newest entries deleted, nor a rewrite with every later hash
 * recomputed: the signed checkpoints can (verify-checkpoints.ts, ADR 0009). Each stored or
 * given checkpoint is checked against the entry at its seq, seen during the same pass.
 */
export async function verifyAuditChain(db: Kysely<Database>, options: AuditVerifyOptions = {}): Promise<AuditVerification> {
  const stored = (await allAuditCheckpoints(db)).map(checkpointFromRow);
  const external = options.externalCheckpoints ?? [];
  const positions = new Set([...stored, ...external].map((c) => c.seq));
  const seen = new Map<number, SeenAt>();
  const problems: AuditProblem[] = [];
  const report = (problem: AuditProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  let entries = 0;
  let previous: Pick<AuditRow, 'seq' | 'hash'> | undefined;
  for (;;) {
    const rows = await auditBatch(db, previous?.seq ?? 0, options.batchSize ?? BATCH);
    for (const row of rows) {
      checkLink(row, previous, report);
      const expected = entryHash(row.prev_hash, {
        occurredAt: row.occurred_at,
        actorKind: row.actor_kind,
        actorId: row.actor_id,
        action: row.action,
        subjectPersonId: row.subject_person_id,
        ip: row.ip,
        details: row.details,
      });
      if (expected !== row.hash) report({ seq: row.seq, kind: 'altered', detail: 'the stored hash does not match the entry: a field was changed' });
      previous = row;
      entries += 1;
      if (positions.has(row.seq)) seen.set(row.seq, { hash: row.hash, entries });
    }
    options.onProgress?.(entries);
    if (rows.length < (options.batchSize ?? BATCH)) break;
  }
  const lastSeq = previous?.seq ?? null;
  const keyring = options.keyring ?? { keyIds: [], verify: () => null };
  for (const problem of checkCheckpoints({ stored, external, keyring }, seen, { entries, lastSeq })) report(problem);
  return { entries, ok: problems.length === 0, problems, lastSeq, lastHash: previous?.hash ?? null, checkpoints: stored.length + external.length };
}

function checkLink(row: AuditRow, previous: Pick<AuditRow, 'seq' | 'hash'> | undefined, report: (problem: AuditProblem) => void): void {
  if (!previous) {
    if (row.prev_hash !== GENESIS_HASH) {
      report({ seq: row.seq, kind: 'missing', detail: 'the first entry does not start the chain: earlier entries were deleted' });
    }
    return;
  }
  if (row.prev_hash === previous.hash) return;
  if (row.seq > previous.seq + 1) {
    report({ seq: row.seq, kind: 'missing', detail: `entries between seq ${previous.seq} and ${row.seq} were deleted` });
  } else {
    report({ seq: row.seq, kind: 'broken_link', detail: `the entry does not chain onto seq ${previous.seq}: that entry was rewritten` });
  }
}
