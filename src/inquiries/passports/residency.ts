import type { Bilingual } from '../../catalogue/define.js';
import type { ContractStatus, CrossingVisaKind } from '../../db/tables.js';
import { DOCUMENT_GENDER, biometricsOf, employmentOf, findCurrentSponsorship, healthInsuranceOf, listBorderCrossings, listDocuments, listExitReentryVisas, returnStatusOf, type ReturnStatus } from '../../registry/index.js';
import { defineInquiry, f, v, type InquiryField, type InquiryValue } from '../define.js';
import { pluralBoth } from '../../kernel/i18n/index.js';
import { LABELS, nameOf, nationalityOf, RESIDENTS_ONLY, sponsorName, validity } from '../parts.js';

/**
 * The passports inquiries about one person (the asker, a dependant or a domestic worker): the
 * exit/re-entry visa, fingerprints, health insurance, the iqama, the travel record, the resident
 * report and employment.
 */

const ANYONE = ['self', 'family', 'workers'] as const;

export const RETURN_STATUS: Record<ReturnStatus, { tone: 'ok' | 'warning' | 'bad' | 'neutral'; words: Bilingual }> = {
  not_used: { tone: 'neutral', words: { ar: 'لم تُستخدم بعد', en: 'Not used yet' } },
  outside: { tone: 'warning', words: { ar: 'خارج المملكة', en: 'Outside the Kingdom' } },
  late: { tone: 'bad', words: { ar: 'لم يعد في الموعد', en: 'Did not return in time' } },
  returned: { tone: 'ok', words: { ar: 'عاد إلى المملكة', en: 'Returned' } },
  expired_unused: { tone: 'neutral', words: { ar: 'انتهت دون استخدام', en: 'Expired unused' } },
  cancelled: { tone: 'neutral', words: { ar: 'ملغاة', en: 'Cancelled' } },
};

const VISA_TYPE: Record<'single' | 'multiple', Bilingual> = { single: { ar: 'مفردة', en: 'Single' }, multiple: { ar: 'متعددة', en: 'Multiple' } };
const RETURN_BY: Bilingual = { ar: 'العودة قبل', en: 'Return by' };

export const exitReentryStatus = defineInquiry({
  id: 'passports.exit-reentry-status',
  agency: 'passports',
  name: { ar: 'حالة تأشيرة الخروج والعودة', en: 'Exit and re-entry visa status' },
  description: {
    ar: 'تأشيرات الخروج والعودة: نوعها ومدتها وموعد العودة، وهل غادر صاحبها وعاد.',
    en: 'Exit and re-entry visas: their type, duration and return-by date, and whether the holder left and came back.',
  },
  keywords: { ar: ['خروج وعودة', 'تأشيرة خروج', 'الخروج والعودة'], en: ['exit re-entry', 'exit visa', 're-entry visa'] },
  subjects: ANYONE,
  empty: { ar: 'لا توجد تأشيرات خروج وعودة مسجلة.', en: 'No exit and re-entry visa is on record.' },
  async run({ db, subject, today }) {
    const visas = await listExitReentryVisas(db, subject.id);
    return {
      items: visas.map((visa) => {
        const status = RETURN_STATUS[returnStatusOf(visa, today)];
        return {
          title: v.words({ ar: `تأشيرة خروج وعودة ${visa.details ? VISA_TYPE[visa.details.visaType].ar : ''}`.trim(), en: `${visa.details ? `${VISA_TYPE[visa.details.visaType].en} e` : 'E'}xit and re-entry visa` }),
          status: v.status(status.tone, status.words),
          fields: [
            f({ ar: 'رقم التأشيرة', en: 'Visa number' }, v.code(visa.document.number)),
            f(LABELS.issue, v.date(visa.document.issue_date)),
            ...(visa.details ? [f({ ar: 'المدة', en: 'Duration' }, v.words(pluralBoth(visa.details.durationDays, { ar: { one: 'يوم واحد', two: 'يومان', few: '{count} أيام', many: '{count} يومًا', other: '{count} يوم' }, en: { one: '1 day', other: '{count} days' } })))] : []),
            f(RETURN_BY, v.date(visa.document.expiry_date)),
            ...(visa.exit ? [f({ ar: 'غادر في', en: 'Left on' }, v.datetime(visa.exit.crossed_at))] : []),
            ...(visa.return ? [f({ ar: 'عاد في', en: 'Came back on' }, v.datetime(visa.return.crossed_at))] : []),
          ],
        };
      }),
    };
  },
});

