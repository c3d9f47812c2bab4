import { defineService, rule, step, type Bilingual } from '../../catalogue/define.js';
import { field } from '../../catalogue/fields.js';
import { sar } from '../../kernel/money.js';

/**
 * Issue a national ID card in place of a lost one (seed document 004): the loss is recorded and
 * the old card marked lost at once, so it cannot be used; civil affairs reviews; the new card
 * number is issued on approval; the card is printed and delivered to the national address (or
 * handed over at an office) and the person follows the request until they have it.
 */

/** The fee by the number of the person's earlier losses: the first loss is free. */
export const LOSS_FEES_SAR = [0, 100, 300, 1000] as const;
/** A replacement card is valid for ten years. */
export const CARD_VALID_YEARS = 10;

export interface ReplaceLostIdData {
  loss: { lostOn: string; city: string; circumstances: string; declaration: string };
  delivery: { method: 'national_address' | 'office'; office?: string };
}

const CITIES: ReadonlyArray<{ value: string; label: Bilingual }> = [
  { value: 'riyadh', label: { ar: 'الرياض', en: 'Riyadh' } },
  { value: 'jeddah', label: { ar: 'جدة', en: 'Jeddah' } },
  { value: 'makkah', label: { ar: 'مكة المكرمة', en: 'Makkah' } },
  { value: 'madinah', label: { ar: 'المدينة المنورة', en: 'Madinah' } },
  { value: 'dammam', label: { ar: 'الدمام', en: 'Dammam' } },
  { value: 'khobar', label: { ar: 'الخبر', en: 'Al Khobar' } },
  { value: 'taif', label: { ar: 'الطائف', en: 'Taif' } },
  { value: 'tabuk', label: { ar: 'تبوك', en: 'Tabuk' } },
  { value: 'buraydah', label: { ar: 'بريدة', en: 'Buraydah' } },
  { value: 'abha', label: { ar: 'أبها', en: 'Abha' } },
  { value: 'hail', label: { ar: 'حائل', en: 'Hail' } },
  { value: 'jazan', label: { ar: 'جازان', en: 'Jazan' } },
  { value: 'najran', label: { ar: 'نجران', en: 'Najran' } },
  { value: 'outside', label: { ar: 'خارج المملكة', en: 'Outside the Kingdom' } },
];

const OFFICES: ReadonlyArray<{ value: string; label: Bilingual }> = [
  { value: 'riyadh-olaya', label: { ar: 'مكتب الأحوال المدنية بالعليا (الرياض)', en: 'Civil Affairs office, Olaya - Riyadh' } },
  { value: 'riyadh-naseem', label: { ar: 'مكتب الأحوال المدنية بالنسيم (الرياض)', en: 'Civil Affairs office, Al Naseem - Riyadh' } },
  { value: 'jeddah-rawdah', label: { ar: 'مكتب الأحوال المدنية بالروضة (جدة)', en: 'Civil Affairs office, Al Rawdah - Jeddah' } },
  { value: 'dammam-faisaliyah', label: { ar: 'مكتب الأحوال المدنية بالفيصلية (الدمام)', en: 'Civil Affairs office, Al Faisaliyah - Dammam' } },
  { value: 'madinah-quba', label: { ar: 'مكتب الأحوال المدنية بقباء (المدينة المنورة)', en: 'Civil Affairs office, Quba - Madinah' } },
];

