import { DOCUMENT_GENDER, listDocuments } from '../../registry/index.js';
import { defineInquiry, f, v } from '../define.js';
import { LABELS, validity } from '../parts.js';

/**
 * ID validity (صلاحية الهوية): the national ID cards of a citizen (the person or a dependant) with
 * their validity. A resident's identity is the iqama: the passports inquiry
 * `passports.iqama-validity` answers for it, and this one says so.
 */

export const NOT_A_CITIZEN = {
  ar: 'هذا الاستعلام عن بطاقة الهوية الوطنية للمواطنين. للاستعلام عن صلاحية هوية مقيم (الإقامة) استخدم استعلام «صلاحية هوية مقيم» في استعلامات الجوازات.',
  en: 'This inquiry is about the national ID cards of citizens. For a resident identity (iqama), use the "Iqama validity" inquiry of the Passports.',
};

export default defineInquiry({
  id: 'civil-affairs.id-validity',
  agency: 'civil-affairs',
  name: { ar: 'صلاحية الهوية', en: 'ID validity' },
  description: {
    ar: 'بطاقة الهوية الوطنية لك أو لأحد أفراد أسرتك: رقمها وتاريخ إصدارها وانتهائها وحالتها.',
    en: 'The national ID card of you or a family member: its number, issue and expiry dates and status.',
  },
  keywords: { ar: ['الهوية', 'الهوية الوطنية', 'انتهاء الهوية', 'بطاقة الأحوال'], en: ['national id', 'id card', 'id expiry', 'identity card'] },
  subjects: ['self', 'family'],
  empty: { ar: 'لا توجد بطاقة هوية وطنية مسجلة.', en: 'No national ID card is on record.' },
  async run({ db, subject, today }) {
    if (subject.id_type !== 'national_id') return { items: [], empty: NOT_A_CITIZEN };
    const cards = await listDocuments(db, { personId: subject.id, kind: 'national_id_card' });
    return {
      items: cards.map((d) => ({
        title: v.words({ ar: 'بطاقة الهوية الوطنية', en: 'National ID card' }),
        status: validity(d.expiry_date, today, DOCUMENT_GENDER.national_id_card, d.status),
        fields: [
          f({ ar: 'رقم البطاقة', en: 'Card number' }, v.code(d.number)),
          f(LABELS.issue, v.date(d.issue_date)),
          f(LABELS.expiry, v.date(d.expiry_date)),
        ],
      })),
    };
  },
});
