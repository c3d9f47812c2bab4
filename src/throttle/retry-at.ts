import { riyadhDate } from '../kernel/dates.js';

/**
 * "When may I try again", in words a person reads at a glance, in Riyadh time: "today at
 * 10:15 am" / "اليوم الساعة 10:15 ص", "tomorrow at ...", or the date and the time. Both
 * languages go into the error's parameters (`{retryAtAr}` in Arabic, `{retryAtEn}` in English),
 * so any page or API answer in either language can say it; `retryAfter` is the seconds for the
 * Retry-After header.
 */

const timeOptions = { timeZone: 'Asia/Riyadh', hour: 'numeric', minute: '2-digit', hourCycle: 'h12' } as const;
const time = {
  ar: new Intl.DateTimeFormat('ar-SA-u-nu-latn', timeOptions),
  en: new Intl.DateTimeFormat('en-GB-u-nu-latn', timeOptions),
};
const day = {
  ar: new Intl.DateTimeFormat('ar-SA-u-ca-gregory-nu-latn', { timeZone: 'Asia/Riyadh', day: 'numeric', month: 'long', year: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB-u-ca-gregory-nu-latn', { timeZone: 'Asia/Riyadh', day: 'numeric', month: 'long', year: 'numeric' }),
};

function words(retryAt: Date, now: Date, locale: 'ar' | 'en'): string {
  const at = time[locale].format(retryAt);
  const days = Math.round((Date.parse(riyadhDate(retryAt)) - Date.parse(riyadhDate(now))) / 86_400_000);
  if (days <= 0) return locale === 'ar' ? `اليوم الساعة ${at}` : `today at ${at}`;
  if (days === 1) return locale === 'ar' ? `غدًا الساعة ${at}` : `tomorrow at ${at}`;
  return locale === 'ar' ? `يوم ${day.ar.format(retryAt)} الساعة ${at}` : `on ${day.en.format(retryAt)} at ${at}`;
}

export interface RetryAtParams extends Record<string, string | number> {
  retryAtAr: string;
  retryAtEn: string;
  retryAfter: number;
}

export function retryAtParams(retryAt: Date, now: Date): RetryAtParams {
  return {
    retryAtAr: words(retryAt, now, 'ar'),
    retryAtEn: words(retryAt, now, 'en'),
    retryAfter: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)),
  };
}
