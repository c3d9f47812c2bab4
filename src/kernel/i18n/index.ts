import ar from './ar.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import identityAr from './identity.ar.json' with { type: 'json' };
import identityEn from './identity.en.json' with { type: 'json' };
import notificationsAr from './notifications.ar.json' with { type: 'json' };
import notificationsEn from './notifications.en.json' with { type: 'json' };
import pagesAr from './pages.ar.json' with { type: 'json' };
import pagesEn from './pages.en.json' with { type: 'json' };
import staffPagesAr from './staff-pages.ar.json' with { type: 'json' };
import staffPagesEn from './staff-pages.en.json' with { type: 'json' };
import requestsAr from './requests.ar.json' with { type: 'json' };
import requestsEn from './requests.en.json' with { type: 'json' };
import servicePagesAr from './service-pages.ar.json' with { type: 'json' };
import servicePagesEn from './service-pages.en.json' with { type: 'json' };
import officerPagesAr from './officer-pages.ar.json' with { type: 'json' };
import officerPagesEn from './officer-pages.en.json' with { type: 'json' };
import acquirerAr from './acquirer.ar.json' with { type: 'json' };
import acquirerEn from './acquirer.en.json' with { type: 'json' };
import paymentsAr from './payments.ar.json' with { type: 'json' };
import paymentsEn from './payments.en.json' with { type: 'json' };
import uploadsAr from './uploads.ar.json' with { type: 'json' };
import uploadsEn from './uploads.en.json' with { type: 'json' };
import travelPermitsAr from './travel-permits.ar.json' with { type: 'json' };
import travelPermitsEn from './travel-permits.en.json' with { type: 'json' };
import transfersAr from './transfers.ar.json' with { type: 'json' };
import transfersEn from './transfers.en.json' with { type: 'json' };
import suspensionsAr from './suspensions.ar.json' with { type: 'json' };
import suspensionsEn from './suspensions.en.json' with { type: 'json' };
import inquiriesAr from './inquiries.ar.json' with { type: 'json' };
import inquiriesEn from './inquiries.en.json' with { type: 'json' };
import dashboardAr from './dashboard.ar.json' with { type: 'json' };
import dashboardEn from './dashboard.en.json' with { type: 'json' };
import activationAr from './activation.ar.json' with { type: 'json' };
import activationEn from './activation.en.json' with { type: 'json' };
import noticesAr from './notices.ar.json' with { type: 'json' };
import noticesEn from './notices.en.json' with { type: 'json' };

/**
 * Every user-visible string lives in ar.json and en.json (a test fails on a missing key).
 * Arabic is the default language.
 */

