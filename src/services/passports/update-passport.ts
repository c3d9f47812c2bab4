import { defineService, refuseAction, rule, step, type Bilingual, type EffectContext, type RegistryReader } from '../../catalogue/define.js';
import { field, UPLOAD_MAX_BYTES } from '../../catalogue/fields.js';
import type { Person } from '../../db/tables.js';
import { sar } from '../../kernel/money.js';

/**
 * Update renewed passport information (seed document 001): My Services -> Passports -> Resident
 * ID services -> Update passport information. A resident records the passport they renewed, for
 * themself, or a sponsor does it for a worker or dependant they sponsor: the new passport's
 * number, issuing country and dates, and a scan of it; they declare that the old passport is not
 * lost. The fee paid, the registry holds the new passport at once and the old one is cancelled.
 * A lost passport, an absence report, unpaid traffic violations or a security restriction need
 * a visit to a passports office instead.
 */

/** The fee, in riyals (a setting of the service). */
export const UPDATE_PASSPORT_FEE_SAR: number = 69;

export interface UpdatePassportData {
  passport: { number: string; issuingCountry: string; issueDate: string; expiryDate: string };
  scan: { passportScan: string };
  declaration: { notLost: string };
}

/** Issuing countries of the residents' passports, by ISO 3166 alpha-3 code. */
export const ISSUING_COUNTRIES: ReadonlyArray<{ value: string; label: Bilingual }> = [
  { value: 'PAK', label: { ar: 'باكستان', en: 'Pakistan' } },
  { value: 'IND', label: { ar: 'الهند', en: 'India' } },
  { value: 'BGD', label: { ar: 'بنغلاديش', en: 'Bangladesh' } },
  { value: 'PHL', label: { ar: 'الفلبين', en: 'Philippines' } },
  { value: 'EGY', label: { ar: 'مصر', en: 'Egypt' } },
  { value: 'IDN', label: { ar: 'إندونيسيا', en: 'Indonesia' } },
  { value: 'NPL', label: { ar: 'نيبال', en: 'Nepal' } },
  { value: 'LKA', label: { ar: 'سريلانكا', en: 'Sri Lanka' } },
  { value: 'SDN', label: { ar: 'السودان', en: 'Sudan' } },
  { value: 'YEM', label: { ar: 'اليمن', en: 'Yemen' } },
  { value: 'JOR', label: { ar: 'الأردن', en: 'Jordan' } },
  { value: 'SYR', label: { ar: 'سوريا', en: 'Syria' } },
  { value: 'LBN', label: { ar: 'لبنان', en: 'Lebanon' } },
  { value: 'ETH', label: { ar: 'إثيوبيا', en: 'Ethiopia' } },
  { value: 'KEN', label: { ar: 'كينيا', en: 'Kenya' } },
  { value: 'UGA', label: { ar: 'أوغندا', en: 'Uganda' } },
  { value: 'MAR', label: { ar: 'المغرب', en: 'Morocco' } },
  { value: 'TUN', label: { ar: 'تونس', en: 'Tunisia' } },
  { value: 'NGA', label: { ar: 'نيجيريا', en: 'Nigeria' } },
  { value: 'AFG', label: { ar: 'أفغانستان', en: 'Afghanistan' } },
  { value: 'MMR', label: { ar: 'ميانمار', en: 'Myanmar' } },
  { value: 'TUR', label: { ar: 'تركيا', en: 'Türkiye' } },
  { value: 'GBR', label: { ar: 'المملكة المتحدة', en: 'United Kingdom' } },
  { value: 'USA', label: { ar: 'الولايات المتحدة الأمريكية', en: 'United States' } },
];

const NEW_PASSPORT: Bilingual = { ar: 'رقم الجواز الجديد', en: 'New passport number' };
const ISSUING_COUNTRY: Bilingual = { ar: 'دولة إصدار الجواز', en: 'Issuing country' };
const EXPIRY: Bilingual = { ar: 'تاريخ انتهاء الجواز الجديد', en: 'New passport expiry date' };
const PREVIOUS: Bilingual = { ar: 'الجواز السابق (أُلغي)', en: 'Previous passport (cancelled)' };

/** Passport numbers are read in capitals, as printed. */
const numberOf = (data: UpdatePassportData) => data.passport.number.toUpperCase();

/** The passport on record issued last: the one the renewal replaces. */
async function currentPassport(registry: RegistryReader, personId: string) {
  const passports = await registry.documents(personId, 'passport');
  return [...passports].sort((a, b) => (a.issue_date < b.issue_date ? 1 : a.issue_date > b.issue_date ? -1 : 0))[0];
}

