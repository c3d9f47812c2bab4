import type { Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import type { Locale } from '../kernel/i18n/index.js';
import { uuidv7 } from '../kernel/uuid.js';
import { hashedKey, hitLimit, retryAtParams, type RateLimit } from '../throttle/index.js';
import { enqueueMessage } from './ports.js';
import {
  findChallengeForUpdate,
  insertChallenge,
  markChallengeConsumed,
  recordWrongCode,
  replaceChallengeCode,
  type Challenge,
} from './repository/index.js';
import { constantTimeEqual, hashOneTimeCode, newOneTimeCode, unmatchableCodeHash } from './secrets.js';

/**
 * One-time codes sent by SMS: six digits, stored hashed, valid 5 minutes, 3 tries, a new
 * code after 60 seconds at the earliest. How many may be sent is counted in shared counters
 * (ADR 0008), per purpose and rate key (the account, or what was typed when there is no account
 * yet) so that one step's codes never use up another's (a worker transfer needs a sign-in code,
 * a start code and a confirmation code), and per mobile across purposes, a ceiling only a flood
 * reaches. A refusal says when a new code may be asked for.
 */

export const CODE_TTL_MS = 5 * MINUTE_MS;
export const CODE_MAX_ATTEMPTS = 3;
export const RESEND_AFTER_MS = 60 * SECOND_MS;

export type ChallengePurpose = 'register' | 'login' | 'staff_login' | 'reset_password' | 'change_mobile' | 'service_start' | 'service_submit' | 'kiosk_activation';

/** Codes (first sends and resends) per purpose and rate key in an hour. */
export const SEND_LIMITS: Record<ChallengePurpose, number> = {
  register: 5,
  login: 10,
  staff_login: 10,
  reset_password: 5,
  // Two codes per change (the old number and the new one).
  change_mobile: 8,
  service_start: 10,
  service_submit: 10,
  // A self-service kiosk's code, sent once the fingerprint matched (kiosk-activation.ts).
  kiosk_activation: 5,
};
/** Codes to one mobile in an hour, whatever they are for: well above any journey's needs. */
export const MOBILE_SENDS_PER_HOUR = 20;

/** Template of the SMS for each purpose (texts are owned by the notifications module). */
const TEMPLATES: Record<ChallengePurpose, string> = {
  register: 'otp.register',
  login: 'otp.login',
  staff_login: 'otp.staff_login',
  reset_password: 'otp.reset_password',
  change_mobile: 'otp.change_mobile',
  service_start: 'otp.service_start',
  service_submit: 'otp.service_submit',
  kiosk_activation: 'otp.kiosk_activation',
};

export interface CreateChallengeOptions {
  trx: Transaction<Database>;
  clock: Clock;
  purpose: ChallengePurpose;
  mobile: string;
  locale: Locale;
  rateKey: string;
  accountId?: string | null;
  staffId?: string | null;
  personId?: string | null;
  /** What completing the challenge does (never a password: a hash at most). */
  payload?: Record<string, unknown>;
  /**
   * A decoy looks and behaves like a real challenge (same answer, same limits) but no SMS is
   * sent and no code can ever match. Registration uses it so its answers never reveal
   * whether an ID number is known or already has an account.
   */
  decoy?: boolean;
}

const perPurpose = (purpose: ChallengePurpose): RateLimit => ({ name: `otp-${purpose}`, max: SEND_LIMITS[purpose], windowMs: HOUR_MS });
const perMobile: RateLimit = { name: 'otp-mobile', max: MOBILE_SENDS_PER_HOUR, windowMs: HOUR_MS };

/**
 * Counts a send in the caller's transaction (a refused send rolls back, so it is not counted).
 * A decoy counts under its purpose like a real code, so the answers stay alike, but not against
 * the mobile: it sends nothing, and a stranger typing someone's number must not use up its codes.
 */
async function assertSendAllowed(trx: Transaction<Database>, now: Date, send: { purpose: ChallengePurpose; rateKey: string; mobile: string; decoy: boolean }): Promise<void> {
  const rules: Array<[RateLimit, string]> = [[perPurpose(send.purpose), send.rateKey]];
  if (!send.decoy) rules.push([perMobile, send.mobile]);
  for (const [rule, key] of rules) {
    const verdict = await hitLimit(trx, rule, hashedKey(key), now);
    if (!verdict.allowed) throw new AppError('identity.send_limit_reached', retryAtParams(verdict.retryAt!, now));
  }
}

async function sendCode(trx: Transaction<Database>, challenge: Pick<Challenge, 'purpose' | 'mobile' | 'person_id' | 'payload'>, code: string, clock: Clock): Promise<void> {
  if (challenge.payload.decoy === true) return;
  const payloadLocale = challenge.payload.locale;
  const locale = payloadLocale === 'en' ? 'en' : 'ar';
  // A service's code names the service ("your code for Transfer of services").
  const service = challenge.payload.service as Record<string, string> | undefined;
  await enqueueMessage(
    trx,
    {
      channel: 'sms',
      to: challenge.mobile,
      locale,
      template: TEMPLATES[challenge.purpose as ChallengePurpose],
      params: service ? { code, service: service[locale] ?? '' } : { code },
      personId: challenge.person_id,
    },
    clock,
  );
}

/** Creates a challenge and queues its SMS in the caller's transaction. Returns its id. */
export async function createChallenge(options: CreateChallengeOptions): Promise<string> {
  const { trx, clock } = options;
  const now = clock.now();
  await assertSendAllowed(trx, now, { purpose: options.purpose, rateKey: options.rateKey, mobile: options.mobile, decoy: options.decoy === true });
  const id = uuidv7(now.getTime());
  const code = newOneTimeCode();
  const payload = { ...options.payload, rateKey: options.rateKey, locale: options.locale, ...(options.decoy ? { decoy: true } : {}) };
  await insertChallenge(trx, {
    id,
    purpose: options.purpose,
    account_id: options.accountId ?? null,
    staff_id: options.staffId ?? null,
    person_id: options.personId ?? null,
    mobile: options.mobile,
    code_hash: options.decoy ? unmatchableCodeHash() : hashOneTimeCode(id, code),
    last_sent_at: now,
    expires_at: new Date(now.getTime() + CODE_TTL_MS),
    payload: JSON.stringify(payload),
    created_at: now,
  });
  await sendCode(trx, { purpose: options.purpose, mobile: options.mobile, person_id: options.personId ?? null, payload }, code, clock);
  return id;
}

/** Why a challenge can no longer be answered, or null while it can. */
function deadReason(challenge: Challenge, now: Date): AppError | null {
  if (challenge.consumed_at) return new AppError('identity.code_used');
  if (challenge.attempts >= CODE_MAX_ATTEMPTS) return new AppError('identity.code_attempts_exhausted');
  if (challenge.expires_at.getTime() <= now.getTime()) return new AppError('identity.code_expired');
  return null;
}

/** Sends a fresh code for the same challenge (the old code stops working). */
export async function resendChallenge(options: { trx: Transaction<Database>; clock: Clock; challengeId: string }): Promise<void> {
  const { trx, clock } = options;
  const now = clock.now();
  const challenge = await findChallengeForUpdate(trx, options.challengeId);
  // Rows of other kinds (a kiosk's flow, kiosk-activation.ts) have no code to resend.
  if (!challenge || !(challenge.purpose in TEMPLATES)) throw new AppError('identity.challenge_not_found');
  // An expired code may be replaced; a used or exhausted challenge may not.
  if (challenge.consumed_at) throw new AppError('identity.code_used');
  if (challenge.attempts >= CODE_MAX_ATTEMPTS) throw new AppError('identity.code_attempts_exhausted');
  const waitMs = challenge.last_sent_at.getTime() + RESEND_AFTER_MS - now.getTime();
  if (waitMs > 0) throw new AppError('identity.resend_too_soon', { count: Math.ceil(waitMs / SECOND_MS) });
  await assertSendAllowed(trx, now, { purpose: challenge.purpose as ChallengePurpose, rateKey: String(challenge.payload.rateKey), mobile: challenge.mobile, decoy: challenge.payload.decoy === true });
  const code = newOneTimeCode();
  const codeHash = challenge.payload.decoy === true ? unmatchableCodeHash() : hashOneTimeCode(challenge.id, code);
  await replaceChallengeCode(trx, challenge.id, codeHash, now, new Date(now.getTime() + CODE_TTL_MS));
  await sendCode(trx, challenge, code, clock);
}

export type CodeCheck = { ok: true; challenge: Challenge } | { ok: false; error: AppError };

/**
 * Checks a code and, when right, marks the challenge used. A wrong code is counted even
 * though the answer is an error: the caller must commit the transaction, then throw `error`.
 * `purposes` limits which challenges this caller completes: another purpose's challenge is
 * "not found" and its tries are not touched. `consume: false` leaves a right code unused, for
 * a caller that needs two codes right before either counts as used (changing the mobile).
 */
export async function checkChallengeCode(options: {
  trx: Transaction<Database>;
  clock: Clock;
  challengeId: string;
  code: string;
  purposes?: readonly ChallengePurpose[];
  consume?: boolean;
}): Promise<CodeCheck> {
  const { trx, clock } = options;
  const now = clock.now();
  const challenge = await findChallengeForUpdate(trx, options.challengeId);
  if (!challenge) return { ok: false, error: new AppError('identity.challenge_not_found') };
  if (options.purposes && !options.purposes.includes(challenge.purpose as ChallengePurpose)) {
    return { ok: false, error: new AppError('identity.challenge_not_found') };
  }
  const dead = deadReason(challenge, now);
  if (dead) return { ok: false, error: dead };
  if (!constantTimeEqual(challenge.code_hash, hashOneTimeCode(challenge.id, options.code))) {
    const attempts = await recordWrongCode(trx, challenge.id);
    const remaining = CODE_MAX_ATTEMPTS - attempts;
    return { ok: false, error: remaining > 0 ? new AppError('identity.code_wrong', { count: remaining }) : new AppError('identity.code_attempts_exhausted') };
  }
  if (options.consume === false) return { ok: true, challenge };
  await markChallengeConsumed(trx, challenge.id, now);
  return { ok: true, challenge: { ...challenge, consumed_at: now } };
}
