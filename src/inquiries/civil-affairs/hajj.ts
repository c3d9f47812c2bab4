import type { Bilingual } from '../../catalogue/define.js';
import type { HajjPermit, HajjPermitStatus, Person } from '../../db/tables.js';
import { ageInHijriYears, dateOfHijriAge, hijriToGregorian, toHijri, type IsoDate } from '../../kernel/dates.js';
import { HAJJ_EVERY_HIJRI_YEARS, hajjRecordOf, listHajjPermits } from '../../registry/index.js';
import { pluralBoth } from '../../kernel/i18n/index.js';
import { defineInquiry, f, v, type InquiryField, type StatusTone } from '../define.js';
import { LABELS } from '../parts.js';

/**
 * The Hajj inquiries of civil status: Hajj eligibility (أهلية الحج) and Hajj permits (تصريح الحج),
 * about the person or a dependant.
 *
 * The eligibility rule, from what the registry holds (the Hajj performed, by Umm al-Qura year, and
 * the birth date; it holds no religion, so none is assumed): a person may perform the Hajj of the
 * season to come unless they performed Hajj fewer than HAJJ_EVERY_HIJRI_YEARS Hijri years before
 * it (performed in 1443: eligible again from the 1448 season), and from HAJJ_MINIMUM_AGE_HIJRI_YEARS
 * Hijri years of age on the first day of that Hajj (8 Dhu al-Hijjah).
 */

/** The age (Hijri years, on 8 Dhu al-Hijjah of the season) from which a person may register for Hajj. */
export const HAJJ_MINIMUM_AGE_HIJRI_YEARS = 12;

/** "5 سنوات هجرية", "12 سنة هجرية": a number of Hijri years, counted in each language. */
const hijriYears = (count: number) =>
  pluralBoth(count, {
    ar: { one: 'سنة هجرية واحدة', two: 'سنتين هجريتين', few: '{count} سنوات هجرية', many: '{count} سنة هجرية', other: '{count} سنة هجرية' },
    en: { one: '1 Hijri year', other: '{count} Hijri years' },
  });
/** "مرة كل 5 سنوات هجرية". */
const everyHijriYears = (count: number) =>
  pluralBoth(count, {
    ar: { one: 'كل سنة هجرية', two: 'كل سنتين هجريتين', few: 'كل {count} سنوات هجرية', many: 'كل {count} سنة هجرية', other: 'كل {count} سنة هجرية' },
    en: { one: 'every Hijri year', other: 'every {count} Hijri years' },
  });
const EVERY = everyHijriYears(HAJJ_EVERY_HIJRI_YEARS);
const BETWEEN = hijriYears(HAJJ_EVERY_HIJRI_YEARS);
const MINIMUM_AGE = hijriYears(HAJJ_MINIMUM_AGE_HIJRI_YEARS);

/** The Hajj season (Umm al-Qura year) to come on a day: this year's until its Hajj is over (13 Dhu al-Hijjah), then next year's. */
export function hajjSeasonOn(today: IsoDate): number {
  const h = toHijri(today);
  return h.month === 12 && h.day > 13 ? h.year + 1 : h.year;
}

/** The Gregorian date of the first day of Hajj (8 Dhu al-Hijjah) of a season. */
function hajjStartOf(season: number): IsoDate {
  return hijriToGregorian({ year: season, month: 12, day: 8 })!;
}

function ageOnHajjOf(birth: IsoDate, season: number): number {
  const start = hajjStartOf(season);
  return start < birth ? 0 : ageInHijriYears(birth, start);
}

export interface HajjEligibility {
  /** The season (Umm al-Qura year) the verdict is for: the one to come. */
  season: number;
  eligible: boolean;
  /** The latest Hajj performed, if any. */
  lastHajj: number | null;
  /** Why not: performed Hajj too recently; under the minimum age on the Hajj days. */
  recentHajj: boolean;
  underAge: boolean;
  /** The first season the person may perform Hajj (the season itself when eligible). */
  eligibleFrom: number;
}

