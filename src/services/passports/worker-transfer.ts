import { defineService, refuseAction, rule, step, type Bilingual, type EffectContext, type RegistryReader, type RuleContext } from '../../catalogue/define.js';
import { field } from '../../catalogue/fields.js';
import type { Person } from '../../db/tables.js';
import { addDays } from '../../kernel/dates.js';
import { sar } from '../../kernel/money.js';
import { maskNationalId } from '../../kernel/national-id.js';
import { pluralBoth } from '../../kernel/i18n/index.js';
import { personName } from '../../registry/index.js';

/**
 * Transfer of a domestic worker's services (نقل خدمات عامل منزلي), seed document 002: My
 * Services -> Passports -> Transfer of services. The current sponsor chooses the worker, enters
 * the new sponsor's ID number and date of birth, reviews both parties' data and confirms. The
 * request then waits for the new sponsor, who accepts (or declines) from their own account
 * (My Services -> Passports -> Service transfer requests) within 15 days, or it expires by
 * itself; the current sponsor may withdraw until then. Once accepted, the new sponsor pays the
 * transfer fee (2,000 / 4,000 / 6,000 SAR for the worker's 1st / 2nd / 3rd transfer; there is no
 * 4th); paying moves the sponsorship and the iqama's sponsor in the registry, and both sponsors
 * are told. Every condition is checked again when the new sponsor accepts and when they pay.
 *
 * The count of past transfers is the registry's own (sponsorships.past_transfers on the
 * sponsorship in force, carried forward by each transfer).
 */

/** Days the new sponsor has to accept (a setting of the service). */
export const ACCEPT_WITHIN_DAYS: number = 15;
/** Days the new sponsor has to pay once they accepted. */
export const PAY_WITHIN_DAYS: number = 3;
/** The least number of days the worker's iqama must still be valid. */
export const IQAMA_MIN_DAYS: number = 15;
/** Transfer requests a sponsor may make a day (a withdrawn one counts). */
export const TRANSFERS_PER_DAY: number = 1;
/** The transfer fee in riyals by the worker's transfer number (1st, 2nd, 3rd); no more transfers after. */
export const TRANSFER_FEES_SAR: readonly number[] = [2000, 4000, 6000];

/** "15 يومًا" / "15 days", in the plural form the number takes. */
const days = (n: number) =>
  pluralBoth(n, { ar: { one: 'يوم واحد', two: 'يومين', few: '{count} أيام', many: '{count} يومًا', other: '{count} يوم' }, en: { one: 'one day', other: '{count} days' } });
/** "3 مرات" / "3 times". */
const times = (n: number) => pluralBoth(n, { ar: { one: 'مرة واحدة', two: 'مرتين', few: '{count} مرات', many: '{count} مرة', other: '{count} مرة' }, en: { one: 'once', two: 'twice', other: '{count} times' } });
const MAX_TRANSFERS = TRANSFER_FEES_SAR.length;

export interface WorkerTransferData {
  newSponsor: { idNumber: string; birthDate: string };
  review: { declaration: string };
}

/** A worker's valid iqama with the latest expiry; undefined when none. */
async function validIqama(registry: RegistryReader, workerId: string) {
  const iqamas = (await registry.documents(workerId, 'iqama')).filter((d) => d.status === 'valid');
  return iqamas.sort((a, b) => (a.expiry_date < b.expiry_date ? 1 : -1))[0];
}

type WorkerCheck = { id: string; condition: Bilingual; reason: Bilingual; test: (ctx: Pick<RuleContext, 'applicant' | 'beneficiary' | 'today' | 'registry'>) => Promise<boolean> | boolean };