export default defineService<ReplaceLostIdData, 'awaiting_payment' | 'awaiting_review' | 'printing' | 'with_courier' | 'ready_for_pickup' | 'completed' | 'rejected' | 'cancelled' | 'expired', 'pay' | 'cancel' | 'expire' | 'approve' | 'reject' | 'handToCourier' | 'markReadyForPickup' | 'deliver' | 'handOver'>({
  id: 'civil-affairs.national-id.replace-lost',
  agency: 'civil-affairs',
  group: { ar: 'خدمات الأحوال المدنية', en: 'Civil Affairs services' },
  name: { ar: 'إصدار بطاقة هوية وطنية بدل مفقود', en: 'National ID replacement (lost)' },
  description: {
    ar: 'أبلغ عن فقدان بطاقة الهوية الوطنية واطلب بطاقة بديلة تُوصَل إلى عنوانك الوطني أو تستلمها من مكتب الأحوال المدنية. تُلغى البطاقة المفقودة فور تقديم الطلب.',
    en: 'Report a lost national ID card and ask for a replacement, delivered to your national address or collected at a Civil Affairs office. The lost card is cancelled as soon as you apply.',
  },
  keywords: {
    ar: ['بدل فاقد', 'هوية مفقودة', 'هوية ضائعة', 'ضياع الهوية', 'فقدت الهوية', 'فقدان البطاقة', 'بطاقة ضائعة', 'بطاقة الأحوال', 'وثيقة مفقودة', 'فقدان وثيقة', 'بلاغ فقدان'],
    en: ['lost ID', 'replace ID card', 'lost card', 'national identity', 'lost document', 'report a loss'],
  },
  audience: ['individuals'],
  applicant: ['self'],
  eligibility: [
    rule('citizen', { ar: 'أن تكون مواطنًا سعوديًا.', en: 'You are a Saudi citizen.' }, ({ beneficiary }) => beneficiary.id_type === 'national_id', {
      ar: 'بطاقة الهوية الوطنية للمواطنين فقط. المقيمون يطلبون بدل الإقامة من خدمات الجوازات.',
      en: 'The national ID card is for citizens only. Residents replace their iqama through the passports services.',
    }),
    rule('alive', { ar: 'أن يكون سجلك المدني قائمًا.', en: 'Your civil record is active.' }, ({ beneficiary }) => !beneficiary.deceased, {
      ar: 'سجل صاحب الهوية يفيد بالوفاة.',
      en: 'The registry records the card holder as deceased.',
    }),
    rule('has_card', { ar: 'أن تكون قد صدرت لك بطاقة هوية وطنية من قبل.', en: 'A national ID card has been issued to you before.' }, async ({ beneficiary, registry }) => (await registry.documents(beneficiary.id, 'national_id_card')).length > 0, {
      ar: 'لا توجد بطاقة هوية وطنية صادرة لك. تُصدر البطاقة الأولى بزيارة مكتب الأحوال المدنية.',
      en: 'No national ID card has been issued to you. A first card is issued at a Civil Affairs office.',
    }),
  ],
  form: [
    step('loss', { ar: 'بيانات الفقدان', en: 'About the loss' }, [
      field.date('lostOn', {
        label: { ar: 'تاريخ الفقدان', en: 'Date of the loss' },
        hint: { ar: 'بالتاريخ الميلادي. إن لم تعرف اليوم فاختر أقرب تاريخ تتذكره.', en: 'Gregorian. If you do not know the day, choose the closest date you remember.' },
        maxDaysFromToday: 0,
        minDaysFromToday: -365,
      }),
      field.choice('city', { label: { ar: 'مدينة الفقدان', en: 'City of the loss' }, display: 'select', options: CITIES }),
      field.text('circumstances', {
        label: { ar: 'ظروف الفقدان', en: 'How the card was lost' },
        hint: { ar: 'باختصار: أين كنت ومتى لاحظت الفقدان.', en: 'Briefly: where you were and when you noticed.' },
        maxLength: 500,
        multiline: true,
      }),
      field.confirm('declaration', {
        label: {
          ar: 'أقر بأن البطاقة مفقودة وأن البيانات صحيحة، وأعلم أن البطاقة المفقودة تُلغى ولا يجوز استخدامها إن وُجدت.',
          en: 'I declare that the card is lost and that these details are true, and I understand that the lost card is cancelled and must not be used if found.',
        },
      }),
    ]),
    step(
      'delivery',
      { ar: 'استلام البطاقة', en: 'Receiving the card' },
      [
        field.choice('method', {
          label: { ar: 'طريقة الاستلام', en: 'How you will receive the card' },
          display: 'radio',
          options: [
            { value: 'national_address', label: { ar: 'التوصيل إلى عنواني الوطني', en: 'Delivery to my national address' } },
            { value: 'office', label: { ar: 'الاستلام من مكتب الأحوال المدنية', en: 'Collection at a Civil Affairs office' } },
          ],
        }),
        field.choice('office', {
          label: { ar: 'المكتب', en: 'Office' },
          hint: { ar: 'للاستلام من المكتب فقط.', en: 'For collection at an office only.' },
          display: 'select',
          options: OFFICES,
          showWhen: { field: 'method', equals: 'office' },
        }),
      ],
      ({ beneficiary: p }) => {
        if (!p.address_city) {
          return {
            ar: 'لا يوجد عنوان وطني مسجل لك. سجّل عنوانك لدى البريد السعودي (سبل) أو اختر الاستلام من المكتب.',
            en: 'You have no national address on record. Register your address with Saudi Post (SPL) or choose collection at an office.',
          };
        }
        return {
          ar: 'عنوانك الوطني المسجل:',
          en: 'Your national address on record:',
          detail: [p.address_building_number, p.address_street, p.address_district, p.address_city, p.address_postal_code].filter(Boolean).join('، '),
          note: { ar: 'إن لم يكن صحيحًا فحدّثه لدى البريد السعودي (سبل) قبل اختيار التوصيل.', en: 'If it is not right, update it with Saudi Post (SPL) before choosing delivery.' },
        };
      },
    ),
  ],
  fee: async ({ beneficiary, registry }) => {
    const earlier = await registry.lostDocumentCount(beneficiary.id, 'national_id_card');
    const amount = sar(LOSS_FEES_SAR[Math.min(earlier, LOSS_FEES_SAR.length - 1)]!);
    return amount === 0 ? [] : [{ code: 'loss_fee', label: { ar: `رسوم إصدار بدل مفقود (الفقدان رقم ${earlier + 1})`, en: `Lost card fee (loss number ${earlier + 1})` }, amount }];
  },
  feeSchedule: {
    lines: LOSS_FEES_SAR.map((amount, i) => ({
      label: i === 0 ? { ar: 'الفقدان الأول', en: 'A first loss' } : i === LOSS_FEES_SAR.length - 1 ? { ar: `الفقدان رقم ${i + 1} فأكثر`, en: `Loss number ${i + 1} or more` } : { ar: `الفقدان رقم ${i + 1}`, en: `Loss number ${i + 1}` },
      amount: sar(amount),
    })),
    note: { ar: 'تُعاد الرسوم كاملة إذا رُفض الطلب أو أُلغي.', en: 'The fee is given back in full if the request is rejected or cancelled.' },
  },
  // By SADAD or card; the fee is given back in full when the request is rejected or cancelled
  // (no card is issued).
  payment: { refundOn: ['reject', 'cancel'] },
  workflow: {
    initial: 'awaiting_review',
    awaitingPayment: 'awaiting_payment',
    states: {
      awaiting_payment: { label: { ar: 'بانتظار السداد', en: 'Awaiting payment' }, sla: { days: 3, onTimeout: 'expire' }, waitingFor: 'applicant' },
      awaiting_review: { label: { ar: 'قيد المراجعة', en: 'Under review' }, sla: { days: 2 }, waitingFor: 'agency' },
      printing: { label: { ar: 'قيد الطباعة', en: 'Being printed' }, sla: { days: 3 }, waitingFor: 'agency' },
      with_courier: { label: { ar: 'مع شركة التوصيل', en: 'With the courier' }, sla: { days: 5 }, waitingFor: 'agency' },
      ready_for_pickup: { label: { ar: 'البطاقة جاهزة للاستلام', en: 'Ready for collection' }, sla: { days: 30 }, waitingFor: 'applicant' },
      completed: { label: { ar: 'تم التسليم', en: 'Delivered' }, final: true },
      rejected: { label: { ar: 'مرفوض', en: 'Rejected' }, final: true },
      cancelled: { label: { ar: 'ملغى', en: 'Cancelled' }, final: true },
      expired: { label: { ar: 'منتهي لعدم السداد', en: 'Expired (not paid)' }, final: true },
    },
    actions: {
      pay: { from: ['awaiting_payment'], to: 'awaiting_review', by: ['system'], label: { ar: 'سداد الرسوم', en: 'Pay the fee' } },
      cancel: { from: ['awaiting_payment', 'awaiting_review'], to: 'cancelled', by: ['applicant'], label: { ar: 'إلغاء الطلب', en: 'Cancel the request' } },
      expire: { from: ['awaiting_payment'], to: 'expired', by: ['system'], label: { ar: 'انتهاء مهلة السداد', en: 'Payment time ran out' } },
      approve: {
        from: ['awaiting_review'],
        to: 'printing',
        by: ['officer', 'supervisor'],
        label: { ar: 'اعتماد وإصدار البطاقة', en: 'Approve and issue the card' },
        notify: { ar: 'اعتُمد طلبك {reference} وصدرت بطاقتك الجديدة رقم {newCardNumber}، وهي الآن قيد الطباعة.', en: 'Your request {reference} is approved: your new card number is {newCardNumber}, now being printed.' },
      },
      reject: { from: ['awaiting_review'], to: 'rejected', by: ['officer', 'supervisor'], reason: 'required', label: { ar: 'رفض الطلب', en: 'Reject the request' } },
      handToCourier: {
        from: ['printing'],
        to: 'with_courier',
        by: ['officer', 'supervisor'],
        when: (data) => data.delivery.method === 'national_address',
        label: { ar: 'تسليم البطاقة لشركة التوصيل', en: 'Hand the card to the courier' },
        input: [field.text('trackingNumber', { label: { ar: 'رقم الشحنة', en: 'Tracking number' }, maxLength: 40, pattern: { regex: /^[A-Z0-9-]{6,40}$/i, message: { ar: 'رقم الشحنة من 6 إلى 40 حرفًا لاتينيًا أو رقمًا.', en: 'The tracking number is 6 to 40 Latin letters or digits.' } } })],
        notify: { ar: 'بطاقتك الجديدة (الطلب {reference}) مع شركة التوصيل، رقم الشحنة {trackingNumber}.', en: 'Your new card (request {reference}) is with the courier, tracking number {trackingNumber}.' },
      },
      markReadyForPickup: {
        from: ['printing'],
        to: 'ready_for_pickup',
        by: ['officer', 'supervisor'],
        when: (data) => data.delivery.method === 'office',
        label: { ar: 'البطاقة جاهزة للاستلام', en: 'The card is ready for collection' },
      },
      deliver: { from: ['with_courier'], to: 'completed', by: ['officer', 'supervisor', 'system'], label: { ar: 'تم التوصيل', en: 'Delivered' } },
      handOver: { from: ['ready_for_pickup'], to: 'completed', by: ['officer', 'supervisor'], label: { ar: 'تم التسليم في المكتب', en: 'Handed over at the office' } },
    },
  },
  rejectReasons: [
    { code: 'identity_mismatch', label: { ar: 'البيانات لا تطابق السجل المدني', en: 'The details do not match the civil registry' } },
    { code: 'card_not_lost', label: { ar: 'تبيّن أن البطاقة غير مفقودة', en: 'The card turned out not to be lost' } },
    { code: 'visit_required', label: { ar: 'يلزم الحضور إلى مكتب الأحوال المدنية', en: 'A visit to a Civil Affairs office is needed' } },
    { code: 'other', label: { ar: 'سبب آخر', en: 'Another reason' } },
  ],
  outputs: {
    newCardNumber: { ar: 'رقم البطاقة الجديدة', en: 'New card number' },
    newCardExpiry: { ar: 'تاريخ انتهاء البطاقة الجديدة', en: 'New card expiry date' },
    trackingNumber: { ar: 'رقم الشحنة', en: 'Tracking number' },
  },
  effects: {
    // The lost card stops being usable the moment the loss is reported.
    submit: async ({ beneficiary, registry, request }) => {
      await registry.markDocumentsLost(beneficiary.id, 'national_id_card', { reportedIn: request.reference, lostOn: request.data.loss.lostOn, city: request.data.loss.city });
    },
    approve: async ({ beneficiary, registry, request, setOutput }) => {
      const card = await registry.issueDocument(beneficiary.id, 'national_id_card', { validYears: CARD_VALID_YEARS, details: { replaces: 'lost', request: request.reference } });
      setOutput('newCardNumber', card.number);
      setOutput('newCardExpiry', card.expiryDate);
    },
    handToCourier: async ({ input, setOutput }) => {
      setOutput('trackingNumber', String(input.trackingNumber).toUpperCase());
    },
  },
});
