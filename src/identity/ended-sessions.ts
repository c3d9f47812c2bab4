import { createHash, timingSafeEqual } from 'node:crypto';
import { HOUR_MS, MINUTE_MS } from '../kernel/clock.js';
import type { IdentityDepsWithConfig } from './deps.js';
import { findSessionByTokenHash } from './repository/index.js';
import { sha256Hex } from './secrets.js';

/**
 * Whose web session ended by itself (idle or at its absolute limit) just before a form was sent:
 * so the form's answers can be kept for that account while the person signs in again, not lost
 * with the session. Nothing here opens a session or signs anyone in.
 *
 * Only a session that ran out of time qualifies: one ended by a person's decision (logged out,
 * or signed out from "my sessions" because it looked wrong) does not, so a token someone took
 * cannot be used to write into the account after its owner ended it. The form must also carry
 * the session's own CSRF token, proving it was rendered for that session.
 */

/** How long after its last use an ended session still vouches for the form it rendered. */
export const ENDED_SESSION_GRACE_MS = 24 * HOUR_MS;

const digest = (value: string) => createHash('sha256').update(value).digest();

export async function accountOfEndedWebSession(options: IdentityDepsWithConfig & { token: string; csrfToken: unknown }): Promise<string | undefined> {
  const { db, clock, config, token, csrfToken } = options;
  if (!token || token.length > 200 || typeof csrfToken !== 'string' || csrfToken.length === 0 || csrfToken.length > 200) return undefined;
  const row = await findSessionByTokenHash(db, sha256Hex(token));
  if (!row || row.kind !== 'web' || !row.account_id || !row.csrf_token) return undefined;
  if (!timingSafeEqual(digest(row.csrf_token), digest(csrfToken))) return undefined;
  const now = clock.now().getTime();
  const idleEnd = row.last_seen_at.getTime() + config.sessionIdleMinutes * MINUTE_MS;
  const endedAt = Math.min(idleEnd, row.expires_at.getTime());
  // Still alive: not ended (the caller had no session for another reason).
  if (endedAt > now) return undefined;
  // Revoked before its time ran out: ended by a person, not by the clock (an idle session is
  // revoked when it is next presented, after its idle end).
  if (row.revoked_at && row.revoked_at.getTime() < endedAt) return undefined;
  if (now - row.last_seen_at.getTime() > ENDED_SESSION_GRACE_MS) return undefined;
  return row.account_id;
}
