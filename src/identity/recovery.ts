import { AppError } from '../kernel/errors.js';
import { findPersonByNationalId, getPerson } from '../registry/index.js';
import { checkChallengeCode, createChallenge } from './challenges.js';
import type { IdentityDeps, RequestOrigin } from './deps.js';
import { clearLoginThrottle, loginSubject } from './login-throttle.js';
import { hashPassword, passwordProblems } from './passwords.js';
import { appendAudit, enqueueMessage } from './ports.js';
import { findAccountById, findAccountByPersonId, revokeAllSessionsOfAccount, setAccountPassword } from './repository/index.js';
import { sha256Hex } from './secrets.js';

/**
 * A forgotten password: the ID number and the registered mobile, then a code sent to that
 * mobile, then a new password. Every session and token of the account ends, the sign-in
 * throttle's counts on the account are cleared (the owner's way in while a stranger is guessing
 * the password: ADR 0008), and an SMS tells the owner.
 *
 * Like registration, the first step never says whether the ID has an account or whether the
 * mobile is the one on it: when they do not match, the answer is the same 202 with a decoy
 * challenge (no SMS, no code can match, same hourly limit, keyed on the ID and mobile typed).
 * The key holds the mobile too, so a stranger who types the owner's ID with other numbers
 * cannot use up the owner's codes.
 */

function resetRateKey(nationalId: string, mobile: string): string {
  return `reset:${sha256Hex(`${nationalId}|${mobile}`)}`;
}

export async function startPasswordReset(options: IdentityDeps & RequestOrigin & { nationalId: string; mobile: string }): Promise<{ challengeId: string }> {
  const { db, clock } = options;
  const outcome = await db.transaction().execute(async (trx) => {
    const person = await findPersonByNationalId(trx, options.nationalId);
    const account = person ? await findAccountByPersonId(trx, person.id) : undefined;
    // The account of someone the registry records as deceased, with its own mobile: said at
    // once, no code sent (with a mobile that does not match, the same decoy as ever).
    if (person?.deceased && account && account.mobile === options.mobile) {
      await appendAudit(trx, { actorKind: 'anonymous', action: 'identity.password_reset_refused', subjectPersonId: person.id, ip: options.ip ?? undefined, details: { reason: 'identity.person_deceased' } }, clock);
      return { error: new AppError('identity.person_deceased') };
    }
    const real = account !== undefined && account.status !== 'disabled' && account.mobile === options.mobile;
    const challengeId = await createChallenge({
      trx,
      clock,
      purpose: 'reset_password',
      mobile: options.mobile,
      locale: account?.language ?? 'ar',
      rateKey: resetRateKey(options.nationalId, options.mobile),
      accountId: real ? account.id : null,
      personId: real ? account.person_id : null,
      decoy: !real,
    });
    await appendAudit(
      trx,
      {
        actorKind: 'anonymous',
        action: 'identity.password_reset_started',
        subjectPersonId: person?.id,
        ip: options.ip ?? undefined,
        // Why a decoy was given is for investigators only.
        details: { challengeId, ...(real ? {} : { decoy: !person ? 'unknown_id' : !account ? 'no_account' : account.status === 'disabled' ? 'disabled' : 'mobile_mismatch' }) },
      },
      clock,
    );
    return { challengeId };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome;
}

export async function completePasswordReset(
  options: IdentityDeps & RequestOrigin & { challengeId: string; code: string; newPassword: string },
): Promise<{ revokedSessions: number }> {
  const { db, clock } = options;
  // Rules that need no account first: they say nothing about anyone.
  const general = passwordProblems(options.newPassword, {}, 'newPassword');
  if (general.length > 0) throw new AppError('identity.password_weak', {}, general);
  // Hashed before the transaction (no row lock held during argon2), decoy or not.
  const passwordHash = await hashPassword(options.newPassword);

  const result = await db.transaction().execute(async (trx) => {
    const check = await checkChallengeCode({ trx, clock, challengeId: options.challengeId, code: options.code, purposes: ['reset_password'] });
    if (!check.ok) {
      if (check.error.code !== 'identity.challenge_not_found') {
        await appendAudit(trx, { actorKind: 'anonymous', action: 'identity.code_refused', ip: options.ip ?? undefined, details: { challengeId: options.challengeId, reason: check.error.code } }, clock);
      }
      return { error: check.error };
    }
    const account = check.challenge.account_id ? await findAccountById(trx, check.challenge.account_id, { forUpdate: true }) : undefined;
    if (!account) throw new AppError('identity.challenge_not_found');
    if (account.status === 'disabled') throw new AppError('identity.account_disabled');
    // Rules about this account only now that the code proved the mobile. Throwing rolls the
    // transaction back, so the right code stays usable for a better password.
    const person = await getPerson(trx, account.person_id);
    if (person?.deceased) throw new AppError('identity.person_deceased');
    const specific = passwordProblems(options.newPassword, { username: account.username, nationalId: person?.national_id }, 'newPassword');
    if (specific.length > 0) throw new AppError('identity.password_weak', {}, specific);

    const now = clock.now();
    await setAccountPassword(trx, account.id, passwordHash, now);
    await clearLoginThrottle(trx, loginSubject('account', account.id, ''));
    const revokedSessions = await revokeAllSessionsOfAccount(trx, account.id, now);
    if (account.mobile) {
      await enqueueMessage(trx, { channel: 'sms', to: account.mobile, locale: account.language, template: 'account.password_changed', personId: account.person_id }, clock);
    }
    await appendAudit(trx, { actorKind: 'account', actorId: account.id, action: 'identity.password_reset', subjectPersonId: account.person_id, ip: options.ip ?? undefined, details: { challengeId: check.challenge.id, revokedSessions } }, clock);
    return { revokedSessions };
  });
  if ('error' in result) throw result.error;
  return result;
}
