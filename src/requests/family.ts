import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { IsoDate } from '../kernel/dates.js';
import type { Locale } from '../kernel/i18n/index.js';
import { listChildren, listWards, personName } from '../registry/index.js';
import type { FamilyMemberChoice } from './pages/family-choice.js';

/**
 * The family a person may choose from when a service asks for a family member: their living
 * children and their wards on the day, youngest first, each once. The service's own checks
 * still decide who may be named (a married child is listed, and refused with the reason).
 */
export async function familyChoicesOf(db: Kysely<Database>, personId: string, on: IsoDate, locale: Locale): Promise<FamilyMemberChoice[]> {
  const [children, wards] = await Promise.all([listChildren(db, personId), listWards(db, { guardianId: personId, on })]);
  const seen = new Set<string>();
  return [...wards, ...children]
    .filter((p) => !p.deceased && !seen.has(p.id) && seen.add(p.id))
    .sort((a, b) => (a.birth_date < b.birth_date ? 1 : a.birth_date > b.birth_date ? -1 : 0))
    .map((p) => ({ nationalId: p.national_id, name: personName(p, locale, 'short') }));
}