const EXPIRED: Bilingual = {
  ar: 'الجواز الجديد منتهي الصلاحية. لا يُسجل إلا جواز ساري المفعول.',
  en: 'The new passport has already expired. Only a valid passport can be recorded.',
};
const NUMBER_TAKEN: Bilingual = {
  ar: 'رقم الجواز هذا مسجل من قبل. تأكد منه كما هو مطبوع في الجواز الجديد، أو راجع مكتب الجوازات.',
  en: 'This passport number is already on record. Check it against the new passport, or visit a passports office.',
};

/** What makes the new passport unfit to record today: a problem per field, none when it is fine. */
async function passportProblems(registry: RegistryReader, beneficiary: Person, today: string, passport: Partial<UpdatePassportData['passport']>) {
  const problems: Array<{ field: string; message: Bilingual }> = [];
  if (passport.expiryDate! < today) problems.push({ field: 'expiryDate', message: EXPIRED });
  else if (passport.expiryDate! <= passport.issueDate!) problems.push({ field: 'expiryDate', message: { ar: 'يجب أن يكون تاريخ الانتهاء بعد تاريخ الإصدار.', en: 'The expiry date must be after the issue date.' } });
  if (passport.issuingCountry !== beneficiary.nationality) {
    problems.push({
      field: 'issuingCountry',
      message: { ar: 'دولة إصدار الجواز تختلف عن الجنسية المسجلة. تغيير الجنسية يتطلب مراجعة مكتب الجوازات.', en: 'The issuing country differs from the nationality on record. A change of nationality needs a visit to a passports office.' },
    });
  }
  if (await registry.documentByNumber('passport', passport.number!.toUpperCase())) problems.push({ field: 'number', message: NUMBER_TAKEN });
  return problems;
}

