import type { Document } from '../../db/tables.js';
import { EXPIRY_WARNING_DAYS } from '../../identity/index.js';
import { addDays, type IsoDate } from '../../kernel/dates.js';
import { currentDocumentsOf, listArrivedWorkers, listEstablishmentWorkers, listExitReentryVisas, listSponsoredWorkers, returnStatusOf } from '../../registry/index.js';
import { pluralBoth } from '../../kernel/i18n/index.js';
import { defineInquiry, f, v, type InquiryItem, type InquiryValue } from '../define.js';
import { nameOf, nationalityOf, sponsorsOf } from '../parts.js';
import { RETURN_STATUS } from './residency.js';

/** "إقامات تنتهي خلال 90 يومًا": the days counted in each language. */
const EXPIRING_LABEL = pluralBoth(EXPIRY_WARNING_DAYS, {
  ar: { one: 'إقامات تنتهي خلال يوم واحد', two: 'إقامات تنتهي خلال يومين', few: 'إقامات تنتهي خلال {count} أيام', many: 'إقامات تنتهي خلال {count} يومًا', other: 'إقامات تنتهي خلال {count} يوم' },
  en: { one: 'Iqamas expiring within 1 day', other: 'Iqamas expiring within {count} days' },
});

/**
 * The passports inquiries of a sponsor about the people they sponsor, personally or through an
 * establishment they own: new workers' arrival, foreign workers, the persons I sponsor, and
 * whether those who left on an exit/re-entry visa came back.
 */

/** How far back "new" workers' arrivals go. */
export const ARRIVALS_WITHIN_DAYS = 365;

const IQAMA_NUMBER = { ar: 'رقم الإقامة', en: 'Iqama number' };
const NATIONALITY = { ar: 'الجنسية', en: 'Nationality' };
const OCCUPATION = { ar: 'المهنة', en: 'Occupation' };
const SPONSOR = { ar: 'على كفالة', en: 'Sponsored by' };
const IQAMA_EXPIRY = { ar: 'تاريخ انتهاء الإقامة', en: 'Iqama expiry' };

type IqamaState = 'expired' | 'expiring' | 'none' | 'valid';
const IQAMA_ORDER: Record<IqamaState, number> = { expired: 0, none: 1, expiring: 2, valid: 3 };
const IQAMA_STATUS: Partial<Record<IqamaState, Extract<InquiryValue, { kind: 'status' }>>> = {
  expired: v.status('bad', { ar: 'الإقامة منتهية', en: 'Iqama expired' }),
  none: v.status('bad', { ar: 'لا توجد إقامة', en: 'No iqama' }),
  expiring: v.status('warning', { ar: 'الإقامة تنتهي قريبًا', en: 'Iqama expires soon' }),
};

/** The same reading of an iqama as the home's warning (expired, or expiring within its window). */
function iqamaState(iqama: Pick<Document, 'status' | 'expiry_date'> | undefined, today: IsoDate): IqamaState {
  if (!iqama) return 'none';
  if (iqama.status === 'expired' || iqama.expiry_date < today) return 'expired';
  return iqama.expiry_date <= addDays(today, EXPIRY_WARNING_DAYS) ? 'expiring' : 'valid';
}

