import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Requests from partner banks (activation, SADAD payment notices) are signed: X-Signature is
 * the hex HMAC-SHA256 of `${X-Timestamp}.${raw body}` with the bank's shared secret, and the
 * timestamp (unix seconds or ISO 8601) must be within 5 minutes of our clock, so a captured
 * request cannot be replayed later.
 */

export const PARTNER_WINDOW_MS = 5 * 60 * 1000;

export interface SignedPartnerRequest {
  bankCode: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string;
}

/** X-Timestamp as unix seconds or an ISO 8601 instant; NaN for anything else. */
export function parsePartnerTimestamp(value: string): number {
  if (/^[0-9]{9,11}$/.test(value)) return Number(value) * 1000;
  const ms = Date.parse(value);
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? ms : Number.NaN;
}

export function partnerSignature(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

/** The bank code of a correctly signed, fresh request; null otherwise (unknown bank, bad signature, stale). */
export function verifyPartnerRequest(request: SignedPartnerRequest, secrets: Readonly<Record<string, string>>, now: Date): string | null {
  const { bankCode, timestamp, signature } = request;
  const secret = bankCode && Object.hasOwn(secrets, bankCode) ? secrets[bankCode] : undefined;
  if (!secret || !timestamp || !signature) return null;
  const expected = Buffer.from(partnerSignature(secret, timestamp, request.rawBody));
  const given = Buffer.from(signature.trim().toLowerCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const at = parsePartnerTimestamp(timestamp);
  if (!Number.isFinite(at) || Math.abs(now.getTime() - at) > PARTNER_WINDOW_MS) return null;
  return bankCode!;
}