export default defineService<UpdatePassportData, 'awaiting_payment' | 'recorded' | 'completed' | 'cancelled' | 'expired', 'pay' | 'cancel' | 'expire' | 'confirmScan'>({
  id: 'passports.resident-id.update-passport',
  agency: 'passports',
  group: { ar: 'خدمات هوية مقيم', en: 'Resident ID services' },
  name: { ar: 'تحديث معلومات الجواز', en: 'Update passport information' },
  description: {
    ar: 'سجّل بيانات جواز السفر المجدد لمقيم، لنفسك أو لمن تكفله من العمالة المنزلية أو التابعين، دون مراجعة إدارة الجوازات: أدخل بيانات الجواز الجديد وارفع صورته، ثم أكد واحفظ بعد سداد الرسوم، فيُسجل الجواز الجديد فورًا.',
    en: "Record a resident's renewed passport, for yourself or for a domestic worker or dependant you sponsor, without visiting the passports department: enter the new passport's details and upload its scan, then confirm and save once the fee is paid; the new passport is recorded at once.",
  },
  keywords: {
    ar: ['تحديث معلومات الجواز', 'تحديث الجواز', 'الجواز المجدد', 'تجديد الجواز', 'جواز جديد', 'بيانات الجواز', 'هوية مقيم', 'جواز العامل', 'جواز السفر'],
    en: ['update passport', 'renewed passport', 'new passport', 'passport information', 'passport details', 'resident', 'iqama'],
  },
  audience: ['individuals'],
  applicant: ['self', 'sponsor'],
  // The account rule (an activated account) is the engine's own, before these. Each rule is about
  // the person whose passport it is: the applicant, or the worker or dependant they sponsor.
  eligibility: [
    rule('resident', { ar: 'أن يكون صاحب الجواز مقيمًا (له هوية مقيم).', en: 'The passport holder is a resident (holds an iqama).' }, ({ beneficiary }) => beneficiary.id_type === 'iqama', {
      ar: 'هذه الخدمة لجوازات المقيمين فقط. يُحدّث المواطن جوازه من خدمات جوازات المواطنين.',
      en: "This service is for residents' passports only. Citizens update their passport through the citizens' passport services.",
    }),
    rule(
      'passport_not_lost',
      { ar: 'ألا يكون الجواز السابق مُبلغًا عن فقده.', en: 'The previous passport has not been reported lost.' },
      async ({ beneficiary, registry }) => (await currentPassport(registry, beneficiary.id))?.status !== 'lost',
      {
        ar: 'الجواز السابق مُبلغ عن فقده، ولا يمكن تحديثه إلكترونيًا. يُرجى مراجعة مكتب الجوازات.',
        en: 'The previous passport has been reported lost, so it cannot be updated online. Please visit a passports office.',
      },
    ),
    rule('no_absence_report', { ar: 'ألا يكون على صاحب الجواز بلاغ تغيب.', en: 'No absence report stands against the passport holder.' }, async ({ beneficiary, registry }) => (await registry.absenceReportedOn(beneficiary.id)) === null, {
      ar: 'يوجد بلاغ تغيب قائم على صاحب الجواز. يُرجى مراجعة مكتب الجوازات.',
      en: 'An absence report stands against the passport holder. Please visit a passports office.',
    }),
    rule('no_unpaid_violations', { ar: 'ألا تكون على صاحب الجواز مخالفات مرورية غير مسددة.', en: 'The passport holder has no unpaid traffic violations.' }, async ({ beneficiary, registry }) => (await registry.unpaidViolations(beneficiary.id)).count === 0, {
      ar: 'على صاحب الجواز مخالفات مرورية غير مسددة. يُرجى سدادها أولًا ثم إعادة المحاولة.',
      en: 'The passport holder has unpaid traffic violations. Please pay them first, then try again.',
    }),
    rule('no_security_restriction', { ar: 'ألا يكون على صاحب الجواز قيد أمني.', en: 'The passport holder has no security restriction.' }, ({ beneficiary }) => !beneficiary.security_restriction, {
      ar: 'لا يمكن تحديث الجواز إلكترونيًا لوجود قيد أمني على السجل. يُرجى مراجعة مكتب الجوازات.',
      en: 'The passport cannot be updated online because the record has a security restriction. Please visit a passports office.',
    }),
  ],
  form: [
    step(
      'passport',
      { ar: 'بيانات الجواز الجديد', en: 'The new passport' },
      [
        field.text('number', {
          label: NEW_PASSPORT,
          hint: { ar: 'كما هو مطبوع في صفحة البيانات، بالأحرف اللاتينية والأرقام.', en: 'As printed on the data page, in Latin letters and digits.' },
          maxLength: 15,
          pattern: { regex: /^[A-Za-z0-9]{6,15}$/, message: { ar: 'رقم الجواز من 6 إلى 15 حرفًا لاتينيًا أو رقمًا.', en: 'The passport number is 6 to 15 Latin letters or digits.' } },
        }),
        field.choice('issuingCountry', { label: ISSUING_COUNTRY, display: 'select', options: ISSUING_COUNTRIES }),
        field.date('issueDate', {
          label: { ar: 'تاريخ إصدار الجواز الجديد', en: 'New passport issue date' },
          hint: { ar: 'بالتاريخ الميلادي، كما في الجواز.', en: 'Gregorian, as in the passport.' },
          maxDaysFromToday: 0,
          minDaysFromToday: -3653,
        }),
        field.date('expiryDate', { label: EXPIRY, hint: { ar: 'بالتاريخ الميلادي، كما في الجواز.', en: 'Gregorian, as in the passport.' } }),
      ],
      {
        // An expired passport, a number already on record, or another country's passport cannot be
        // recorded online (paying checks them again).
        check: async ({ beneficiary, registry, today, values }) => passportProblems(registry, beneficiary, today, values),
      },
    ),
    step(
      'scan',
      { ar: 'صورة الجواز الجديد', en: 'Scan of the new passport' },
      [
        field.file('passportScan', {
          label: { ar: 'صورة صفحة بيانات الجواز', en: "Scan of the passport's data page" },
          hint: { ar: 'صورة واضحة لصفحة البيانات كاملة.', en: 'A clear image of the whole data page.' },
          accept: ['jpeg', 'png', 'pdf'],
          maxBytes: UPLOAD_MAX_BYTES,
        }),
      ],
      () => ({ ar: 'تراجع إدارة الجوازات الصورة عند الحاجة، وتُحفظ مع الطلب.', en: 'The passports department may check the scan; it is kept with the request.' }),
    ),
    step('declaration', { ar: 'الإقرار', en: 'Declaration' }, [
      field.confirm('notLost', {
        label: {
          ar: 'أقر بأن الجواز السابق غير مفقود، وبأن بيانات الجواز الجديد المدخلة صحيحة ومطابقة له، وأعلم أن الجواز السابق يُلغى بعد حفظ البيانات.',
          en: 'I declare that the previous passport is not lost and that the details entered are true and match the new passport, and I understand that the previous passport is cancelled once they are saved.',
        },
      }),
    ]),
  ],
  fee: () => [{ code: 'passport_update_fee', label: { ar: 'رسوم تحديث معلومات الجواز', en: 'Passport information update fee' }, amount: sar(UPDATE_PASSPORT_FEE_SAR) }],
  feeSchedule: { lines: [{ label: { ar: 'تحديث معلومات الجواز', en: 'Updating the passport information' }, amount: sar(UPDATE_PASSPORT_FEE_SAR) }] },
  // By SADAD or card. Cancelling is possible only before payment, and a payment the registry can no
  // longer take (see the pay effect) is refused and refunded by the payments module.
  payment: {},
  workflow: {
    // Paid, the new passport is on record at once; the passports department then checks the scan
    // against it and closes the request.
    initial: 'recorded',
    awaitingPayment: 'awaiting_payment',
    states: {
      awaiting_payment: { label: { ar: 'بانتظار السداد', en: 'Awaiting payment' }, sla: { days: 3, onTimeout: 'expire' }, waitingFor: 'applicant' },
      recorded: { label: { ar: 'حُفظ الجواز الجديد، والصورة قيد التدقيق', en: 'New passport on record; scan being checked' }, sla: { days: 5 }, waitingFor: 'agency' },
      completed: { label: { ar: 'تم تحديث معلومات الجواز', en: 'Passport information updated' }, final: true },
      cancelled: { label: { ar: 'ملغى', en: 'Cancelled' }, final: true },
      expired: { label: { ar: 'منتهي لعدم السداد', en: 'Expired (not paid)' }, final: true },
    },
    actions: {
      pay: {
        from: ['awaiting_payment'],
        to: 'recorded',
        by: ['system'],
        label: { ar: 'سداد الرسوم وحفظ البيانات', en: 'Pay the fee and save' },
        notify: {
          ar: 'سُددت رسوم الطلب {reference} وحُفظت معلومات الجواز الجديد رقم {newPassportNumber}، وأُلغي الجواز السابق.',
          en: 'The fee for request {reference} is paid: the new passport {newPassportNumber} is on record and the previous one is cancelled.',
        },
      },
      cancel: { from: ['awaiting_payment'], to: 'cancelled', by: ['applicant'], label: { ar: 'إلغاء الطلب', en: 'Cancel the request' } },
      expire: { from: ['awaiting_payment'], to: 'expired', by: ['system'], label: { ar: 'انتهاء مهلة السداد', en: 'Payment time ran out' } },
      confirmScan: {
        from: ['recorded'],
        to: 'completed',
        by: ['officer', 'supervisor'],
        label: { ar: 'تأكيد مطابقة صورة الجواز', en: 'Confirm the scan matches' },
        notify: { ar: 'اكتمل طلبك {reference}: دُققت صورة الجواز الجديد وطابقت البيانات.', en: 'Your request {reference} is complete: the scan of the new passport was checked and matches.' },
      },
    },
  },
  outputs: {
    newPassportNumber: NEW_PASSPORT,
    newPassportExpiry: EXPIRY,
    previousPassport: PREVIOUS,
  },
  summary: ({ data, outputs }) => [
    { label: NEW_PASSPORT, value: String(outputs.newPassportNumber ?? numberOf(data)) },
    { label: ISSUING_COUNTRY, value: ISSUING_COUNTRIES.find((c) => c.value === data.passport.issuingCountry)?.label ?? data.passport.issuingCountry },
    { label: EXPIRY, value: data.passport.expiryDate },
    ...(outputs.previousPassport === undefined ? [] : [{ label: PREVIOUS, value: String(outputs.previousPassport) }]),
  ],
  effects: {
    // Confirm and save: the registry holds the new passport at once. What was true when the form
    // was sent is checked again (days may have passed): refused, nothing changes and the payment
    // is refunded.
    pay: async (ctx: EffectContext<UpdatePassportData>) => {
      const { registry, beneficiary, request, today } = ctx;
      if ((await currentPassport(registry, beneficiary.id))?.status === 'lost') {
        refuseAction({ ar: 'أُبلغ عن فقد الجواز السابق بعد تقديم الطلب، فلا يمكن تحديثه إلكترونيًا. يُعاد إليك ما دفعته كاملًا.', en: 'The previous passport was reported lost after the request was sent, so it cannot be updated online. Anything you paid is refunded in full.' });
      }
      const problems = await passportProblems(registry, beneficiary, today, request.data.passport);
      if (problems.length > 0) refuseAction({ ar: `${problems[0]!.message.ar} يُعاد إليك ما دفعته كاملًا.`, en: `${problems[0]!.message.en} Anything you paid is refunded in full.` });
      const number = numberOf(request.data);
      const cancelled = await registry.recordRenewedPassport(beneficiary.id, {
        number,
        issuingCountry: request.data.passport.issuingCountry,
        issueDate: request.data.passport.issueDate,
        expiryDate: request.data.passport.expiryDate,
        details: { request: request.reference, scan: request.data.scan.passportScan },
      });
      ctx.setOutput('newPassportNumber', number);
      ctx.setOutput('newPassportExpiry', request.data.passport.expiryDate);
      if (cancelled.length > 0) ctx.setOutput('previousPassport', cancelled.join(', '));
    },
  },
});
