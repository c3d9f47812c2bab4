import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
