import { GENESIS_HASH } from './chain.js';
import { checkSignature, type AuditCheckpoint } from './checkpoint.js';
import type { AuditKeyring } from './keys.js';

export type CheckpointProblemKind = 'forged_checkpoint' | 'unknown_key' | 'checkpoint_mismatch' | 'truncated' | 'checkpoint_missing';

export interface CheckpointProblem {
  seq: number;
  kind: CheckpointProblemKind;
  detail: string;
}

/** What the pass over the chain saw at a checkpoint's seq: the stored hash and the entries up to it. */
export interface SeenAt {
  hash: string;
  entries: number;
}

export interface CheckpointEvidence {
  /** From the audit_checkpoints table. */
  stored: readonly AuditCheckpoint[];
  /** Given on the command line: kept outside the database, so a rewrite of the table cannot touch them. */
  external: readonly AuditCheckpoint[];
  keyring: AuditKeyring;
}

const describe = (c: AuditCheckpoint, external: boolean) => `${external ? 'the given checkpoint' : 'the checkpoint'} of ${c.at.toISOString()}`;

/**
 * Checks each checkpoint against what the pass over the chain saw: its signature verifies with
 * a trusted audit key; the entry at its seq is still there with its hash and the same number of
 * entries up to it; the log is no shorter than it. A checkpoint given from outside must also be
 * in the table (one missing from it means the table was rewritten).
 */
export function checkCheckpoints(
  evidence: CheckpointEvidence,
  seen: ReadonlyMap<number, SeenAt>,
  chain: { entries: number; lastSeq: number | null },
): CheckpointProblem[] {
  const problems: CheckpointProblem[] = [];
  const all = [...evidence.stored.map((c) => ({ c, external: false })), ...evidence.external.map((c) => ({ c, external: true }))];
  for (const { c, external } of all) {
    const what = describe(c, external);
    const signature = checkSignature(c, evidence.keyring);
    if (signature === 'unknown_key') {
      problems.push({ seq: c.seq, kind: 'unknown_key', detail: `${what} is signed by audit key ${c.keyId}, which is neither AUDIT_SIGNING_KEY's nor one of AUDIT_PREVIOUS_PUBLIC_KEYS (trusted: ${evidence.keyring.keyIds.join(', ') || 'none'})` });
      continue;
    }
    if (signature === 'forged') {
      problems.push({ seq: c.seq, kind: 'forged_checkpoint', detail: `${what} has a signature that does not verify: it was forged or altered` });
      continue;
    }
    const at = c.seq === 0 ? { hash: GENESIS_HASH, entries: 0 } : seen.get(c.seq);
    if (!at) {
      if (chain.lastSeq === null || c.seq > chain.lastSeq || chain.entries < c.entries) {
        problems.push({ seq: c.seq, kind: 'truncated', detail: `${what} vouches for ${c.entries} entries up to seq ${c.seq}, but the log ends at ${chain.lastSeq === null ? 'no entry' : `seq ${chain.lastSeq}`} with ${chain.entries}: the newest entries were deleted` });
      } else {
        problems.push({ seq: c.seq, kind: 'checkpoint_mismatch', detail: `${what} vouches for the entry at seq ${c.seq}, which is gone: entries were deleted and the chain rebuilt` });
      }
    } else if (at.hash !== c.hash) {
      problems.push({ seq: c.seq, kind: 'checkpoint_mismatch', detail: `the entry at seq ${c.seq} has hash ${at.hash}, not ${c.hash} as ${what} vouches: the log was rewritten up to here` });
    } else if (at.entries !== c.entries) {
      problems.push({ seq: c.seq, kind: 'checkpoint_mismatch', detail: `the log holds ${at.entries} entries up to seq ${c.seq}, not ${c.entries} as ${what} vouches: entries were removed or added out of band` });
    }
    if (external && !evidence.stored.some((s) => s.seq === c.seq && s.hash === c.hash && s.signature === c.signature)) {
      problems.push({ seq: c.seq, kind: 'checkpoint_missing', detail: `${what} is not in the audit_checkpoints table: the table was rewritten` });
    }
  }
  return problems;
}
