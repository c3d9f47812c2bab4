import { AppError } from '../../kernel/errors.js';
import { checkChallengeCode, createChallenge } from '../challenges.js';
import type { IdentityDepsWithConfig, RequestOrigin } from '../deps.js';
import { admitLoginAttempt, LOGIN_DAILY_CAP, loginSubject, loginSucceeded } from '../login-throttle.js';
import { verifyDummyPassword, verifyPassword } from '../passwords.js';
import { appendAudit, enqueueMessage } from '../ports.js';
import type { NewSession, SessionKind } from '../sessions.js';
import { findStaffById, findStaffByUsername } from './repository.js';
import { createStaffSession } from './sessions.js';

/**
 * Staff sign in like individuals (password, then a code by SMS every time, the same throttle
 * per login and source, and the same answers and work for an unknown username and a wrong
 * password), but against staff_accounts, by username only. The code challenge carries staff_id,
 * and completing it opens a session with staff_id: a staff token never opens an individual's
 * data, nor the reverse.
 */

export async function startStaffLogin(options: IdentityDepsWithConfig & RequestOrigin & { username: string; password: string }): Promise<{ challengeId: string }> {
  const { db, clock } = options;
  const found = await findStaffByUsername(db, options.username.trim());
  const subject = loginSubject('staff', found?.id, options.username);
  const attempts = await admitLoginAttempt(db, clock, subject, options.ip);

  const passwordRight = found ? await verifyPassword(found.password_hash, options.password) : (await verifyDummyPassword(options.password), false);
  if (!passwordRight) {
    await db.transaction().execute(async (trx) => {
      const audit = found ? { actorKind: 'staff' as const, actorId: found.id, ip: options.ip ?? undefined } : { actorKind: 'anonymous' as const, ip: options.ip ?? undefined };
      await appendAudit(trx, { ...audit, action: 'staff.login_failed', details: { reason: found ? 'wrong_password' : 'unknown_login', attempts } }, clock);
      if (found && attempts === LOGIN_DAILY_CAP) {
        await appendAudit(trx, { ...audit, action: 'staff.login_paused', details: { attempts } }, clock);
        await enqueueMessage(trx, { channel: 'sms', to: found.mobile, locale: found.language, template: 'account.locked' }, clock);
      }
    });
    throw new AppError('identity.login_failed');
  }
  await loginSucceeded(db, clock, subject, options.ip);

  const outcome = await db.transaction().execute(async (trx) => {
    const staff = (await findStaffById(trx, found!.id, { forUpdate: true }))!;
    const audit = { actorKind: 'staff' as const, actorId: staff.id, ip: options.ip ?? undefined };
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