/** Whether a person may perform the Hajj of the season to come, and from which season if not. */
export function hajjEligibility(person: Pick<Person, 'birth_date'>, performedYears: readonly number[], today: IsoDate): HajjEligibility {
  const season = hajjSeasonOn(today);
  const lastHajj = performedYears.length > 0 ? Math.max(...performedYears) : null;
  const againFrom = lastHajj === null ? season : Math.max(season, lastHajj + HAJJ_EVERY_HIJRI_YEARS);
  let ageFrom = season;
  while (ageOnHajjOf(person.birth_date, ageFrom) < HAJJ_MINIMUM_AGE_HIJRI_YEARS) ageFrom += 1;
  const eligibleFrom = Math.max(againFrom, ageFrom);
  return { season, eligible: eligibleFrom === season, lastHajj, recentHajj: againFrom > season, underAge: ageFrom > season, eligibleFrom };
}

/** "1447 هـ" / "1447 AH". */
export function hijriYearWords(year: number): Bilingual {
  return { ar: `${year} هـ`, en: `${year} AH` };
}

const SEASON = { ar: 'موسم الحج', en: 'Hajj season' };
const REASON = { ar: 'السبب', en: 'Reason' };

export const hajjEligibilityInquiry = defineInquiry({
  id: 'civil-affairs.hajj-eligibility',
  agency: 'civil-affairs',
  name: { ar: 'أهلية الحج', en: 'Hajj eligibility' },
  description: {
    ar: `هل يحق لك أو لأحد أفراد أسرتك أداء الحج في الموسم القادم: يُسمح بالحج مرة ${EVERY.ar}، ومتى يحق لمن لا يحق له الآن.`,
    en: `Whether you or a family member may perform Hajj in the coming season (Hajj is allowed once ${EVERY.en}), and from when if not.`,
  },
  keywords: { ar: ['الحج', 'أهلية الحج', 'أحقية الحج', 'حج'], en: ['hajj', 'hajj eligibility', 'pilgrimage'] },
  subjects: ['self', 'family'],
  empty: { ar: 'لا توجد بيانات حج.', en: 'No Hajj records.' },
  async run({ db, subject, today }) {
    const [record, permits] = await Promise.all([hajjRecordOf(db, subject.id), listHajjPermits(db, subject.id)]);
    const e = hajjEligibility(subject, record.map((r) => r.hijri_year), today);
    const season = hijriYearWords(e.season);
    const reasons: Bilingual[] = [];
    if (e.recentHajj && e.lastHajj !== null) {
      reasons.push({
        ar: `أُدّي الحج عام ${e.lastHajj} هـ، أي قبل أقل من ${BETWEEN.ar} من موسم ${season.ar}، ويُسمح بالحج مرة ${EVERY.ar}.`,
        en: `Hajj was performed in ${e.lastHajj} AH, fewer than ${BETWEEN.en} before the ${season.en} season; Hajj is allowed once ${EVERY.en}.`,
      });
    }
    if (e.underAge) {
      reasons.push({
        ar: `العمر في أيام حج موسم ${season.ar} أقل من الحد الأدنى لسن التسجيل في الحج (${MINIMUM_AGE.ar}).`,
        en: `Under ${MINIMUM_AGE.en} of age on the Hajj days of the ${season.en} season, the minimum age to register for Hajj.`,
      });
    }
    if (e.eligible) {
      reasons.push(
        e.lastHajj === null
          ? { ar: 'لا يوجد حج مسجل سابقًا.', en: 'No earlier Hajj is on record.' }
          : {
              ar: `آخر حج مسجل كان عام ${e.lastHajj} هـ، أي قبل ${BETWEEN.ar} أو أكثر من موسم ${season.ar}.`,
              en: `The last Hajj on record was in ${e.lastHajj} AH, ${BETWEEN.en} or more before the ${season.en} season.`,
            },
      );
    }
    const permit = permits.find((p) => p.season_hijri_year === e.season && p.status === 'issued');
    const summary: InquiryField[] = [
      f({ ar: 'الأهلية', en: 'Eligibility' }, e.eligible ? v.status('ok', { ar: 'مؤهل للحج', en: 'Eligible' }) : v.status('bad', { ar: 'غير مؤهل للحج', en: 'Not eligible' })),
      ...reasons.map((r) => f(REASON, v.words(r))),
      f(SEASON, v.words(season)),
      f({ ar: 'آخر حج', en: 'Last Hajj' }, e.lastHajj === null ? v.words({ ar: 'لا يوجد', en: 'None' }) : v.words(hijriYearWords(e.lastHajj))),
      ...(e.eligible ? [] : [f({ ar: 'الأهلية ابتداءً من موسم', en: 'Eligible from the season' }, v.words(hijriYearWords(e.eligibleFrom)))]),
      ...(e.underAge ? [f({ ar: `يبلغ ${MINIMUM_AGE.ar} في`, en: `Turns ${HAJJ_MINIMUM_AGE_HIJRI_YEARS} (Hijri) on` }, v.date(dateOfHijriAge(subject.birth_date, HAJJ_MINIMUM_AGE_HIJRI_YEARS)))] : []),
      ...(permit ? [f({ ar: `تصريح حج موسم ${season.ar}`, en: `Hajj permit for ${season.en}` }, v.code(permit.number))] : []),
    ];
    return {
      summary,
      // The Hajj on record, the latest first, each with its Day of Arafah.
      items: record.map((r) => {
        const arafah = hijriToGregorian({ year: r.hijri_year, month: 12, day: 9 });
        return {
          title: v.words({ ar: `حج عام ${r.hijri_year} هـ`, en: `Hajj of ${r.hijri_year} AH` }),
          fields: [f({ ar: 'السنة الهجرية', en: 'Hijri year' }, v.code(r.hijri_year)), ...(arafah ? [f({ ar: 'يوم عرفة', en: 'Day of Arafah' }, v.date(arafah))] : [])],
        };
      }),
    };
  },
});

