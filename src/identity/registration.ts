import type { Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { translate, type Locale } from '../kernel/i18n/index.js';
import { findPersonByNationalId, getPerson } from '../registry/index.js';
import { createChallenge, type CreateChallengeOptions } from './challenges.js';
import type { IdentityDeps, RequestOrigin } from './deps.js';
import { hashPassword, passwordProblems } from './passwords.js';
import { appendAudit, enqueueMessage } from './ports.js';
import {
  clearAccountMobile,
  findAccountByMobile,
  findAccountByPersonId,
  insertAccount,
  usernameExists,
  type Challenge,
} from './repository/index.js';
import { sha256Hex } from './secrets.js';
import { uuidv7 } from '../kernel/uuid.js';

/**
 * Registration: a registry person proves their mobile with a one-time code, and the account
 * is created when the code is right.
 *
 * Not revealing who is registered: when the ID number and birth date do not match a living
 * registry person, or that person already has an account, the answer is the same 202 with a
 * challenge id, after the same work (the password is hashed first in every case). That
 * challenge is a decoy: no SMS is sent, no code can ever match it, and it counts towards the
 * same hourly limit as a real one. We chose silence over an SMS to the typed number, because
 * any message there ("this ID already has an account") would tell whoever holds that phone.
 * The real holder of an account is not disturbed either; they can recover their password.
 */

export interface RegisterInput {
  nationalId: string;
  dateOfBirth: string;
  mobile: string;
  email: string;
  username: string;
  password: string;
  language: Locale;
}

/** Rate key of registration codes: per ID number typed, hashed (it is personal data). */
function registrationRateKey(nationalId: string): string {
  return `register:${sha256Hex(nationalId)}`;
}

export async function startRegistration(options: IdentityDeps & RequestOrigin & { input: RegisterInput }): Promise<{ challengeId: string }> {
  const { db, clock, input } = options;
  const problems = passwordProblems(input.password, { username: input.username, nationalId: input.nationalId });
  if (problems.length > 0) throw new AppError('identity.password_weak', {}, problems);
  // A username is not personal data: saying it is taken reveals nothing about anyone's ID.
  if (await usernameExists(db, input.username)) throw new AppError('identity.username_taken');
  const passwordHash = await hashPassword(input.password);

  const outcome = await db.transaction().execute(async (trx) => {
    const person = await findPersonByNationalId(trx, input.nationalId);
    // The ID and date of birth of someone the registry records as deceased: said at once, and
    // no code is sent (a decoy would leave the family waiting for an SMS that never comes).
    // Only with the right date of birth, so the answer tells no more than registering would.
    if (person?.deceased && person.birth_date === input.dateOfBirth) {
      await appendAudit(trx, { actorKind: 'anonymous', action: 'identity.registration_refused', subjectPersonId: person.id, ip: options.ip ?? undefined, details: { reason: 'identity.person_deceased' } }, clock);
      return { error: new AppError('identity.person_deceased') };
    }
    const matches = person !== undefined && !person.deceased && person.birth_date === input.dateOfBirth;
    const hasAccount = matches && (await findAccountByPersonId(trx, person.id)) !== undefined;
    const real = matches && !hasAccount;
    const challenge: CreateChallengeOptions = {
      trx,
      clock,
      purpose: 'register',
      mobile: input.mobile,
      locale: input.language,
      rateKey: registrationRateKey(input.nationalId),
      personId: real ? person.id : null,
      decoy: !real,
      payload: real
        ? { username: input.username, passwordHash, email: input.email, language: input.language }
        : {},
    };
    const challengeId = await createChallenge(challenge);
    await appendAudit(
      trx,
      {
        actorKind: 'anonymous',
        action: 'identity.registration_started',
        subjectPersonId: person?.id,
        ip: options.ip ?? undefined,
        // Why a decoy was given is for investigators only; it never reaches the caller.
        details: { challengeId, ...(real ? {} : { decoy: person ? (hasAccount ? 'account_exists' : 'mismatch') : 'unknown_id' }) },
      },
      clock,
    );
    return { challengeId };
  });
  // The refusal is committed (audited) before it is reported.
  if ('error' in outcome) throw outcome.error;
  return outcome;
}

export interface RegistrationOutcome {
  purpose: 'register';
  accountId: string;
  status: 'active' | 'registered';
  /** Translated next step for the person (activated, or how to activate). */
  messageKey: 'identity.register.activated' | 'identity.register.needs_activation';
}

/**
 * Takes the mobile away from the account that holds it. Its owner is told by e-mail: an SMS
 * would go to the number that now belongs to someone else. With no e-mail on file the owner
 * sees it at the next sign-in (their account has no mobile, so they are sent to an office).
 */
export async function moveMobileAway(trx: Transaction<Database>, clock: Clock, mobile: string, toPersonId: string): Promise<void> {
  const holder = await findAccountByMobile(trx, mobile);
  if (!holder) return;
  await clearAccountMobile(trx, holder.id, clock.now());
  if (holder.email) {
    await enqueueMessage(
      trx,
      {
        channel: 'email',
        to: holder.email,
        locale: holder.language,
        template: 'account.mobile_moved',
        subject: translate(holder.language, 'identity.mail.mobile_moved_subject'),
        personId: holder.person_id,
      },
      clock,
    );
  }
  await appendAudit(
    trx,
    { actorKind: 'system', action: 'identity.mobile_moved', subjectPersonId: holder.person_id, details: { accountId: holder.id, toPersonId, notifiedByEmail: Boolean(holder.email) } },
    clock,
  );
}

/** Creates the account once the registration code was right (called inside that transaction). */
export async function completeRegistration(trx: Transaction<Database>, clock: Clock, challenge: Challenge, origin: RequestOrigin): Promise<RegistrationOutcome> {
  const personId = challenge.person_id;
  const person = personId ? await getPerson(trx, personId) : undefined;
  // A decoy can never get here (its code cannot match); this guards the impossible.
  if (!person || challenge.payload.decoy === true) throw new AppError('identity.challenge_not_found');
  // The registry may have recorded the death since the code was sent.
  if (person.deceased) throw new AppError('identity.person_deceased');
  const payload = challenge.payload as { username: string; passwordHash: string; email: string; language: Locale };
  // Someone may have finished registering the same person or username in the meantime.
  if (await findAccountByPersonId(trx, person.id)) throw new AppError('identity.code_used');
  if (await usernameExists(trx, payload.username)) throw new AppError('identity.username_taken');

  await moveMobileAway(trx, clock, challenge.mobile, person.id);
  const now = clock.now();
  const active = person.mobile === challenge.mobile;
  const accountId = uuidv7(now.getTime());
  await insertAccount(trx, {
    id: accountId,
    person_id: person.id,
    username: payload.username,
    password_hash: payload.passwordHash,
    mobile: challenge.mobile,
    email: payload.email,
    language: payload.language,
    status: active ? 'active' : 'registered',
    activated_at: active ? now : null,
    activation_method: active ? 'registry_mobile' : null,
    password_changed_at: now,
    created_at: now,
    updated_at: now,
  });
  await appendAudit(
    trx,
    {
      actorKind: 'account',
      actorId: accountId,
      action: active ? 'identity.account_registered_active' : 'identity.account_registered',
      subjectPersonId: person.id,
      ip: origin.ip ?? undefined,
      details: { activationMethod: active ? 'registry_mobile' : null },
    },
    clock,
  );
  return {
    purpose: 'register',
    accountId,
    status: active ? 'active' : 'registered',
    messageKey: active ? 'identity.register.activated' : 'identity.register.needs_activation',
  };
}
