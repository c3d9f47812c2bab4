import type { StaffAgency, StaffRole } from '../../db/tables.js';
import { HOUR_MS, MINUTE_MS } from '../../kernel/clock.js';
import { uuidv7 } from '../../kernel/uuid.js';
import type { Db } from '../../registry/index.js';
import type { IdentityDepsWithConfig, RequestOrigin } from '../deps.js';
import { insertSession, revokeSessionById, touchSession } from '../repository/index.js';
import { newOpaqueToken, sha256Hex } from '../secrets.js';
import type { NewSession, SessionKind } from '../sessions.js';
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

const TOUCH_EVERY_MS = MINUTE_MS;

export async function createStaffSession(
  db: Db,
  options: Pick<IdentityDepsWithConfig, 'clock' | 'config'> & RequestOrigin & { kind: SessionKind; staffId: string },
): Promise<NewSession> {
  const now = options.clock.now();
  const token = newOpaqueToken();
  const sessionId = uuidv7(now.getTime());
  const csrfToken = options.kind === 'web' ? newOpaqueToken() : null;
  const expiresAt = new Date(now.getTime() + options.config.sessionAbsoluteHours * HOUR_MS);
  await insertSession(db, {
    id: sessionId,
    token_hash: sha256Hex(token),
    kind: options.kind,
    staff_id: options.staffId,
    csrf_token: csrfToken,
    ip: options.ip ?? null,
    user_agent: options.userAgent?.slice(0, 300) ?? null,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
  });
  return { sessionId, token, csrfToken, expiresAt };
}

/** The live staff session a token opens, or undefined. */
export async function resolveStaffSession(options: IdentityDepsWithConfig & { token: string; kind?: SessionKind }): Promise<StaffSession | undefined> {
  const { db, clock, config } = options;
  if (!options.token || options.token.length > 200) return undefined;
  const row = await findStaffSessionByTokenHash(db, sha256Hex(options.token));
  if (!row || row.revoked_at) return undefined;
  if (options.kind && row.kind !== options.kind) return undefined;
  const now = clock.now().getTime();
  if (row.expires_at.getTime() <= now) return undefined;
  if (row.kind === 'web' && row.last_seen_at.getTime() + config.sessionIdleMinutes * MINUTE_MS <= now) {
    await revokeSessionById(db, row.id, clock.now());
    return undefined;
  }
  if (now - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) await touchSession(db, row.id, clock.now());
  return { sessionId: row.id, kind: row.kind, staffId: row.staff_id, agency: row.agency, role: row.role, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}
