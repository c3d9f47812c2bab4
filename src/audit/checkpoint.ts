import { z } from 'zod';
import { canonicalJson } from './chain.js';
import type { AuditKeyring, AuditSigner } from './keys.js';

/**
 * A checkpoint vouches, under the audit key's signature, that at `at` the chain's head was the
 * entry `seq` with hash `hash`, and that the log then held `entries` entries. Given the hash
 * chain, it vouches for every entry up to the head: rewriting any of them (even with every
 * later hash recomputed) changes the head's hash, and deleting the newest leaves the log
 * shorter than the checkpoint says. An empty log is `seq` 0 with the genesis hash.
 *
 * Printed as one line of JSON a person can keep outside the database (a ticket, paper):
 *   {"tayseer_audit_checkpoint":1,"seq":…,"hash":"…","entries":…,"at":"…","key_id":"…","signature":"…"}
 * The signature (Ed25519, base64url) covers `tayseer-audit-checkpoint/1\n` followed by the
 * canonical JSON of { at, entries, hash, key_id, seq } (keys sorted, `at` in ISO 8601 UTC).
 */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  entries: number;
  at: Date;
  keyId: string;
  signature: string;
}

export const CHECKPOINT_FORMAT = 1;
const DOMAIN = `tayseer-audit-checkpoint/${CHECKPOINT_FORMAT}\n`;
/** Far longer than any line we print (about 280 characters): anything longer is refused unread. */
const MAX_LINE = 1024;

export function checkpointMessage(checkpoint: Omit<AuditCheckpoint, 'signature'>): Buffer {
  const body = canonicalJson({ seq: checkpoint.seq, hash: checkpoint.hash, entries: checkpoint.entries, at: checkpoint.at.toISOString(), key_id: checkpoint.keyId });
  return Buffer.from(DOMAIN + body, 'utf8');
}

export function signCheckpoint(head: { seq: number; hash: string; entries: number; at: Date }, signer: AuditSigner): AuditCheckpoint {
  const unsigned = { ...head, keyId: signer.keyId };
  return { ...unsigned, signature: signer.sign(checkpointMessage(unsigned)) };
}

export type CheckpointSignature = 'valid' | 'forged' | 'unknown_key';

export function checkSignature(checkpoint: AuditCheckpoint, keyring: AuditKeyring): CheckpointSignature {
  const verdict = keyring.verify(checkpoint.keyId, checkpointMessage(checkpoint), checkpoint.signature);
  if (verdict === null) return 'unknown_key';
  return verdict ? 'valid' : 'forged';
}

export function checkpointLine(checkpoint: AuditCheckpoint): string {
  return JSON.stringify({
    tayseer_audit_checkpoint: CHECKPOINT_FORMAT,
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    entries: checkpoint.entries,
    at: checkpoint.at.toISOString(),
    key_id: checkpoint.keyId,
    signature: checkpoint.signature,
  });
}

const lineSchema = z.strictObject({
  tayseer_audit_checkpoint: z.literal(CHECKPOINT_FORMAT),
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  entries: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  at: z.iso.datetime(),
  key_id: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
});

/** The checkpoint in a printed line, or an English reason it is not one (for the command line). */
export function parseCheckpointLine(line: string): { checkpoint: AuditCheckpoint } | { error: string } {
  const text = line.trim();
  if (text.length > MAX_LINE) return { error: `a checkpoint line is at most ${MAX_LINE} characters` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'not JSON: paste the whole line `tayseer audit checkpoint` printed, {"tayseer_audit_checkpoint":1,...}' };
  }
  const parsed = lineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `field ${issue.path.join('.') || '(line)'}: ${issue.message}` };
  }
  const v = parsed.data;
  return { checkpoint: { seq: v.seq, hash: v.hash, entries: v.entries, at: new Date(v.at), keyId: v.key_id, signature: v.signature } };
}
