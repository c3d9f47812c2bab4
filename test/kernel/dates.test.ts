import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import bidiModule from 'bidi-js';
import { fixedClock } from '../../src/kernel/clock.js';
import {
  addDays,
  addYears,
  ageInGregorianYears,
  ageInHijriYears,
  dateOfHijriAge,
  daysBetween,
  formatDateInWords,
  formatDateTime,
  formatGregorian,
  formatHijri,
  gregorianOf,
  hijriToGregorian,
  isIsoDate,
  monthNames,
  riyadhDate,
  toHijri,
  todayInRiyadh,
} from '../../src/kernel/dates.js';

// Umm al-Qura dates announced by Saudi Arabia, as Intl (ICU) prints them.
const KNOWN: [string, { year: number; month: number; day: number }][] = [
  ['2023-03-23', { year: 1444, month: 9, day: 1 }], // 1 Ramadan 1444
  ['2023-07-19', { year: 1445, month: 1, day: 1 }], // 1 Muharram 1445
  ['2024-03-11', { year: 1445, month: 9, day: 1 }], // 1 Ramadan 1445
  ['2024-04-10', { year: 1445, month: 10, day: 1 }], // Eid al-Fitr 1445
  ['2024-07-07', { year: 1446, month: 1, day: 1 }], // 1 Muharram 1446
  ['2025-03-01', { year: 1446, month: 9, day: 1 }], // 1 Ramadan 1446
  ['2025-03-30', { year: 1446, month: 10, day: 1 }], // Eid al-Fitr 1446 (Ramadan had 29 days)
  ['2025-06-26', { year: 1447, month: 1, day: 1 }], // 1 Muharram 1447
];

function withTimeZone(tz: string, body: () => void): void {
  const saved = process.env.TZ;
  process.env.TZ = tz;
  try {
    body();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

describe('calendar dates', () => {
  it('recognise real ISO dates only', () => {
    for (const good of ['2024-02-29', '2023-12-31', '1900-01-01', '0001-01-01', '9999-12-31']) assert.equal(isIsoDate(good), true, good);
    for (const bad of ['2023-02-29', '1900-02-29', '2023-13-01', '2023-00-10', '2023-04-31', '2023-4-1', '20230401', '2023-04-01T00:00Z', ' 2023-04-01', '']) {
      assert.equal(isIsoDate(bad), false, bad);
    }
  });

  it('adds years, a leap day landing on 28 February in a common year', () => {
    assert.equal(addYears('2026-11-23', 10), '2036-11-23');
    assert.equal(addYears('2024-02-29', 10), '2034-02-28');
    assert.equal(addYears('2024-02-29', 4), '2028-02-29');
  });

  it('add days and count days between, across months, leap days and years', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2023-02-28', 1), '2023-03-01');
    assert.equal(addDays('2024-12-31', 1), '2025-01-01');
    assert.equal(addDays('2025-01-01', -1), '2024-12-31');
    assert.equal(addDays('2025-03-01', 0), '2025-03-01');
    assert.equal(addDays('2025-01-01', 365), '2026-01-01');
    assert.equal(daysBetween('2024-01-01', '2025-01-01'), 366);
    assert.equal(daysBetween('2025-01-01', '2024-01-01'), -366);
    assert.equal(daysBetween('2025-03-01', '2025-03-01'), 0);
    assert.throws(() => addDays('2023-02-29', 1), RangeError);
    assert.throws(() => addDays('2023-02-28', 1.5), RangeError);
    assert.throws(() => daysBetween('2023-02-28', 'tomorrow'), RangeError);
  });

  it('are never shifted by the machine time zone', () => {
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Riyadh', 'UTC']) {
      withTimeZone(tz, () => {
        assert.equal(addDays('2025-03-30', 1), '2025-03-31', tz);
        assert.equal(daysBetween('2025-03-01', '2025-04-01'), 31, tz);
        assert.equal(riyadhDate(new Date('2025-03-01T21:30:00Z')), '2025-03-02', tz);
        assert.equal(formatGregorian('2025-03-01', 'en'), '1 March 2025', tz);
        assert.deepEqual(toHijri('2024-03-11'), { year: 1445, month: 9, day: 1 }, tz);
      });
    }
  });
});