export const biometrics = defineInquiry({
  id: 'passports.biometrics',
  agency: 'passports',
  name: { ar: 'حالة تسجيل البصمة', en: 'Fingerprint registration status' },
  description: {
    ar: 'هل سُجلت البصمات وصورة الوجه (الطباعة الرقمية)، ومتى وأين.',
    en: 'Whether fingerprints and the face image (biometrics) are registered, and when and where.',
  },
  keywords: { ar: ['البصمة', 'الطباعة الرقمية', 'بصمة'], en: ['fingerprints', 'biometrics', 'fingerprint'] },
  subjects: ANYONE,
  empty: { ar: 'لا توجد بيانات بصمة.', en: 'No biometrics on record.' },
  async run({ db, subject }) {
    const record = await biometricsOf(db, subject.id);
    if (!record) {
      return {
        summary: [f(LABELS.status, v.status('bad', { ar: 'غير مسجلة', en: 'Not registered' }))],
        items: [],
        empty: { ar: 'لم تُسجل البصمات بعد. سجلها في أقرب مكتب للجوازات.', en: 'No fingerprints are registered yet. Please register them at a passports office.' },
      };
    }
    return {
      summary: [
        f(LABELS.status, record.status === 'registered' ? v.status('ok', { ar: 'مسجلة', en: 'Registered' }) : v.status('warning', { ar: 'غير مكتملة', en: 'Incomplete' })),
        ...(record.fingerprints_on ? [f({ ar: 'تاريخ تسجيل البصمات', en: 'Fingerprints taken on' }, v.date(record.fingerprints_on))] : []),
        ...(record.face_on ? [f({ ar: 'تاريخ تسجيل صورة الوجه', en: 'Face image taken on' }, v.date(record.face_on))] : []),
        ...(record.place_ar ? [f({ ar: 'مكان التسجيل', en: 'Taken at' }, v.words({ ar: record.place_ar, en: record.place_en ?? record.place_ar }))] : []),
      ],
      items: [],
    };
  },
});

export const healthInsurance = defineInquiry({
  id: 'passports.health-insurance',
  agency: 'passports',
  name: { ar: 'صلاحية التأمين الصحي للمقيم', en: "Resident's health insurance validity" },
  description: {
    ar: 'وثيقة التأمين الصحي للمقيم: شركة التأمين ورقم الوثيقة والفئة ومدة سريانها.',
    en: "A resident's health insurance: the insurer, the policy number, the class and how long it is valid.",
  },
  keywords: { ar: ['التأمين الصحي', 'تأمين طبي'], en: ['health insurance', 'medical insurance'] },
  subjects: ANYONE,
  empty: { ar: 'لا توجد وثيقة تأمين صحي مسجلة.', en: 'No health insurance policy is on record.' },
  async run({ db, subject, today }) {
    if (subject.id_type === 'national_id') return { items: [], empty: RESIDENTS_ONLY };
    const policies = await healthInsuranceOf(db, subject.id);
    return {
      items: policies.map((p) => ({
        title: v.words({ ar: p.insurer_ar, en: p.insurer_en }),
        status: validity(p.ends_on, today, 'feminine'), // وثيقة التأمين
        fields: [
          f({ ar: 'رقم الوثيقة', en: 'Policy number' }, v.code(p.policy_number)),
          f({ ar: 'الفئة', en: 'Class' }, v.code(p.class)),
          f({ ar: 'تبدأ في', en: 'From' }, v.date(p.starts_on)),
          f({ ar: 'تنتهي في', en: 'To' }, v.date(p.ends_on)),
        ],
      })),
    };
  },
});

