/**
 * Shared rate limits and throttles: counters in the database (rate_counters), so every app
 * node counts the same hits. See docs/security.md for the limits and ADR 0008 for the design.
 */
export { hitLimit, hitThrottle, takeBack, clearCounters, forgetKeys, purgeExpiredCounters, hashedKey, backOffDelayMs, type RateLimit, type Throttle, type Verdict } from './counters.js';
export type { BackOff } from './repository.js';
export { retryAtParams, type RetryAtParams } from './retry-at.js';