export const locales = ['ar', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'ar';

// One catalogue per language, assembled from the shell's file and one file per module
// (`<module>.ar.json`), so modules can be worked on without touching each other's strings.
const catalogues: Record<Locale, Record<string, string>> = {
  ar: { ...ar, ...identityAr, ...notificationsAr, ...pagesAr, ...staffPagesAr, ...requestsAr, ...servicePagesAr, ...officerPagesAr, ...paymentsAr, ...acquirerAr, ...travelPermitsAr, ...uploadsAr, ...transfersAr, ...suspensionsAr, ...inquiriesAr, ...dashboardAr, ...activationAr },
  en: { ...en, ...identityEn, ...notificationsEn, ...pagesEn, ...staffPagesEn, ...requestsEn, ...servicePagesEn, ...officerPagesEn, ...paymentsEn, ...acquirerEn, ...travelPermitsEn, ...uploadsEn, ...transfersEn, ...suspensionsEn, ...inquiriesEn, ...dashboardEn, ...activationEn },
};

// The strings of accounts following the registry and of the notices people are sent (issue 16).
Object.assign(catalogues.ar, noticesAr);
Object.assign(catalogues.en, noticesEn);

export function isLocale(value: unknown): value is Locale {
  return value === 'ar' || value === 'en';
}

/**
 * Translate a key; `{name}` placeholders take `params`. A missing key shows the key (and a test catches it).
 *
 * Plural forms: when `params.count` is a number, the text is `<key>.<category>`, the category
 * being the language's plural category of the count (`Intl.PluralRules`: Arabic zero, one, two,
 * few, many, other; English one, other), then `<key>.other`, then `<key>`. A count of 0 may also
 * have its own `<key>.zero` in a language that has no zero category ("No unpaid violations").
 */
export function translate(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const count = params?.count;
  const template = (typeof count === 'number' ? pluralTemplate(locale, key, count) : undefined) ?? catalogues[locale][key] ?? catalogues[defaultLocale][key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The plural categories a text with a count has in each language (zero, one, two, few, many, other in Arabic). */
export const pluralCategories: Record<Locale, readonly Intl.LDMLPluralRule[]> = {
  ar: new Intl.PluralRules('ar').resolvedOptions().pluralCategories,
  en: new Intl.PluralRules('en').resolvedOptions().pluralCategories,
};

const pluralRules: Record<Locale, Intl.PluralRules> = { ar: new Intl.PluralRules('ar'), en: new Intl.PluralRules('en') };

/** The plural category of a count in a language (`ar`: 0 zero, 1 one, 2 two, 3–10 few, 11–99 many, 100 other). */
export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  return pluralRules[locale].select(count);
}

function pluralTemplate(locale: Locale, key: string, count: number): string | undefined {
  for (const lang of locale === defaultLocale ? [locale] : [locale, defaultLocale]) {
    const catalogue = catalogues[lang];
    const exact = count === 0 ? catalogue[`${key}.zero`] : undefined;
    const found = exact ?? catalogue[`${key}.${pluralCategory(lang, count)}`] ?? catalogue[`${key}.other`];
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The forms of a counted phrase in one language: `other` always, the language's other categories as it needs. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * A counted phrase from its forms, for texts written in code (service definitions, inquiries):
 * `plural('ar', 3, { one: 'يوم واحد', two: 'يومان', few: '{count} أيام', many: '{count} يومًا', other: '{count} يوم' })`
 * is "3 أيام". `{count}` takes the count; a `zero` form is used for 0 in any language.
 */
export function plural(locale: Locale, count: number, forms: PluralForms): string {
  const form = (count === 0 ? forms.zero : undefined) ?? forms[pluralCategory(locale, count)] ?? forms.other;
  return form.replace(/\{count\}/g, String(count));
}

/** A counted phrase in both languages. */
export function pluralBoth(count: number, forms: { ar: PluralForms; en: PluralForms }): { ar: string; en: string } {
  return { ar: plural('ar', count, forms.ar), en: plural('en', count, forms.en) };
}

const PLURAL_SUFFIX = /\.(zero|one|two|few|many|other)$/;

/** Whether a catalogue key is a plural form of a text with a count (`<key>.one`, `<key>.other` both exist). */
function isPluralForm(catalogue: Record<string, string>, key: string): boolean {
  const match = PLURAL_SUFFIX.exec(key);
  if (!match) return false;
  const base = key.slice(0, match.index);
  return `${base}.other` in catalogue && `${base}.one` in catalogue;
}

/**
 * The texts of a language by key, a text with plural forms once by its own key (`<key>` for
 * `<key>.one`, `<key>.other`…): what pages name with `t('<key>', { count })`.
 */
export function textKeys(locale: Locale): string[] {
  const catalogue = catalogues[locale];
  const keys = new Set<string>();
  for (const key of Object.keys(catalogue)) keys.add(isPluralForm(catalogue, key) ? key.replace(PLURAL_SUFFIX, '') : key);
  return [...keys];
}

/** The keys of the texts with plural forms, with the categories each language gives them. */
export function pluralKeys(locale: Locale): Map<string, string[]> {
  const catalogue = catalogues[locale];
  const groups = new Map<string, string[]>();
  for (const key of Object.keys(catalogue)) {
    if (!isPluralForm(catalogue, key)) continue;
    const base = key.replace(PLURAL_SUFFIX, '');
    groups.set(base, [...(groups.get(base) ?? []), key.slice(base.length + 1)]);
  }
  return groups;
}

/**
 * A text in both languages from its key (for what is stored or sent in both: API bodies,
 * notices). `params` may be given per language, for values that are words themselves.
 */
export function translateBoth(key: string, params?: Record<string, string | number> | ((locale: Locale) => Record<string, string | number>)): { ar: string; en: string } {
  const of = (locale: Locale) => (typeof params === 'function' ? params(locale) : params);
  return { ar: translate('ar', key, of('ar')), en: translate('en', key, of('en')) };
}

/** Whether a text exists in both languages (a text with plural forms by its own key, or a form of it). */
export function hasKey(key: string): boolean {
  return locales.every((locale) => key in catalogues[locale] || `${key}.other` in catalogues[locale]);
}

/** Every key of a language's catalogue as it is written (plural forms each by their own key). */
export function catalogueKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]);
}

/** What separates the items of a list or the parts of an address: the Arabic comma "، " in Arabic, ", " in English. */
export function listSeparator(locale: Locale): string {
  return locale === 'ar' ? '، ' : ', ';
}

/** Items joined as a list in a language: `الرياض، جدة` in Arabic, `Riyadh, Jeddah` in English. */
export function joinList(locale: Locale, items: readonly string[]): string {
  return items.join(listSeparator(locale));
}

export function direction(locale: Locale): 'rtl' | 'ltr' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/** The language from the remembered choice (cookie), else Accept-Language, else Arabic. */
export function negotiateLocale(remembered: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(remembered)) return remembered;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...rest] = part.trim().split(';');
        const q = rest.find((p) => p.trim().startsWith('q='));
        return { lang: tag.trim().toLowerCase().slice(0, 2), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
      })
      .filter((entry) => entry.q > 0)
      .sort((a, b) => b.q - a.q);
    const best = ranked.find((entry) => isLocale(entry.lang));
    if (best) return best.lang as Locale;
  }
  return defaultLocale;
}

export type Translator = (key: string, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}
