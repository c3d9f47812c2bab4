import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SAUDI_VAT_BASIS_POINTS, addMoney, formatAmount, formatMoney, sar, sumMoney, vat } from '../../src/kernel/money.js';

const NBSP = '\u00A0';

describe('money in halalas', () => {
  it('converts riyals to halalas exactly', () => {
    assert.equal(sar(150), 15_000);
    assert.equal(sar(19.99), 1999);
    assert.equal(sar(0.1 + 0.2), 30);
    assert.equal(sar(-12.5), -1250);
    assert.equal(Object.is(sar(-0), 0), true);
  });

  it('refuses fractions of a halala and amounts that are not numbers', () => {
    assert.throws(() => sar(1.005), RangeError);
    assert.throws(() => sar(Number.NaN), RangeError);
    assert.throws(() => sar(Number.POSITIVE_INFINITY), RangeError);
    assert.throws(() => sar(1e15), RangeError, 'beyond safe integers');
  });

  it('formats Arabic with Latin digits and ر.س. after the amount', () => {
    assert.equal(formatMoney(123_450, 'ar'), `1,234.50${NBSP}ر.س.`);
    assert.equal(formatMoney(15_000, 'ar'), `150.00${NBSP}ر.س.`);
    assert.equal(formatMoney(5, 'ar'), `0.05${NBSP}ر.س.`);
    assert.equal(formatMoney(-123_450, 'ar'), `-1,234.50${NBSP}ر.س.`);
    assert.doesNotMatch(formatMoney(123_450, 'ar'), /[\u200E\u200F\u061C]/, 'no invisible bidi marks');
  });

  it('formats English as SAR before the amount, always with two decimals', () => {
    assert.equal(formatMoney(123_450, 'en'), `SAR${NBSP}1,234.50`);
    assert.equal(formatMoney(30_000, 'en'), `SAR${NBSP}300.00`);
    assert.equal(formatMoney(0, 'en'), `SAR${NBSP}0.00`);
    assert.equal(formatMoney(-99, 'en'), `-SAR${NBSP}0.99`);
    assert.equal(formatMoney(100_000_000_00, 'en'), `SAR${NBSP}100,000,000.00`);
  });

  it('keeps every digit of the largest safe amount', () => {
    assert.equal(formatAmount(Number.MAX_SAFE_INTEGER, 'en'), '90,071,992,547,409.91');
    assert.equal(formatAmount(Number.MAX_SAFE_INTEGER, 'ar'), '90,071,992,547,409.91');
  });

  it('refuses to format or add amounts that are not safe integers', () => {
    assert.throws(() => formatMoney(1.5, 'en'), RangeError);
    assert.throws(() => formatMoney(2 ** 53, 'ar'), RangeError);
    assert.throws(() => addMoney(Number.MAX_SAFE_INTEGER, 1), RangeError);
    assert.throws(() => addMoney(1, 0.5), RangeError);
    assert.throws(() => sumMoney([Number.MAX_SAFE_INTEGER, 1]), RangeError);
  });

  it('adds and sums', () => {
    assert.equal(addMoney(1999, 1), 2000);
    assert.equal(sumMoney([]), 0);
    assert.equal(sumMoney([15_000, 2_250, -250]), 17_000);
    assert.equal(sumMoney(new Set([1, 2, 3])), 6);
  });

  it('computes VAT rounded half up to the halala', () => {
    assert.equal(SAUDI_VAT_BASIS_POINTS, 1500);
    assert.equal(vat(sar(100), 1500), sar(15));
    assert.equal(vat(10, 1500), 2, '1.5 halalas round up');
    assert.equal(vat(3, 1500), 0, '0.45 rounds down');
    assert.equal(vat(333, 1500), 50, '49.95 rounds up');
    assert.equal(vat(1, 5000), 1, 'exactly half rounds up');
    assert.equal(vat(-10, 1500), -2, 'a refund mirrors the charge');
    assert.equal(vat(12_345, 0), 0);
    // 9007199254740991 × 0.15 = 1351079888211148.65: exact only with integer arithmetic.
    assert.equal(vat(Number.MAX_SAFE_INTEGER, 1500), 1_351_079_888_211_149);
  });

  it('refuses bad VAT rates', () => {
    assert.throws(() => vat(100, -1), RangeError);
    assert.throws(() => vat(100, 15.5), RangeError);
    assert.throws(() => vat(1.5, 1500), RangeError);
  });
});