describe('Riyadh time', () => {
  it('gives the calendar date in Riyadh (UTC+3) of an instant', () => {
    assert.equal(riyadhDate(new Date('2025-03-01T20:59:59.999Z')), '2025-03-01');
    assert.equal(riyadhDate(new Date('2025-03-01T21:00:00Z')), '2025-03-02');
    assert.equal(riyadhDate(new Date('2025-03-02T00:00:00+03:00')), '2025-03-02');
    assert.equal(todayInRiyadh(fixedClock('2024-12-31T22:00:00Z')), '2025-01-01');
    assert.throws(() => riyadhDate(new Date(Number.NaN)), RangeError);
  });

  it('agrees with the tz database for Asia/Riyadh over decades', () => {
    const tzdb = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Riyadh', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let ms = Date.UTC(1970, 0, 1); ms < Date.UTC(2060, 0, 1); ms += 7 * 3_600_000 + 1_234_567) {
      const instant = new Date(ms);
      assert.equal(riyadhDate(instant), tzdb.format(instant), instant.toISOString());
    }
  });

  it('formats an instant as a date and 12-hour time in Riyadh', () => {
    const lateEvening = new Date('2025-03-01T21:30:00Z');
    assert.equal(formatDateTime(lateEvening, 'ar'), '2 مارس 2025 في 12:30 ص');
    assert.equal(formatDateTime(lateEvening, 'en'), '2 March 2025 at 12:30 am');
    assert.equal(formatDateTime(new Date('2025-03-01T10:05:00Z'), 'ar'), '1 مارس 2025 في 1:05 م');
    assert.equal(formatDateTime(new Date('2025-03-01T10:05:00Z'), 'en'), '1 March 2025 at 1:05 pm');
  });
});

describe('Gregorian and Hijri display', () => {
  it('formats a date in the Gregorian calendar with Latin digits', () => {
    assert.equal(formatGregorian('2024-03-11', 'ar'), '11 مارس 2024');
    assert.equal(formatGregorian('2024-03-11', 'en'), '11 March 2024');
    // An instant is shown as its date in Riyadh.
    assert.equal(formatGregorian(new Date('2025-03-01T21:30:00Z'), 'en'), '2 March 2025');
    assert.throws(() => formatGregorian('2024-02-30', 'en'), RangeError);
  });

  it('formats a date in the Umm al-Qura calendar', () => {
    assert.equal(formatHijri('2024-03-11', 'ar'), '1 رمضان 1445 هـ');
    assert.equal(formatHijri('2024-03-11', 'en'), '1 Ramadan 1445 AH');
    assert.equal(formatHijri('2025-06-26', 'ar'), '1 محرم 1447 هـ');
    assert.equal(formatHijri('2025-06-26', 'en'), '1 Muharram 1447 AH');
    assert.equal(formatHijri('2025-11-15', 'en'), '24 Jumada I 1447 AH');
    assert.equal(formatHijri('2025-11-15', 'ar'), '24 جمادى الأولى 1447 هـ');
    // 21:30 UTC on 10 March 2024 is already 11 March, 1 Ramadan, in Riyadh.
    assert.equal(formatHijri(new Date('2024-03-10T21:30:00Z'), 'en'), '1 Ramadan 1445 AH');
  });
});

const bidiFactory = ((bidiModule as { default?: unknown }).default ?? bidiModule) as typeof bidiModule.default;
const bidi = bidiFactory();

/** The numbers of a right-to-left paragraph in the order a reader meets them (right to left on the screen). */
function numbersAsRead(text: string): string[] {
  const levels = bidi.getEmbeddingLevels(text, 'rtl');
  const seen = bidi
    .getReorderedIndices(text, levels)
    .map((i) => text[i]!)
    .join('');
  return [...seen.matchAll(/[0-9]+/g)].map((m) => m[0]).reverse();
}

