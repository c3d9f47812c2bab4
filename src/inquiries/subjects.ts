import type { Kysely } from 'kysely';
import type { Database, Person } from '../db/tables.js';
import type { IsoDate } from '../kernel/dates.js';
import { AppError } from '../kernel/errors.js';
import { findPersonByNationalId, listSponsoredWorkers, listWards, personName } from '../registry/index.js';
import type { InquirySubjectKind } from './define.js';

/**
 * Whom a person may make an inquiry about: themself; their dependants (wards in their
 * guardianship today, and family members a resident sponsors); their domestic workers (workers
 * under their personal sponsorship). Nobody else: an ID number outside these gets the same
 * answer whether or not it exists.
 */

export interface InquirySubject {
  kind: InquirySubjectKind;
  nationalId: string;
  name: { ar: string; en: string };
}

export async function subjectsOf(db: Kysely<Database>, asker: Person, kinds: readonly InquirySubjectKind[], today: IsoDate): Promise<InquirySubject[]> {
  const named = (kind: InquirySubjectKind, p: Parameters<typeof personName>[0] & { national_id: string }): InquirySubject => ({
    kind,
    nationalId: p.national_id,
    name: { ar: personName(p, 'ar'), en: personName(p, 'en') },
  });
  const subjects: InquirySubject[] = kinds.includes('self') ? [named('self', asker)] : [];
  if (!kinds.includes('family') && !kinds.includes('workers')) return subjects;
  const sponsored = await listSponsoredWorkers(db, asker.id);
  if (kinds.includes('family')) {
    for (const ward of await listWards(db, { guardianId: asker.id, on: today })) subjects.push(named('family', ward));
    for (const s of sponsored) if (!s.sponsorship.domestic_worker) subjects.push(named('family', s.worker));
  }
  if (kinds.includes('workers')) for (const s of sponsored) if (s.sponsorship.domestic_worker) subjects.push(named('workers', s.worker));
  // A person both a ward and sponsored shows once.
  return subjects.filter((s, i) => subjects.findIndex((o) => o.nationalId === s.nationalId) === i);
}

/** The person an inquiry is about: the asker when no ID is given, else one of their subjects. */
export async function resolveSubject(db: Kysely<Database>, asker: Person, kinds: readonly InquirySubjectKind[], nationalId: string | undefined, today: IsoDate): Promise<Person> {
  if (!nationalId || nationalId === asker.national_id) {
    if (kinds.includes('self')) return asker;
    if (!nationalId) throw new AppError('inquiries.subject_required');
  }
  const allowed = await subjectsOf(db, asker, kinds.filter((k) => k !== 'self'), today);
  const subject = allowed.some((s) => s.nationalId === nationalId) ? await findPersonByNationalId(db, nationalId!) : undefined;
  if (!subject) throw new AppError('inquiries.not_your_subject');
  return subject;
}
