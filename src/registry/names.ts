import type { DocumentKind, Person } from '../db/tables.js';

type NameFields = Pick<
  Person,
  'first_name_ar' | 'father_name_ar' | 'grandfather_name_ar' | 'family_name_ar' | 'first_name_en' | 'father_name_en' | 'grandfather_name_en' | 'family_name_en'
>;

/**
 * A person's name in one script: the full four-part name (official documents, staff screens)
 * or the short first-father-family form (greetings, lists).
 */
export function personName(person: NameFields, locale: 'ar' | 'en', form: 'full' | 'short' = 'full'): string {
  const parts =
    locale === 'ar'
      ? [person.first_name_ar, person.father_name_ar, form === 'full' ? person.grandfather_name_ar : null, person.family_name_ar]
      : [person.first_name_en, person.father_name_en, form === 'full' ? person.grandfather_name_en : null, person.family_name_en];
  return parts.filter(Boolean).join(' ');
}

/** The grammatical gender of a noun in Arabic, which the adjectives and verbs about it follow. */
export type ArabicGender = 'masculine' | 'feminine';

/**
 * The gender of each document's Arabic name, for the words of its state to agree with it:
 * جواز السفر ساري / ملغى / منتهي, but الهوية / الإقامة / الرخصة / التأشيرة سارية / ملغاة / منتهية.
 */
export const DOCUMENT_GENDER: Record<DocumentKind, ArabicGender> = {
  national_id_card: 'feminine', // بطاقة الهوية الوطنية
  iqama: 'feminine', // الإقامة (هوية مقيم)
  passport: 'masculine', // جواز السفر
  driving_licence: 'feminine', // رخصة القيادة
  vehicle_registration: 'feminine', // رخصة السير (الاستمارة)
  exit_reentry_visa: 'feminine', // تأشيرة خروج وعودة
  travel_permit: 'masculine', // تصريح السفر
};