const PERMIT_STATUS: Record<HajjPermitStatus | 'lapsed', { tone: StatusTone; words: Bilingual }> = {
  issued: { tone: 'ok', words: { ar: 'صادر', en: 'Issued' } },
  used: { tone: 'neutral', words: { ar: 'مستخدم', en: 'Used' } },
  cancelled: { tone: 'neutral', words: { ar: 'ملغى', en: 'Cancelled' } },
  lapsed: { tone: 'neutral', words: { ar: 'انتهى موسمه', en: 'Season over' } },
};

/** A permit's state today: an issued permit of a season whose Hajj is over has lapsed. */
export function permitStatus(permit: Pick<HajjPermit, 'status' | 'season_hijri_year'>, today: IsoDate): { tone: StatusTone; words: Bilingual } {
  if (permit.status === 'issued' && permit.season_hijri_year < hajjSeasonOn(today)) return PERMIT_STATUS.lapsed;
  return PERMIT_STATUS[permit.status];
}

export const hajjPermitInquiry = defineInquiry({
  id: 'civil-affairs.hajj-permit',
  agency: 'civil-affairs',
  name: { ar: 'تصريح الحج', en: 'Hajj permit' },
  description: {
    ar: 'تصاريح الحج الصادرة لك أو لأحد أفراد أسرتك: رقم التصريح والموسم والحملة وتاريخ الإصدار والحالة.',
    en: 'The Hajj permits issued to you or a family member: the permit number, the season, the campaign, the issue date and the status.',
  },
  keywords: { ar: ['تصريح الحج', 'تصريح حج', 'الحج', 'حملة الحج'], en: ['hajj permit', 'hajj', 'pilgrimage permit', 'hajj campaign'] },
  subjects: ['self', 'family'],
  empty: { ar: 'لا توجد تصاريح حج مسجلة.', en: 'No Hajj permit is on record.' },
  async run({ db, subject, today }) {
    const permits = await listHajjPermits(db, subject.id);
    return {
      items: permits.map((p) => {
        const status = permitStatus(p, today);
        const season = hijriYearWords(p.season_hijri_year);
        return {
          title: v.words({ ar: `تصريح حج موسم ${season.ar}`, en: `Hajj permit, ${season.en} season` }),
          status: v.status(status.tone, status.words),
          fields: [
            f({ ar: 'رقم التصريح', en: 'Permit number' }, v.code(p.number)),
            f(SEASON, v.words(season)),
            f({ ar: 'الحملة', en: 'Campaign' }, v.words({ ar: p.campaign_ar, en: p.campaign_en })),
            f(LABELS.issue, v.date(p.issued_on)),
          ],
        };
      }),
    };
  },
});
