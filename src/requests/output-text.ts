import { formatDateInWords, isIsoDate } from '../kernel/dates.js';
import type { Locale } from '../kernel/i18n/index.js';

/**
 * A request's result or summary value as a person reads it, on a page, a proof or in a notice:
 * a date ('2036-12-07') in words with its year and its Hijri date, anything else as it is. The
 * API's JSON keeps the ISO date.
 */
export function outputText(value: unknown, locale: Locale): string {
  const text = String(value);
  return isIsoDate(text) ? formatDateInWords(text, locale) : text;
}
