import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../kernel/clock.js';

/**
 * The acquirer's server-to-server notice of an outcome: a JSON body
 * `{ paymentId, merchantReference, status }` POSTed to the checkout's callbackUrl with
 * `x-acquirer-timestamp` (unix seconds) and `x-acquirer-signature`, the hex HMAC-SHA256 of
 * `${timestamp}.${body}` with the shared secret. A notice is a hint to ask getPayment, never
 * proof, so delivery is best effort: after the browser's redirect, a few tries with backoff,
 * failures swallowed.
 */

export type PostCallback = (url: string, headers: Record<string, string>, body: string) => Promise<number>;

export const TIMESTAMP_HEADER = 'x-acquirer-timestamp';
export const SIGNATURE_HEADER = 'x-acquirer-signature';
/** A notice older or newer than this (by our clock) is refused, so a captured one cannot be replayed later. */
export const CALLBACK_WINDOW_MS = 5 * 60 * 1000;
/** Waits between tries: the first try, then up to this many more. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000];

const PAYMENT_ID = /^pay_[A-Za-z0-9_-]{24}$/;

export function callbackSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return typeof value === 'string' ? value.trim() : undefined; // a repeated header is refused
  }
  return undefined;
}

/** The payment a callback is about, or null when it is forged, altered, stale or malformed. */
export function verifyCallbackSignature(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
  now: Date,
): { gatewayPaymentId: string } | null {
  const timestamp = header(headers, TIMESTAMP_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  if (!timestamp || !signature || !/^[0-9]{1,12}$/.test(timestamp) || !/^[0-9a-fA-F]{64}$/.test(signature)) return null;
  const expected = Buffer.from(callbackSignature(secret, timestamp, rawBody), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > CALLBACK_WINDOW_MS) return null;
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return null;
  }
  const paymentId = (body as { paymentId?: unknown } | null)?.paymentId;
  return typeof paymentId === 'string' && PAYMENT_ID.test(paymentId) ? { gatewayPaymentId: paymentId } : null;
}

export interface CallbackNotice {
  paymentId: string;
  merchantReference: string;
  status: string;
  callbackUrl: string;
}

export type CallbackLog = (event: { paymentId: string; attempt: number; status: number | null; final: boolean }) => void;

/** Sends callbacks in the background; close() stops the retries still waiting. */
export class CallbackSender {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly options: { secret: string; clock: Clock; post: PostCallback; retryDelaysMs: readonly number[]; onFailure?: CallbackLog },
  ) {}

  /** Queues a notice; returns at once (the first try runs after the current request has answered). */
  send(notice: CallbackNotice): void {
    const body = JSON.stringify({ paymentId: notice.paymentId, merchantReference: notice.merchantReference, status: notice.status });
    this.later(0, () => this.attempt(notice, body, 0));
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(delayMs: number, run: () => Promise<void>): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, delayMs);
    // A waiting retry must not keep a process alive (tests, a server shutting down).
    timer.unref();
    this.timers.add(timer);
  }

  private async attempt(notice: CallbackNotice, body: string, attempt: number): Promise<void> {
    if (this.closed) return;
    const { secret, clock, post, retryDelaysMs, onFailure } = this.options;
    // Signed at each try: a retry carries a fresh timestamp.
    const timestamp = String(Math.floor(clock.now().getTime() / 1000));
    const headers = {
      'content-type': 'application/json',
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: callbackSignature(secret, timestamp, body),
    };
    let status: number | null;
    try {
      status = await post(notice.callbackUrl, headers, body);
    } catch {
      status = null; // unreachable, timed out: try again
    }
    if (status !== null && status >= 200 && status < 300) return;
    const delay = retryDelaysMs[attempt];
    onFailure?.({ paymentId: notice.paymentId, attempt: attempt + 1, status, final: delay === undefined });
    if (delay !== undefined) this.later(delay, () => this.attempt(notice, body, attempt + 1));
  }
}

/** The default delivery: fetch, ten seconds at most, redirects not followed; aborted by `signal` on close. */
export function fetchPost(signal: AbortSignal): PostCallback {
  return async (url, headers, body) => {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
    });
    await response.body?.cancel();
    return response.status;
  };
}