export const iqamaValidity = defineInquiry({
  id: 'passports.iqama-validity',
  agency: 'passports',
  name: { ar: 'صلاحية هوية مقيم', en: 'Iqama validity' },
  description: { ar: 'رقم هوية المقيم (الإقامة) وتاريخ انتهائها وحالتها.', en: 'The resident identity (iqama): its number, expiry and status.' },
  keywords: { ar: ['الإقامة', 'انتهاء الإقامة', 'هوية مقيم'], en: ['iqama', 'residence permit', 'iqama expiry'] },
  subjects: ANYONE,
  empty: { ar: 'لا توجد هوية مقيم مسجلة.', en: 'No iqama is on record.' },
  async run({ db, subject, today }) {
    if (subject.id_type === 'national_id') return { items: [], empty: RESIDENTS_ONLY };
    const iqamas = await listDocuments(db, { personId: subject.id, kind: 'iqama' });
    return {
      items: iqamas.map((d) => ({
        title: v.words({ ar: 'هوية مقيم', en: 'Iqama' }),
        status: validity(d.expiry_date, today, DOCUMENT_GENDER.iqama, d.status),
        fields: [f({ ar: 'رقم الإقامة', en: 'Iqama number' }, v.code(d.number)), f(LABELS.issue, v.date(d.issue_date)), f(LABELS.expiry, v.date(d.expiry_date))],
      })),
    };
  },
});

const VISA_KIND: Record<CrossingVisaKind, Bilingual> = {
  work: { ar: 'تأشيرة عمل', en: 'Work visa' },
  exit_reentry: { ar: 'خروج وعودة', en: 'Exit and re-entry' },
  final_exit: { ar: 'خروج نهائي', en: 'Final exit' },
  family: { ar: 'زيارة عائلية', en: 'Family visit' },
  visit: { ar: 'زيارة', en: 'Visit' },
  hajj: { ar: 'حج', en: 'Hajj' },
  umrah: { ar: 'عمرة', en: 'Umrah' },
};

/** How many crossings the travel record lists. */
export const CROSSINGS_LISTED = 50;

export const travelRecord = defineInquiry({
  id: 'passports.travel-record',
  agency: 'passports',
  name: { ar: 'سجل السفر', en: 'Travel record' },
  description: {
    ar: 'مرات الدخول إلى المملكة والخروج منها: التاريخ والمنفذ والجواز المستخدم.',
    en: 'Entries into and exits from the Kingdom: the date, the port and the passport used.',
  },
  keywords: { ar: ['سجل السفر', 'الدخول والخروج', 'السفر والعودة'], en: ['travel record', 'entries and exits', 'travel history'] },
  subjects: ANYONE,
  empty: { ar: 'لا توجد حركات دخول أو خروج مسجلة.', en: 'No entry or exit is on record.' },
  async run({ db, subject }) {
    const crossings = await listBorderCrossings(db, subject.id, { limit: CROSSINGS_LISTED });
    return {
      items: crossings.map((c) => ({
        title: v.words(c.direction === 'entry' ? { ar: 'دخول', en: 'Entry' } : { ar: 'خروج', en: 'Exit' }),
        fields: [
          f({ ar: 'التاريخ والوقت', en: 'Date and time' }, v.datetime(c.crossed_at)),
          f({ ar: 'المنفذ', en: 'Port' }, v.words({ ar: c.port_ar, en: c.port_en })),
          f({ ar: 'رقم الجواز', en: 'Passport number' }, v.code(c.passport_number)),
          ...(c.visa_kind ? [f({ ar: 'التأشيرة', en: 'Visa' }, v.words(VISA_KIND[c.visa_kind]))] : []),
        ],
      })),
    };
  },
});