export const newWorkersArrival = defineInquiry({
  id: 'passports.new-workers-arrival',
  agency: 'passports',
  name: { ar: 'وصول العمالة الجديدة', en: 'Arrival of new workers' },
  description: {
    ar: 'العمال الذين وصلوا إلى المملكة بتأشيرات العمل الصادرة لك أو لمنشآتك خلال السنة الأخيرة: تاريخ الوصول والمنفذ.',
    en: 'Workers who arrived in the Kingdom on work visas issued to you or your establishments in the last year: when and where they entered.',
  },
  keywords: { ar: ['وصول العمالة', 'وصول العامل', 'العمالة الجديدة'], en: ['worker arrival', 'new workers', 'arrived'] },
  empty: { ar: 'لم يصل أي عامل بتأشيرات عمل صادرة لك أو لمنشآتك خلال السنة الأخيرة.', en: 'No worker has arrived on a work visa issued to you or your establishments in the last year.' },
  async run({ db, asker, today }) {
    const items: InquiryItem[] = [];
    for (const sponsor of await sponsorsOf(db, asker)) {
      for (const arrival of await listArrivedWorkers(db, sponsor.ref, { since: addDays(today, -ARRIVALS_WITHIN_DAYS) })) {
        items.push({
          title: nameOf(arrival.worker),
          status: v.status('ok', { ar: 'وصل', en: 'Arrived' }),
          fields: [
            f(IQAMA_NUMBER, v.code(arrival.worker.national_id)),
            f(NATIONALITY, nationalityOf(arrival.worker.nationality)),
            f(OCCUPATION, v.words({ ar: arrival.visa.occupation_ar, en: arrival.visa.occupation_en })),
            f({ ar: 'رقم التأشيرة', en: 'Visa number' }, v.code(arrival.visa.number)),
            arrival.entry ? f({ ar: 'تاريخ الوصول', en: 'Arrived on' }, v.datetime(arrival.entry.crossed_at)) : f({ ar: 'تاريخ الوصول', en: 'Arrived on' }, v.date(arrival.visa.used_on!)),
            ...(arrival.entry ? [f({ ar: 'منفذ الدخول', en: 'Port of entry' }, v.words({ ar: arrival.entry.port_ar, en: arrival.entry.port_en }))] : []),
            f(SPONSOR, sponsor.name),
          ],
        });
      }
    }
    return { items };
  },
});

export const foreignWorkers = defineInquiry({
  id: 'passports.foreign-workers',
  agency: 'passports',
  name: { ar: 'العمالة الوافدة', en: 'Foreign workers' },
  description: {
    ar: 'العمال الوافدون على كفالتك الشخصية (العمالة المنزلية) وعلى كفالة المنشآت التي تملكها.',
    en: 'The foreign workers under your personal sponsorship (domestic workers) and under the establishments you own.',
  },
  keywords: { ar: ['العمالة', 'العمال', 'عمالة المنشأة'], en: ['workers', 'foreign workers', 'employees'] },
  empty: { ar: 'لا يوجد عمال على كفالتك أو كفالة منشآتك.', en: 'No worker is under your sponsorship or that of your establishments.' },
  async run({ db, asker, today }) {
    const rows: Array<{ item: InquiryItem; iqama: IqamaState }> = [];
    for (const sponsor of await sponsorsOf(db, asker)) {
      const workers = 'personId' in sponsor.ref ? (await listSponsoredWorkers(db, asker.id)).filter((w) => w.sponsorship.domestic_worker) : await listEstablishmentWorkers(db, sponsor.ref.establishmentId);
      // Each worker's iqama expiry, read in one query: the home warns of expired iqamas and links here.
      const iqamas = await currentDocumentsOf(db, workers.map((w) => w.worker.id), 'iqama');
      for (const { worker, sponsorship } of workers) {
        const iqama = iqamas.get(worker.id);
        const state = iqamaState(iqama, today);
        const status = IQAMA_STATUS[state] ?? (worker.inside_kingdom ? undefined : v.status('warning', { ar: 'خارج المملكة', en: 'Outside the Kingdom' }));
        rows.push({
          iqama: state,
          item: {
            title: nameOf(worker),
            ...(status ? { status } : {}),
            fields: [
              f(IQAMA_NUMBER, v.code(worker.national_id)),
              f(IQAMA_EXPIRY, iqama ? v.date(iqama.expiry_date) : v.words({ ar: 'لا توجد إقامة سارية في السجل', en: 'No iqama on record' })),
              f(NATIONALITY, nationalityOf(worker.nationality)),
              f(OCCUPATION, v.words({ ar: sponsorship.occupation_ar, en: sponsorship.occupation_en })),
              f(SPONSOR, sponsor.name),
              f({ ar: 'بداية الكفالة', en: 'Sponsored since' }, v.date(sponsorship.started_on)),
              ...(worker.inside_kingdom || !IQAMA_STATUS[state] ? [] : [f({ ar: 'داخل المملكة', en: 'Inside the Kingdom' }, v.words({ ar: 'لا', en: 'No' }))]),
            ],
          },
        });
      }
    }
    // The iqamas to renew first: expired, then expiring, then the others, each in its own order.
    rows.sort((a, b) => IQAMA_ORDER[a.iqama] - IQAMA_ORDER[b.iqama]);
    const count = (state: IqamaState) => rows.filter((r) => r.iqama === state).length;
    const summary =
      rows.length === 0
        ? []
        : [
            f({ ar: 'عدد العمال', en: 'Workers' }, v.count(rows.length)),
            f({ ar: 'إقامات منتهية', en: 'Expired iqamas' }, v.count(count('expired'))),
            f(EXPIRING_LABEL, v.count(count('expiring'))),
          ];
    return { summary, items: rows.map((r) => r.item) };
  },
});