describe('dates for people (formatDateInWords)', () => {
  it('gives the Gregorian date with its year and the Umm al-Qura date, in Arabic and English, with Latin digits', () => {
    const cases: Array<[string, string, string]> = [
      ['2026-12-07', '7 ديسمبر 2026 (27 جمادى الآخرة 1448 هـ)', '7 December 2026 (27 Jumada II 1448 AH)'],
      ['2036-12-07', '7 ديسمبر 2036 (19 شوال 1458 هـ)', '7 December 2036 (19 Shawwal 1458 AH)'],
      ['2024-03-11', '11 مارس 2024 (1 رمضان 1445 هـ)', '11 March 2024 (1 Ramadan 1445 AH)'],
      ['2024-07-07', '7 يوليو 2024 (1 محرم 1446 هـ)', '7 July 2024 (1 Muharram 1446 AH)'],
      ['1990-03-25', '25 مارس 1990 (27 شعبان 1410 هـ)', '25 March 1990 (27 Shaʻban 1410 AH)'],
      ['2028-02-29', '29 فبراير 2028 (4 شوال 1449 هـ)', '29 February 2028 (4 Shawwal 1449 AH)'],
    ];
    for (const [iso, ar, en] of cases) {
      assert.equal(formatDateInWords(iso, 'ar'), ar, iso);
      assert.equal(formatDateInWords(iso, 'en'), en, iso);
      assert.doesNotMatch(formatDateInWords(iso, 'ar'), /[\u0660-\u0669\u06F0-\u06F9]/, 'no Arabic-Indic digits');
    }
    // An instant is its day in Riyadh.
    assert.equal(formatDateInWords(new Date('2024-03-10T21:30:00Z'), 'en'), '11 March 2024 (1 Ramadan 1445 AH)');
    assert.throws(() => formatDateInWords('2026-02-30', 'ar'), RangeError);
  });

  it('reads in order inside an Arabic sentence: day, month, year, then the Hijri day, month, year', () => {
    const sentence = `تنتهي البطاقة في ${formatDateInWords('2036-12-07', 'ar')}، ثم تجدد.`;
    assert.deepEqual(numbersAsRead(sentence), ['7', '2036', '19', '1458']);
  });
});

describe('Umm al-Qura conversion', () => {
  it('converts known dates both ways', () => {
    for (const [iso, hijri] of KNOWN) {
      assert.deepEqual(toHijri(iso), hijri, iso);
      assert.equal(hijriToGregorian(hijri), iso, `${hijri.year}-${hijri.month}-${hijri.day}`);
    }
  });

  it('finds every day of 2000-2040 back from its Hijri date', () => {
    for (let iso = '2000-01-01'; iso < '2041-01-01'; iso = addDays(iso, 1)) {
      assert.equal(hijriToGregorian(toHijri(iso)), iso);
    }
  });

  it('has no 30th in a month of 29 days, and no impossible dates', () => {
    assert.equal(hijriToGregorian({ year: 1446, month: 9, day: 29 }), '2025-03-29');
    assert.equal(hijriToGregorian({ year: 1446, month: 9, day: 30 }), null, 'Ramadan 1446 had 29 days');
    assert.equal(hijriToGregorian({ year: 1425, month: 9, day: 30 }), '2004-11-13', 'Ramadan 1425 had 30');
    assert.equal(hijriToGregorian({ year: 1446, month: 13, day: 1 }), null);
    assert.equal(hijriToGregorian({ year: 1446, month: 1, day: 31 }), null);
    assert.equal(hijriToGregorian({ year: 1446, month: 1, day: 0 }), null);
    assert.equal(hijriToGregorian({ year: 1446.5, month: 1, day: 1 }), null);
  });
});

describe('a date typed as day, month and year (a date of birth)', () => {
  it('converts a Hijri date to the Gregorian date the registry keeps, over known Umm al-Qura pairs', () => {
    assert.equal(gregorianOf({ calendar: 'hijri', year: 1445, month: 9, day: 1 }), '2024-03-11', '1 Ramadan 1445');
    assert.equal(gregorianOf({ calendar: 'hijri', year: 1446, month: 1, day: 1 }), '2024-07-07', '1 Muharram 1446');
    for (const [iso, hijri] of KNOWN) assert.equal(gregorianOf({ calendar: 'hijri', ...hijri }), iso);
  });

  it('takes a Gregorian date as it is', () => {
    assert.equal(gregorianOf({ calendar: 'gregorian', year: 1990, month: 3, day: 25 }), '1990-03-25');
    assert.equal(gregorianOf({ calendar: 'gregorian', year: 2000, month: 2, day: 29 }), '2000-02-29');
  });

  it('finds no day for an impossible date in either calendar', () => {
    assert.equal(gregorianOf({ calendar: 'gregorian', year: 1990, month: 2, day: 31 }), null, '31 February');
    assert.equal(gregorianOf({ calendar: 'gregorian', year: 1900, month: 2, day: 29 }), null, '1900 was no leap year');
    assert.equal(gregorianOf({ calendar: 'gregorian', year: 1990, month: 13, day: 1 }), null);
    assert.equal(gregorianOf({ calendar: 'hijri', year: 1446, month: 9, day: 30 }), null, 'Ramadan 1446 had 29 days');
    assert.equal(gregorianOf({ calendar: 'hijri', year: 1446, month: 2, day: 31 }), null);
  });

  it('names the months of each calendar in each language', () => {
    assert.deepEqual(monthNames('hijri', 'ar').slice(0, 3), ['محرم', 'صفر', 'ربيع الأول']);
    assert.equal(monthNames('hijri', 'ar')[8], 'رمضان');
    assert.equal(monthNames('hijri', 'en')[8], 'Ramadan');
    assert.equal(monthNames('hijri', 'ar')[11], 'ذو الحجة');
    assert.deepEqual(monthNames('gregorian', 'ar').slice(0, 3), ['يناير', 'فبراير', 'مارس']);
    assert.equal(monthNames('gregorian', 'en')[11], 'December');
    for (const calendar of ['hijri', 'gregorian'] as const) for (const locale of ['ar', 'en'] as const) assert.equal(new Set(monthNames(calendar, locale)).size, 12);
  });
});

