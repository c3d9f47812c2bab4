import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  REFERENCE_ALPHABET,
  formatReference,
  isValidReference,
  newReference,
  normaliseReferenceInput,
  parseReference,
  referenceCheckCharacter,
  referencePrefix,
} from '../../src/kernel/reference.js';

const CONFUSABLE = '0O1IL2Z5S8BUV';

describe('reference numbers', () => {
  it('use an alphabet of 23 (a prime) without confusable characters', () => {
    assert.equal(REFERENCE_ALPHABET.length, 23);
    assert.equal(new Set(REFERENCE_ALPHABET).size, 23);
    for (const c of CONFUSABLE) assert.equal(REFERENCE_ALPHABET.includes(c), false, `${c} is confusable`);
  });

  it('compute known check characters', () => {
    assert.equal(referenceCheckCharacter('TR7K4M9QXP'), 'E');
    assert.equal(referenceCheckCharacter('PAY3'), '7');
    assert.equal(newReference('TR', () => 0), 'TR33333333Y');
    assert.equal(formatReference('TR7K4M9QXPE'), 'TR-7K4M-9QXP-E');
    assert.equal(isValidReference('TR-7K4M-9QXP-E'), true);
    assert.equal(isValidReference('TR-7K4M-9QXP-F'), false);
  });

  it('are made of a prefix, eight random characters and a check character', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const ref = newReference('TR');
      assert.match(ref, /^TR[34679ACDEFGHJKMNPQRTWXY]{9}$/);
      assert.match(formatReference(ref), /^TR-[^-]{4}-[^-]{4}-[^-]$/);
      assert.equal(parseReference(formatReference(ref)), ref);
      seen.add(ref);
    }
    assert.equal(seen.size, 1000);
    assert.equal(formatReference(newReference('PAYM')).length, 'PAYM-XXXX-XXXX-X'.length);
  });

  it('catch every single substitution and every adjacent transposition', () => {
    let checked = 0;
    for (let n = 0; n < 2000; n++) {
      const ref = newReference(['T', 'TR', 'APT', 'PAYM'][n % 4]!);
      for (let i = 0; i < ref.length; i++) {
        for (const c of REFERENCE_ALPHABET) {
          if (c === ref[i]) continue;
          const typo = ref.slice(0, i) + c + ref.slice(i + 1);
          assert.equal(parseReference(typo), null, `${typo} (from ${ref}) should be refused`);
          checked++;
        }
        if (i + 1 < ref.length && ref[i] !== ref[i + 1]) {
          const swapped = ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2);
          assert.equal(parseReference(swapped), null, `${swapped} (from ${ref}) should be refused`);
          checked++;
        }
      }
    }
    assert.ok(checked > 400_000);
  });

  it('read what people type: lower case, spaces, dashes, Arabic digits, bidi marks', () => {
    const canonical = 'TR7K4M9QXPE';
    for (const typed of [
      'tr-7k4m-9qxp-e',
      ' TR 7K4M 9QXP E ',
      'TR–7K4M—9QXP−E', // en dash, em dash, minus sign
      'TR-٧K٤M-٩QXP-E', // Arabic-Indic digits
      'TR-۷K۴M-۹QXP-E', // Persian digits
      '\u200FTR-7K4M-9QXP-E\u200F', // right-to-left marks from Arabic text
      'ＴＲ７Ｋ４Ｍ９ＱＸＰＥ', // full width
      'TR.7K4M.9QXP.E',
    ]) {
      assert.equal(parseReference(typed), canonical, typed);
    }
    assert.equal(normaliseReferenceInput(' a-b c\u00A0d '), 'ABCD');
  });

  it('refuse the excluded characters instead of guessing what they stand for', () => {
    assert.equal(parseReference('TR-7K4M-9QXP-E'), 'TR7K4M9QXPE');
    for (const c of CONFUSABLE) {
      assert.equal(parseReference(`TR-7K4M-9QX${c}-E`), null, c);
    }
  });

  it('refuse references of the wrong shape or the wrong kind', () => {
    assert.equal(parseReference(''), null);
    assert.equal(parseReference('TR-7K4M-9QXP'), null);
    assert.equal(parseReference('7K4M9QXPE'), null, 'no prefix');
    assert.equal(parseReference('TRAPTX7K4M9QXPE'), null, 'prefix too long');
    assert.equal(parseReference('T3-7K4M-9QXP-E'), null, 'digit in the prefix');
    assert.equal(parseReference('TR-7K4M-9QXP-E', 'TR'), 'TR7K4M9QXPE');
    assert.equal(parseReference('TR-7K4M-9QXP-E', 'PAY'), null);
    assert.equal(referencePrefix('tr-7k4m-9qxp-e'), 'TR');
    assert.equal(referencePrefix('nonsense'), null);
  });

  it('throw on a prefix outside the alphabet and on formatting an invalid reference', () => {
    for (const prefix of ['', 'tr', 'SV', 'ABCDE', 'T3', 'T-R']) {
      assert.throws(() => newReference(prefix), RangeError, prefix);
    }
    assert.throws(() => formatReference('TR-7K4M-9QXP-F'), RangeError);
  });
});
