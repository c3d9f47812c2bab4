import { z } from 'zod';
import { isIsoDate } from '../kernel/dates.js';
import { nationalIdProblem, type NationalIdProblem } from '../kernel/national-id.js';

/**
 * The field types of registry import records (import-schema.ts), each with the message an
 * operator reads when a value is refused. Messages never repeat the refused value: an
 * identity number is personal data, and the line number and field already say where to look.
 */

/** The message for a missing field (import-read.ts lists missing fields together). */
export const REQUIRED = 'required';

/** A message for a wrong value, and REQUIRED when the field is missing. */
export const expected = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? REQUIRED : message);

const NATIONAL_ID_PROBLEMS: Record<NationalIdProblem, string> = {
  format: 'not a valid identity number: expected 10 digits',
  prefix: 'not a valid identity number: the first digit must be 1 (citizen), 2 (resident), 3 or 4 (visitor)',
  check_digit: 'not a valid identity number: wrong check digit (the last digit does not match the first nine; is it mistyped?)',
};

/** A national ID (1…), iqama (2…) or border number (3… or 4…), with its Luhn check digit. */
export const nationalId = z.string({ error: expected('expected a 10-digit identity number as a string') }).superRefine((value, ctx) => {
  const problem = nationalIdProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: NATIONAL_ID_PROBLEMS[problem] });
});

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date 'YYYY-MM-DD' that exists (no 2023-02-29), between 1800 and 2200. */
export const isoDate = z.string({ error: expected('expected a date as YYYY-MM-DD') }).superRefine((value, ctx) => {
  if (!DATE_SHAPE.test(value)) ctx.addIssue({ code: 'custom', message: 'expected a date as YYYY-MM-DD' });
  else if (!isIsoDate(value)) ctx.addIssue({ code: 'custom', message: 'not a real calendar date' });
  else if (value < '1800-01-01' || value > '2200-12-31') ctx.addIssue({ code: 'custom', message: 'expected a year between 1800 and 2200' });
});

/** An instant, always with its time zone so it means the same everywhere. */
export const instant = z.iso.datetime({
  offset: true,
  error: expected('expected a date and time with a time zone, e.g. 2024-05-01T14:30:00+03:00'),
});

export const text = (max: number) =>
  z
    .string({ error: expected('expected text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

export const pattern = (regex: RegExp, message: string) => z.string({ error: expected(message) }).regex(regex, message);

export const countryCode = pattern(/^[A-Z]{3}$/, 'expected an ISO 3166-1 alpha-3 country code in capitals, e.g. SAU');
export const unifiedNumber = pattern(/^7\d{9}$/, 'expected a unified establishment number: 10 digits starting with 7');
export const sequenceNumber = pattern(/^\d{9}$/, 'expected a vehicle sequence number of 9 digits');
export const flag = z.boolean({ error: expected('expected true or false') });
export const wholeNumber = z.int({ error: expected('expected a whole number') });
export const halalas = z.int({ error: expected('expected a whole number of halalas (100 halalas = 1 SAR)') }).positive('must be more than 0');

export const enumOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: expected(`expected one of ${values.join(', ')}`) });
