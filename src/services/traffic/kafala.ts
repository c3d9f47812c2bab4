import { defineService, refuseAction, rule, step, type Bilingual, type GuardContext, type TrafficCaseView } from '../../catalogue/define.js';
import { field } from '../../catalogue/fields.js';
import type { Person } from '../../db/tables.js';
import { ageInGregorianYears } from '../../kernel/dates.js';
import { sar } from '../../kernel/money.js';
import { maskNationalId } from '../../kernel/national-id.js';
import { personName } from '../../registry/index.js';

/**
 * The electronic traffic kafala (bail), seed document 000: a citizen stands bail for someone
 * held in an open traffic case, so that they are released without anyone visiting a traffic
 * department. My Services -> General Services -> Kafala: "New kafala" or "Previous requests".
 *
 * The guarantor is the applicant and the beneficiary; the guaranteed person is entered in the
 * form (ID number, date of birth, case number) and must match the registry: a party held in
 * that open case, where bail is allowed. The fee is shown before payment, paid by card only;
 * paying puts the bail in force and releases the person in the registry. Traffic ends the bail
 * by closing the case. Listed under General Services, as Absher lists it; worked by traffic.
 */

/** The bail fee, in riyals (a setting of the service). */
export const KAFALA_FEE_SAR: number = 100;
/** How many bails a guarantor may hold open at once (awaiting payment or in force). */
export const MAX_OPEN_GUARANTEES = 2;
/** The age from which a person may stand bail. */
export const GUARANTOR_MIN_AGE = 18;

export interface KafalaData {
  guaranteed: { idNumber: string; birthDate: string; caseNumber: string };
  undertaking: { declaration: string };
}

type KafalaContext = GuardContext<KafalaData>;

const DETAILS_DO_NOT_MATCH: Bilingual = {
  ar: 'البيانات المدخلة (رقم الهوية وتاريخ الميلاد ورقم القضية) لا تتطابق مع السجلات. تأكد منها كما هي في هوية المكفول وفي ورقة القضية، ثم أعد المحاولة.',
  en: "The details entered (ID number, date of birth and case number) do not match the records. Check them against the person's ID and the case papers, and try again.",
};

/** Case numbers are read in capitals, as traffic writes them. */
const caseNumberOf = (data: KafalaData) => data.guaranteed.caseNumber.toUpperCase();

/** The guaranteed person and their case as the registry has them now (the case locked in an effect). */
async function guaranteedCase({ registry, request }: KafalaContext): Promise<{ person: Person; kase: TrafficCaseView } | null> {
  const person = await registry.personByIdNumber(request.data.guaranteed.idNumber);
  const kase = person ? await registry.trafficCase(caseNumberOf(request.data), person.id) : undefined;
  return person && kase ? { person, kase } : null;
}

/**
 * Why a bail in force cannot be cancelled now (null: it can). Before payment there is nothing to
 * undo; a bail in force is withdrawn only while the case is open and still takes bail. The cancel
 * action's guard: the page offers Cancel only while it holds, and a cancel posted anyway (a page
 * left open) is refused with this reason.
 */
async function whyNotCancel(ctx: KafalaContext): Promise<Bilingual | null> {
  if (ctx.request.outputs.inForceSince === undefined) return null;
  const found = await guaranteedCase(ctx);
  if (found?.kase.party && found.kase.status === 'open' && found.kase.bailAllowed) return null;
  return {
    ar: 'لا يمكن إلغاء هذه الكفالة الآن: القضية مغلقة أو لم تعد الكفالة فيها مقبولة. تنتهي الكفالة بإغلاق إدارة المرور للقضية.',
    en: 'This bail cannot be cancelled now: the case is closed or no longer takes bail. The bail ends when traffic closes the case.',
  };
}

/**
 * What the person released on the bail is told: who stood bail for them (the name only, in their
 * language's script) and the case ({caseNumber} is filled from the request's outputs).
 */
