import { DOCUMENT_GENDER, listDocuments } from '../../registry/index.js';
import { defineInquiry, f, v } from '../define.js';
import { LABELS, validity } from '../parts.js';

/** Driving licence information (معلومات رخصة القيادة): each licence with its type and validity. */

/** The classes of docs/registry-import.md (`details.class`). */
const LICENCE_TYPES: Record<string, { ar: string; en: string }> = {
  private: { ar: 'خاصة', en: 'Private' },
  public: { ar: 'عمومية', en: 'Public' },
  heavy_transport: { ar: 'نقل ثقيل', en: 'Heavy transport' },
  motorcycle: { ar: 'دراجة نارية', en: 'Motorcycle' },
  public_works_equipment: { ar: 'معدات أشغال عامة', en: 'Public works equipment' },
  temporary: { ar: 'مؤقتة', en: 'Temporary' },
};

export default defineInquiry({
  id: 'traffic.driving-licence',
  agency: 'traffic',
  name: { ar: 'معلومات رخصة القيادة', en: 'Driving licence information' },
  description: {
    ar: 'رخصة القيادة: رقمها ونوعها وتاريخ إصدارها وانتهائها وحالتها.',
    en: 'Your driving licence: its number, type, issue and expiry dates and status.',
  },
  keywords: { ar: ['رخصة القيادة', 'رخصة', 'انتهاء الرخصة'], en: ['driving licence', 'driver license', 'licence expiry'] },
  subjects: ['self', 'family', 'workers'],
  empty: { ar: 'لا توجد رخصة قيادة مسجلة.', en: 'No driving licence is on record.' },
  async run({ db, subject, today }) {
    const licences = await listDocuments(db, { personId: subject.id, kind: 'driving_licence' });
    return {
      items: licences.map((d) => {
        const type = LICENCE_TYPES[String(d.details.class ?? 'private')] ?? LICENCE_TYPES.private!;
        return {
          title: v.words({ ar: `رخصة قيادة ${type.ar}`, en: `${type.en} driving licence` }),
          status: validity(d.expiry_date, today, DOCUMENT_GENDER.driving_licence, d.status),
          fields: [f({ ar: 'رقم الرخصة', en: 'Licence number' }, v.code(d.number)), f(LABELS.issue, v.date(d.issue_date)), f(LABELS.expiry, v.date(d.expiry_date))],
        };
      }),
    };
  },
});
