import { AppError } from '../kernel/errors.js';
import { createChallenge } from './challenges.js';
import type { IdentityDeps, RequestOrigin } from './deps.js';
import { admitLoginAttempt, LOGIN_DAILY_CAP, loginSubject, loginSucceeded } from './login-throttle.js';
import { verifyDummyPassword, verifyPassword } from './passwords.js';
import { appendAudit, enqueueMessage } from './ports.js';
import { findAccountById, findAccountByLogin } from './repository/index.js';
import { getPerson } from '../registry/index.js';
import { accountUseEndedError } from './registry-standing.js';

/**
 * Signing in, step one: the password. Right, and a one-time code goes to the account's mobile
 * (every time); wrong, and the answer is the same whether the login exists or not. Attempts are
 * throttled per login and source (login-throttle.ts), never by locking the account: a stranger
 * who knows an ID number slows only himself, and the owner can always get in with a password
 * reset by code. An unknown login goes through the same throttle, the same argon2 work (against
 * a dummy hash) and the same one-transaction audit as a wrong password, so neither the answer
 * nor its time says whether the login exists.
 */

export async function startLogin(options: IdentityDeps & RequestOrigin & { login: string; password: string }): Promise<{ challengeId: string }> {
  const { db, clock } = options;
  const found = await findAccountByLogin(db, options.login.trim());
  const subject = loginSubject('account', found?.id, options.login);
  const attempts = await admitLoginAttempt(db, clock, subject, options.ip);

  const passwordRight = found ? await verifyPassword(found.password_hash, options.password) : (await verifyDummyPassword(options.password), false);
  if (!passwordRight) {
    await db.transaction().execute(async (trx) => {
      const audit = found
        ? { actorKind: 'account' as const, actorId: found.id, subjectPersonId: found.person_id, ip: options.ip ?? undefined }
        : { actorKind: 'anonymous' as const, ip: options.ip ?? undefined };
      await appendAudit(trx, { ...audit, action: 'identity.login_failed', details: { reason: found ? 'wrong_password' : 'unknown_login', attempts } }, clock);
      // The day's cap reached: the owner hears of it, with the way back in (a reset by code).
      if (found && attempts === LOGIN_DAILY_CAP) {
        await appendAudit(trx, { ...audit, action: 'identity.login_paused', details: { attempts } }, clock);
        if (found.mobile) await enqueueMessage(trx, { channel: 'sms', to: found.mobile, locale: found.language, template: 'account.locked', personId: found.person_id }, clock);
      }
    });
    throw new AppError('identity.login_failed');
  }
  await loginSucceeded(db, clock, subject, options.ip);

  const outcome = await db.transaction().execute(async (trx) => {
    const account = (await findAccountById(trx, found!.id, { forUpdate: true }))!;
    const audit = { actorKind: 'account' as const, actorId: account.id, subjectPersonId: account.person_id, ip: options.ip ?? undefined };
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
  if ('error' in outcome) throw outcome.error;
  return outcome;
}
