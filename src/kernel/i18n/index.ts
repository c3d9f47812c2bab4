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

/** Translate a key; `{name}` placeholders take `params`. A missing key shows the key (and a test catches it). */
export function translate(locale: Locale, key: string, params?: Record<string, string | number>): string {
  const template = catalogues[locale][key] ?? catalogues[defaultLocale][key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * A text in both languages from its key (for what is stored or sent in both: API bodies,
 * notices). `params` may be given per language, for values that are words themselves.
 */
export function translateBoth(key: string, params?: Record<string, string | number> | ((locale: Locale) => Record<string, string | number>)): { ar: string; en: string } {
  const of = (locale: Locale) => (typeof params === 'function' ? params(locale) : params);
  return { ar: translate('ar', key, of('ar')), en: translate('en', key, of('en')) };
}

export function hasKey(key: string): boolean {
  return key in catalogues.ar && key in catalogues.en;
}

export function catalogueKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]);
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
