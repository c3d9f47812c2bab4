import type { IdType } from '../db/tables.js';

/**
 * Saudi identity numbers: 10 digits. The first digit says what the number is
 * (1 national ID of a citizen, 2 iqama of a resident, 3 or 4 border number of a visitor),
 * and the last digit is a Luhn check digit over the first nine.
 */

const SHAPE = /^[1-4][0-9]{9}$/;

function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(i) - 48;
    // From the left, positions 0, 2, 4... are doubled (Luhn over a 10-digit number).
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

/** The check digit that completes the nine leading digits. */
export function checkDigit(nineDigits: string): number {
  if (!/^[0-9]{9}$/.test(nineDigits)) throw new Error('checkDigit expects nine digits');
  // The tenth digit sits at an odd position (not doubled).
  return (10 - (luhnSum(nineDigits) % 10)) % 10;
}

export type NationalIdProblem = 'format' | 'prefix' | 'check_digit';

/** Why a number is not a valid identity number, or null when it is valid. */
export function nationalIdProblem(value: string): NationalIdProblem | null {
  if (!/^[0-9]{10}$/.test(value)) return 'format';
  if (!SHAPE.test(value)) return 'prefix';
  return luhnSum(value) % 10 === 0 ? null : 'check_digit';
}

export function isValidNationalId(value: string): boolean {
  return nationalIdProblem(value) === null;
}

export function idTypeOf(nationalId: string): IdType {
  switch (nationalId[0]) {
    case '1':
      return 'national_id';
    case '2':
      return 'iqama';
    default:
      return 'border_number';
  }
}

/** Complete nine digits (first digit 1-4) into a valid identity number. */
export function withCheckDigit(nineDigits: string): string {
  return `${nineDigits}${checkDigit(nineDigits)}`;
}

/** For logs and public pages: keep the first and the last two digits. */
export function maskNationalId(value: string): string {
  if (value.length < 4) return '*'.repeat(value.length);
  return `${value[0]}${'*'.repeat(value.length - 3)}${value.slice(-2)}`;
}
