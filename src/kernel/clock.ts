/**
 * Business time comes from a Clock handed in by the caller, never from `new Date()` or
 * `Date.now()` inside a use case: deadlines, SLAs, code expiry, age rules and "valid until"
 * dates can then be tested at any instant (the day before a 21st Hijri birthday, the minute
 * a one-time code expires) without waiting or mocking globals.
 * (Timestamps that are not business time, such as a log line's, may use Date.now().)
 */

export interface Clock {
  /** The current instant. Each call returns a new Date, so callers may mutate it safely. */
  now(): Date;
}

export interface SettableClock extends Clock {
  /** Jump to an instant. */
  set(instant: Date | string): void;
  /** Move forward (or back, with a negative number) by milliseconds. */
  advance(ms: number): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

// A timestamp without an offset ('2025-03-01T09:00') is read by JavaScript in the machine's
// local zone, so the same test would mean another instant on another machine. Require Z or an
// offset; a date alone ('2025-03-01') is read as UTC midnight by the standard and is allowed.
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

// V8 reads '2025-02-30' as 2 March; refuse dates that are not on the calendar.
function isRealDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Reads an instant from a Date or an ISO 8601 string with an explicit offset; throws otherwise. */
export function toInstant(value: Date | string): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('Invalid Date');
    return new Date(value.getTime());
  }
  const instant = new Date(value);
  if (!INSTANT.test(value) || Number.isNaN(instant.getTime()) || !isRealDate(value.slice(0, 10))) {
    throw new RangeError(`Not an ISO 8601 instant with Z or an offset: '${value}'`);
  }
  return instant;
}

/** A clock stopped at one instant: `fixedClock('2025-03-01T09:00:00+03:00')`. */
export function fixedClock(instant: Date | string): Clock {
  const ms = toInstant(instant).getTime();
  return { now: () => new Date(ms) };
}

/** A clock that stands still until a test moves it. */
export function settableClock(start: Date | string): SettableClock {
  let ms = toInstant(start).getTime();
  return {
    now: () => new Date(ms),
    set(instant) {
      ms = toInstant(instant).getTime();
    },
    advance(delta) {
      if (!Number.isFinite(delta)) throw new RangeError(`Cannot advance a clock by ${delta} ms`);
      ms += delta;
    },
  };
}

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
