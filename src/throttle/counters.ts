import { createHash } from 'node:crypto';
import type { Db } from '../registry/index.js';
import { admitHit, countHit, deleteCounterKeys, deleteCounters, deleteExpiredCounters, readCounter, undoHit, type BackOff, type CounterSlot } from './repository.js';

/**
 * Counters shared by every app node (rows of rate_counters), in fixed windows of the app's
 * clock. Two kinds of rule:
 * - a limit (`RateLimit`): every hit counts; over `max` in the window, refused until it ends;
 * - a throttle (`Throttle`): a hit counts only when admitted, and after `free` hits each next
 *   one waits longer (doubling up to `maxMs`); a throttle with `baseMs: 0` is a hard cap.
 * Each check is one statement; a refusal reads the row once more to say when to come back.
 */

export interface RateLimit {
  /** Names the counter: rules never share one. */
  name: string;
  max: number;
  windowMs: number;
}

export interface Throttle {
  name: string;
  windowMs: number;
  backOff: BackOff;
}

export interface Verdict {
  allowed: boolean;
  /** Hits counted in the window (this one included when allowed). */
  count: number;
  /** When a refused hit may be tried again. */
  retryAt: Date | null;
}

/** A key without personal data in clear (an address, a login, an ID number, a mobile). */
export function hashedKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 40);
}

export function slotOf(rule: { name: string; windowMs: number }, key: string, now: Date): CounterSlot {
  const start = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
  return { name: rule.name, key, windowStart: new Date(start), expiresAt: new Date(start + rule.windowMs) };
}

/** The wait after the `count`-th hit of a throttle (0 while hits are free). */
export function backOffDelayMs(backOff: BackOff, count: number): number {
  if (count < backOff.free) return 0;
  if (backOff.baseMs <= 0) return Number.POSITIVE_INFINITY;
  return Math.min(backOff.maxMs, backOff.baseMs * 2 ** Math.min(count - backOff.free, 30));
}

// Old windows are deleted on the fly, at most once per interval per database handle (and by
// whoever calls purgeExpiredCounters, e.g. an operator's job); the table stays small.
const PURGE_EVERY_MS = 10 * 60_000;
const lastPurge = new WeakMap<object, number>();
async function purgeNowAndThen(db: Db, now: Date): Promise<void> {
  if (db.isTransaction) return;
  const last = lastPurge.get(db);
  if (last !== undefined && now.getTime() - last < PURGE_EVERY_MS && now.getTime() >= last) return;
  lastPurge.set(db, now.getTime());
  await deleteExpiredCounters(db, now);
}

export async function purgeExpiredCounters(db: Db, now: Date): Promise<number> {
  return deleteExpiredCounters(db, now);
}

/** Counts a hit of a limit. */
export async function hitLimit(db: Db, rule: RateLimit, key: string, now: Date): Promise<Verdict> {
  await purgeNowAndThen(db, now);
  const slot = slotOf(rule, key, now);
  const count = await countHit(db, slot, now);
  return count <= rule.max ? { allowed: true, count, retryAt: null } : { allowed: false, count, retryAt: slot.expiresAt };
}

/** Counts a hit of a throttle when it is admitted; says when to come back when it is not. */
export async function hitThrottle(db: Db, rule: Throttle, key: string, now: Date): Promise<Verdict> {
  await purgeNowAndThen(db, now);
  const slot = slotOf(rule, key, now);
  const count = await admitHit(db, slot, rule.backOff, now);
  if (count !== null) return { allowed: true, count, retryAt: null };
  const row = await readCounter(db, slot);
  const waitUntil = row ? row.last_at.getTime() + backOffDelayMs(rule.backOff, row.count) : now.getTime();
  return { allowed: false, count: row?.count ?? 0, retryAt: new Date(Math.min(slot.expiresAt.getTime(), Math.max(waitUntil, now.getTime() + 1000))) };
}

/** Takes back a hit counted earlier in the same window. */
export async function takeBack(db: Db, rule: { name: string; windowMs: number }, key: string, now: Date): Promise<void> {
  await undoHit(db, slotOf(rule, key, now));
}

/** Forgets every window of some rules for a key and the keys under it (`key:...`). */
export async function clearCounters(db: Db, rules: ReadonlyArray<{ name: string }>, key: string): Promise<number> {
  return deleteCounters(db, rules.map((r) => r.name), key);
}

/** Forgets every window of some rules for exactly these keys. */
export async function forgetKeys(db: Db, rules: ReadonlyArray<{ name: string }>, keys: readonly string[]): Promise<number> {
  return deleteCounterKeys(db, rules.map((r) => r.name), keys);
}
