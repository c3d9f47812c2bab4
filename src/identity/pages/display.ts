import { formatGregorian, formatHijri } from '../../kernel/dates.js';
import type { Locale } from '../../kernel/i18n/index.js';

/** Small display helpers of the account pages (dates in both calendars, countries, devices). */

/** `11 مارس 2024 — 1 رمضان 1445 هـ`: a date in the Gregorian and the Hijri calendars. */
export function bothCalendars(date: string, locale: Locale): { gregorian: string; hijri: string } {
  return { gregorian: formatGregorian(date, locale), hijri: formatHijri(date, locale) };
}

// The registry stores ISO 3166-1 alpha-3 codes; Intl names countries by alpha-2.
const ALPHA2: Record<string, string> = {
  SAU: 'SA', IND: 'IN', PAK: 'PK', BGD: 'BD', PHL: 'PH', IDN: 'ID', ETH: 'ET', KEN: 'KE', LKA: 'LK', NPL: 'NP',
  SDN: 'SD', EGY: 'EG', YEM: 'YE', JOR: 'JO', SYR: 'SY', LBN: 'LB', PSE: 'PS', UGA: 'UG', MAR: 'MA', TUN: 'TN',
  USA: 'US', GBR: 'GB', MMR: 'MM', AFG: 'AF', NGA: 'NG', TUR: 'TR', IRQ: 'IQ', KWT: 'KW', ARE: 'AE', BHR: 'BH',
  QAT: 'QA', OMN: 'OM', CHN: 'CN', VNM: 'VN', THA: 'TH', ERI: 'ER', SOM: 'SO', TCD: 'TD', MLI: 'ML', GHA: 'GH',
};
const countryNames: Record<Locale, Intl.DisplayNames> = {
  ar: new Intl.DisplayNames(['ar'], { type: 'region' }),
  en: new Intl.DisplayNames(['en'], { type: 'region' }),
};

export function countryName(alpha3: string, locale: Locale): string {
  const alpha2 = ALPHA2[alpha3];
  return (alpha2 && countryNames[locale].of(alpha2)) || alpha3;
}

/**
 * "Chrome on Android": enough for a person to recognise their own device in a list of
 * sessions, without echoing a long user-agent string back.
 */
export function deviceSummary(userAgent: string | null): { browser: string | null; system: string | null } {
  if (!userAgent) return { browser: null, system: null };
  const browser =
    /Edg\//.test(userAgent) ? 'Edge'
    : /OPR\//.test(userAgent) ? 'Opera'
    : /SamsungBrowser\//.test(userAgent) ? 'Samsung Internet'
    : /Firefox\//.test(userAgent) ? 'Firefox'
    : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome'
    : /Safari\//.test(userAgent) ? 'Safari'
    : null;
  const system =
    /Android/.test(userAgent) ? 'Android'
    : /iPhone|iPad|iPod/.test(userAgent) ? 'iOS'
    : /Windows/.test(userAgent) ? 'Windows'
    : /Mac OS X|Macintosh/.test(userAgent) ? 'macOS'
    : /CrOS/.test(userAgent) ? 'ChromeOS'
    : /Linux/.test(userAgent) ? 'Linux'
    : null;
  return { browser, system };
}