describe('ages', () => {
  it('counts full Gregorian years', () => {
    assert.equal(ageInGregorianYears('2005-06-15', '2025-06-14'), 19);
    assert.equal(ageInGregorianYears('2005-06-15', '2025-06-15'), 20);
    assert.equal(ageInGregorianYears('2005-06-15', '2005-06-15'), 0);
    assert.equal(ageInGregorianYears('2004-02-29', '2025-02-28'), 20, 'leap-day birthday not yet reached');
    assert.equal(ageInGregorianYears('2004-02-29', '2025-03-01'), 21);
    assert.equal(ageInGregorianYears('2004-02-29', '2024-02-29'), 20);
    assert.throws(() => ageInGregorianYears('2005-06-15', '2005-06-14'), RangeError);
  });

  it('counts full Hijri years: 21 Hijri years come about seven months before 21 Gregorian ones', () => {
    const birth = '2005-01-01'; // 20 Dhu al-Qadah 1425
    assert.deepEqual(toHijri(birth), { year: 1425, month: 11, day: 20 });
    const twentyFirst = dateOfHijriAge(birth, 21);
    assert.equal(twentyFirst, '2025-05-18'); // 20 Dhu al-Qadah 1446
    assert.equal(ageInHijriYears(birth, '2025-05-17'), 20, 'the day before: still under 21');
    assert.equal(ageInHijriYears(birth, '2025-05-18'), 21, 'on the 21st Hijri birthday');
    assert.equal(ageInGregorianYears(birth, twentyFirst), 20);
    assert.equal(Math.round((daysBetween(birth, twentyFirst) / 365.2425) * 10) / 10, 20.4);
    assert.equal(ageInHijriYears(birth, birth), 0);
    assert.throws(() => ageInHijriYears(birth, '2004-12-31'), RangeError);
  });

  it('reaches a birthday on the 30th on the 1st of the next month when that month has 29 days', () => {
    const birth = '2004-11-13'; // 30 Ramadan 1425; Ramadan 1446 had only 29 days
    assert.deepEqual(toHijri(birth), { year: 1425, month: 9, day: 30 });
    assert.equal(hijriToGregorian({ year: 1446, month: 9, day: 30 }), null);
    assert.equal(ageInHijriYears(birth, '2025-03-29'), 20, '29 Ramadan 1446');
    assert.equal(ageInHijriYears(birth, '2025-03-30'), 21, '1 Shawwal 1446');
    assert.equal(dateOfHijriAge(birth, 21), '2025-03-30');
  });

  it('dateOfHijriAge is the first day ageInHijriYears reaches the age', () => {
    for (let birth = '2003-01-01'; birth < '2007-01-01'; birth = addDays(birth, 7)) {
      const day = dateOfHijriAge(birth, 21);
      assert.equal(ageInHijriYears(birth, day), 21, birth);
      assert.equal(ageInHijriYears(birth, addDays(day, -1)), 20, birth);
    }
    assert.equal(dateOfHijriAge('2005-01-01', 0), '2005-01-01');
    assert.throws(() => dateOfHijriAge('2005-01-01', -1), RangeError);
  });
});