export const residentReport = defineInquiry({
  id: 'passports.resident-report',
  agency: 'passports',
  name: { ar: 'تقرير مقيم', en: 'Resident report' },
  description: {
    ar: 'ملخص بيانات المقيم: هويته وكفيله ومهنته وإقامته وجوازه وبصماته وتأمينه الصحي.',
    en: "A summary of a resident's records: identity, sponsor, occupation, iqama, passport, biometrics and health insurance.",
  },
  keywords: { ar: ['تقرير مقيم', 'بيانات المقيم'], en: ['resident report', 'resident details'] },
  subjects: ANYONE,
  empty: RESIDENTS_ONLY,
  async run({ db, subject, today }) {
    if (subject.id_type === 'national_id') return { items: [], empty: RESIDENTS_ONLY };
    const [sponsorship, iqamas, passports, record, policies] = await Promise.all([
      findCurrentSponsorship(db, subject.id),
      listDocuments(db, { personId: subject.id, kind: 'iqama' }),
      listDocuments(db, { personId: subject.id, kind: 'passport' }),
      biometricsOf(db, subject.id),
      healthInsuranceOf(db, subject.id),
    ]);
    const iqama = iqamas.find((d) => d.status === 'valid') ?? iqamas[0];
    const passport = passports.find((d) => d.status === 'valid') ?? passports[0];
    const summary: InquiryField[] = [
      f({ ar: 'الاسم', en: 'Name' }, nameOf(subject)),
      f({ ar: 'رقم الإقامة', en: 'Iqama number' }, v.code(subject.national_id)),
      f({ ar: 'الجنسية', en: 'Nationality' }, nationalityOf(subject.nationality)),
      f({ ar: 'تاريخ الميلاد', en: 'Date of birth' }, v.date(subject.birth_date)),
      f({ ar: 'داخل المملكة', en: 'Inside the Kingdom' }, yesNo(subject.inside_kingdom)),
    ];
    if (sponsorship) {
      summary.push(
        f({ ar: 'الكفيل', en: 'Sponsor' }, sponsorName(sponsorship.sponsor)),
        f({ ar: 'المهنة', en: 'Occupation' }, v.words({ ar: sponsorship.sponsorship.occupation_ar, en: sponsorship.sponsorship.occupation_en })),
      );
    }
    if (iqama) summary.push(f({ ar: 'الإقامة', en: 'Iqama' }, validity(iqama.expiry_date, today, DOCUMENT_GENDER.iqama, iqama.status)), f({ ar: 'تنتهي الإقامة في', en: 'Iqama expires on' }, v.date(iqama.expiry_date)));
    if (passport) summary.push(f({ ar: 'رقم الجواز', en: 'Passport number' }, v.code(passport.number)), f({ ar: 'ينتهي الجواز في', en: 'Passport expires on' }, v.date(passport.expiry_date)));
    summary.push(f({ ar: 'البصمة', en: 'Biometrics' }, record?.status === 'registered' ? v.status('ok', { ar: 'مسجلة', en: 'Registered' }) : v.status('bad', { ar: 'غير مسجلة', en: 'Not registered' })));
    summary.push(f({ ar: 'التأمين الصحي', en: 'Health insurance' }, policies[0] ? validity(policies[0].ends_on, today, 'masculine') : v.status('bad', { ar: 'لا يوجد', en: 'None' })));
    return { summary, items: [] };
  },
});

function yesNo(yes: boolean): InquiryValue {
  return v.words(yes ? { ar: 'نعم', en: 'Yes' } : { ar: 'لا', en: 'No' });
}

const CONTRACT: Record<ContractStatus, { tone: 'ok' | 'warning' | 'neutral'; words: Bilingual }> = {
  active: { tone: 'ok', words: { ar: 'ساري', en: 'Active' } },
  suspended: { tone: 'warning', words: { ar: 'موقوف', en: 'Suspended' } },
  ended: { tone: 'neutral', words: { ar: 'منتهٍ', en: 'Ended' } },
};

export const employment = defineInquiry({
  id: 'passports.employment',
  agency: 'passports',
  name: { ar: 'معلومات التوظيف', en: 'Employment information' },
  description: { ar: 'عقود العمل: جهة العمل والمهنة وتاريخ البدء والأجر وحالة العقد.', en: 'Employment contracts: the employer, occupation, start date, wage and contract status.' },
  keywords: { ar: ['التوظيف', 'جهة العمل', 'عقد العمل'], en: ['employment', 'employer', 'work contract'] },
  subjects: ANYONE,
  empty: { ar: 'لا توجد عقود عمل مسجلة.', en: 'No employment contract is on record.' },
  async run({ db, subject }) {
    const contracts = await employmentOf(db, subject.id);
    return {
      items: contracts.map(({ employment: e, employer }) => ({
        title: v.words({ ar: e.occupation_ar, en: e.occupation_en }),
        status: v.status(CONTRACT[e.contract_status].tone, CONTRACT[e.contract_status].words),
        fields: [
          f({ ar: 'جهة العمل', en: 'Employer' }, sponsorName(employer)),
          f({ ar: 'تاريخ البدء', en: 'Started on' }, v.date(e.started_on)),
          ...(e.ended_on ? [f({ ar: 'تاريخ الانتهاء', en: 'Ended on' }, v.date(e.ended_on))] : []),
          ...(e.monthly_wage !== null ? [f({ ar: 'الأجر الشهري', en: 'Monthly wage' }, v.money(e.monthly_wage))] : []),
        ],
      })),
    };
  },
});
