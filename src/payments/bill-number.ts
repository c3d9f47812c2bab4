import { randomInt } from 'node:crypto';

/**
 * SADAD bill numbers: 12 digits, the last a Luhn check digit, so a number mistyped at an ATM
 * or in a bank app is caught before it is looked up. Random, not sequential: a bill number
 * does not reveal how many bills there are, nor let anyone guess another person's.
 */
export const BILL_NUMBER_LENGTH = 12;

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function newBillNumber(random: (max: number) => number = randomInt): string {
  let body = String(1 + random(9)); // no leading zero: the number survives being read as a number
  while (body.length < BILL_NUMBER_LENGTH - 1) body += String(random(10));
  return body + String(luhnCheckDigit(body));
}

/** The bill number in what someone typed (spaces and dashes allowed), or null if it cannot be one. */
export function parseBillNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  if (!/^[0-9]{12}$/.test(digits)) return null;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1)) ? digits : null;
}
