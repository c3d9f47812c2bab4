import type { Person } from '../db/tables.js';

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
