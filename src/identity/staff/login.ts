import { MINUTE_MS } from '../../kernel/clock.js';
import { formatDateTime } from '../../kernel/dates.js';
import { AppError } from '../../kernel/errors.js';
import { checkChallengeCode, createChallenge } from '../challenges.js';
import type { IdentityDepsWithConfig, RequestOrigin } from '../deps.js';
import { LOCK_MS, MAX_FAILED_LOGINS } from '../login.js';
import { verifyDummyPassword, verifyPassword } from '../passwords.js';
import { appendAudit, enqueueMessage } from '../ports.js';
import type { NewSession, SessionKind } from '../sessions.js';
import { findStaffById, findStaffByUsername, lockStaff, recordStaffFailedLogin, resetStaffFailedLogins, type StaffAccount } from './repository.js';
import { createStaffSession } from './sessions.js';

/**
 * Staff sign in like individuals (password, then a code by SMS every time, the same lockout
 * and the same answers for an unknown username and a wrong password), but against
 * staff_accounts, by username only. The code challenge carries staff_id, and completing it
 * opens a session with staff_id: a staff token never opens an individual's data, nor the reverse.
 */

function lockedError(staff: Pick<StaffAccount, 'locked_until' | 'language'>, now: Date): AppError {
  const until = staff.locked_until!;
  return new AppError('identity.account_locked', {
    minutes: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE_MS)),
    until: formatDateTime(until, staff.language),
    untilIso: until.toISOString(),
  });
}

export async function startStaffLogin(options: IdentityDepsWithConfig & RequestOrigin & { username: string; password: string }): Promise<{ challengeId: string }> {
  const { db, clock } = options;
  const found = await findStaffByUsername(db, options.username.trim());
  if (!found) {
    await verifyDummyPassword(options.password);
    await appendAudit(db, { actorKind: 'anonymous', action: 'staff.login_failed', ip: options.ip ?? undefined, details: { reason: 'unknown_login' } }, clock);
    throw new AppError('identity.login_failed');
  }
  const now = clock.now();
  if (found.locked_until && found.locked_until.getTime() > now.getTime()) throw lockedError(found, now);

  const passwordRight = await verifyPassword(found.password_hash, options.password);
  const outcome = await db.transaction().execute(async (trx) => {
    const staff = (await findStaffById(trx, found.id, { forUpdate: true }))!;
    const audit = { actorKind: 'staff' as const, actorId: staff.id, ip: options.ip ?? undefined };
    if (!passwordRight) {
      const failures = await recordStaffFailedLogin(trx, staff.id, now);
      await appendAudit(trx, { ...audit, action: 'staff.login_failed', details: { reason: 'wrong_password', failures } }, clock);
      if (failures < MAX_FAILED_LOGINS) return { error: new AppError('identity.login_failed') };
      const until = new Date(now.getTime() + LOCK_MS);
      await lockStaff(trx, staff.id, until, now);
      await appendAudit(trx, { ...audit, action: 'staff.account_locked', details: { until: until.toISOString() } }, clock);
      await enqueueMessage(trx, { channel: 'sms', to: staff.mobile, locale: staff.language, template: 'account.locked' }, clock);
      return { error: lockedError({ locked_until: until, language: staff.language }, now) };
    }
    await resetStaffFailedLogins(trx, staff.id, now);
    if (staff.disabled_at) {
      await appendAudit(trx, { ...audit, action: 'staff.login_failed', details: { reason: 'disabled' } }, clock);
      return { error: new AppError('identity.account_disabled') };
    }
    const challengeId = await createChallenge({
      trx,
      clock,
      purpose: 'staff_login',
      mobile: staff.mobile,
      locale: staff.language,
      rateKey: `staff:${staff.id}`,
      staffId: staff.id,
    });
    await appendAudit(trx, { ...audit, action: 'staff.login_password_ok', details: { challengeId } }, clock);
    return { challengeId };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome;
}

/** Completes a staff sign-in: the right code opens a staff session (bearer token or web). */
export async function verifyStaffChallenge(
  options: IdentityDepsWithConfig & RequestOrigin & { challengeId: string; code: string; sessionKind: SessionKind },
): Promise<{ staffId: string; session: NewSession }> {
  const { db, clock } = options;
  const result = await db.transaction().execute(async (trx) => {
    const check = await checkChallengeCode({ trx, clock, challengeId: options.challengeId, code: options.code, purposes: ['staff_login'] });
    if (!check.ok) {
      if (check.error.code !== 'identity.challenge_not_found') {
        await appendAudit(trx, { actorKind: 'anonymous', action: 'staff.code_refused', ip: options.ip ?? undefined, details: { challengeId: options.challengeId, reason: check.error.code } }, clock);
      }
      return { error: check.error };
    }
    const staff = check.challenge.staff_id ? await findStaffById(trx, check.challenge.staff_id) : undefined;
    // Disabled between the password and the code: no session.
    if (!staff || staff.disabled_at) return { error: new AppError('identity.account_disabled') };
    const session = await createStaffSession(trx, { ...options, kind: options.sessionKind, staffId: staff.id });
    await appendAudit(trx, { actorKind: 'staff', actorId: staff.id, action: 'staff.login', ip: options.ip ?? undefined, details: { kind: options.sessionKind, sessionId: session.sessionId } }, clock);
    return { staffId: staff.id, session };
  });
  if ('error' in result) throw result.error;
  return result;
}