function releasedOnBail(guarantor: Person): Bilingual {
  return {
    ar: `نفيدكم بأنه قد أُخلي سبيلكم في القضية المرورية رقم {caseNumber} بكفالة ${personName(guarantor, 'ar', 'short')}. نرجو منكم التكرم بالحضور إلى الجهات المختصة متى طُلب منكم ذلك حتى إغلاق القضية.`,
    en: `We would like to inform you that you have been released in traffic case {caseNumber} on bail provided by ${personName(guarantor, 'en', 'short')}. We kindly ask you to appear before the authorities whenever requested until the case is closed.`,
  };
}

/** What the person released on a bail is told when the guarantor withdraws it ({caseNumber} from the outputs). */
const BAIL_WITHDRAWN: Bilingual = {
  ar: 'نفيدكم بأن الكفالة التي أُخلي سبيلكم بموجبها في القضية المرورية رقم {caseNumber} قد أُلغيت بطلب من الكفيل. نرجو منكم التكرم بمراجعة إدارة المرور في أقرب وقت.',
  en: 'We would like to inform you that the bail under which you were released in traffic case {caseNumber} has been withdrawn by the guarantor. We kindly ask you to contact the traffic department as soon as possible.',
};

const CASE_NUMBER: Bilingual = { ar: 'رقم القضية المرورية', en: 'Traffic case number' };
const GUARANTEED_ID: Bilingual = { ar: 'هوية المكفول', en: 'Guaranteed person (ID)' };
const IN_FORCE_SINCE: Bilingual = { ar: 'تاريخ سريان الكفالة', en: 'Bail in force since' };

