import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MINUTE_MS } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';

/**
 * Several limits on one route (per IP and per ID number or login). The plugin's route option
 * allows one limiter per request, so each rule is a `createRateLimit` counter checked in a
 * preHandler, after the body is parsed (the per-ID key comes from the body). Over a limit:
 * 429 with Retry-After and the translated problem+json of `http.rate_limited`.
 */

export interface RateRule {
  /** Names the counter: rules of different routes never share one. */
  name: string;
  max: number;
  windowMs: number;
  /** The counted key; undefined skips the rule (e.g. no body field). */
  key: (request: FastifyRequest) => string | undefined;
}

export const byIp: RateRule['key'] = (request) => request.ip;

/** A body field as a key, normalised so "AbC" and " abc" count together. */
export function byBodyField(field: string): RateRule['key'] {
  return (request) => {
    const value = (request.body as Record<string, unknown> | undefined)?.[field];
    return typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : undefined;
  };
}

export function byParam(param: string): RateRule['key'] {
  return (request) => {
    const value = (request.params as Record<string, unknown> | undefined)?.[param];
    return typeof value === 'string' ? value : undefined;
  };
}

export function rateLimits(app: FastifyInstance, rules: RateRule[]) {
  const limiters = rules.map((rule) => ({
    rule,
    check: app.createRateLimit({
      max: rule.max,
      timeWindow: rule.windowMs,
      keyGenerator: (request) => `${rule.name}:${rule.key(request) ?? ''}`,
    }),
  }));
  return async function enforceRateLimits(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    for (const { rule, check } of limiters) {
      if (rule.key(request) === undefined) continue;
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) {
        const seconds = Math.max(1, result.ttlInSeconds);
        reply.header('retry-after', String(seconds));
        throw new AppError('http.rate_limited', { seconds });
      }
    }
  };
}

type Limit = Omit<RateRule, 'name'> & { counts: 'ip' | 'id' };
const perIp = (max: number): Limit => ({ counts: 'ip', max, windowMs: MINUTE_MS, key: byIp });
const perField = (field: string, max: number, minutes: number): Limit => ({ counts: 'id', max, windowMs: minutes * MINUTE_MS, key: byBodyField(field) });
const perChallenge = (max: number, minutes: number): Limit => ({ counts: 'id', max, windowMs: minutes * MINUTE_MS, key: byParam('challengeId') });

/**
 * The limits of every sign-in and account endpoint, in one table: the API and the pages of one
 * step use the same numbers (each with counters of its own).
 */
export const AUTH_RATE_POLICIES = {
  register: [perIp(10), perField('nationalId', 5, 10)],
  login: [perIp(10), perField('login', 10, 15)],
  'staff-login': [perIp(10), perField('username', 10, 15)],
  challenge: [perIp(20), perChallenge(10, 10)],
  'staff-challenge': [perIp(20), perChallenge(10, 10)],
  'reset-challenge': [perIp(20), perChallenge(10, 10)],
  resend: [perIp(20)],
  'staff-resend': [perIp(20)],
  'reset-resend': [perIp(20)],
  logout: [perIp(30)],
  reset: [perIp(10), perField('nationalId', 5, 10)],
  activate: [perIp(10)],
  mobile: [perIp(10)],
  'mobile-confirm': [perIp(20)],
  bank: [perIp(120)],
} as const satisfies Record<string, readonly Limit[]>;

export type AuthRatePolicy = keyof typeof AUTH_RATE_POLICIES;

/** The preHandler enforcing a policy's limits for the API or for the pages. */
export function authRateLimits(app: FastifyInstance, policy: AuthRatePolicy, channel: 'api' | 'web') {
  const rules: RateRule[] = AUTH_RATE_POLICIES[policy].map(({ counts, ...limit }) => ({ ...limit, name: `${channel === 'web' ? 'web-' : ''}${policy}-${counts}` }));
  return rateLimits(app, rules);
}
