import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMonths, addYears, ageInYears, dateText, dayNumber, hijriYear } from '../../src/registry/generator/dates.js';
import {
  MobileNumbers, PLATE_LETTERS, PLATE_SPACE, passportNumber, personScopedNumber, plateAt, rowId, SAUDI_PASSPORT_PREFIX,
  TABLE_CODE, vehicleSequenceNumber,
} from '../../src/registry/generator/identifiers.js';
import { NATIONALITIES, SAUDI_NAMES } from '../../src/registry/generator/names.js';
import { Permutation, Random } from '../../src/registry/generator/random.js';

describe('generator building blocks', () => {
  it('Random is reproducible from its seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, ((r) => () => r.uint32())(new Random(seed)));
    assert.deepEqual(draw(1), draw(1));
    assert.notDeepEqual(draw(1), draw(2));
    const r = new Random(3);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(5, 9);
      assert.ok(v >= 5 && v <= 9 && Number.isInteger(v));
    }
  });

  it('Permutation is a bijection on its range, for sizes that are not powers of two', () => {
    for (const size of [2, 17, 1000, 4913]) {
      const p = new Permutation(size, 42);
      const seen = new Set<number>();
      for (let i = 0; i < size; i++) seen.add(p.at(i));
      assert.equal(seen.size, size);
      assert.ok([...seen].every((v) => v >= 0 && v < size));
    }
    assert.notEqual(new Permutation(10 ** 8, 1).at(0), new Permutation(10 ** 8, 2).at(0));
  });

  it('row keys are UUIDv7 and differ by owner, table and slot', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const keys = new Set<string>();
    for (const owner of [100_000_001, 100_000_002, 200_000_001, 499_999_999]) {
      for (const table of Object.values(TABLE_CODE)) {
        for (const slot of [0, 1, 255]) {
          const key = rowId(1_767_225_600_000, owner, table, slot);
          assert.match(key, uuid);
          keys.add(key);
        }
      }
    }
    assert.equal(keys.size, 4 * Object.keys(TABLE_CODE).length * 3);
  });

  it('numbers derived from an owner are distinct across owners, kinds and slots', () => {
    const owners = Array.from({ length: 200 }, (_, i) => [100_000_000 + i * 7919, 200_000_000 + i * 7919]).flat();
    const seen = new Set<string>();
    for (const owner of owners) {
      for (let slot = 0; slot < 5; slot++) {
        seen.add(`v${vehicleSequenceNumber(owner, slot)}`);
        for (const kind of ['violation', 'traffic_case', 'suspension', 'exit_reentry_visa'] as const) seen.add(personScopedNumber(kind, owner, slot));
      }
    }
    assert.equal(seen.size, owners.length * 5 * 5);
  });

  it('resident passport prefixes can never produce a Saudi passport number', () => {
    for (const nat of NATIONALITIES.values()) assert.notEqual(nat.passportPrefix, SAUDI_PASSPORT_PREFIX);
    assert.match(passportNumber('A', 100_000_123, 0), /^A\d{9}$/);
    assert.notEqual(passportNumber('A', 100_000_123, 0), passportNumber('A', 100_000_123, 1));
  });

  it('plates use the official letters and cover 17^3 x 9999 combinations', () => {
    assert.equal(PLATE_SPACE, 17 ** 3 * 9999);
    const latin = new Set(PLATE_LETTERS.map(([, en]) => en));
    assert.deepEqual([...latin].sort().join(''), 'ABDEGHJKLNRSTUVXZ');
    const last = plateAt(PLATE_SPACE - 1);
    assert.deepEqual(last, { lettersAr: 'ى ى ى', lettersEn: 'VVV', digits: '9999' });
    assert.deepEqual(plateAt(0), { lettersAr: 'أ أ أ', lettersEn: 'AAA', digits: '1' });
  });

  it('mobiles are 05XXXXXXXX and never in the personas range 050000xxxx', () => {
    const mobiles = new MobileNumbers(9);
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const m = mobiles.next();
      assert.match(m, /^05[0345689]\d{7}$/);
      assert.ok(!m.startsWith('050000'));
      seen.add(m);
    }
    assert.equal(seen.size, 20_000);
  });

  it('name lists are complete pairs', () => {
    for (const set of [SAUDI_NAMES, ...NATIONALITIES.values()]) {
      for (const list of [set.male, set.female, set.family]) {
        assert.ok(list.length >= 10);
        for (const name of list) assert.ok(/[\u0600-\u06FF]/.test(name.ar) && /^[A-Za-z' -]+$/.test(name.en), `${name.ar}=${name.en}`);
      }
    }
    assert.equal(NATIONALITIES.size, 12);
  });

  it('calendar arithmetic on day numbers', () => {
    const day = dayNumber('2024-02-29');
    assert.equal(dateText(addYears(day, 1)), '2025-02-28');
    assert.equal(dateText(addYears(day, -4)), '2020-02-29');
    assert.equal(dateText(addMonths(dayNumber('2026-01-31'), 1)), '2026-02-28');
    assert.equal(ageInYears(dayNumber('2009-11-02'), dayNumber('2026-11-01')), 16);
    assert.equal(ageInYears(dayNumber('2009-11-01'), dayNumber('2026-11-01')), 17);
    assert.equal(hijriYear(dayNumber('2026-11-01')), 1448);
    assert.throws(() => dayNumber('2026-02-30'), /Not a calendar date/);
  });
});
