import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDigit, idTypeOf, isValidNationalId, maskNationalId, nationalIdProblem, withCheckDigit } from '../../src/kernel/national-id.js';

describe('national ID numbers', () => {
  it('accepts numbers whose Luhn check digit is right', () => {
    assert.equal(isValidNationalId('1000000008'), true);
    assert.equal(isValidNationalId(withCheckDigit('123456789')), true);
    assert.equal(isValidNationalId(withCheckDigit('212345678')), true);
  });

  it('says what is wrong with a bad number', () => {
    assert.equal(nationalIdProblem('12345'), 'format');
    assert.equal(nationalIdProblem('12345678a0'), 'format');
    assert.equal(nationalIdProblem('5000000000'), 'prefix');
    const good = withCheckDigit('112233445');
    const bad = good.slice(0, 9) + String((Number(good[9]) + 1) % 10);
    assert.equal(nationalIdProblem(bad), 'check_digit');
  });

  it('finds every single-digit typo', () => {
    const good = withCheckDigit('198765432');
    for (let i = 0; i < 10; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === good[i]) continue;
        const typo = good.slice(0, i) + d + good.slice(i + 1);
        assert.equal(isValidNationalId(typo), false, `${typo} should be refused`);
      }
    }
  });

  it('computes the check digit of nine digits', () => {
    assert.equal(checkDigit('100000000'), 8);
    assert.throws(() => checkDigit('12'));
  });

  it('tells the kind of number from its first digit', () => {
    assert.equal(idTypeOf('1000000008'), 'national_id');
    assert.equal(idTypeOf('2000000006'), 'iqama');
    assert.equal(idTypeOf('3000000004'), 'border_number');
  });

  it('masks a number for logs', () => {
    assert.equal(maskNationalId('1234567890'), '1*******90');
  });
});
