/**
 * Money is an integer number of halalas (1 SAR = 100 halalas): no floating-point amounts
 * anywhere, so sums and VAT are exact and match what the bank reports.
 * Any function here throws on a non-integer or an integer beyond Number.MAX_SAFE_INTEGER
 * (about 90 trillion riyals): that is a bug in the caller, not a user error.
 */

export type Halalas = number;

type Locale = 'ar' | 'en';

const HALALAS_PER_RIYAL = 100;
const BASIS_POINTS = 10_000n; // 100% = 10,000 basis points

export function assertHalalas(value: number, what = 'amount'): asserts value is Halalas {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`The ${what} must be a safe integer number of halalas; got ${value}`);
  }
}

/**
 * Riyals to halalas: `sar(150)` = 15000, `sar(19.99)` = 1999. At most two decimals:
 * `sar(1.005)` throws rather than round a fraction of a halala away silently.
 */
export function sar(riyals: number): Halalas {
  if (!Number.isFinite(riyals)) throw new RangeError(`Not an amount of riyals: ${riyals}`);
  const halalas = Math.round(riyals * HALALAS_PER_RIYAL);
  // 19.99 * 100 is 1998.9999999999998 in binary floating point; anything further from a
  // whole halala than that noise had a third decimal.
  if (Math.abs(riyals * HALALAS_PER_RIYAL - halalas) > 1e-6) {
    throw new RangeError(`An amount of riyals has at most two decimals; got ${riyals}`);
  }
  assertHalalas(halalas);
  return halalas === 0 ? 0 : halalas; // no -0
}

export function addMoney(a: Halalas, b: Halalas): Halalas {
  assertHalalas(a);
  assertHalalas(b);
  const total = a + b;
  assertHalalas(total, 'sum');
  return total;
}

export function sumMoney(amounts: Iterable<Halalas>): Halalas {
  let total = 0;
  for (const amount of amounts) total = addMoney(total, amount);
  return total;
}

/**
 * The VAT on an amount at a rate in basis points (15% = 1500), rounded to the nearest
 * halala with halves rounded up (away from zero, so the VAT on a refund mirrors the VAT on
 * the charge). Computed in BigInt so amount × rate cannot lose precision.
 */
export function vat(amount: Halalas, rateBasisPoints: number): Halalas {
  assertHalalas(amount);
  if (!Number.isSafeInteger(rateBasisPoints) || rateBasisPoints < 0) {
    throw new RangeError(`A VAT rate is a non-negative integer of basis points; got ${rateBasisPoints}`);
  }
  const product = BigInt(Math.abs(amount)) * BigInt(rateBasisPoints);
  const rounded = (product * 2n + BASIS_POINTS) / (BASIS_POINTS * 2n); // floor(x + 1/2)
  const tax = Number(rounded) * Math.sign(amount);
  assertHalalas(tax, 'VAT');
  return tax === 0 ? 0 : tax;
}

/** Saudi VAT since July 2020. Rates change by law: keep them as data, not in code paths. */
export const SAUDI_VAT_BASIS_POINTS = 1500;

/*
 * Display. The digits are Latin (0-9) in both languages, as on most Saudi government sites
 * and bills, so an amount reads the same in an Arabic SMS, an English page and a bank app.
 *   ar: `1,234.50 ر.س.`    en: `SAR 1,234.50`
 * Always two decimals (`150.00`), also for whole riyals: on bills and receipts amounts line
 * up and nobody wonders whether `150` hides halalas. The space is a no-break space so the
 * amount never wraps away from its currency.
 *
 * Intl formats the number (grouping); we add the currency text ourselves instead of Intl's
 * currency style because (1) the riyal now has its own sign (U+20C1, Unicode 17): should CLDR
 * adopt it, an ICU update would silently change every bill to a glyph our fonts lack, and (2) ICU wraps the
 * Arabic currency in invisible RLM marks, which pdfkit draws as missing glyphs and which
 * break exact text in SMS. Pages put an amount in `<bdi>` (or a dir'd element) instead.
 */

const NBSP = '\u00A0';
const RIYAL_ABBREVIATION = { ar: 'ر.س.', en: 'SAR' } as const;

// Formatting the integer riyals as a BigInt keeps every digit exact (a double would round
// past 2^53 / 100); the halalas are two digits we append.
const groupedInteger: Record<Locale, Intl.NumberFormat> = {
  ar: new Intl.NumberFormat('ar-SA-u-nu-latn', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-SA-u-nu-latn', { maximumFractionDigits: 0 }),
};
const decimalSeparator: Record<Locale, string> = {
  ar: separatorOf('ar-SA-u-nu-latn'),
  en: separatorOf('en-SA-u-nu-latn'),
};

function separatorOf(locale: string): string {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
  return part?.value ?? '.';
}

/** The amount without currency: `1,234.50` (Latin digits in both languages). */
export function formatAmount(amount: Halalas, locale: Locale): string {
  assertHalalas(amount);
  const abs = Math.abs(amount);
  const rest = abs % HALALAS_PER_RIYAL;
  const riyals = BigInt((abs - rest) / HALALAS_PER_RIYAL); // exact: a multiple of 100 divided by 100
  const halalas = String(rest).padStart(2, '0');
  const sign = amount < 0 ? '-' : '';
  return `${sign}${groupedInteger[locale].format(riyals)}${decimalSeparator[locale]}${halalas}`;
}

/** `1,234.50 ر.س.` in Arabic, `SAR 1,234.50` in English; negative: `-1,234.50 ر.س.`, `-SAR 1,234.50`. */
export function formatMoney(amount: Halalas, locale: Locale): string {
  const number = formatAmount(Math.abs(amount), locale);
  const sign = amount < 0 ? '-' : '';
  return locale === 'ar'
    ? `${sign}${number}${NBSP}${RIYAL_ABBREVIATION.ar}`
    : `${sign}${RIYAL_ABBREVIATION.en}${NBSP}${number}`;
}
