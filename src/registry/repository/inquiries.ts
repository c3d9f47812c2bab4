import type {
  Biometrics,
  BorderCrossing,
  Document,
  Employment,
  HajjPerformance,
  HajjPermit,
  HealthInsurance,
  RecruitmentRequest,
  WorkVisa,
  WorkVisaStatus,
} from '../../db/tables.js';
import { distinct, type Db } from './db.js';
import { personSummariesByIds, type PersonSummary } from './persons.js';
import type { Sponsor } from './sponsorships.js';

/**
 * What the read-only inquiries read (passports, civil status, recruitment). Each is one or two
 * indexed queries by the person (or the sponsor) it is about, and returns that person's rows
 * only; an empty list (or undefined) is the registry's answer "nothing recorded".
 */

/** A sponsor or employer: a person, or an establishment. */
export type SponsorRef = { personId: string } | { establishmentId: string };

const DEFAULT_LIMIT = 100;

/** The person's entries into and exits from the Kingdom, the latest first. */
export async function listBorderCrossings(db: Db, personId: string, options: { limit?: number; since?: Date } = {}): Promise<BorderCrossing[]> {
  let query = db.selectFrom('border_crossings').selectAll().where('person_id', '=', personId);
  if (options.since) query = query.where('crossed_at', '>=', options.since);
  return query.orderBy('crossed_at', 'desc').limit(options.limit ?? DEFAULT_LIMIT).execute();
}

