import { createHash } from 'node:crypto';

/**
 * The hash chain of the audit log. Each entry's hash covers the previous entry's hash and the
 * entry's own fields in a canonical form, so changing, removing or reordering an entry breaks
 * every hash after it. `tayseer audit verify` recomputes the chain with this same function.
 */

export const GENESIS_HASH = '0'.repeat(64);

export type ActorKind = 'account' | 'staff' | 'system' | 'partner' | 'anonymous';

export interface ChainedFields {
  occurredAt: Date;
  actorKind: ActorKind;
  actorId: string | null;
  action: string;
  subjectPersonId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth, so the same data always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/**
 * Details as PostgreSQL's jsonb will give them back: what JSON can carry (dates become ISO
 * text, undefined fields disappear). Hashing this form means a row read back hashes the same.
 */
export function normaliseDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
  return JSON.parse(JSON.stringify(details ?? {})) as Record<string, unknown>;
}

/** The text an entry's hash covers after the previous hash: sha256(prevHash || canonicalEntry). */
export function canonicalEntry(fields: ChainedFields): string {
  return canonicalJson({
    occurred_at: fields.occurredAt.toISOString(),
    actor_kind: fields.actorKind,
    actor_id: fields.actorId,
    action: fields.action,
    subject_person_id: fields.subjectPersonId,
    ip: fields.ip,
    details: fields.details,
  });
}

export function entryHash(prevHash: string, fields: ChainedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalEntry(fields)).digest('hex');
}
