import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables.js';
import { MINUTE_MS, SECOND_MS, type Clock } from '../../kernel/clock.js';
import type { CardGateway } from '../gateway.js';
import { CallbackSender, DEFAULT_RETRY_DELAYS_MS, fetchPost, type CallbackLog, type PostCallback } from './callbacks.js';
import { sandboxAcquirerRoutes } from './routes.js';
import { createSandboxGateway } from './sandbox-gateway.js';

/**
 * The built-in sandbox card acquirer: a stand-in for a real acquirer (mada, Visa, Mastercard
 * with 3-D Secure) for development, demonstrations and tests. Conceptually a separate system
 * that happens to live in the same process and database: its own tables
 * (`sandbox_acquirer_*`), its own hosted pages under /sandbox-acquirer/, and the platform
 * reaches it only through the CardGateway port. Test cards: docs/payments-sandbox.md.
 */

export interface SandboxAcquirerOptions {
  db: Kysely<Database>;
  clock: Clock;
  /** HMAC key shared with the platform for callbacks. */
  secret: string;
  /** Base URL of this server, for the hosted page links (config.publicUrl). */
  publicUrl: string;
  /** Callback delivery; default fetch. Returns the HTTP status. */
  post?: PostCallback;
  /** Refunds are 'pending' until this long after creation, then 'succeeded' (default 2 s). */
  refundDelayMs?: number;
  /** A "no answer" payment stays 'pending' this long, then reads 'failed' / 'no_answer' (default 2 min). */
  noAnswerAfterMs?: number;
  /** A checkout not completed in this time reads as 'expired' (default 15 min). */
  checkoutTtlMs?: number;
  /** Waits before each retry of a failed callback (default 1 s, 5 s, 30 s: four tries in all). */
  callbackRetryDelaysMs?: readonly number[];
  /** Whether the CSRF cookie the pages may set carries Secure (config.cookieSecure; default true). */
  cookieSecure?: boolean;
  /** Told of each failed callback try (no card data in it); default: nothing. */
  onCallbackFailure?: CallbackLog;
}

export interface SandboxAcquirer {
  gateway: CardGateway;
  /** The hosted pages; register them on the app that serves publicUrl. */
  routes: FastifyPluginAsync;
}

export function createSandboxAcquirer(options: SandboxAcquirerOptions): SandboxAcquirer {
  if (options.secret.length < 32) throw new RangeError('The sandbox acquirer needs a callback secret of at least 32 characters');
  const aborter = new AbortController();
  const sender = new CallbackSender({
    secret: options.secret,
    clock: options.clock,
    post: options.post ?? fetchPost(aborter.signal),
    retryDelaysMs: options.callbackRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    onFailure: options.onCallbackFailure,
  });
  const gateway = createSandboxGateway({
    db: options.db,
    clock: options.clock,
    secret: options.secret,
    publicUrl: options.publicUrl,
    refundDelayMs: options.refundDelayMs ?? 2 * SECOND_MS,
    checkoutTtlMs: options.checkoutTtlMs ?? 15 * MINUTE_MS,
  });
  const routes = sandboxAcquirerRoutes({
    db: options.db,
    clock: options.clock,
    sender,
    noAnswerAfterMs: options.noAnswerAfterMs ?? 2 * MINUTE_MS,
    cookieSecure: options.cookieSecure ?? true,
    publicUrl: options.publicUrl,
    onClose: () => {
      sender.close();
      aborter.abort();
    },
  });
  return { gateway, routes };
}

export { callbackSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, type PostCallback } from './callbacks.js';
export { MADA_BINS, passesLuhn, schemeOf, TEST_CARDS, UNSUPPORTED_TEST_CARD, type TestCard } from './cards.js';
export { SandboxAcquirerError, type SandboxAcquirerErrorCode } from './errors.js';
export { SANDBOX_3DS_CODE } from './hosted-flow.js';
export { STYLESHEET_PATH } from './stylesheet.js';
export type { SandboxAcquirerDatabase } from './tables.js';
