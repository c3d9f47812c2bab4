import { AppError } from '../kernel/errors.js';
import { checkChallengeCode, resendChallenge } from './challenges.js';
import type { IdentityDeps, IdentityDepsWithConfig, RequestOrigin } from './deps.js';
import { appendAudit } from './ports.js';
import { completeRegistration, type RegistrationOutcome } from './registration.js';
import { getPerson } from '../registry/index.js';
import { accountUseEndedError } from './registry-standing.js';
import { findAccountById } from './repository/index.js';
import { createSession, type NewSession, type SessionKind } from './sessions.js';

/**
 * Answering a one-time code: checks it, then does what the challenge was for, in the same
 * transaction (an account is created, or a session opened). A wrong code is committed as a
 * used try before the error is reported.
 */

export interface LoginOutcome {
  purpose: 'login';
  accountId: string;
  accountStatus: 'registered' | 'active' | 'disabled';
  session: NewSession;
}

export type ChallengeOutcome = RegistrationOutcome | LoginOutcome;

export async function verifyChallenge(
  options: IdentityDepsWithConfig & RequestOrigin & { challengeId: string; code: string; sessionKind: SessionKind },
): Promise<ChallengeOutcome> {
  const { db, clock } = options;
  const result = await db.transaction().execute(async (trx) => {
    // Staff sign-ins, password resets and mobile changes have endpoints of their own.
    const check = await checkChallengeCode({ trx, clock, challengeId: options.challengeId, code: options.code, purposes: ['register', 'login'] });
    if (!check.ok) {
      if (check.error.code !== 'identity.challenge_not_found') {
        await appendAudit(trx, { actorKind: 'anonymous', action: 'identity.code_refused', ip: options.ip ?? undefined, details: { challengeId: options.challengeId, reason: check.error.code } }, clock);
      }
      return { error: check.error };
    }
    const { challenge } = check;
    if (challenge.purpose === 'register') return { outcome: await completeRegistration(trx, clock, challenge, options) };
    if (challenge.purpose === 'login' && challenge.account_id) {
      const account = await findAccountById(trx, challenge.account_id);
      if (!account || account.status === 'disabled') return { error: new AppError('identity.account_disabled') };
      // The registry may have recorded the death since the code was sent: no session opens.
      const ended = accountUseEndedError(await getPerson(trx, account.person_id));
      if (ended) return { error: ended };
      const session = await createSession(trx, { ...options, kind: options.sessionKind, accountId: account.id });
      await appendAudit(
        trx,
        { actorKind: 'account', actorId: account.id, action: 'identity.login', subjectPersonId: account.person_id, ip: options.ip ?? undefined, details: { kind: options.sessionKind, sessionId: session.sessionId } },
        clock,
      );
      const outcome: LoginOutcome = { purpose: 'login', accountId: account.id, accountStatus: account.status, session };
      return { outcome };
    }
    throw new Error(`No completion for challenge purpose ${challenge.purpose}`);
  });
  if ('error' in result) throw result.error;
  return result.outcome;
}

/** A new code for a pending challenge (after 60 s, at most 5 an hour). */
export async function resendCode(options: IdentityDeps & { challengeId: string }): Promise<void> {
  await options.db.transaction().execute((trx) => resendChallenge({ trx, clock: options.clock, challengeId: options.challengeId }));
}
