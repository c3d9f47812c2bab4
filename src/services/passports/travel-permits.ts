import { formatReference } from '../../kernel/reference.js';
import { defineService, refuseAction, rule, step, type Bilingual, type EffectContext, type FieldProblem, type RegistryReader } from '../../catalogue/define.js';
import { field } from '../../catalogue/fields.js';
import type { Person } from '../../db/tables.js';
import { addDays, addYears, ageInHijriYears, dateOfHijriAge, formatDateInWords, formatGregorian, formatHijri, type IsoDate } from '../../kernel/dates.js';
import { AppError } from '../../kernel/errors.js';
import { pluralBoth } from '../../kernel/i18n/index.js';
import { personName } from '../../registry/index.js';

/**
 * Travel permits for family members (seed document 001): My Services -> Passports -> Family
 * members -> Travel permits for family members. A guardian permits an unmarried child under 21
 * (counted in Hijri years) to travel: to all countries or to a list, for one trip or several,
 * valid from one date to another. Passports approves (the permit is recorded in the child's
 * documents, which the child sees under "My data") or rejects with reasons; the guardian may
 * cancel a pending request, and cancel an issued permit. No fee.
 *
 * The guardian applies for themself and names the family member in the form: the request pages
 * do not let a person pick a ward yet, and the registry records guardianships of minors only,
 * while the permit is for children up to 21. Who may be named is checked against the registry on
 * every page and again on submit and approval; a child the applicant has no tie to is refused
 * with the same words whether or not the number exists.
 */

/** The age, in Hijri years, from which no permit is needed or given. */
export const PERMIT_AGE_LIMIT_HIJRI = 21;
/** How far ahead a permit may start, in days. */
export const MAX_DAYS_UNTIL_VALID_FROM = 180;
/** The longest validity: to at most one year after the start. */
export const MAX_VALIDITY_YEARS = 1;
/** How many countries a list may name. */
export const MAX_COUNTRIES = 5;

export interface TravelPermitData {
  member: { idNumber: string };
  trip: { destination: 'all' | 'list'; country1?: string; country2?: string; country3?: string; country4?: string; country5?: string; trips: 'single' | 'multiple'; validFrom: string; validTo: string };
}

/** Destinations, by ISO 3166-1 alpha-3 code (as the registry writes countries). */
export const COUNTRIES: ReadonlyArray<{ value: string; label: Bilingual }> = [
  { value: 'ARE', label: { ar: 'الإمارات العربية المتحدة', en: 'United Arab Emirates' } },
  { value: 'BHR', label: { ar: 'البحرين', en: 'Bahrain' } },
  { value: 'KWT', label: { ar: 'الكويت', en: 'Kuwait' } },
  { value: 'OMN', label: { ar: 'عُمان', en: 'Oman' } },
  { value: 'QAT', label: { ar: 'قطر', en: 'Qatar' } },
  { value: 'JOR', label: { ar: 'الأردن', en: 'Jordan' } },
  { value: 'EGY', label: { ar: 'مصر', en: 'Egypt' } },
  { value: 'LBN', label: { ar: 'لبنان', en: 'Lebanon' } },
  { value: 'MAR', label: { ar: 'المغرب', en: 'Morocco' } },
  { value: 'TUN', label: { ar: 'تونس', en: 'Tunisia' } },
  { value: 'TUR', label: { ar: 'تركيا', en: 'Türkiye' } },
  { value: 'GEO', label: { ar: 'جورجيا', en: 'Georgia' } },
  { value: 'AZE', label: { ar: 'أذربيجان', en: 'Azerbaijan' } },
  { value: 'BIH', label: { ar: 'البوسنة والهرسك', en: 'Bosnia and Herzegovina' } },
  { value: 'GBR', label: { ar: 'المملكة المتحدة', en: 'United Kingdom' } },
  { value: 'FRA', label: { ar: 'فرنسا', en: 'France' } },
  { value: 'DEU', label: { ar: 'ألمانيا', en: 'Germany' } },
  { value: 'ITA', label: { ar: 'إيطاليا', en: 'Italy' } },
  { value: 'ESP', label: { ar: 'إسبانيا', en: 'Spain' } },
  { value: 'CHE', label: { ar: 'سويسرا', en: 'Switzerland' } },
  { value: 'AUT', label: { ar: 'النمسا', en: 'Austria' } },
  { value: 'USA', label: { ar: 'الولايات المتحدة الأمريكية', en: 'United States' } },
  { value: 'CAN', label: { ar: 'كندا', en: 'Canada' } },
  { value: 'AUS', label: { ar: 'أستراليا', en: 'Australia' } },
  { value: 'MYS', label: { ar: 'ماليزيا', en: 'Malaysia' } },
  { value: 'IDN', label: { ar: 'إندونيسيا', en: 'Indonesia' } },
  { value: 'THA', label: { ar: 'تايلاند', en: 'Thailand' } },
  { value: 'MDV', label: { ar: 'جزر المالديف', en: 'Maldives' } },
  { value: 'JPN', label: { ar: 'اليابان', en: 'Japan' } },
  { value: 'CHN', label: { ar: 'الصين', en: 'China' } },
  { value: 'IND', label: { ar: 'الهند', en: 'India' } },
  { value: 'PAK', label: { ar: 'باكستان', en: 'Pakistan' } },
];