/** The conditions on the worker and their sponsorship: before the form, on accepting and on paying. */
const WORKER_CHECKS: readonly WorkerCheck[] = [
  {
    id: 'domestic_worker_of_yours',
    condition: { ar: 'أن يكون العامل عاملًا منزليًا على كفالتك الشخصية.', en: 'The worker is a domestic worker under your personal sponsorship.' },
    reason: { ar: 'هذا العامل ليس عاملًا منزليًا على كفالتك، فلا يمكنك نقل خدماته.', en: 'This worker is not a domestic worker under your sponsorship, so you cannot transfer their services.' },
    test: async ({ applicant, beneficiary, registry }) => {
      const s = await registry.sponsorshipOf(beneficiary.id);
      return s !== undefined && s.domesticWorker && s.sponsorPersonId === applicant.id;
    },
  },
  {
    id: 'legal_resident',
    condition: { ar: 'أن يكون العامل مقيمًا نظاميًا داخل المملكة.', en: 'The worker is a legal resident inside the Kingdom.' },
    reason: { ar: 'لا يمكن نقل خدمات العامل إلا وهو مقيم نظامي داخل المملكة.', en: "A worker's services can be transferred only while they are a legal resident inside the Kingdom." },
    test: ({ beneficiary }) => beneficiary.id_type === 'iqama' && beneficiary.inside_kingdom && !beneficiary.deceased,
  },
  {
    id: 'iqama_valid_15_days',
    condition: { ar: `أن تكون إقامة العامل سارية ${days(IQAMA_MIN_DAYS).ar} فأكثر.`, en: `The worker's iqama is valid for ${days(IQAMA_MIN_DAYS).en} or more.` },
    reason: {
      ar: `إقامة العامل منتهية أو تنتهي خلال أقل من ${days(IQAMA_MIN_DAYS).ar}. جدد الإقامة أولًا ثم قدم طلب النقل.`,
      en: `The worker's iqama has expired or expires in less than ${days(IQAMA_MIN_DAYS).en}. Please renew the iqama first, then request the transfer.`,
    },
    test: async ({ beneficiary, registry, today }) => {
      const iqama = await validIqama(registry, beneficiary.id);
      return iqama !== undefined && iqama.expiry_date >= addDays(today, IQAMA_MIN_DAYS);
    },
  },
  {
    id: 'no_criminal_or_security_case',
    condition: { ar: 'ألا يكون العامل مسجلًا في أي قضية جنائية أو أمنية.', en: 'The worker has no criminal or security case on record.' },
    reason: { ar: 'العامل مسجل في قضية جنائية أو أمنية، فلا يمكن نقل خدماته إلكترونيًا. راجع مكتب الجوازات.', en: 'The worker has a criminal or security case on record, so their services cannot be transferred online. Please visit a passports office.' },
    test: ({ beneficiary }) => !beneficiary.criminal_case && !beneficiary.security_restriction,
  },
  {
    id: 'no_absence_report',
    condition: { ar: 'ألا يكون على العامل بلاغ تغيب.', en: 'No absence report stands against the worker.' },
    reason: { ar: 'على العامل بلاغ تغيب، فلا يمكن نقل خدماته.', en: "An absence report stands against the worker, so their services cannot be transferred." },
    test: async ({ beneficiary, registry }) => (await registry.sponsorshipOf(beneficiary.id))?.absenceReportedOn == null,
  },
  {
    id: 'obligations_settled',
    condition: { ar: 'أن يكون العامل قد سدد جميع الالتزامات المالية المترتبة عليه تجاه الكفيل الحالي.', en: 'The worker has settled all financial obligations to the current sponsor.' },
    reason: { ar: 'لم يسدد العامل جميع التزاماته المالية تجاه الكفيل الحالي بحسب السجلات.', en: 'According to the records, the worker has not settled all financial obligations to the current sponsor.' },
    test: async ({ beneficiary, registry }) => (await registry.sponsorshipOf(beneficiary.id))?.obligationsSettled === true,
  },
  {
    id: 'at_most_three_transfers',
    condition: { ar: `ألا تكون خدمات العامل قد نُقلت ${times(MAX_TRANSFERS).ar} من قبل.`, en: `The worker's services have not been transferred ${times(MAX_TRANSFERS).en} already.` },
    reason: {
      ar: `نُقلت خدمات هذا العامل ${times(MAX_TRANSFERS).ar}، وهو الحد الأعلى، فلا يمكن نقلها مرة أخرى.`,
      en: `This worker's services have been transferred ${times(MAX_TRANSFERS).en}, the most allowed, so they cannot be transferred again.`,
    },
    test: async ({ beneficiary, registry }) => ((await registry.sponsorshipOf(beneficiary.id))?.pastTransfers ?? 0) < TRANSFER_FEES_SAR.length,
  },
];

