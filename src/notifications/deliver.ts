import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { HOUR_MS, MINUTE_MS, SECOND_MS, type Clock } from '../kernel/clock.js';
import { DeliveryError, type Providers, type SentReceipt } from './providers.js';
import { claimDueMessages, markFailed, markRetry, markSent, type OutboxMessage } from './repository.js';

/** A message is given up after this many attempts (about a day of retries with the delays below). */
export const MAX_ATTEMPTS = 8;

// Delay after the n-th failed attempt: quick at first (a gateway hiccup), then spaced out (an outage).
const RETRY_DELAYS_MS = [30 * SECOND_MS, 2 * MINUTE_MS, 10 * MINUTE_MS, HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS];

/**
 * How long a claimed message is reserved for the worker that claimed it. It must outlast the
 * sending of a whole batch (50 messages, 5 at a time, each with a 10 s provider time-out), so a
 * slow batch is never picked up twice; a worker that dies frees its messages after it.
 */
export const CLAIM_LEASE_MS = 5 * MINUTE_MS;
const PARALLEL_SENDS = 5;

export function retryDelayMs(attempts: number): number {
  return RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), RETRY_DELAYS_MS.length) - 1]!;
}

export interface DeliveryCounts {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

export interface DeliverOptions {
  db: Kysely<Database>;
  providers: Providers;
  clock: Clock;
  limit?: number;
}

/**
 * Sends the messages that are due, each once. Claiming is a short transaction of its own; the
 * providers are called outside any transaction (a slow gateway never holds a database lock),
 * and each result is written back on its own. Safe to run from several workers at once.
 */
export async function deliverDueMessages({ db, providers, clock, limit = 50 }: DeliverOptions): Promise<DeliveryCounts> {
  const now = clock.now();
  const claimed = await claimDueMessages(db, { now, leaseUntil: new Date(now.getTime() + CLAIM_LEASE_MS), limit });
  const counts: DeliveryCounts = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0 };
  for (let i = 0; i < claimed.length; i += PARALLEL_SENDS) {
    const outcomes = await Promise.all(claimed.slice(i, i + PARALLEL_SENDS).map((message) => deliverOne(db, providers, clock, message)));
    for (const outcome of outcomes) counts[outcome] += 1;
  }
  return counts;
}

async function deliverOne(db: Kysely<Database>, providers: Providers, clock: Clock, message: OutboxMessage): Promise<'sent' | 'retrying' | 'failed'> {
  let receipt: SentReceipt;
  try {
    receipt =
      message.channel === 'sms'
        ? await providers.sms.send({ to: message.recipient, text: message.body })
        : await providers.email.send({ to: message.recipient, subject: message.subject ?? '', text: message.body });
  } catch (error) {
    const failure = asDeliveryError(error);
    const lastError = safeErrorText(failure.message);
    if (!failure.retryable || message.attempts >= MAX_ATTEMPTS) {
      await markFailed(db, { id: message.id, attempts: message.attempts, lastError });
      return 'failed';
    }
    const nextAttemptAt = new Date(clock.now().getTime() + retryDelayMs(message.attempts));
    await markRetry(db, { id: message.id, attempts: message.attempts, nextAttemptAt, lastError });
    return 'retrying';
  }
  await markSent(db, { id: message.id, attempts: message.attempts, sentAt: clock.now(), providerMessageId: receipt.providerMessageId });
  return 'sent';
}

// A provider that throws something other than a DeliveryError has a bug or met the unexpected:
// retry (the attempt limit bounds it) and record only the error's kind, not its message.
function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const name = error instanceof Error ? error.name : typeof error;
  return new DeliveryError(`unexpected provider error (${name})`, true);
}

/**
 * last_error is kept for operators; it must not hold personal data even if a provider's message
 * slipped some in: long digit runs (mobiles, ID numbers) and e-mail addresses are masked.
 */
export function safeErrorText(text: string): string {
  return text
    .replace(/[^\s@]+@[^\s@]+/g, '[address]')
    .replace(/\+?\d[\d -]{6,}\d/g, '[number]')
    .slice(0, 300);
}