/** The person's fingerprints and face image record; undefined when none was ever taken. */
export async function biometricsOf(db: Db, personId: string): Promise<Biometrics | undefined> {
  return db.selectFrom('biometrics').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

/** The person's health insurance policies, the one that ends last first (the current one, if any). */
export async function healthInsuranceOf(db: Db, personId: string): Promise<HealthInsurance[]> {
  return db.selectFrom('health_insurance').selectAll().where('person_id', '=', personId).orderBy('ends_on', 'desc').orderBy('policy_number').execute();
}

export interface EmploymentWithEmployer {
  employment: Employment;
  employer: Sponsor;
}

/** The person's employment contracts with their employer, the latest started first. */
export async function employmentOf(db: Db, personId: string): Promise<EmploymentWithEmployer[]> {
  const rows = await db.selectFrom('employments').selectAll().where('person_id', '=', personId).orderBy('started_on', 'desc').execute();
  const people = await personSummariesByIds(db, distinct(rows.flatMap((r) => (r.employer_person_id ? [r.employer_person_id] : []))));
  const establishmentIds = distinct(rows.flatMap((r) => (r.employer_establishment_id ? [r.employer_establishment_id] : [])));
  const establishments = new Map(
    establishmentIds.length === 0 ? [] : (await db.selectFrom('establishments').selectAll().where('id', 'in', establishmentIds).execute()).map((e) => [e.id, e]),
  );
  return rows.map((employment) => {
    if (employment.employer_person_id) {
      const person = people.get(employment.employer_person_id);
      if (!person) throw new Error(`Employment ${employment.id} names an employer that is not in the registry`);
      return { employment, employer: { type: 'person', person } };
    }
    const establishment = establishments.get(employment.employer_establishment_id!);
    if (!establishment) throw new Error(`Employment ${employment.id} names an establishment that is not in the registry`);
    return { employment, employer: { type: 'establishment', establishment } };
  });
}

export interface EmployeeRecord {
  employment: Employment;
  employee: PersonSummary;
}

/** The employees of a person or an establishment with their contracts; ended contracts only when asked. */
export async function listEmployeesOf(db: Db, employer: SponsorRef, options: { includeEnded?: boolean } = {}): Promise<EmployeeRecord[]> {
  let query = db.selectFrom('employments').selectAll();
  query = 'personId' in employer ? query.where('employer_person_id', '=', employer.personId) : query.where('employer_establishment_id', '=', employer.establishmentId);
  if (!options.includeEnded) query = query.where('contract_status', '!=', 'ended');
  const rows = await query.orderBy('started_on').orderBy('id').execute();
  const employees = await personSummariesByIds(db, distinct(rows.map((r) => r.person_id)));
  return rows.map((employment) => ({ employment, employee: employees.get(employment.person_id)! }));
}

export interface WorkVisaWithWorker {
  visa: WorkVisa;
  /** The worker who entered on a used visa; null otherwise. */
  worker: PersonSummary | null;
}

/** Work visas issued to a person or an establishment, the latest issued first; optionally of some statuses only. */
export async function listWorkVisasOfSponsor(
  db: Db,
  sponsor: SponsorRef,
  options: { statuses?: readonly WorkVisaStatus[]; limit?: number } = {},
): Promise<WorkVisaWithWorker[]> {
  if (options.statuses?.length === 0) return [];
  let query = db.selectFrom('work_visas').selectAll();
  query = 'personId' in sponsor ? query.where('sponsor_person_id', '=', sponsor.personId) : query.where('sponsor_establishment_id', '=', sponsor.establishmentId);
  if (options.statuses) query = query.where('status', 'in', [...options.statuses]);
  const visas = await query.orderBy('issued_on', 'desc').orderBy('number').limit(options.limit ?? DEFAULT_LIMIT).execute();
  const workers = await personSummariesByIds(db, distinct(visas.flatMap((v) => (v.worker_id ? [v.worker_id] : []))));
  return visas.map((visa) => ({ visa, worker: visa.worker_id ? (workers.get(visa.worker_id) ?? null) : null }));
}

export interface ArrivedWorker {
  visa: WorkVisa;
  worker: PersonSummary;
  /** The worker's entry on this visa, when the border record has it. */
  entry: BorderCrossing | null;
}

/**
 * Workers who entered the Kingdom on a work visa of this sponsor (its used visas), the latest
 * arrival first; `since` ('YYYY-MM-DD') keeps the arrivals on or after that day.
 */
export async function listArrivedWorkers(db: Db, sponsor: SponsorRef, options: { since?: string; limit?: number } = {}): Promise<ArrivedWorker[]> {
  let query = db.selectFrom('work_visas').selectAll().where('status', '=', 'used');
  query = 'personId' in sponsor ? query.where('sponsor_person_id', '=', sponsor.personId) : query.where('sponsor_establishment_id', '=', sponsor.establishmentId);
  if (options.since) query = query.where('used_on', '>=', options.since);
  const visas = await query.orderBy('used_on', 'desc').orderBy('number').limit(options.limit ?? DEFAULT_LIMIT).execute();
  if (visas.length === 0) return [];
  const workerIds = distinct(visas.map((v) => v.worker_id!));
  const workers = await personSummariesByIds(db, workerIds);
  const entries = await db
    .selectFrom('border_crossings')
    .selectAll()
    .where('person_id', 'in', workerIds)
    .where('direction', '=', 'entry')
    .where('visa_number', 'in', visas.map((v) => v.number))
    .orderBy('crossed_at')
    .execute();
  return visas.map((visa) => ({
    visa,
    worker: workers.get(visa.worker_id!)!,
    entry: entries.find((e) => e.person_id === visa.worker_id && e.visa_number === visa.number) ?? null,
  }));
}

/** A recruitment request with the number of the work visa issued for it, if any. */
export type RecruitmentRequestWithVisa = RecruitmentRequest & { work_visa_number: string | null };

/** Recruitment requests of a person or an establishment, the latest submitted first. */
export async function listRecruitmentRequests(db: Db, sponsor: SponsorRef, options: { limit?: number } = {}): Promise<RecruitmentRequestWithVisa[]> {
  let query = db.selectFrom('recruitment_requests').leftJoin('work_visas', 'work_visas.id', 'recruitment_requests.work_visa_id').selectAll('recruitment_requests').select('work_visas.number as work_visa_number');
  query =
    'personId' in sponsor
      ? query.where('recruitment_requests.sponsor_person_id', '=', sponsor.personId)
      : query.where('recruitment_requests.sponsor_establishment_id', '=', sponsor.establishmentId);
  return query.orderBy('recruitment_requests.submitted_on', 'desc').orderBy('recruitment_requests.number').limit(options.limit ?? DEFAULT_LIMIT).execute();
}

/** The Hajj the person performed, by Umm al-Qura year, the latest first (eligibility: none in the last 5 years). */
export async function hajjRecordOf(db: Db, personId: string): Promise<HajjPerformance[]> {
  return db.selectFrom('hajj_performances').selectAll().where('person_id', '=', personId).orderBy('hijri_year', 'desc').execute();
}

/** The person's Hajj permits, the latest season first. */
export async function listHajjPermits(db: Db, personId: string): Promise<HajjPermit[]> {
  return db.selectFrom('hajj_permits').selectAll().where('person_id', '=', personId).orderBy('season_hijri_year', 'desc').orderBy('issued_on', 'desc').execute();
}

// ---- exit and re-entry visas and the return ---------------------------------------------------

/** What a exit/re-entry visa document's `details` hold (import-schema.ts checks them). */
export interface ExitReentryVisaDetails {
  visaType: 'single' | 'multiple';
  durationDays: number;
  /** issued: not used yet; used: the holder left on it; returned: came back on it; expired: not used, or not back in time. */
  visaStatus: 'issued' | 'used' | 'returned' | 'expired';
}

export interface ExitReentryVisa {
  /** The document; its `expiry_date` is the day to return by. */
  document: Document;
  /** Null when the registry holds no (valid) details for it. */
  details: ExitReentryVisaDetails | null;
  /** The first exit on this visa, and the first entry after it. */
  exit: BorderCrossing | null;
  return: BorderCrossing | null;
}

function visaDetails(details: Record<string, unknown>): ExitReentryVisaDetails | null {
  const { visaType, durationDays, visaStatus } = details;
  if (visaType !== 'single' && visaType !== 'multiple') return null;
  if (typeof durationDays !== 'number' || !['issued', 'used', 'returned', 'expired'].includes(visaStatus as string)) return null;
  return { visaType, durationDays, visaStatus: visaStatus as ExitReentryVisaDetails['visaStatus'] };
}

/** The person's exit/re-entry visas, the latest issued first, each with the exit and return made on it. */
export async function listExitReentryVisas(db: Db, personId: string): Promise<ExitReentryVisa[]> {
  const documents = await db
    .selectFrom('documents')
    .selectAll()
    .where('person_id', '=', personId)
    .where('kind', '=', 'exit_reentry_visa')
    .orderBy('issue_date', 'desc')
    .orderBy('number')
    .execute();
  if (documents.length === 0) return [];
  const crossings = await db
    .selectFrom('border_crossings')
    .selectAll()
    .where('person_id', '=', personId)
    .where('visa_number', 'in', documents.map((d) => d.number))
    .orderBy('crossed_at')
    .execute();
  return documents.map((document) => {
    const mine = crossings.filter((c) => c.visa_number === document.number);
    const exit = mine.find((c) => c.direction === 'exit') ?? null;
    const back = exit ? (mine.find((c) => c.direction === 'entry' && c.crossed_at > exit.crossed_at) ?? null) : null;
    return { document, details: visaDetails(document.details), exit, return: back };
  });
}

export type ReturnStatus = 'cancelled' | 'not_used' | 'expired_unused' | 'outside' | 'late' | 'returned';

/**
 * Where the holder of an exit/re-entry visa stands on `today` ('YYYY-MM-DD'), from the visa
 * and the border record: not left yet, outside and due back by the visa's expiry, late (outside
 * after it), or returned.
 */
export function returnStatusOf(visa: ExitReentryVisa, today: string): ReturnStatus {
  if (visa.return) return 'returned';
  const overdue = today > visa.document.expiry_date;
  if (visa.exit) return overdue ? 'late' : 'outside';
  if (visa.document.status === 'cancelled') return 'cancelled';
  return overdue ? 'expired_unused' : 'not_used';
}