const DETAILS_DO_NOT_MATCH: Bilingual = {
  ar: 'رقم الهوية وتاريخ الميلاد المدخلان لا يتطابقان مع السجلات. تأكد منهما كما هما في هوية الكفيل الجديد، ثم أعد المحاولة.',
  en: "The ID number and date of birth entered do not match the records. Check them against the new sponsor's ID, and try again.",
};
const NOT_YOURSELF: Bilingual = { ar: 'أنت الكفيل الحالي لهذا العامل، فلا يمكن نقل خدماته إليك.', en: "You are this worker's current sponsor, so their services cannot be transferred to you." };
const NOT_SAUDI: Bilingual = {
  ar: 'يجب أن يكون الكفيل الجديد سعودي الجنسية أو من أبناء السعوديات.',
  en: 'The new sponsor must be a Saudi citizen or the child of a Saudi mother.',
};

/** Whether a person may become a sponsor of a domestic worker: a Saudi citizen, or the child of a Saudi mother. */
function maySponsor(person: Person): boolean {
  return !person.deceased && ((person.id_type === 'national_id' && person.nationality === 'SAU') || person.mother_nationality === 'SAU');
}

/** Why the new sponsor cannot take the worker now; null when they can. */
function newSponsorProblem(applicant: Person, newSponsor: Person | undefined): Bilingual | null {
  if (!newSponsor) return DETAILS_DO_NOT_MATCH;
  if (newSponsor.id === applicant.id) return NOT_YOURSELF;
  if (!maySponsor(newSponsor)) return NOT_SAUDI;
  return null;
}

/** Every condition again, as the registry is now (a writer's reads lock the sponsorship): refuses with the first reason. */
async function recheck(ctx: EffectContext<WorkerTransferData>): Promise<Person> {
  for (const check of WORKER_CHECKS) {
    if (!(await check.test(ctx))) refuseAction({ ar: `لم يعد بالإمكان إتمام النقل: ${check.reason.ar}`, en: `The transfer can no longer go ahead: ${check.reason.en}` });
  }
  const problem = newSponsorProblem(ctx.applicant, ctx.counterparty);
  if (problem) refuseAction({ ar: `لم يعد بالإمكان إتمام النقل: ${problem.ar}`, en: `The transfer can no longer go ahead: ${problem.en}` });
  return ctx.counterparty!;
}

const WORKER: Bilingual = { ar: 'العامل', en: 'Worker' };
const WORKER_IQAMA: Bilingual = { ar: 'رقم إقامة العامل', en: "Worker's iqama number" };
const OCCUPATION: Bilingual = { ar: 'المهنة', en: 'Occupation' };
const NEW_SPONSOR: Bilingual = { ar: 'الكفيل الجديد', en: 'New sponsor' };
const NEW_SPONSOR_ID: Bilingual = { ar: 'هوية الكفيل الجديد', en: "New sponsor's ID" };
const TRANSFER_NUMBER: Bilingual = { ar: 'رقم النقل للعامل', en: "The worker's transfer number" };
const TRANSFERRED_ON: Bilingual = { ar: 'تاريخ نقل الخدمات', en: 'Services transferred on' };

type State = 'awaiting_new_sponsor' | 'awaiting_payment' | 'completed' | 'declined' | 'withdrawn' | 'expired';
type Action = 'accept' | 'decline' | 'withdraw' | 'pay' | 'expire';

