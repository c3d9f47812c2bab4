import { toHijri } from '../../kernel/dates.js';

/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC). The generator works in day
 * numbers and turns them into 'YYYY-MM-DD' text only when a row is written, so dates never
 * pass through a time zone and the hot loop formats each day once.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumber(isoDate: string): number {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new Error(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(isoDate)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / MS_PER_DAY;
  if (dateText(day) !== isoDate) throw new Error(`Not a calendar date: ${isoDate}`);
  return day;
}

// Formatting dominates when millions of rows carry dates, so each day is formatted once.
const FIRST_CACHED_DAY = -25_567; // 1900-01-01
const LAST_CACHED_DAY = 47_482; // 2100-01-01
const cache: Array<string | undefined> = new Array(LAST_CACHED_DAY - FIRST_CACHED_DAY + 1);

export function dateText(day: number): string {
  const inCache = day >= FIRST_CACHED_DAY && day <= LAST_CACHED_DAY;
  if (inCache) {
    const hit = cache[day - FIRST_CACHED_DAY];
    if (hit !== undefined) return hit;
  }
  const text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (inCache) cache[day - FIRST_CACHED_DAY] = text;
  return text;
}

/**
 * Whole days in `years` average years. Every threshold that shapes the population (adult,
 * eligible for an ID card, old enough to marry) is a day count from the reference day, never
 * calendar arithmetic, so that moving the reference date moves dates but changes no person,
 * name or link: leap days would otherwise flip an edge case and shift the random stream.
 */
export function yearsToDays(years: number): number {
  return Math.round(years * 365.2425);
}

/** The same calendar day `years` later (earlier when negative); 29 February becomes 28 February. */
export function addYears(day: number, years: number): number {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear() + years;
  const m = d.getUTCMonth();
  let date = d.getUTCDate();
  if (m === 1 && date === 29 && !isLeap(y)) date = 28;
  return Date.UTC(y, m, date) / MS_PER_DAY;
}

/** The same calendar day `months` later (earlier when negative), clamped to the month's end. */
export function addMonths(day: number, months: number): number {
  const d = new Date(day * MS_PER_DAY);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfMonth)) / MS_PER_DAY;
}

/** Whole Gregorian years between a birth day and `onDay`. */
export function ageInYears(birthDay: number, onDay: number): number {
  const b = new Date(birthDay * MS_PER_DAY);
  const o = new Date(onDay * MS_PER_DAY);
  let age = o.getUTCFullYear() - b.getUTCFullYear();
  if (o.getUTCMonth() < b.getUTCMonth() || (o.getUTCMonth() === b.getUTCMonth() && o.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** An instant on a day, as an ISO timestamp (UTC), `minuteOfDay` minutes after midnight. */
export function timestampText(day: number, minuteOfDay: number): string {
  return new Date(day * MS_PER_DAY + minuteOfDay * 60_000).toISOString();
}

const HIJRI_YEAR = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura-nu-latn', { year: 'numeric', timeZone: 'UTC' });

/** The Hijri year of a day (Umm al-Qura), for reference numbers such as court orders "1447/…". */
export function hijriYear(day: number): number {
  return Number.parseInt(HIJRI_YEAR.format(new Date(day * MS_PER_DAY)), 10);
}

/** The Hajj season (Umm al-Qura year) to come on a day: this year's until its Hajj is over (13 Dhu al-Hijjah), then next year's. */
export function hajjSeasonOn(day: number): number {
  const hijri = toHijri(dateText(day));
  return hijri.month === 12 && hijri.day > 13 ? hijri.year + 1 : hijri.year;
}
