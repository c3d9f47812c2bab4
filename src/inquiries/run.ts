import type { Kysely } from 'kysely';
import type { ServiceCatalogue } from '../catalogue/catalogue.js';
import type { Database, Person } from '../db/tables.js';
import type { Clock } from '../kernel/clock.js';
import { riyadhDate } from '../kernel/dates.js';
import { AppError } from '../kernel/errors.js';
import { getPerson } from '../registry/index.js';
import type { InquiryCatalogue } from './catalogue.js';
import type { InquiryDefinition, InquiryResult, InquirySubjectKind } from './define.js';
import { resolveSubject, subjectsOf, type InquirySubject } from './subjects.js';

export interface InquiriesDeps {
  db: Kysely<Database>;
  clock: Clock;
  inquiries: InquiryCatalogue;
  services: ServiceCatalogue;
}

export interface InquiryAnswer {
  inquiry: InquiryDefinition;
  subject: Person;
  result: InquiryResult;
  /** When the registry was read: pages and print say "as of". */
  at: Date;
}

/** Whom an inquiry may be about, for its chooser: the kinds it takes, self first. */
export function subjectKindsOf(inquiry: InquiryDefinition): readonly InquirySubjectKind[] {
  return inquiry.subjects ?? ['self'];
}

/**
 * Runs an inquiry for a signed-in person, about themself or one of their dependants or workers
 * (`subjectNationalId`); anyone else is refused with the same answer whether or not they exist.
 * Reads only.
 */
export async function runInquiry(
  deps: InquiriesDeps,
  options: { inquiryId: string; subjectNationalId?: string | undefined } & ({ personId: string } | { asker: Person }),
): Promise<InquiryAnswer> {
  const inquiry = deps.inquiries.get(options.inquiryId);
  // The API's session has read the person already; the pages pass the id.
  const asker = 'asker' in options ? options.asker : await getPerson(deps.db, options.personId);
  if (!asker) throw new AppError('registry.person_not_found');
  const now = deps.clock.now();
  const today = riyadhDate(now);
  const subject = await resolveSubject(deps.db, asker, subjectKindsOf(inquiry), options.subjectNationalId, today);
  const result = await inquiry.run({ db: deps.db, asker, subject, today, now, services: deps.services });
  return { inquiry, subject, result, at: now };
}

/** Everyone the person may make some inquiry about (themself, dependants, workers). */
export async function listInquirySubjects(deps: Pick<InquiriesDeps, 'db' | 'clock'>, personId: string, kinds: readonly InquirySubjectKind[] = ['self', 'family', 'workers']): Promise<InquirySubject[]> {
  const asker = await getPerson(deps.db, personId);
  if (!asker) throw new AppError('registry.person_not_found');
  return subjectsOf(deps.db, asker, kinds, riyadhDate(deps.clock.now()));
}

/** Whether a result has anything to show. */
export function isEmptyResult(result: InquiryResult): boolean {
  return result.items.length === 0 && (result.summary ?? []).length === 0;
}
