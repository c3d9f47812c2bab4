import type { Clock } from './clock.js';

/**
 * Calendar dates and their display.
 * - Instants are `Date`s (stored as timestamptz, in UTC). People see them in Asia/Riyadh,
 *   which is UTC+3 all year: Saudi Arabia has kept no daylight saving time since 1947.
 * - Calendar dates (a birth date, a "valid until") are 'YYYY-MM-DD' strings with no time
 *   zone at all. All arithmetic on them is done at noon UTC, so no zone can move them to
 *   another day.
 * - Hijri dates are Umm al-Qura, the official Saudi calendar, through Intl's
 *   `islamic-umalqura`. ICU's tables cover 1300-1600 AH (1882-2174 CE); outside them ICU falls
 *   back to the arithmetic (civil) Hijri calendar, which can be a day or two off.
 * - Digits are Latin (0-9) in both languages, as for money (see money.ts).
 */

export type IsoDate = string;
export interface HijriDate {
  year: number;
  month: number; // 1 = Muharram ... 9 = Ramadan ... 12 = Dhu al-Hijjah
  day: number;
}
type Locale = 'ar' | 'en';

const DAY_MS = 86_400_000;
const RIYADH_OFFSET_MS = 3 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Noon UTC of a calendar date, or null if the string is not a real 'YYYY-MM-DD' date. */
function noonUtcOrNull(iso: string): Date | null {
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d); // unlike Date.UTC, does not read years 0-99 as 1900-1999
  date.setUTCHours(12);
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real ? date : null;
}

function noonUtc(iso: string): Date {
  const date = noonUtcOrNull(iso);
  if (!date) throw new RangeError(`Not a calendar date 'YYYY-MM-DD': '${iso}'`);
  return date;
}

function isoOfUtc(date: Date): IsoDate {
  const iso = date.toISOString().slice(0, 10);
  if (!ISO_DATE.test(iso)) throw new RangeError(`Date out of range: ${date.toISOString()}`);
  return iso;
}

/** True for a real calendar date in the form 'YYYY-MM-DD' ('2023-02-29' is false). */
export function isIsoDate(value: string): value is IsoDate {
  return noonUtcOrNull(value) !== null;
}

/** The calendar date in Riyadh at an instant (21:30 UTC on 1 March is 2 March in Riyadh). */
export function riyadhDate(instant: Date): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
  return isoOfUtc(new Date(instant.getTime() + RIYADH_OFFSET_MS));
}

/** Today in Riyadh by the given clock. */
export function todayInRiyadh(clock: Clock): IsoDate {
  return riyadhDate(clock.now());
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) throw new RangeError(`Cannot add ${days} days`);
  return isoOfUtc(new Date(noonUtc(iso).getTime() + days * DAY_MS));
}

/** Whole days from a to b: positive when b is later. */
/** The same day `years` later; 29 February lands on 28 February in a year without it. */
export function addYears(iso: IsoDate, years: number): IsoDate {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = Math.min(d, new Date(Date.UTC(y + years, m, 0)).getUTCDate());
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((noonUtc(b).getTime() - noonUtc(a).getTime()) / DAY_MS);
}

/** The calendar date to show: a Date is shown as its date in Riyadh, a date as itself. */
function calendarDate(value: Date | IsoDate): Date {
  return noonUtc(value instanceof Date ? riyadhDate(value) : value);
}

// Intl formatters are costly to build: make each once. Date-only values are formatted in
// UTC at noon (see calendarDate); instants in Asia/Riyadh.
const dateOptions = { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' } as const;
const gregorianFormat: Record<Locale, Intl.DateTimeFormat> = {
  // ar-SA defaults to the Hijri calendar, so ask for the Gregorian one by name.
  ar: new Intl.DateTimeFormat('ar-SA-u-ca-gregory-nu-latn', dateOptions),
  en: new Intl.DateTimeFormat('en-GB-u-ca-gregory-nu-latn', dateOptions), // day month year
};
const hijriFormat: Record<Locale, Intl.DateTimeFormat> = {
  ar: new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura-nu-latn', dateOptions),
  en: new Intl.DateTimeFormat('en-GB-u-ca-islamic-umalqura-nu-latn', dateOptions),
};
// 12-hour time in both languages: ص/م is how Saudis write time in Arabic, and an English
// page should show the same time the same way.
const dateTimeOptions = {
  ...dateOptions,
  timeZone: 'Asia/Riyadh',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
} as const;
const dateTimeFormat: Record<Locale, Intl.DateTimeFormat> = {
  ar: new Intl.DateTimeFormat('ar-SA-u-ca-gregory-nu-latn', dateTimeOptions),
  en: new Intl.DateTimeFormat('en-GB-u-ca-gregory-nu-latn', dateTimeOptions),
};
const hijriParts = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'numeric',
  year: 'numeric',
});
const hasUmmAlQura = hijriParts.resolvedOptions().calendar === 'islamic-umalqura';

/** `11 مارس 2024` / `11 March 2024`. */
export function formatGregorian(value: Date | IsoDate, locale: Locale): string {
  return gregorianFormat[locale].format(calendarDate(value));
}

/** `1 رمضان 1445 هـ` / `1 Ramadan 1445 AH`. */
export function formatHijri(value: Date | IsoDate, locale: Locale): string {
  return hijriFormat[locale].format(calendarDate(value));
}

/** A day in words with its Hijri date: `11 مارس 2024 (1 رمضان 1445 هـ)` / `11 March 2024 (1 Ramadan 1445 AH)`. */
export function formatDateInWords(value: Date | IsoDate, locale: Locale): string {
  return `${formatGregorian(value, locale)} (${formatHijri(value, locale)})`;
}

