import { DAY_MS, HOUR_MS, MINUTE_MS, type Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import type { Db } from '../registry/index.js';
import { clearCounters, forgetKeys, hashedKey, hitThrottle, retryAtParams, takeBack, type Throttle } from '../throttle/index.js';

/**
 * The sign-in throttle (NIST SP 800-63B 5.2.2; ADR 0008). Password attempts are counted, in the
 * database, under three rules checked in order, each one statement:
 * - per login and source (the pair of the account and the client address): 5 free, then a wait
 *   that doubles from 1 minute to at most an hour; it slows whoever guesses from that address
 *   and no one else;
 * - per source, across logins: 30 free, then the same doubling waits (password spraying);
 * - per login, across sources: at most 100 attempts a day (the hard cap NIST allows). Only this
 *   one can stop the owner, and the owner is never stuck with it: a password reset by a code
 *   sent to the account's mobile clears it (clearLoginThrottle).
 * A right password forgets the login's count and its pair (failures are consecutive) and does
 * not count against the source. The same rules and answers apply to an unknown login (counted
 * under the login as typed), so the throttle never says whether an account exists.
 */

export const LOGIN_THROTTLES = {
  pair: { name: 'login-pair', windowMs: DAY_MS, backOff: { free: 5, baseMs: MINUTE_MS, maxMs: HOUR_MS } },
  source: { name: 'login-source', windowMs: DAY_MS, backOff: { free: 30, baseMs: MINUTE_MS, maxMs: HOUR_MS } },
  login: { name: 'login-account', windowMs: DAY_MS, backOff: { free: 100, baseMs: 0, maxMs: 0 } },
} as const satisfies Record<string, Throttle>;

/** Whose attempts: a known account or staff member by id, or the login as typed when unknown. */
export type LoginSubject = string;

export function loginSubject(kind: 'account' | 'staff', id: string | undefined, typed: string): LoginSubject {
  return id ? `${kind}:${id}` : `${kind}-login:${hashedKey(typed.trim().toLowerCase())}`;
}

function keys(subject: LoginSubject, ip: string | null | undefined) {
  const source = hashedKey(ip ?? 'unknown');
  return { pair: `${subject}:${source}`, source, login: subject };
}

function throttled(retryAt: Date, now: Date): AppError {
  return new AppError('identity.login_throttled', retryAtParams(retryAt, now));
}

/**
 * Counts a password attempt, or refuses it with `identity.login_throttled` (429, when to try
 * again). Returns the login's attempts today, this one included.
 */
export async function admitLoginAttempt(db: Db, clock: Clock, subject: LoginSubject, ip: string | null | undefined): Promise<number> {
  const now = clock.now();
  const k = keys(subject, ip);
  const pair = await hitThrottle(db, LOGIN_THROTTLES.pair, k.pair, now);
  if (!pair.allowed) throw throttled(pair.retryAt!, now);
  const source = await hitThrottle(db, LOGIN_THROTTLES.source, k.source, now);
  if (!source.allowed) {
    await takeBack(db, LOGIN_THROTTLES.pair, k.pair, now);
    throw throttled(source.retryAt!, now);
  }
  const login = await hitThrottle(db, LOGIN_THROTTLES.login, k.login, now);
  if (!login.allowed) {
    await takeBack(db, LOGIN_THROTTLES.pair, k.pair, now);
    await takeBack(db, LOGIN_THROTTLES.source, k.source, now);
    throw throttled(login.retryAt!, now);
  }
  return login.count;
}

/** The login's daily cap: the attempt that reached it is the one to tell the owner about. */
export const LOGIN_DAILY_CAP = LOGIN_THROTTLES.login.backOff.free;

/** A right password: the failures before it were not consecutive any more. */
export async function loginSucceeded(db: Db, clock: Clock, subject: LoginSubject, ip: string | null | undefined): Promise<void> {
  const k = keys(subject, ip);
  await forgetKeys(db, [LOGIN_THROTTLES.login, LOGIN_THROTTLES.pair], [k.login, k.pair]);
  await takeBack(db, LOGIN_THROTTLES.source, k.source, clock.now());
}

/** The owner proved the account's mobile (a password reset): every count on the login goes. */
export async function clearLoginThrottle(db: Db, subject: LoginSubject): Promise<void> {
  await clearCounters(db, [LOGIN_THROTTLES.login, LOGIN_THROTTLES.pair], subject);
}