export const sponsoredPersons = defineInquiry({
  id: 'passports.sponsored-persons',
  agency: 'passports',
  name: { ar: 'عرض المكفولين', en: 'The persons I sponsor' },
  description: {
    ar: 'كل من على كفالتك الشخصية: العمالة المنزلية والتابعون، مع أرقام إقاماتهم.',
    en: 'Everyone under your personal sponsorship: domestic workers and dependants, with their iqama numbers.',
  },
  keywords: { ar: ['المكفولين', 'مكفولين', 'التابعين'], en: ['sponsored', 'dependants', 'my sponsored persons'] },
  empty: { ar: 'لا يوجد أحد على كفالتك الشخصية.', en: 'Nobody is under your personal sponsorship.' },
  async run({ db, asker }) {
    const sponsored = await listSponsoredWorkers(db, asker.id);
    return {
      items: sponsored.map(({ worker, sponsorship }) => ({
        title: nameOf(worker),
        status: sponsorship.domestic_worker ? v.status('neutral', { ar: 'عامل منزلي', en: 'Domestic worker' }) : v.status('neutral', { ar: 'تابع', en: 'Dependant' }),
        fields: [
          f(IQAMA_NUMBER, v.code(worker.national_id)),
          f(NATIONALITY, nationalityOf(worker.nationality)),
          f(OCCUPATION, v.words({ ar: sponsorship.occupation_ar, en: sponsorship.occupation_en })),
          f({ ar: 'داخل المملكة', en: 'Inside the Kingdom' }, v.words(worker.inside_kingdom ? { ar: 'نعم', en: 'Yes' } : { ar: 'لا', en: 'No' })),
        ],
      })),
    };
  },
});

export const returnStatus = defineInquiry({
  id: 'passports.return-status',
  agency: 'passports',
  name: { ar: 'حالة العودة', en: 'Return status' },
  description: {
    ar: 'من غادر من مكفوليك بتأشيرة خروج وعودة: هل عاد، أو ما زال خارج المملكة وموعد عودته، أو تأخر عنها.',
    en: 'Those you sponsor who left on an exit and re-entry visa: whether they came back, are still outside and due back by when, or are late.',
  },
  keywords: { ar: ['العودة', 'لم يعد', 'عودة العامل'], en: ['return', 'came back', 'not returned'] },
  empty: { ar: 'لا يوجد من مكفوليك من لديه تأشيرة خروج وعودة.', en: 'Nobody you sponsor holds an exit and re-entry visa.' },
  async run({ db, asker, today }) {
    const items: InquiryItem[] = [];
    for (const { worker } of await listSponsoredWorkers(db, asker.id)) {
      const latest = (await listExitReentryVisas(db, worker.id))[0];
      if (!latest) continue;
      const status = RETURN_STATUS[returnStatusOf(latest, today)];
      items.push({
        title: nameOf(worker),
        status: v.status(status.tone, status.words),
        fields: [
          f(IQAMA_NUMBER, v.code(worker.national_id)),
          f({ ar: 'رقم التأشيرة', en: 'Visa number' }, v.code(latest.document.number)),
          ...(latest.exit ? [f({ ar: 'غادر في', en: 'Left on' }, v.datetime(latest.exit.crossed_at))] : []),
          f({ ar: 'العودة قبل', en: 'Return by' }, v.date(latest.document.expiry_date)),
          ...(latest.return ? [f({ ar: 'عاد في', en: 'Came back on' }, v.datetime(latest.return.crossed_at))] : []),
        ],
      });
    }
    return { items };
  },
});
