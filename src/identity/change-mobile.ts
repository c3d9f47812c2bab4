import { AppError } from '../kernel/errors.js';
import { uuidv7 } from '../kernel/uuid.js';
import { checkChallengeCode, createChallenge } from './challenges.js';
import type { IdentityDeps, RequestOrigin } from './deps.js';
import { checkOfficeCode } from './office-activation.js';
import { appendAudit, enqueueMessage } from './ports.js';
import { moveMobileAway } from './registration.js';
import { findAccountById, markChallengeConsumed, setAccountMobile, type Account, type Challenge } from './repository/index.js';

/**
 * Changing the mobile of a signed-in account needs two proofs: a code sent to the old number
 * (the holder still has it) and a code sent to the new one (they hold that too). Someone who
 * lost the old number brings an office code of purpose 'change_mobile' instead of the first
 * proof. Both proofs are checked before either is marked used, so one wrong code does not
 * waste the other. The new number leaves any account that held it (its owner told by e-mail,
 * as at registration) and both numbers get an SMS.
 */

export interface MobileChangeStarted {
  changeId: string;
  /** Absent on the lost-number path (an office code replaces it). */
  oldChallengeId: string | null;
  newChallengeId: string;
}

async function lockedAccount(trx: Parameters<typeof findAccountById>[0], accountId: string): Promise<Account> {
  const account = await findAccountById(trx, accountId, { forUpdate: true });
  if (!account) throw new AppError('identity.unauthenticated');
  if (account.status === 'disabled') throw new AppError('identity.account_disabled');
  return account;
}

export async function startMobileChange(
  options: IdentityDeps & RequestOrigin & { accountId: string; newMobile: string; activationCode?: string },
): Promise<MobileChangeStarted> {
  const { db, clock } = options;
  const result = await db.transaction().execute(async (trx) => {
    const account = await lockedAccount(trx, options.accountId);
    if (account.mobile === options.newMobile) throw new AppError('identity.mobile_unchanged');
    const lostOld = options.activationCode !== undefined;
    if (lostOld) {
      // Checked now (not consumed) so that no SMS goes to a number on the word of someone
      // without an office code; a wrong one is counted.
      const check = await checkOfficeCode(trx, clock, { personId: account.person_id, accountId: account.id, purpose: 'change_mobile', code: options.activationCode!, consume: false });
      if (!check.ok) return { error: check.error };
    } else if (!account.mobile) {
      throw new AppError('identity.mobile_missing');
    }
    const changeId = uuidv7(clock.now().getTime());
    const common = { trx, clock, purpose: 'change_mobile' as const, locale: account.language, rateKey: `account:${account.id}`, accountId: account.id, personId: account.person_id };
    const oldChallengeId = lostOld ? null : await createChallenge({ ...common, mobile: account.mobile!, payload: { changeId, side: 'old', newMobile: options.newMobile } });
    const newChallengeId = await createChallenge({ ...common, mobile: options.newMobile, payload: { changeId, side: 'new', newMobile: options.newMobile, lostOld } });
    await appendAudit(trx, { actorKind: 'account', actorId: account.id, action: 'identity.mobile_change_started', subjectPersonId: account.person_id, ip: options.ip ?? undefined, details: { changeId, lostOld } }, clock);
    return { changeId, oldChallengeId, newChallengeId };
  });
  if ('error' in result) throw result.error;
  return result;
}

export type MobileChangeProof = { oldChallengeId: string; oldCode: string } | { activationCode: string };

function belongs(challenge: Challenge, accountId: string, side: 'old' | 'new'): boolean {
  return challenge.account_id === accountId && challenge.payload.side === side;
}

export async function confirmMobileChange(
  options: IdentityDeps & RequestOrigin & { accountId: string; newChallengeId: string; newCode: string; proof: MobileChangeProof },
): Promise<{ mobile: string }> {
  const { db, clock } = options;
  const result = await db.transaction().execute(async (trx) => {
    const account = await lockedAccount(trx, options.accountId);
    const notFound = { error: new AppError('identity.challenge_not_found') };
    const fresh = await checkChallengeCode({ trx, clock, challengeId: options.newChallengeId, code: options.newCode, purposes: ['change_mobile'], consume: false });
    if (fresh.ok && !belongs(fresh.challenge, account.id, 'new')) return notFound;
    const lostOld = 'activationCode' in options.proof;
    if (fresh.ok && fresh.challenge.payload.lostOld !== lostOld) return notFound;

    let oldChallenge: Challenge | null = null;
    let officeCodeOk = false;
    if ('oldChallengeId' in options.proof) {
      const old = await checkChallengeCode({ trx, clock, challengeId: options.proof.oldChallengeId, code: options.proof.oldCode, purposes: ['change_mobile'], consume: false });
      if (!old.ok) return { error: old.error };
      if (!belongs(old.challenge, account.id, 'old') || (fresh.ok && old.challenge.payload.changeId !== fresh.challenge.payload.changeId)) return notFound;
      oldChallenge = old.challenge;
    } else if (fresh.ok) {
      const office = await checkOfficeCode(trx, clock, { personId: account.person_id, accountId: account.id, purpose: 'change_mobile', code: options.proof.activationCode, consume: true });
      if (!office.ok) return { error: office.error };
      officeCodeOk = true;
    }
    if (!fresh.ok) return { error: fresh.error };

    const now = clock.now();
    const newMobile = fresh.challenge.mobile;
    await markChallengeConsumed(trx, fresh.challenge.id, now);
    if (oldChallenge) await markChallengeConsumed(trx, oldChallenge.id, now);
    await moveMobileAway(trx, clock, newMobile, account.person_id);
    await setAccountMobile(trx, account.id, newMobile, now);
    const recipients = [account.mobile, newMobile].filter((m): m is string => Boolean(m));
    for (const to of recipients) {
      await enqueueMessage(trx, { channel: 'sms', to, locale: account.language, template: 'account.mobile_changed', personId: account.person_id }, clock);
    }
    await appendAudit(
      trx,
      { actorKind: 'account', actorId: account.id, action: 'identity.mobile_changed', subjectPersonId: account.person_id, ip: options.ip ?? undefined, details: { changeId: fresh.challenge.payload.changeId, via: officeCodeOk ? 'office_code' : 'old_mobile_code' } },
      clock,
    );
    return { mobile: newMobile };
  });
  if ('error' in result) throw result.error;
  return result;
}
