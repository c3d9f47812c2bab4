import { MINUTE_MS } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { formatDateTime } from '../kernel/dates.js';
import { createChallenge } from './challenges.js';
import type { IdentityDeps, RequestOrigin } from './deps.js';
import { verifyDummyPassword, verifyPassword } from './passwords.js';
import { appendAudit, enqueueMessage } from './ports.js';
import { getPerson } from '../registry/index.js';
import { accountUseEndedError } from './registry-standing.js';
import { findAccountById, findAccountByLogin, lockAccount, recordFailedLogin, resetFailedLogins, type Account } from './repository/index.js';

/**
 * Signing in, step one: the password. Right, and a one-time code goes to the account's mobile
 * (every time); wrong, and the answer is the same whether the login exists or not. Five wrong
 * passwords in a row lock the account for 30 minutes and its owner gets an SMS.
 */

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 30 * MINUTE_MS;

function lockedError(account: Pick<Account, 'locked_until' | 'language'>, now: Date): AppError {
  const until = account.locked_until!;
  return new AppError('identity.account_locked', {
    minutes: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / MINUTE_MS)),
    until: formatDateTime(until, account.language),
    untilIso: until.toISOString(),
  });
}

export async function startLogin(options: IdentityDeps & RequestOrigin & { login: string; password: string }): Promise<{ challengeId: string }> {
  const { db, clock } = options;
  const found = await findAccountByLogin(db, options.login.trim());
  if (!found) {
    // Same cost as a real check, so the time taken does not say the login is unknown.
    await verifyDummyPassword(options.password);
    await db.transaction().execute((trx) =>
      appendAudit(trx, { actorKind: 'anonymous', action: 'identity.login_failed', ip: options.ip ?? undefined, details: { reason: 'unknown_login' } }, clock),
    );
    throw new AppError('identity.login_failed');
  }
  const now = clock.now();
  if (found.locked_until && found.locked_until.getTime() > now.getTime()) throw lockedError(found, now);

  const passwordRight = await verifyPassword(found.password_hash, options.password);
  const outcome = await db.transaction().execute(async (trx) => {
    const account = (await findAccountById(trx, found.id, { forUpdate: true }))!;
    const audit = { actorKind: 'account' as const, actorId: account.id, subjectPersonId: account.person_id, ip: options.ip ?? undefined };
    if (!passwordRight) {
      const failures = await recordFailedLogin(trx, account.id, now);
      await appendAudit(trx, { ...audit, action: 'identity.login_failed', details: { reason: 'wrong_password', failures } }, clock);
      if (failures < MAX_FAILED_LOGINS) return { error: new AppError('identity.login_failed') };
      const until = new Date(now.getTime() + LOCK_MS);
      await lockAccount(trx, account.id, until, now);
      await appendAudit(trx, { ...audit, action: 'identity.account_locked', details: { until: until.toISOString() } }, clock);
      if (account.mobile) {
        await enqueueMessage(trx, { channel: 'sms', to: account.mobile, locale: account.language, template: 'account.locked', personId: account.person_id }, clock);
      }
      return { error: lockedError({ locked_until: until, language: account.language }, now) };
    }
    if (account.failed_logins > 0 || account.locked_until) await resetFailedLogins(trx, account.id, now);
    if (account.status === 'disabled') return { error: new AppError('identity.account_disabled') };
    // Accounts follow the registry: no code goes to the account of someone recorded as deceased.
    const ended = accountUseEndedError(await getPerson(trx, account.person_id));
    if (ended) {
      await appendAudit(trx, { ...audit, action: 'identity.login_refused', details: { reason: ended.code } }, clock);
      return { error: ended };
    }
    // The mobile went to another account: the code has nowhere to go; an office can help.
    if (!account.mobile) return { error: new AppError('identity.mobile_missing') };
    const challengeId = await createChallenge({
      trx,
      clock,
      purpose: 'login',
      mobile: account.mobile,
      locale: account.language,
      rateKey: `account:${account.id}`,
      accountId: account.id,
      personId: account.person_id,
    });
    await appendAudit(trx, { ...audit, action: 'identity.login_password_ok', details: { challengeId } }, clock);
    return { challengeId };
  });
  // The failure is committed (counted, audited) before it is reported.
  if ('error' in outcome) throw outcome.error;
  return outcome;
}
