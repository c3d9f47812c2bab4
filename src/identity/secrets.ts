import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Random secrets and their stored forms. Nothing here touches the database. */

export const CODE_DIGITS = 6;

/** A one-time code: six digits from the CSPRNG, leading zeros kept. */
export function newOneTimeCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

/**
 * A code is salted with its challenge id before hashing, so one table of all million codes
 * does not reverse every row at once. (Six digits stay guessable offline; the 5-minute life
 * and 3 tries are what protect them; the hash keeps them out of backups and logs.)
 */
export function hashOneTimeCode(challengeId: string, code: string): string {
  return sha256Hex(`${challengeId}:${code}`);
}

/** A hash no six-digit code can produce: for challenges that must never succeed. */
export function unmatchableCodeHash(): string {
  return sha256Hex(`never:${randomBytes(32).toString('hex')}`);
}

/** Bearer tokens and session ids: 32 random bytes, URL-safe. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function hmacSha256Hex(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('hex');
}

/** Compares two strings in time that does not depend on where they first differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  // Compare against itself when lengths differ, so the time still does not depend on content.
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