export default defineService<WorkerTransferData, State, Action>({
  id: 'passports.workers.transfer-services',
  agency: 'passports',
  group: { ar: 'خدمات العمالة المنزلية', en: 'Domestic worker services' },
  name: { ar: 'نقل الخدمات', en: 'Transfer of services' },
  description: {
    ar: `انقل خدمات عامل منزلي على كفالتك إلى كفيل جديد: اختر العامل، وأدخل رقم هوية الكفيل الجديد وتاريخ ميلاده، وراجع البيانات ثم أكد الطلب. على الكفيل الجديد قبول الطلب من حسابه في مدة لا تزيد على ${days(ACCEPT_WITHIN_DAYS).ar} وسداد رسوم النقل.`,
    en: `Transfer the services of a domestic worker you sponsor to a new sponsor: choose the worker, enter the new sponsor's ID number and date of birth, review the details and confirm. The new sponsor must accept the request from their own account within ${days(ACCEPT_WITHIN_DAYS).en} and pay the transfer fee.`,
  },
  keywords: {
    ar: ['نقل خدمات', 'نقل الخدمات', 'نقل كفالة', 'نقل الكفالة', 'عامل منزلي', 'عاملة منزلية', 'سائق خاص', 'كفيل جديد', 'تنازل'],
    en: ['transfer of services', 'sponsorship transfer', 'transfer sponsorship', 'domestic worker', 'housemaid', 'driver', 'new sponsor', 'kafala transfer'],
  },
  audience: ['individuals'],
  applicant: ['sponsor'],
  // A code before the form and another to confirm, as Absher asks for this service.
  oneTimeCode: { start: true, submit: true },
  perApplicantPerDay: {
    limit: TRANSFERS_PER_DAY,
    condition: { ar: 'ألا تكون قد قدمت طلب نقل خدمات آخر اليوم.', en: 'You have not made another transfer of services request today.' },
    reason: {
      ar: 'قدمت اليوم طلب نقل خدمات، ولا يُقبل أكثر من طلب واحد في اليوم. يمكنك تقديم الطلب غدًا.',
      en: 'You have already made a transfer of services request today, and only one a day is accepted. You may make this request tomorrow.',
    },
  },
  eligibility: WORKER_CHECKS.map((c) => rule(c.id, c.condition, c.test, c.reason)),
  form: [
    step(
      'newSponsor',
      { ar: 'بيانات الكفيل الجديد', en: 'The new sponsor' },
      [
        field.idNumber('idNumber', {
          label: { ar: 'رقم هوية الكفيل الجديد', en: "The new sponsor's national ID number" },
          hint: { ar: '10 أرقام، كما في هويته الوطنية.', en: '10 digits, as on their national ID.' },
          masked: true,
        }),
        field.date('birthDate', {
          label: { ar: 'تاريخ ميلاد الكفيل الجديد', en: "The new sponsor's date of birth" },
          hint: { ar: 'كما في هويته الوطنية، بالتقويم الهجري أو الميلادي.', en: 'As on their national ID, in the Hijri or the Gregorian calendar.' },
          asOnId: true,
          maxDaysFromToday: 0,
          masked: true,
        }),
      ],
      {
        // The ID and the date of birth must name the same person; a mismatch does not say which
        // is wrong, so the form cannot be used to learn about someone.
        check: async ({ applicant, registry, values }) => {
          if (values.idNumber === applicant.national_id) return [{ field: 'idNumber', message: NOT_YOURSELF, refusal: true }];
          const person = await registry.personByIdNumber(values.idNumber!);
          const matched = person && person.birth_date === values.birthDate ? person : undefined;
          const problem = newSponsorProblem(applicant, matched);
          // A mismatch is a mistake to correct; someone who may not sponsor is a refusal.
          return problem ? [{ field: 'idNumber', message: problem, ...(problem === DETAILS_DO_NOT_MATCH ? {} : { refusal: true }) }] : [];
        },
      },
    ),
    step(
      'review',
      { ar: 'مراجعة البيانات والتأكيد', en: 'Review and confirm' },
      [
        field.confirm('declaration', {
          label: {
            ar: 'أقر بصحة البيانات، وبموافقتي على نقل خدمات العامل إلى الكفيل الجديد متى قبل الطلب وسدد رسوم النقل.',
            en: "I declare that the details are true and I agree to transfer the worker's services to the new sponsor once they accept the request and pay the transfer fee.",
          },
        }),
      ],
      // Both parties' data before confirming (seed 002: "all the data of the sponsor and the
      // worker"): the new sponsor's name as the registry has it for the ID just typed.
      async ({ beneficiary, registry, data }) => {
        const idNumber = data.newSponsor?.idNumber;
        const newSponsor = idNumber ? await registry.personByIdNumber(idNumber) : undefined;
        const sponsorLine = (locale: 'ar' | 'en') =>
          newSponsor ? (locale === 'ar' ? ` الكفيل الجديد: ${personName(newSponsor, 'ar')}، رقم الهوية ${newSponsor.national_id}.` : ` New sponsor: ${personName(newSponsor, 'en')}, ID number ${newSponsor.national_id}.`) : '';
        return {
          ar: `العامل: ${personName(beneficiary, 'ar')}، رقم الإقامة ${beneficiary.national_id}.${sponsorLine('ar')}`,
          en: `Worker: ${personName(beneficiary, 'en')}, iqama number ${beneficiary.national_id}.${sponsorLine('en')}`,
          note: {
            ar: `بعد التأكيد يُرسل الطلب إلى الكفيل الجديد، وعليه قبوله خلال ${days(ACCEPT_WITHIN_DAYS).ar} وإلا انتهى الطلب تلقائيًا. ويمكنك سحب الطلب قبل قبوله.`,
            en: `Once you confirm, the request goes to the new sponsor, who must accept it within ${days(ACCEPT_WITHIN_DAYS).en} or it expires by itself. You may withdraw it until they accept.`,
          },
        };
      },
    ),
  ],
  counterparty: {
    resolve: async ({ registry, data }) => (await registry.personByIdNumber(data.newSponsor.idNumber))!.id,
    field: 'newSponsor.idNumber',
    noActiveAccount: {
      ar: 'الكفيل الجديد غير مسجل في المنصة أو لم يفعّل حسابه، ويجب أن يكون له حساب مفعّل ليقبل الطلب.',
      en: 'The new sponsor is not registered on the platform or has not activated their account; they need an activated account to accept the request.',
    },
    onSubmit: {
      ar: `قدم كفيل العامل طلب نقل خدماته إليك برقم {reference}. راجع الطلب من خدماتي ← الجوازات ← طلبات نقل الخدمات، واقبله أو ارفضه خلال ${days(ACCEPT_WITHIN_DAYS).ar}.`,
      en: `A sponsor has asked to transfer a worker's services to you, request {reference}. Review it under My Services -> Passports -> Service transfer requests, and accept or decline it within ${days(ACCEPT_WITHIN_DAYS).en}.`,
    },
    label: NEW_SPONSOR,
    listTitle: { ar: 'طلبات نقل الخدمات', en: 'Service transfer requests' },
  },
  fee: async ({ beneficiary, registry }) => {
    const past = (await registry.sponsorshipOf(beneficiary.id))?.pastTransfers ?? 0;
    const amount = TRANSFER_FEES_SAR[past];
    // A fourth transfer is refused by its rule before the fee is asked.
    if (amount === undefined) return [];
    const ordinal: Bilingual = [
      { ar: 'النقل الأول', en: 'first transfer' },
      { ar: 'النقل الثاني', en: 'second transfer' },
      { ar: 'النقل الثالث', en: 'third transfer' },
    ][past]!;
    return [{ code: 'transfer_fee', label: { ar: `رسوم نقل الخدمات (${ordinal.ar})`, en: `Transfer of services fee (${ordinal.en})` }, amount: sar(amount) }];
  },
  feeSchedule: {
    lines: TRANSFER_FEES_SAR.map((amount, i) => ({ label: [{ ar: 'النقل الأول للعامل', en: "The worker's first transfer" }, { ar: 'النقل الثاني', en: 'The second transfer' }, { ar: 'النقل الثالث', en: 'The third transfer' }][i] ?? { ar: `النقل رقم ${i + 1}`, en: `Transfer number ${i + 1}` }, amount: sar(amount) })),
    note: {
      ar: `يسدد الكفيل الجديد رسوم النقل بعد قبوله الطلب، ولا يسدد الكفيل الحالي شيئًا. ولا تُنقل خدمات العامل أكثر من ${times(MAX_TRANSFERS).ar}.`,
      en: `The new sponsor pays the transfer fee after accepting the request; the current sponsor pays nothing. A worker’s services may be transferred at most ${times(MAX_TRANSFERS).en}.`,
    },
  },
  // The new sponsor pays, once they accept. A request refused at payment (the iqama expired
  // meanwhile) is not paid: a card payment is then refunded in full by the payments module.
  payment: { payer: 'counterparty' },
  workflow: {
    start: 'awaiting_new_sponsor',
    initial: 'awaiting_new_sponsor',
    awaitingPayment: 'awaiting_payment',
    states: {
      awaiting_new_sponsor: {
        label: { ar: 'بانتظار موافقة الكفيل الجديد', en: 'Waiting for the new sponsor to accept' },
        sla: { days: ACCEPT_WITHIN_DAYS, onTimeout: 'expire' },
        waitingFor: 'counterparty',
      },
      awaiting_payment: { label: { ar: 'بانتظار سداد الكفيل الجديد رسوم النقل', en: 'Waiting for the new sponsor to pay the transfer fee' }, sla: { days: PAY_WITHIN_DAYS, onTimeout: 'expire' }, waitingFor: 'counterparty' },
      completed: { label: { ar: 'تم نقل الخدمات', en: 'Services transferred' }, final: true },
      declined: { label: { ar: 'رفض الكفيل الجديد الطلب', en: 'Declined by the new sponsor' }, final: true },
      withdrawn: { label: { ar: 'سحب الكفيل الحالي الطلب', en: 'Withdrawn by the current sponsor' }, final: true },
      expired: { label: { ar: 'انتهت مهلة الطلب', en: 'Expired' }, final: true },
    },
    actions: {
      accept: {
        from: ['awaiting_new_sponsor'],
        to: 'awaiting_payment',
        by: ['counterparty'],
        label: { ar: 'قبول نقل الخدمات', en: 'Accept the transfer' },
        notify: {
          ar: 'قبل الكفيل الجديد طلب نقل الخدمات {reference}، والطلب الآن بانتظار سداده رسوم النقل لإتمامه.',
          en: 'The new sponsor accepted transfer request {reference}; the transfer completes once they pay the transfer fee.',
        },
        notifyCounterparty: {
          ar: `قبلت طلب نقل الخدمات {reference}. سدد رسوم النقل خلال ${days(PAY_WITHIN_DAYS).ar} لإتمام النقل.`,
          en: `You accepted transfer request {reference}. Pay the transfer fee within ${days(PAY_WITHIN_DAYS).en} to complete the transfer.`,
        },
      },
      decline: {
        from: ['awaiting_new_sponsor'],
        to: 'declined',
        by: ['counterparty'],
        label: { ar: 'رفض نقل الخدمات', en: 'Decline the transfer' },
        confirm: { ar: 'هل تريد رفض طلب نقل الخدمات {reference}؟ لا يمكن التراجع عن الرفض.', en: 'Decline transfer request {reference}? This cannot be undone.' },
        notify: { ar: 'رفض الكفيل الجديد طلب نقل الخدمات {reference}، وبقي العامل على كفالتك.', en: 'The new sponsor declined transfer request {reference}; the worker stays under your sponsorship.' },
        notifyCounterparty: { ar: 'رفضت طلب نقل الخدمات {reference}.', en: 'You declined transfer request {reference}.' },
      },
      withdraw: {
        from: ['awaiting_new_sponsor'],
        to: 'withdrawn',
        by: ['applicant'],
        label: { ar: 'سحب الطلب', en: 'Withdraw the request' },
        confirm: { ar: 'هل تريد سحب طلب نقل الخدمات {reference}؟ لا يمكن التراجع عن السحب.', en: 'Withdraw transfer request {reference}? This cannot be undone.' },
        notify: { ar: 'سحبت طلب نقل الخدمات {reference}.', en: 'You withdrew transfer request {reference}.' },
        notifyCounterparty: { ar: 'سحب الكفيل الحالي طلب نقل الخدمات {reference}، فلا حاجة إلى أي إجراء منك.', en: 'The current sponsor withdrew transfer request {reference}; nothing is needed from you.' },
      },
      pay: {
        from: ['awaiting_payment'],
        to: 'completed',
        by: ['system'],
        label: { ar: 'سداد رسوم النقل', en: 'Pay the transfer fee' },
        notify: {
          ar: 'تم نقل خدمات العامل في الطلب {reference} إلى الكفيل الجديد، ولم يعد على كفالتك.',
          en: 'The worker\'s services in request {reference} have been transferred to the new sponsor; they are no longer under your sponsorship.',
        },
        notifyCounterparty: {
          ar: 'سُددت رسوم النقل وتم نقل خدمات العامل في الطلب {reference} إلى كفالتك.',
          en: "The transfer fee is paid: the worker's services in request {reference} are now under your sponsorship.",
        },
      },
      expire: {
        from: ['awaiting_new_sponsor', 'awaiting_payment'],
        to: 'expired',
        by: ['system'],
        label: { ar: 'انتهاء المهلة', en: 'Time ran out' },
        notify: { ar: 'انتهت مهلة طلب نقل الخدمات {reference} دون إتمامه، وبقي العامل على كفالتك.', en: 'Transfer request {reference} expired without being completed; the worker stays under your sponsorship.' },
        notifyCounterparty: { ar: 'انتهت مهلة طلب نقل الخدمات {reference}.', en: 'Transfer request {reference} has expired.' },
      },
    },
  },
  // Names and the occupation in each language's own script: the Arabic on Arabic pages and
  // proofs, the Latin on English ones.
  outputs: {
    worker: { ...WORKER, language: 'ar' },
    workerEn: { ...WORKER, language: 'en' },
    workerIqama: WORKER_IQAMA,
    occupation: { ...OCCUPATION, language: 'ar' },
    occupationEn: { ...OCCUPATION, language: 'en' },
    newSponsor: { ...NEW_SPONSOR, language: 'ar' },
    newSponsorEn: { ...NEW_SPONSOR, language: 'en' },
    newSponsorId: NEW_SPONSOR_ID,
    transferNumber: TRANSFER_NUMBER,
    transferredOn: TRANSFERRED_ON,
  },
  summary: ({ outputs }) => {
    const text = (key: string) => (outputs[key] === undefined ? undefined : String(outputs[key]));
    // A request made before the names were kept apart holds "Arabic / Latin" under the Arabic key.
    const both = (key: string): Bilingual | undefined => (text(key) === undefined ? undefined : { ar: text(key)!, en: text(`${key}En`) ?? text(key)! });
    const rows: Array<[Bilingual, Bilingual | string | undefined]> = [
      [WORKER, both('worker')],
      [WORKER_IQAMA, text('workerIqama')],
      [OCCUPATION, both('occupation')],
      [NEW_SPONSOR, both('newSponsor')],
      [NEW_SPONSOR_ID, text('newSponsorId')],
      [TRANSFER_NUMBER, text('transferNumber')],
      [TRANSFERRED_ON, text('transferredOn')],
    ];
    return rows.flatMap(([label, value]) => (value === undefined ? [] : [{ label, value }]));
  },
  effects: {
    // Both parties' data as the request records it, for both to read on its page.
    submit: async ({ beneficiary, registry, request, setOutput }) => {
      const sponsorship = (await registry.sponsorshipOf(beneficiary.id))!;
      const newSponsor = (await registry.personByIdNumber(request.data.newSponsor.idNumber))!;
      setOutput('worker', personName(beneficiary, 'ar', 'short'));
      setOutput('workerEn', personName(beneficiary, 'en', 'short'));
      setOutput('workerIqama', beneficiary.national_id);
      setOutput('occupation', sponsorship.occupation.ar);
      setOutput('occupationEn', sponsorship.occupation.en);
      setOutput('newSponsor', personName(newSponsor, 'ar', 'short'));
      setOutput('newSponsorEn', personName(newSponsor, 'en', 'short'));
      setOutput('newSponsorId', maskNationalId(newSponsor.national_id));
      setOutput('transferNumber', sponsorship.pastTransfers + 1);
    },
    accept: async (ctx) => {
      await recheck(ctx);
    },
    pay: async (ctx) => {
      const newSponsor = await recheck(ctx);
      await ctx.registry.transferSponsorship(ctx.beneficiary.id, { personId: ctx.applicant.id }, { personId: newSponsor.id });
      ctx.setOutput('transferredOn', ctx.today);
    },
  },
});