const COUNTRY_FIELDS = ['country1', 'country2', 'country3', 'country4', 'country5'] as const;

/** The countries a permit names, in the order given; empty for all countries. */
export function permitCountries(trip: TravelPermitData['trip']): string[] {
  return trip.destination === 'all' ? [] : COUNTRY_FIELDS.map((f) => trip[f]).filter((c): c is string => typeof c === 'string' && c !== '');
}

function countriesText(trip: TravelPermitData['trip']): Bilingual {
  const codes = permitCountries(trip);
  if (codes.length === 0) return { ar: 'جميع الدول', en: 'All countries' };
  const label = (code: string, locale: 'ar' | 'en') => COUNTRIES.find((c) => c.value === code)?.label[locale] ?? code;
  return { ar: codes.map((c) => label(c, 'ar')).join('، '), en: codes.map((c) => label(c, 'en')).join(', ') };
}

const NOT_YOUR_FAMILY: Bilingual = {
  ar: 'رقم الهوية المدخل لا يعود إلى أحد أفراد أسرتك في السجلات. يمكنك إصدار التصريح لأبنائك أو لمن هم تحت ولايتك فقط.',
  en: 'The ID number entered is not one of your family members in the records. You can issue a permit only for your children or those in your guardianship.',
};

/**
 * Why a person cannot be given a permit by this applicant on a day; null when they can. In the
 * order a guardian should hear it: not family (said the same way whether or not the number
 * exists), then married, then 21 or over, then not the guardian.
 */
/** A permit's number: its request's reference, grouped as people read it, with TP for TR. */
export function permitNumberFor(reference: string): string {
  return formatReference(reference).replace(/^TR/, 'TP');
}

export async function memberProblem(registry: RegistryReader, applicant: Person, member: Person | undefined, today: IsoDate): Promise<Bilingual | null> {
  if (!member || member.id === applicant.id || member.deceased || member.birth_date > today) return NOT_YOUR_FAMILY;
  const [parents, guardians] = await Promise.all([registry.parentIdsOf(member.id), registry.guardianIdsOf(member.id, today)]);
  if (!parents.includes(applicant.id) && !guardians.includes(applicant.id)) return NOT_YOUR_FAMILY;
  const name = { ar: personName(member, 'ar', 'short'), en: personName(member, 'en', 'short') };
  const female = member.sex === 'female';
  if (member.marital_status !== 'single') {
    return {
      ar: female
        ? `${name.ar} سبق لها الزواج حسب السجلات، والمتزوجة لا تحتاج إلى تصريح سفر ولا يُصدر لها.`
        : `${name.ar} سبق له الزواج حسب السجلات، والمتزوج لا يحتاج إلى تصريح سفر ولا يُصدر له.`,
      en: `${name.en} is or has been married according to the records: a married family member needs no travel permit and cannot be given one.`,
    };
  }
  if (ageInHijriYears(member.birth_date, today) >= PERMIT_AGE_LIMIT_HIJRI) {
    const on = dateOfHijriAge(member.birth_date, PERMIT_AGE_LIMIT_HIJRI);
    return {
      ar: `${female ? 'أتمّت' : 'أتمّ'} ${name.ar} 21 سنة هجرية في ${formatHijri(on, 'ar')} (${formatGregorian(on, 'ar')})، ومن بلغ 21 سنة هجرية لا يحتاج إلى تصريح سفر ولا يُصدر له.`,
      en: `${name.en} turned 21 in Hijri years on ${formatHijri(on, 'en')} (${formatGregorian(on, 'en')}): from 21 Hijri years no travel permit is needed or given.`,
    };
  }
  // The guardian is the one the registry names; with none named, the father.
  const isGuardian = guardians.includes(applicant.id) || (guardians.length === 0 && applicant.sex === 'male' && parents.includes(applicant.id));
  if (!isGuardian) {
    return {
      ar: `لست ولي أمر ${name.ar} حسب السجلات، ويصدر تصريح السفر ولي الأمر فقط.`,
      en: `You are not ${name.en}'s guardian according to the records; only the guardian issues a travel permit.`,
    };
  }
  return null;
}