/** An instant in Riyadh time: `2 مارس 2025 في 12:30 ص` / `2 March 2025 at 12:30 am`. */
export function formatDateTime(instant: Date, locale: Locale): string {
  return dateTimeFormat[locale].format(instant);
}

/** The Umm al-Qura date of a Gregorian date. */
export function toHijri(iso: IsoDate): HijriDate {
  // A Node.js built without full ICU falls back to another calendar silently: fail loudly.
  if (!hasUmmAlQura) throw new Error('This Node.js has no ICU data for the islamic-umalqura calendar');
  const parts = hijriParts.formatToParts(noonUtc(iso));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** Whether (month, day) comes before (birthMonth, birthDay) in the year: birthday not reached. */
function beforeBirthday(month: number, day: number, birthMonth: number, birthDay: number): boolean {
  return month < birthMonth || (month === birthMonth && day < birthDay);
}

/**
 * The Gregorian date of an Umm al-Qura date, or null if there is no such day (the 30th of a
 * month that has 29 days that year, month 13...). Intl only converts one way, so start from
 * the arithmetic Hijri calendar, which Umm al-Qura never strays from by more than a few days,
 * and search the days around it.
 */
export function hijriToGregorian(hijri: HijriDate): IsoDate | null {
  const { year, month, day } = hijri;
  if (![year, month, day].every(Number.isSafeInteger)) return null;
  if (year < 1 || year > 9000 || month < 1 || month > 12 || day < 1 || day > 30) return null;
  // Days since 1970-01-01 of the civil Hijri date (Julian day formula, epoch JD 1948439.5).
  const civil = day + Math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + Math.floor((3 + 11 * year) / 30) - 492_149;
  const estimate = new Date(civil * DAY_MS + DAY_MS / 2);
  for (const offset of [0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5]) {
    const candidate = isoOfUtc(new Date(estimate.getTime() + offset * DAY_MS));
    const found = toHijri(candidate);
    if (found.year === year && found.month === month && found.day === day) return candidate;
  }
  return null;
}

export type Calendar = 'hijri' | 'gregorian';

const monthFormat: Record<Calendar, Record<Locale, Intl.DateTimeFormat>> = {
  hijri: {
    ar: new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', month: 'long' }),
    en: new Intl.DateTimeFormat('en-GB-u-ca-islamic-umalqura-nu-latn', { timeZone: 'UTC', month: 'long' }),
  },
  gregorian: {
    ar: new Intl.DateTimeFormat('ar-SA-u-ca-gregory-nu-latn', { timeZone: 'UTC', month: 'long' }),
    en: new Intl.DateTimeFormat('en-GB-u-ca-gregory-nu-latn', { timeZone: 'UTC', month: 'long' }),
  },
};

/** The names of the twelve months of a calendar, as the formatters above write them (1 = Muharram / January). */
export function monthNames(calendar: Calendar, locale: Locale): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    // The 15th of each month of a year inside ICU's Umm al-Qura tables, or of 2001.
    const day = calendar === 'hijri' ? hijriToGregorian({ year: 1440, month: i + 1, day: 15 })! : `2001-${String(i + 1).padStart(2, '0')}-15`;
    return monthFormat[calendar][locale].format(noonUtc(day));
  });
}

/**
 * The Gregorian date of a day typed as day, month and year in either calendar (a date of birth
 * as the ID card or iqama gives it), or null if there is no such day: 31 February, or the 30th
 * of a Hijri month that had 29 days that year.
 */
export function gregorianOf(date: { calendar: Calendar; year: number; month: number; day: number }): IsoDate | null {
  const { calendar, year, month, day } = date;
  if (calendar === 'hijri') return hijriToGregorian({ year, month, day });
  if (![year, month, day].every(Number.isSafeInteger) || year < 1 || year > 9999) return null;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

function assertNotBefore(birth: IsoDate, on: IsoDate): void {
  if (daysBetween(birth, on) < 0) throw new RangeError(`${on} is before the birth date ${birth}`);
}

/** Full Gregorian years from birth to `on`. Born on 29 February: a year older on 1 March. */
export function ageInGregorianYears(birth: IsoDate, on: IsoDate): number {
  assertNotBefore(birth, on);
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  return oy - by - (beforeBirthday(om, od, bm, bd) ? 1 : 0);
}

/**
 * Full Umm al-Qura years from birth to `on`, for rules the law states in Hijri years
 * ("under 21"). 21 Hijri years are about 20.4 Gregorian years. A birthday on the 30th of a
 * month is reached, in a year when that month has 29 days, on the 1st of the next month
 * (the same rule as 29 February above).
 */
export function ageInHijriYears(birth: IsoDate, on: IsoDate): number {
  assertNotBefore(birth, on);
  const b = toHijri(birth);
  const o = toHijri(on);
  return o.year - b.year - (beforeBirthday(o.month, o.day, b.month, b.day) ? 1 : 0);
}

/** The first day on which a person born on `birth` is `years` Hijri years old. */
export function dateOfHijriAge(birth: IsoDate, years: number): IsoDate {
  if (!Number.isSafeInteger(years) || years < 0) throw new RangeError(`Not a number of years: ${years}`);
  const b = toHijri(birth);
  const target = { year: b.year + years, month: b.month, day: b.day };
  const exact = hijriToGregorian(target);
  if (exact !== null) return exact;
  // The 30th does not exist that year: the day after the 29th (the 1st of the next month).
  const the29th = hijriToGregorian({ ...target, day: 29 });
  if (the29th === null) throw new RangeError(`No Umm al-Qura date for ${target.year}-${target.month}`);
  return addDays(the29th, 1);
}
