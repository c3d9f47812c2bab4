import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAY_MS, MINUTE_MS, fixedClock, settableClock, systemClock, toInstant } from '../../src/kernel/clock.js';

describe('clocks', () => {
  it('the system clock tells the time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    assert.ok(now >= before && now <= Date.now());
  });

  it('a fixed clock always tells the same instant, as a fresh Date', () => {
    const clock = fixedClock('2025-03-01T09:00:00+03:00');
    const first = clock.now();
    assert.equal(first.toISOString(), '2025-03-01T06:00:00.000Z');
    first.setUTCFullYear(1999); // a caller mutating its Date does not move the clock
    assert.equal(clock.now().toISOString(), '2025-03-01T06:00:00.000Z');
    assert.notEqual(clock.now(), clock.now());
    assert.equal(fixedClock(new Date(0)).now().getTime(), 0);
  });

  it('a settable clock can be set and advanced', () => {
    const clock = settableClock('2025-03-01T06:00:00Z');
    clock.advance(5 * MINUTE_MS);
    assert.equal(clock.now().toISOString(), '2025-03-01T06:05:00.000Z');
    clock.advance(DAY_MS);
    assert.equal(clock.now().toISOString(), '2025-03-02T06:05:00.000Z');
    clock.advance(-DAY_MS);
    assert.equal(clock.now().toISOString(), '2025-03-01T06:05:00.000Z');
    clock.set('2030-01-01T00:00:00Z');
    assert.equal(clock.now().toISOString(), '2030-01-01T00:00:00.000Z');
    clock.set(new Date(0));
    assert.equal(clock.now().getTime(), 0);
    assert.throws(() => clock.advance(Number.NaN), RangeError);
  });

  it('reads only unambiguous instants', () => {
    assert.equal(toInstant('2025-03-01').toISOString(), '2025-03-01T00:00:00.000Z');
    assert.equal(toInstant('2025-03-01T06:00Z').toISOString(), '2025-03-01T06:00:00.000Z');
    assert.equal(toInstant('2025-03-01T06:00:00.250-01:30').toISOString(), '2025-03-01T07:30:00.250Z');
    // Without an offset JavaScript would use the machine's time zone.
    assert.throws(() => fixedClock('2025-03-01T09:00:00'), RangeError);
    assert.throws(() => fixedClock('2025-02-30T09:00:00Z'), RangeError);
    assert.throws(() => fixedClock('yesterday'), RangeError);
    assert.throws(() => settableClock(new Date(Number.NaN)), RangeError);
  });
});
