import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import { MINUTE_MS } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { checkChallengeCode, createChallenge, resendChallenge, CODE_TTL_MS, type ChallengePurpose } from './challenges.js';
import { maskMobile } from './my-data.js';
import { findAccountById, findChallenge, findChallengeForUpdate, type Challenge } from './repository/index.js';

/**
 * One-time codes a service asks for on top of the sign-in (a transfer of a worker's services):
 * one before its form starts, and one to confirm the submission. Each code is sent to the
 * account's own mobile, is bound to the account, the service and its step, and is used once.
 * They share the sign-in codes' rules (6 digits, hashed, 5 minutes, 3 tries, a new code after 60
 * seconds) with their own hourly send limit, so a person who signed in can still start a service.
 */

export type ServiceCodeStep = 'start' | 'submit';

/** How long after the start code was entered the form may be sent without a new one. */
export const SERVICE_START_WINDOW_MS = 30 * MINUTE_MS;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PURPOSE: Record<ServiceCodeStep, ChallengePurpose> = { start: 'service_start', submit: 'service_submit' };

export interface ServiceCodeSent {
  challengeId: string;
  /** The account's mobile, masked, as the page says where the code went. */
  sentTo: string;
  expiresAt: Date;
}

export interface ServiceCodeTarget {
  accountId: string;
  serviceId: string;
  /** The service's name, for the SMS ("your code for Transfer of services"). */
  serviceName: { ar: string; en: string };
  step: ServiceCodeStep;
}

/** Sends a code for a service's step to the account's mobile. */
export async function sendServiceCode(options: { db: Kysely<Database>; clock: Clock } & ServiceCodeTarget): Promise<ServiceCodeSent> {
  const { db, clock } = options;
  return db.transaction().execute(async (trx) => {
    const account = await findAccountById(trx, options.accountId);
    if (!account || account.status !== 'active') throw new AppError('requests.account_not_active');
    if (!account.mobile) throw new AppError('identity.mobile_missing');
    const challengeId = await createChallenge({
      trx,
      clock,
      purpose: PURPOSE[options.step],
      mobile: account.mobile,
      locale: account.language,
      rateKey: `service-codes:${account.id}`,
      accountId: account.id,
      personId: account.person_id,
      payload: { serviceId: options.serviceId, service: options.serviceName },
    });
    return { challengeId, sentTo: maskMobile(account.mobile), expiresAt: new Date(clock.now().getTime() + CODE_TTL_MS) };
  });
}

/**
 * Where this account's service codes go, masked: every code page shows it (after a send, a
 * resend, a wrong code or a refusal alike), read from the account, never from the form.
 */
export async function serviceCodeSentTo(options: { db: Kysely<Database>; accountId: string }): Promise<string> {
  const account = await findAccountById(options.db, options.accountId);
  return account?.mobile ? maskMobile(account.mobile) : '';
}

/** Sends a fresh code for the same challenge, when it is this account's for this service and step. */
export async function resendServiceCode(options: { db: Kysely<Database>; clock: Clock; challengeId: string } & Omit<ServiceCodeTarget, 'serviceName'>): Promise<void> {
  const { db, clock } = options;
  await db.transaction().execute(async (trx) => {
    const challenge = UUID.test(options.challengeId) ? await findChallengeForUpdate(trx, options.challengeId) : undefined;
    if (!challenge || !isFor(challenge, options)) throw new AppError('identity.challenge_not_found');
    await resendChallenge({ trx, clock, challengeId: challenge.id });
  });
}

function isFor(challenge: Challenge, target: Omit<ServiceCodeTarget, 'serviceName'>): boolean {
  return challenge.purpose === PURPOSE[target.step] && challenge.account_id === target.accountId && challenge.payload.serviceId === target.serviceId;
}

export interface ServiceCodeAnswer {
  challengeId: string;
  code: string;
}

/**
 * Checks a code in a transaction of its own, so a wrong try is counted even though the caller
 * then refuses. `consume: false` leaves a right code unused for `useServiceCode` to take inside
 * the caller's transaction (the submission), so a submission that fails leaves it usable.
 */
export async function checkServiceCode(options: { db: Kysely<Database>; clock: Clock; answer: ServiceCodeAnswer; consume: boolean } & Omit<ServiceCodeTarget, 'serviceName'>): Promise<void> {
  const { db, clock } = options;
  const result = await db.transaction().execute(async (trx) => checkFor(trx, clock, options, options.answer, options.consume));
  if (!result.ok) throw result.error;
}

/** Takes a right code inside the caller's transaction (it was checked by `checkServiceCode` before). */
export async function useServiceCode(trx: Transaction<Database>, clock: Clock, target: Omit<ServiceCodeTarget, 'serviceName'>, answer: ServiceCodeAnswer): Promise<void> {
  const result = await checkFor(trx, clock, target, answer, true);
  if (!result.ok) throw result.error;
}

async function checkFor(trx: Transaction<Database>, clock: Clock, target: Omit<ServiceCodeTarget, 'serviceName'>, answer: ServiceCodeAnswer, consume: boolean) {
  // Another account's or service's challenge is "not found", and its tries are not touched.
  const challenge = UUID.test(answer.challengeId) ? await findChallengeForUpdate(trx, answer.challengeId) : undefined;
  if (!challenge || !isFor(challenge, target)) return { ok: false as const, error: new AppError('identity.challenge_not_found') };
  return checkChallengeCode({ trx, clock, challengeId: challenge.id, code: answer.code, purposes: [PURPOSE[target.step]], consume });
}

/**
 * Whether a form was started with a right start code: the challenge is this account's, for this
 * service, was answered, and not longer ago than the form may take.
 */
export async function startedWithCode(options: { db: Kysely<Database>; clock: Clock; challengeId: string } & Omit<ServiceCodeTarget, 'serviceName' | 'step'>): Promise<boolean> {
  if (!UUID.test(options.challengeId)) return false;
  const challenge = await findChallenge(options.db, options.challengeId);
  if (!challenge || !isFor(challenge, { ...options, step: 'start' }) || !challenge.consumed_at) return false;
  return options.clock.now().getTime() - challenge.consumed_at.getTime() <= SERVICE_START_WINDOW_MS;
}