async function memberOf(ctx: EffectContext<TravelPermitData>): Promise<Person | undefined> {
  return ctx.registry.personByIdNumber(ctx.request.data.member.idNumber);
}

/** The last day a permit may run for a member: the day before their 21st Hijri birthday. */
export function lastPermitDay(birthDate: IsoDate): IsoDate {
  const turns21 = dateOfHijriAge(birthDate, PERMIT_AGE_LIMIT_HIJRI);
  return addDays(turns21, -1);
}

const MEMBER: Bilingual = { ar: 'فرد الأسرة', en: 'Family member' };
const DESTINATION: Bilingual = { ar: 'الوجهة', en: 'Destination' };
const TRIPS: Bilingual = { ar: 'عدد الرحلات', en: 'Trips' };
const VALID_FROM: Bilingual = { ar: 'بداية صلاحية التصريح', en: 'Valid from' };
const VALID_TO: Bilingual = { ar: 'نهاية صلاحية التصريح', en: 'Valid to' };
const PERMIT_NUMBER: Bilingual = { ar: 'رقم التصريح', en: 'Permit number' };
const TRIP_LABELS: Record<'single' | 'multiple', Bilingual> = {
  single: { ar: 'رحلة واحدة', en: 'One trip' },
  multiple: { ar: 'رحلات متعددة', en: 'Several trips' },
};