export default defineService<KafalaData, 'awaiting_payment' | 'active' | 'ended' | 'cancelled' | 'expired', 'pay' | 'expire' | 'cancel' | 'closeCase'>({
  id: 'general.kafala.traffic-bail',
  newRequestLabel: { ar: 'كفالة جديدة', en: 'New kafala' },
  agency: 'general',
  handledBy: 'traffic',
  group: { ar: 'خدمات الكفالة', en: 'Kafala services' },
  name: { ar: 'الكفالة', en: 'Kafala (traffic bail)' },
  description: {
    ar: 'اكفل شخصًا موقوفًا في قضية مرورية قائمة ليُخلى سبيله دون مراجعة إدارة المرور: أدخل بيانات المكفول ورقم القضية، وسدد الرسوم بالبطاقة، واحتفظ بالرقم المرجعي إثباتًا رسميًا للكفالة.',
    en: 'Stand bail for someone held in an open traffic case so that they are released, without visiting a traffic department: enter their details and the case number, pay the fee by card, and keep the reference number as official proof of the bail.',
  },
  keywords: {
    ar: ['كفالة', 'كفالة مرورية', 'الكفالة الإلكترونية', 'كفالة جديدة', 'كفالة حضورية', 'كفالة موقوف', 'إخلاء سبيل', 'إطلاق سراح', 'موقوف', 'حادث مروري', 'قضية مرورية', 'كفيل', 'المرور'],
    en: ['bail', 'traffic bail', 'kafala', 'guarantee', 'guarantor', 'release from custody', 'detained', 'traffic case', 'accident'],
  },
  audience: ['individuals'],
  applicant: ['self'],
  maxOpenRequests: MAX_OPEN_GUARANTEES,
  // The account rule (an activated account) is the engine's own, before these.
  eligibility: [
    rule('citizen', { ar: 'أن تكون مواطنًا سعوديًا.', en: 'You are a Saudi citizen.' }, ({ applicant }) => applicant.id_type === 'national_id' && applicant.nationality === 'SAU', {
      ar: 'الكفالة المرورية الإلكترونية متاحة للمواطنين السعوديين فقط.',
      en: 'Electronic traffic bail is open to Saudi citizens only.',
    }),
    // Gregorian years: the traffic kafala's published condition is "18 years or older" and we
    // found no text stating it in Hijri years (the Hijri reading would be about six months younger).
    rule('adult', { ar: 'أن يكون عمرك 18 سنة فأكثر.', en: 'You are 18 or older.' }, ({ applicant, today }) => ageInGregorianYears(applicant.birth_date, today) >= GUARANTOR_MIN_AGE, {
      ar: 'يجب ألا يقل عمر الكفيل عن 18 سنة.',
      en: 'A guarantor must be at least 18 years old.',
    }),
    rule('inside_kingdom', { ar: 'أن تكون داخل المملكة.', en: 'You are inside the Kingdom.' }, ({ applicant }) => applicant.inside_kingdom, {
      ar: 'تفيد السجلات بأنك خارج المملكة، ويجب أن يكون الكفيل داخلها.',
      en: 'The records show you are outside the Kingdom; a guarantor must be inside it.',
    }),
    rule('not_wanted', { ar: 'ألا تكون مطلوبًا لدى الجهات الأمنية.', en: 'You are not wanted by the security authorities.' }, ({ applicant }) => !applicant.security_restriction, {
      ar: 'لا يمكن قبول كفالتك لوجود قيد أمني على سجلك. راجع أقرب مركز شرطة للاستفسار.',
      en: 'Your bail cannot be accepted because your record has a security restriction. Please ask at the nearest police station.',
    }),
    // Also an open criminal case: the guarantor undertakes to bring the person before the
    // authorities whenever asked, which someone who may be held or summoned in a criminal case
    // of their own cannot be relied on to do (the registry flag is set by the prosecution).
    rule('no_criminal_case', { ar: 'ألا تكون عليك قضية جنائية قائمة.', en: 'You have no open criminal case.' }, ({ applicant }) => !applicant.criminal_case, {
      ar: 'لا يمكن قبول كفالتك ما دامت عليك قضية جنائية قائمة.',
      en: 'Your bail cannot be accepted while a criminal case against you is open.',
    }),
    // Open kafala requests: those waiting for payment count, or a third could be paid for.
    rule('at_most_two', { ar: 'ألا يكون لديك كفالتان قائمتان (الحد الأعلى كفالتان في الوقت نفسه).', en: 'You do not already hold two open bails (two at a time at most).' }, ({ openRequests }) => openRequests < MAX_OPEN_GUARANTEES, {
      ar: 'لديك كفالتان قائمتان، وهو الحد الأعلى. يمكنك تقديم كفالة جديدة بعد انتهاء إحداهما أو إلغائها.',
      en: 'You already hold two open bails, the most allowed at a time. You can stand bail again once one of them ends or is cancelled.',
    }),
  ],
  form: [
    step(
      'guaranteed',
      { ar: 'بيانات المكفول', en: 'The person you stand bail for' },
      [
        field.idNumber('idNumber', {
          label: { ar: 'رقم هوية المكفول أو إقامته', en: 'Their national ID or iqama number' },
          hint: { ar: '10 أرقام، كما في هويته الوطنية أو إقامته.', en: '10 digits, as on their national ID or iqama.' },
          masked: true,
        }),
        field.date('birthDate', {
          label: { ar: 'تاريخ ميلاد المكفول', en: 'Their date of birth' },
          hint: { ar: 'كما في هويته أو إقامته، بالتقويم الهجري أو الميلادي.', en: 'As on their ID or iqama, in the Hijri or the Gregorian calendar.' },
          asOnId: true,
          maxDaysFromToday: 0,
          masked: true,
        }),
        field.text('caseNumber', {
          label: CASE_NUMBER,
          hint: { ar: 'كما هو في ورقة القضية أو رسالة المرور.', en: 'As on the case papers or the message from traffic.' },
          maxLength: 20,
          inputMode: 'numeric',
          pattern: { regex: /^[A-Za-z0-9-]{4,20}$/, message: { ar: 'رقم القضية من 4 إلى 20 رقمًا أو حرفًا لاتينيًا.', en: 'The case number is 4 to 20 digits or Latin letters.' } },
        }),
      ],
      {
        // The three details must name, together, a person held in that open case: a mismatch does
        // not say which detail is wrong, so the form cannot be used to learn about someone.
        check: async ({ applicant, registry, values }) => {
          if (values.idNumber === applicant.national_id) return [{ field: 'idNumber', message: { ar: 'لا يمكنك أن تكفل نفسك.', en: 'You cannot stand bail for yourself.' }, refusal: true }];
          const person = await registry.personByIdNumber(values.idNumber!);
          const kase = person && person.birth_date === values.birthDate ? await registry.trafficCase(values.caseNumber!.toUpperCase(), person.id) : undefined;
          if (!kase?.party) return [{ field: 'idNumber', message: DETAILS_DO_NOT_MATCH }];
          if (kase.status !== 'open') return [{ field: 'caseNumber', message: { ar: 'هذه القضية مغلقة، فلا حاجة إلى كفالة فيها.', en: 'This case is closed, so no bail is needed in it.' }, refusal: true }];
          if (!kase.bailAllowed) return [{ field: 'caseNumber', message: { ar: 'لا تُقبل الكفالة في هذه القضية. راجع إدارة المرور المختصة.', en: 'Bail is not accepted in this case. Please contact the traffic department handling it.' }, refusal: true }];
          if (!kase.party.inCustody) return [{ field: 'idNumber', message: { ar: 'المكفول غير موقوف في هذه القضية، فلا حاجة إلى كفالته.', en: 'This person is not held in this case, so no bail is needed.' }, refusal: true }];
          return [];
        },
      },
    ),
    step(
      'undertaking',
      { ar: 'الإقرار والتعهد', en: 'Declaration and undertaking' },
      [
        field.confirm('declaration', {
          label: {
            ar: 'أقر بصحة البيانات المدخلة، وأتعهد بإحضار المكفول إلى الجهات المختصة متى طُلب مني ذلك حتى إغلاق القضية، وأعلم أنني مسؤول نظامًا عما يترتب على هذه الكفالة.',
            en: 'I declare that the details I entered are true. I undertake to bring the person I stand bail for before the authorities whenever I am asked to, until the case is closed, and I understand that I am responsible under the law for what this bail entails.',
          },
        }),
      ],
      () => ({
        ar: 'تسري الكفالة بعد سداد الرسوم، ويُخلى سبيل المكفول في القضية حينها. وتنتهي بإغلاق إدارة المرور للقضية.',
        en: 'The bail is in force once the fee is paid, and the person is released in the case then. It ends when traffic closes the case.',
      }),
    ),
  ],
  fee: () => [{ code: 'kafala_fee', label: { ar: 'رسوم الكفالة المرورية', en: 'Traffic bail fee' }, amount: sar(KAFALA_FEE_SAR) }],
  feeSchedule: { lines: [{ label: { ar: 'الكفالة المرورية', en: 'A traffic bail' }, amount: sar(KAFALA_FEE_SAR) }], note: { ar: 'تُسدد بالبطاقة فقط.', en: 'Paid by card only.' } },
  // Card only, as the service is announced. No refund on cancelling: the fee pays for the bail's
  // processing, done when the person was released; a request cancelled before payment owes nothing.
  payment: { channels: ['card'] },
  workflow: {
    initial: 'active',
    awaitingPayment: 'awaiting_payment',
    states: {
      awaiting_payment: { label: { ar: 'بانتظار السداد', en: 'Awaiting payment' }, sla: { days: 1, onTimeout: 'expire' }, waitingFor: 'applicant' },
      active: { label: { ar: 'الكفالة سارية', en: 'Bail in force' }, waitingFor: 'agency' },
      ended: { label: { ar: 'انتهت الكفالة بإغلاق القضية', en: 'Ended: the case is closed' }, final: true },
      cancelled: { label: { ar: 'ملغاة', en: 'Cancelled' }, final: true },
      expired: { label: { ar: 'منتهية لعدم السداد', en: 'Expired (not paid)' }, final: true },
    },
    actions: {
      pay: {
        from: ['awaiting_payment'],
        to: 'active',
        by: ['system'],
        label: { ar: 'سداد رسوم الكفالة', en: 'Pay the bail fee' },
        notify: {
          ar: 'سُددت رسوم الكفالة {reference} وأصبحت سارية، وأُخلي سبيل المكفول في القضية المرورية رقم {caseNumber}. احتفظ بالرقم المرجعي إثباتًا للكفالة.',
          en: 'The fee for bail {reference} is paid: the bail is in force and the person is released in traffic case {caseNumber}. Keep the reference number as proof of the bail.',
        },
      },
      expire: { from: ['awaiting_payment'], to: 'expired', by: ['system'], label: { ar: 'انتهاء مهلة السداد', en: 'Payment time ran out' } },
      // While it is in force, only as long as the case still takes bail (the guard).
      cancel: {
        from: ['awaiting_payment', 'active'],
        to: 'cancelled',
        by: ['applicant'],
        guard: whyNotCancel,
        label: { ar: 'إلغاء الكفالة', en: 'Cancel the bail' },
        notify: { ar: 'أُلغيت الكفالة {reference}.', en: 'Bail {reference} is cancelled.' },
      },
      closeCase: {
        from: ['active'],
        to: 'ended',
        by: ['officer', 'supervisor'],
        label: { ar: 'إغلاق القضية وإنهاء الكفالة', en: 'Close the case and end the bail' },
        notify: {
          ar: 'أُغلقت القضية المرورية رقم {caseNumber} وانتهت كفالتك {reference}. شكرًا لك.',
          en: 'Traffic case {caseNumber} is closed and your bail {reference} has ended. Thank you.',
        },
      },
    },
  },
  outputs: {
    caseNumber: CASE_NUMBER,
    guaranteedId: GUARANTEED_ID,
    inForceSince: IN_FORCE_SINCE,
  },
  // What the request's page and proof need: the case and whom the bail is for, masked; not the
  // person's name or date of birth, which the guarantor typed and nobody else needs to read.
  summary: ({ data, outputs }) => [
    { label: CASE_NUMBER, value: String(outputs.caseNumber ?? caseNumberOf(data)) },
    { label: GUARANTEED_ID, value: String(outputs.guaranteedId ?? maskNationalId(data.guaranteed.idNumber)) },
    ...(outputs.inForceSince === undefined ? [] : [{ label: IN_FORCE_SINCE, value: String(outputs.inForceSince) }]),
  ],
  effects: {
    submit: async ({ request, setOutput }) => {
      setOutput('caseNumber', caseNumberOf(request.data));
      setOutput('guaranteedId', maskNationalId(request.data.guaranteed.idNumber));
    },
    // The bail is in force: the person is released in the case, and told who stood bail for them
    // (if they have an account). A person no longer held (released meanwhile on another
    // guarantor's bail, or by traffic), or a case that no longer takes bail, needs no bail: the
    // payment is refused, so a card payment is refunded in full, and the request expires unpaid.
    pay: async (ctx) => {
      const found = await guaranteedCase(ctx);
      if (!found?.kase.party?.inCustody || found.kase.status !== 'open' || !found.kase.bailAllowed) {
        refuseAction({
          ar: 'لم تعد الكفالة لازمة: المكفول غير موقوف الآن في هذه القضية، أو لم تعد القضية تقبل الكفالة. يُعاد إليك ما دفعته كاملًا.',
          en: 'The bail is no longer needed: the person is not held in this case now, or the case no longer takes bail. Anything you paid is refunded in full.',
        });
      }
      await ctx.registry.setTrafficCustody(found.kase.id, found.person.id, false);
      ctx.setOutput('inForceSince', ctx.today);
      ctx.notifyPerson(found.person.id, releasedOnBail(ctx.applicant));
    },
    // A bail in force is withdrawn (the guard has found the case open and taking bail, and keeps
    // it locked): the person released on it is recorded as held again, and told. Before payment,
    // nothing to undo.
    cancel: async (ctx) => {
      if (ctx.request.outputs.inForceSince === undefined) return;
      const found = await guaranteedCase(ctx);
      if (!found) return;
      await ctx.registry.setTrafficCustody(found.kase.id, found.person.id, true);
      ctx.notifyPerson(found.person.id, BAIL_WITHDRAWN);
    },
    closeCase: async (ctx) => {
      const found = await guaranteedCase(ctx);
      if (!found) refuseAction({ ar: 'لم نجد القضية في السجلات.', en: 'The case is not in the records.' });
      await ctx.registry.closeTrafficCase(found.kase.id);
    },
  },
});
