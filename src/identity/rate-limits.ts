import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MINUTE_MS } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { hashedKey, hitLimit, type RateLimit } from '../throttle/index.js';

/**
 * Several limits on one route (per IP and per ID number), counted in the database so every app
 * node shares the counts (ADR 0008). Each rule is one statement in a preHandler, after the body
 * is parsed (the per-ID key comes from the body). Keys are hashed: no address or ID number is
 * stored in clear. Over a limit: 429 with Retry-After and the translated problem+json of
 * `http.rate_limited`. The sign-in's own throttle (per account and source) is login-throttle.ts.
 */

export interface RateRule extends RateLimit {
  /** The counted key; undefined skips the rule (e.g. no body field). */
  key: (request: FastifyRequest) => string | undefined;
}

export const byIp: RateRule['key'] = (request) => request.ip;

function fieldOf(request: FastifyRequest, field: string): string | undefined {
  const value = (request.body as Record<string, unknown> | undefined)?.[field];
  return typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : undefined;
}

/** A body field as a key, normalised so "AbC" and " abc" count together. */
export function byBodyField(field: string): RateRule['key'] {
  return (request) => fieldOf(request, field);
}

/** Two body fields together (an ID number with the mobile typed): undefined unless both are there. */
export function byBodyFields(first: string, second: string): RateRule['key'] {
  return (request) => {
    const [a, b] = [fieldOf(request, first), fieldOf(request, second)];
    return a && b ? `${a}|${b}` : undefined;
  };
}

export function byParam(param: string): RateRule['key'] {
  return (request) => {
    const value = (request.params as Record<string, unknown> | undefined)?.[param];
    return typeof value === 'string' ? value : undefined;
  };
}

export function rateLimits(app: FastifyInstance, rules: RateRule[]) {
  return async function enforceRateLimits(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const db = app.deps.database.db;
    const now = app.deps.clock.now();
    for (const rule of rules) {
      const key = rule.key(request);
      if (key === undefined) continue;
      const verdict = await hitLimit(db, rule, hashedKey(key), now);
      if (!verdict.allowed) {
        const seconds = Math.max(1, Math.ceil((verdict.retryAt!.getTime() - now.getTime()) / 1000));
        reply.header('retry-after', String(seconds));
        throw new AppError('http.rate_limited', { count: seconds });
      }
    }
  };
}

type Limit = Omit<RateRule, 'name'> & { counts: 'ip' | 'id' };
const perIp = (max: number): Limit => ({ counts: 'ip', max, windowMs: MINUTE_MS, key: byIp });
const perField = (field: string, max: number, minutes: number): Limit => ({ counts: 'id', max, windowMs: minutes * MINUTE_MS, key: byBodyField(field) });
const perFields = (first: string, second: string, max: number, minutes: number): Limit => ({ counts: 'id', max, windowMs: minutes * MINUTE_MS, key: byBodyFields(first, second) });
const perChallenge = (max: number, minutes: number): Limit => ({ counts: 'id', max, windowMs: minutes * MINUTE_MS, key: byParam('challengeId') });

/**
 * The limits of every sign-in and account endpoint, in one table: the API and the pages of one
 * step use the same numbers (each with counters of its own). No limit is keyed on an account
 * alone where a stranger could use it up for the owner: the sign-in is throttled per account
 * and source by login-throttle.ts, and the password reset (the owner's way back in) counts per
 * ID number *and* mobile typed, which a stranger who does not know the mobile cannot exhaust.
 */
export const AUTH_RATE_POLICIES = {
  register: [perIp(10), perField('nationalId', 5, 10)],
  login: [perIp(10)],
  'staff-login': [perIp(10)],
  challenge: [perIp(20), perChallenge(10, 10)],
  'staff-challenge': [perIp(20), perChallenge(10, 10)],
  'reset-challenge': [perIp(20), perChallenge(10, 10)],
  resend: [perIp(20)],
  'staff-resend': [perIp(20)],
  'reset-resend': [perIp(20)],
  logout: [perIp(30)],
  reset: [perIp(10), perFields('nationalId', 'mobile', 5, 10)],
  activate: [perIp(10)],
  mobile: [perIp(10)],
  'mobile-confirm': [perIp(20)],
  bank: [perIp(120)],
  verify: [perIp(60)],
} as const satisfies Record<string, readonly Limit[]>;

export type AuthRatePolicy = keyof typeof AUTH_RATE_POLICIES;

/** The preHandler enforcing a policy's limits for the API or for the pages. */
export function authRateLimits(app: FastifyInstance, policy: AuthRatePolicy, channel: 'api' | 'web') {
  const rules: RateRule[] = AUTH_RATE_POLICIES[policy].map(({ counts, ...limit }) => ({ ...limit, name: `${channel === 'web' ? 'web-' : ''}${policy}-${counts}` }));
  return rateLimits(app, rules);
}