export default defineService<TravelPermitData, 'awaiting_review' | 'issued' | 'rejected' | 'cancelled' | 'permit_cancelled', 'approve' | 'reject' | 'cancel' | 'cancelPermit'>({
  id: 'passports.family.travel-permits',
  agency: 'passports',
  group: { ar: 'أفراد الأسرة', en: 'Family members' },
  name: { ar: 'تصاريح السفر لأفراد الأسرة', en: 'Travel permits for family members' },
  description: {
    ar: 'أصدر تصريح سفر لأحد أبنائك غير المتزوجين ممن لم يبلغوا 21 سنة هجرية أو ألغِه: إلى جميع الدول أو دول محددة، لرحلة واحدة أو رحلات متعددة، خلال مدة تحددها. الخدمة لولي الأمر فقط وبدون رسوم، ويُشعر ولي الأمر بالموافقة أو بالرفض مع أسبابه.',
    en: 'Issue or cancel a travel permit for an unmarried child of yours under 21 in Hijri years: to all countries or to some, for one trip or several, for the period you choose. For the guardian only, with no fee; you are told of the approval, or of a rejection with its reasons.',
  },
  keywords: {
    ar: ['تصريح سفر', 'تصاريح السفر', 'سفر الأبناء', 'سفر الأولاد', 'إذن سفر', 'إلغاء تصريح السفر', 'أفراد الأسرة', 'ولي الأمر', 'سفر القاصر'],
    en: ['travel permit', 'permit to travel', 'child travel', 'family members', 'guardian', 'minor travel', 'cancel travel permit'],
  },
  audience: ['individuals'],
  applicant: ['self'],
  // A guardian may have permits for several children, and several permits for one child.
  oneOpenRequest: false,
  eligibility: [
    rule('has_family', { ar: 'أن يكون لك أبناء أو أفراد تحت ولايتك في السجلات.', en: 'You have children, or family members in your guardianship, in the records.' }, async ({ applicant, registry, today }) => (await registry.familyMemberIdsOf(applicant.id, today)).length > 0, {
      ar: 'لا يوجد في السجلات أبناء لك أو أفراد تحت ولايتك. تصدر تصاريح السفر لأفراد الأسرة من ولي الأمر فقط.',
      en: 'The records show no children of yours and nobody in your guardianship. Travel permits for family members are issued by the guardian only.',
    }),
    rule('alive', { ar: 'أن يكون سجلك المدني قائمًا.', en: 'Your civil record is active.' }, ({ applicant }) => !applicant.deceased, {
      ar: 'سجلك المدني يفيد بالوفاة.',
      en: 'The registry records you as deceased.',
    }),
  ],
  form: [
    step(
      'member',
      { ar: 'فرد الأسرة', en: 'The family member' },
      [
        field.idNumber('idNumber', {
          label: { ar: 'رقم هوية فرد الأسرة', en: "The family member's ID number" },
          hint: { ar: 'اختر من أفراد أسرتك المسجلين، أو أدخل رقم الهوية (10 أرقام) كما في هويته الوطنية أو سجل الأسرة.', en: 'Choose from your family members on record, or enter the ID number (10 digits) as on their national ID or the family record.' },
          familyChoice: { allowOther: true },
        }),
      ],
      {
        intro: () => ({
          ar: 'يصدر التصريح للأبناء غير المتزوجين ممن لم يبلغوا 21 سنة بالتقويم الهجري. المتزوج ومن بلغ 21 سنة هجرية لا يحتاجان إلى تصريح ولا يُصدر لهما.',
          en: 'A permit is for unmarried children under 21, counted in Hijri years. A married child, or one aged 21 or over in Hijri years, needs no permit and cannot be given one.',
        }),
        check: async ({ applicant, registry, today, values }) => {
          const member = await registry.personByIdNumber(values.idNumber!);
          const problem = await memberProblem(registry, applicant, member, today);
          return problem ? [{ field: 'idNumber', message: problem, refusal: problem !== NOT_YOUR_FAMILY }] : [];
        },
      },
    ),
    step(
      'trip',
      { ar: 'بيانات التصريح', en: 'The permit' },
      [
        field.choice('destination', {
          label: DESTINATION,
          display: 'radio',
          options: [
            { value: 'all', label: { ar: 'جميع الدول', en: 'All countries' } },
            { value: 'list', label: { ar: 'دول محددة', en: 'Some countries' } },
          ],
        }),
        ...COUNTRY_FIELDS.map((id, i) =>
          field.choice(id, {
            label: { ar: `الدولة ${i + 1}`, en: `Country ${i + 1}` },
            ...(i === 0 ? { hint: pluralBoth(MAX_COUNTRIES, { ar: { one: 'اختر دولة واحدة.', two: 'اختر دولة أو دولتين.', few: 'اختر من دولة إلى {count} دول.', many: 'اختر من دولة إلى {count} دولة.', other: 'اختر من دولة إلى {count} دولة.' }, en: { one: 'Choose one country.', other: 'Choose from one to {count} countries.' } }) } : {}),
            display: 'select' as const,
            options: COUNTRIES,
            optional: i > 0,
            showWhen: { field: 'destination', equals: 'list' },
          }),
        ),
        field.choice('trips', {
          label: TRIPS,
          display: 'radio',
          options: [
            { value: 'single', label: TRIP_LABELS.single },
            { value: 'multiple', label: TRIP_LABELS.multiple },
          ],
        }),
        field.date('validFrom', {
          label: VALID_FROM,
          hint: pluralBoth(MAX_DAYS_UNTIL_VALID_FROM, { ar: { one: 'بالتاريخ الميلادي، اليوم أو غدًا.', two: 'بالتاريخ الميلادي، من اليوم حتى يومين بعده.', few: 'بالتاريخ الميلادي، من اليوم حتى {count} أيام بعده.', many: 'بالتاريخ الميلادي، من اليوم حتى {count} يومًا بعده.', other: 'بالتاريخ الميلادي، من اليوم حتى {count} يوم بعده.' }, en: { one: 'Gregorian, today or tomorrow.', other: 'Gregorian, from today up to {count} days ahead.' } }),
          minDaysFromToday: 0,
          maxDaysFromToday: MAX_DAYS_UNTIL_VALID_FROM,
        }),
        field.date('validTo', {
          label: VALID_TO,
          hint: { ar: 'بعد تاريخ البداية، وبحد أقصى سنة منه، وقبل أن يبلغ فرد الأسرة 21 سنة هجرية.', en: 'After the start, at most one year from it, and before the family member turns 21 in Hijri years.' },
          minDaysFromToday: 1,
        }),
      ],
      {
        check: async ({ values }) => {
          const problems: FieldProblem[] = [];
          const repeated = COUNTRY_FIELDS.find((f, i) => values[f] !== undefined && COUNTRY_FIELDS.slice(0, i).some((g) => values[g] === values[f]));
          if (repeated) problems.push({ field: repeated, message: { ar: 'اخترت هذه الدولة من قبل.', en: 'You have already chosen this country.' } });
          const from = values.validFrom!;
          const to = values.validTo!;
          if (to <= from) problems.push({ field: 'validTo', message: { ar: 'يجب أن تكون نهاية الصلاحية بعد بدايتها.', en: 'The end of the validity must be after its start.' } });
          else if (to > addYears(from, MAX_VALIDITY_YEARS)) {
            problems.push({ field: 'validTo', message: { ar: 'أقصى مدة لصلاحية التصريح سنة واحدة من بدايتها.', en: 'A permit is valid for one year from its start at most.' } });
          }
          return problems;
        },
      },
    ),
  ],
  fee: () => [],
  feeSchedule: { lines: [] },
  workflow: {
    initial: 'awaiting_review',
    states: {
      awaiting_review: { label: { ar: 'قيد المراجعة', en: 'Under review' }, sla: { days: 2 }, waitingFor: 'agency' },
      issued: { label: { ar: 'صدر التصريح', en: 'Permit issued' } },
      rejected: { label: { ar: 'مرفوض', en: 'Rejected' }, final: true },
      cancelled: { label: { ar: 'ملغى', en: 'Cancelled' }, final: true },
      permit_cancelled: { label: { ar: 'أُلغي التصريح', en: 'Permit cancelled' }, final: true },
    },
    actions: {
      approve: {
        from: ['awaiting_review'],
        to: 'issued',
        by: ['officer', 'supervisor'],
        label: { ar: 'الموافقة وإصدار التصريح', en: 'Approve and issue the permit' },
        notify: {
          ar: 'تمت الموافقة على طلبك {reference} وصدر تصريح السفر رقم {permitNumber} لـ{memberName}.',
          en: 'Your request {reference} is approved: travel permit {permitNumber} is issued for {memberNameEn}.',
        },
      },
      reject: {
        from: ['awaiting_review'],
        to: 'rejected',
        by: ['officer', 'supervisor'],
        reason: 'required',
        label: { ar: 'رفض الطلب', en: 'Reject the request' },
        notify: { ar: 'رُفض طلب تصريح السفر {reference}.', en: 'Your travel permit request {reference} is rejected.' },
      },
      cancel: {
        from: ['awaiting_review'],
        to: 'cancelled',
        by: ['applicant'],
        label: { ar: 'إلغاء الطلب', en: 'Cancel the request' },
        notify: { ar: 'أُلغي طلب تصريح السفر {reference}.', en: 'Travel permit request {reference} is cancelled.' },
      },
      cancelPermit: {
        from: ['issued'],
        to: 'permit_cancelled',
        by: ['applicant'],
        label: { ar: 'إلغاء التصريح', en: 'Cancel the permit' },
        confirm: {
          ar: 'سيُلغى تصريح السفر رقم {permitNumber} فورًا ولا يمكن التراجع عن إلغائه، وإن احتاج فرد الأسرة إلى السفر بعد ذلك فيلزم طلب تصريح جديد. هل تريد إلغاء التصريح؟',
          en: 'Travel permit {permitNumber} will be cancelled at once, and the cancellation cannot be undone: should the family member need to travel afterwards, a new permit must be requested. Do you want to cancel the permit?',
        },
        // The guardian is sent the SMS even though he cancelled it himself: the permit lets a child cross a border.
        smsToActor: true,
        notify: { ar: 'أُلغي تصريح السفر رقم {permitNumber} (الطلب {reference}).', en: 'Travel permit {permitNumber} (request {reference}) is cancelled.' },
      },
    },
  },
  rejectReasons: [
    { code: 'not_guardian', label: { ar: 'مقدم الطلب ليس ولي الأمر', en: 'The applicant is not the guardian' } },
    { code: 'court_order', label: { ar: 'يوجد أمر قضائي يمنع السفر', en: 'A court order prevents the travel' } },
    { code: 'travel_ban', label: { ar: 'على فرد الأسرة منع من السفر', en: 'The family member is banned from travel' } },
    { code: 'passport_invalid', label: { ar: 'جواز سفر فرد الأسرة غير سارٍ', en: "The family member's passport is not valid" } },
    { code: 'other', label: { ar: 'سبب آخر', en: 'Another reason' } },
  ],
  outputs: {
    // The member's name in each language's script: each page and proof shows the one of its language.
    memberName: { ...MEMBER, language: 'ar' },
    memberNameEn: { ...MEMBER, language: 'en' },
    permitNumber: PERMIT_NUMBER,
  },
  summary: ({ data, outputs }) => [
    { label: MEMBER, value: { ar: String(outputs.memberName ?? ''), en: String(outputs.memberNameEn ?? outputs.memberName ?? '') } },
    { label: DESTINATION, value: countriesText(data.trip) },
    { label: TRIPS, value: TRIP_LABELS[data.trip.trips] },
    { label: VALID_FROM, value: data.trip.validFrom },
    { label: VALID_TO, value: data.trip.validTo },
    ...(outputs.permitNumber === undefined ? [] : [{ label: PERMIT_NUMBER, value: String(outputs.permitNumber) }]),
  ],
  effects: {
    // The step checks ran in this transaction; what they cannot see together is the member's
    // 21st Hijri birthday against the validity: a permit may not run past the day before it.
    submit: async (ctx) => {
      const member = await memberOf(ctx);
      if (!member) throw new AppError('requests.invalid_data', {}, [{ field: 'member.idNumber', key: 'errors.requests.invalid_data', text: NOT_YOUR_FAMILY }]);
      const last = lastPermitDay(member.birth_date);
      if (ctx.request.data.trip.validTo > last) {
        throw new AppError('requests.invalid_data', {}, [
          {
            field: 'trip.validTo',
            key: 'errors.requests.invalid_data',
            text: {
              ar: `يبلغ فرد الأسرة 21 سنة هجرية بعد ${formatDateInWords(last, 'ar')}، فهو آخر تاريخ يمكن أن تنتهي فيه صلاحية التصريح.`,
              en: `The family member turns 21 in Hijri years after ${formatDateInWords(last, 'en')}, so that is the latest end of validity.`,
            },
          },
        ]);
      }
      ctx.setOutput('memberName', personName(member, 'ar', 'short'));
      ctx.setOutput('memberNameEn', personName(member, 'en', 'short'));
    },
    // Checked again on the day of approval: the member may have married, turned 21, or the
    // guardianship changed since the request.
    approve: async (ctx) => {
      const member = await memberOf(ctx);
      const problem = await memberProblem(ctx.registry, ctx.applicant, member, ctx.today);
      if (problem || !member) refuseAction(problem ?? NOT_YOUR_FAMILY);
      const { trip } = ctx.request.data;
      if (trip.validTo < ctx.today) refuseAction({ ar: 'انتهت المدة المطلوبة للتصريح قبل الموافقة عليه.', en: 'The period asked for ended before the permit could be approved.' });
      const number = permitNumberFor(ctx.request.reference);
      await ctx.registry.issueDocumentNumbered(member.id, 'travel_permit', {
        number,
        validFrom: trip.validFrom < ctx.today ? ctx.today : trip.validFrom,
        validTo: trip.validTo,
        details: { request: ctx.request.reference, guardianNationalId: ctx.applicant.national_id, destination: trip.destination, countries: permitCountries(trip), trips: trip.trips, validFrom: trip.validFrom, validTo: trip.validTo },
      });
      ctx.setOutput('permitNumber', number);
    },
    cancelPermit: async (ctx) => {
      const number = ctx.request.outputs.permitNumber;
      if (typeof number !== 'string') refuseAction({ ar: 'لا يوجد تصريح صادر لهذا الطلب.', en: 'No permit was issued for this request.' });
      // An expired permit stays as it is: cancelling it changes nothing in the records.
      await ctx.registry.cancelDocument('travel_permit', number, { request: ctx.request.reference, on: ctx.today });
      // The family member is told too, when they have an activated account of their own.
      const member = await memberOf(ctx);
      if (member) {
        ctx.notifyPerson(member.id, {
          ar: 'ألغى ولي أمرك تصريح السفر رقم {permitNumber} الصادر لك.',
          en: 'Your guardian cancelled travel permit {permitNumber} issued for you.',
        });
      }
    },
  },
});
