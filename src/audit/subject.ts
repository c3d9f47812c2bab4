import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { ActorKind } from './chain.js';
import { auditForSubject } from './repository.js';

export interface SubjectAuditEntry {
  seq: number;
  occurredAt: Date;
  actorKind: ActorKind;
  actorId: string | null;
  action: string;
  details: Record<string, unknown>;
}

/**
 * The newest entries about one person, for "who viewed my data". The caller decides what the
 * person may see of each (staff role and agency rather than a staff member's name, for instance).
 */
export async function listAuditForSubject(db: Kysely<Database>, personId: string, options: { limit?: number; actions?: readonly string[] } = {}): Promise<SubjectAuditEntry[]> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const rows = await auditForSubject(db, personId.toLowerCase(), limit, options.actions);
  return rows.map((row) => ({
    seq: row.seq,
    occurredAt: row.occurred_at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    action: row.action,
    details: row.details,
  }));
}
