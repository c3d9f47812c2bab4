import { sql } from 'kysely';
import type { Db } from '../registry/index.js';

/**
 * Rate counters' SQL. Each hit is one statement: an upsert of the (rule, key, window) row that
 * returns the new count, so concurrent hits on any node serialise on the row and never lose a
 * count. Hits run on the handle they are given: inside a caller's transaction they are undone
 * with it (a code refused for its limit does not count).
 */

export interface CounterSlot {
  name: string;
  key: string;
  windowStart: Date;
  expiresAt: Date;
}

/** Counts a hit; returns the count in this window, this hit included. */
export async function countHit(db: Db, slot: CounterSlot, now: Date): Promise<number> {
  const { rows } = await sql<{ count: number }>`
    INSERT INTO rate_counters AS c (name, key, window_start, count, last_at, expires_at)
    VALUES (${slot.name}, ${slot.key}, ${slot.windowStart}, 1, ${now}, ${slot.expiresAt})
    ON CONFLICT (name, key, window_start) DO UPDATE SET count = c.count + 1, last_at = EXCLUDED.last_at
    RETURNING count`.execute(db);
  return rows[0]!.count;
}

export interface BackOff {
  /** Hits counted freely in a window before the waits begin. */
  free: number;
  /** The first wait; each further hit doubles it. 0: no waits, the window's end is the only way on. */
  baseMs: number;
  maxMs: number;
}

/**
 * Counts a hit only when it is allowed: fewer than `free` so far, or the back-off since the last
 * counted hit has passed (base, doubled for each hit past `free`, at most `maxMs`). Returns the
 * new count, or null when refused (then nothing changed). The check and the count are one
 * statement, so a burst of parallel attempts cannot all slip through one gap.
 */
export async function admitHit(db: Db, slot: CounterSlot, backOff: BackOff, now: Date): Promise<number | null> {
  const { rows } = await sql<{ count: number }>`
    INSERT INTO rate_counters AS c (name, key, window_start, count, last_at, expires_at)
    VALUES (${slot.name}, ${slot.key}, ${slot.windowStart}, 1, ${now}, ${slot.expiresAt})
    ON CONFLICT (name, key, window_start) DO UPDATE SET count = c.count + 1, last_at = EXCLUDED.last_at
    WHERE c.count < ${backOff.free}::int
       OR (${backOff.baseMs}::float8 > 0
           AND c.last_at + make_interval(secs => LEAST(${backOff.maxMs}::float8, ${backOff.baseMs}::float8 * power(2, LEAST(c.count - ${backOff.free}::int, 30))) / 1000) <= ${now}::timestamptz)
    RETURNING count`.execute(db);
  return rows[0]?.count ?? null;
}

export async function readCounter(db: Db, slot: Pick<CounterSlot, 'name' | 'key' | 'windowStart'>): Promise<{ count: number; last_at: Date } | undefined> {
  return db
    .selectFrom('rate_counters')
    .select(['count', 'last_at'])
    .where('name', '=', slot.name)
    .where('key', '=', slot.key)
    .where('window_start', '=', slot.windowStart)
    .executeTakeFirst();
}

/** Takes one hit back (an attempt another rule refused, a right password on a failures count). */
export async function undoHit(db: Db, slot: Pick<CounterSlot, 'name' | 'key' | 'windowStart'>): Promise<void> {
  await db
    .updateTable('rate_counters')
    .set({ count: sql`count - 1` })
    .where('name', '=', slot.name)
    .where('key', '=', slot.key)
    .where('window_start', '=', slot.windowStart)
    .where('count', '>', 0)
    .execute();
}

/** Deletes the counters of some rules for a key and every key under it (`key:...`), in every window. */
export async function deleteCounters(db: Db, names: readonly string[], key: string): Promise<number> {
  if (names.length === 0) return 0;
  const result = await db
    .deleteFrom('rate_counters')
    .where('name', 'in', names)
    .where((eb) => eb.or([eb('key', '=', key), eb(sql<boolean>`starts_with(key, ${`${key}:`})`, '=', true)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes the counters of some rules for exactly these keys, in every window. */
export async function deleteCounterKeys(db: Db, names: readonly string[], keys: readonly string[]): Promise<number> {
  if (names.length === 0 || keys.length === 0) return 0;
  const result = await db.deleteFrom('rate_counters').where('name', 'in', names).where('key', 'in', keys).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Rows whose windows (and back-offs) are over. */
export async function deleteExpiredCounters(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('rate_counters').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
