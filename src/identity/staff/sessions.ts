import type { StaffAgency, StaffRole } from '../../db/tables.js';
import type { Db } from '../../registry/index.js';
import type { IdentityDepsWithConfig, RequestOrigin } from '../deps.js';
import { sha256Hex } from '../secrets.js';
import { createSession, keepSessionAlive, type NewSession, type SessionKind } from '../sessions.js';
import { findStaffSessionByTokenHash } from './repository.js';

/**
 * Staff sessions live in the same table as individuals' (staff_id instead of account_id) with
 * the same time-outs. They are looked up through staff_accounts and only while the staff
 * member is not disabled: disabling someone shuts every token they hold at once, even before
 * the revocation of their sessions is committed elsewhere.
 */

export interface StaffSession {
  sessionId: string;
  kind: SessionKind;
  staffId: string;
  agency: StaffAgency;
  role: StaffRole;
  csrfToken: string | null;
  expiresAt: Date;
}

/** A staff session: the shared session row with staff_id set. */
export async function createStaffSession(
  db: Db,
  options: Pick<IdentityDepsWithConfig, 'clock' | 'config'> & RequestOrigin & { kind: SessionKind; staffId: string },
): Promise<NewSession> {
  return createSession(db, options);
}

/** The live staff session a token opens, or undefined. */
export async function resolveStaffSession(options: IdentityDepsWithConfig & { token: string; kind?: SessionKind }): Promise<StaffSession | undefined> {
  const { db, clock, config } = options;
  if (!options.token || options.token.length > 200) return undefined;
  const row = await findStaffSessionByTokenHash(db, sha256Hex(options.token));
  if (!row || !(await keepSessionAlive(db, row, { clock, config, kind: options.kind }))) return undefined;
  return { sessionId: row.id, kind: row.kind, staffId: row.staff_id, agency: row.agency, role: row.role, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}
