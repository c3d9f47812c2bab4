import { randomBytes } from 'node:crypto';

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Time-ordered keys keep
 * B-tree inserts local and spread well on distributed PostgreSQL.
 * Pass `random` (16 bytes) to make a deterministic id, as the population generator does.
 */
export function uuidv7(timeMs: number = Date.now(), random: Uint8Array = randomBytes(16)): string {
  const b = new Uint8Array(16);
  let t = timeMs;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  for (let i = 6; i < 16; i++) b[i] = random[i]!;
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const hex = Buffer.from(b).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID (any version): route parameters are checked before a query. */
export function isUuid(value: string): boolean {
  return UUID_SHAPE.test(value);
}
