import type { RecruitmentRequestStatus, WorkVisaStatus } from '../../db/tables.js';
import type { Builder, PersonRef } from './builder.js';
import { DOMESTIC_OCCUPATIONS, ESTABLISHMENT_OCCUPATIONS, type Occupation } from './data/catalogue.js';
import { RECRUITMENT_OFFICES } from './data/inquiries.js';
import { dateText } from './dates.js';
import { RECORD_NUMBER_SLOTS, recordNumber, rowId, TABLE_CODE } from './identifiers.js';
import { Weighted, type Random } from './random.js';

/**
 * Work visas issued to sponsors and their requests to recruitment offices. Numbers and row keys
 * belong to the sponsor, or for an establishment to its owner (slots shared by the owner's
 * establishments). Everything here draws from `b.extra` (see Builder).
 */

const DOMESTIC = new Weighted(DOMESTIC_OCCUPATIONS);
const OCCUPATIONS = new Weighted(ESTABLISHMENT_OCCUPATIONS);
const REQUEST_STATUS = new Weighted<RecruitmentRequestStatus>([['submitted', 20], ['in_progress', 35], ['completed', 30], ['cancelled', 15]]);
const OPEN_VISA_STATUS = new Weighted<Exclude<WorkVisaStatus, 'used'>>([['issued', 60], ['cancelled', 15], ['expired', 25]]);
/** Days a work visa may be used after it is issued. */
const VISA_VALIDITY = 365;

export interface VisaSponsor {
  /** Owns the numbers: the sponsor, or the owner of the sponsoring establishment. */
  owner: PersonRef;
  establishmentId?: string;
}

/** A nationality for an occupation: the first listed are the most common. */
export function nationalityFor(x: Random, occupation: Occupation): string {
  return occupation.from[Math.floor(Math.pow(x.next(), 1.6) * occupation.from.length)]!;
}

/** A work visa of the sponsor; null when the owner has no visa number left. */
export function addWorkVisa(
  b: Builder,
  sponsor: VisaSponsor,
  visa: { occupation: { ar: string; en: string }; nationality: string; status: WorkVisaStatus; issuedDay: number; worker?: PersonRef; usedDay?: number },
): { id: string; number: string } | null {
  const owner = sponsor.owner;
  if (owner.slots.workVisa >= RECORD_NUMBER_SLOTS) return null;
  const slot = owner.slots.workVisa++;
  const id = rowId(owner.time, owner.nid9, TABLE_CODE.workVisa, slot);
  const number = recordNumber('work_visa', owner.nid9, slot);
  b.rows.work_visas.push({
    id,
    number,
    sponsor_person_id: sponsor.establishmentId ? null : owner.id,
    sponsor_establishment_id: sponsor.establishmentId ?? null,
    occupation_ar: visa.occupation.ar,
    occupation_en: visa.occupation.en,
    nationality: visa.nationality,
    status: visa.status,
    issued_on: dateText(visa.issuedDay),
    expires_on: dateText(visa.issuedDay + VISA_VALIDITY),
    worker_id: visa.status === 'used' ? visa.worker!.id : null,
    used_on: visa.status === 'used' ? dateText(visa.usedDay!) : null,
  });
  return { id, number };
}

/** A visa not used (yet): issued and waiting, cancelled, or expired unused; its issue day fits its status. */
function addOpenVisa(b: Builder, sponsor: VisaSponsor, occupation: Occupation, status = OPEN_VISA_STATUS.pick(b.extra)): { id: string; number: string } | null {
  const x = b.extra;
  const issuedDay = status === 'expired' ? b.asOf - x.int(VISA_VALIDITY + 1, 900) : b.asOf - x.int(5, status === 'issued' ? 300 : 600);
  return addWorkVisa(b, sponsor, { occupation, nationality: nationalityFor(x, occupation), status, issuedDay });
}

/** A request to a recruitment office; a completed one has the work visa issued for it. */
function addRecruitmentRequest(b: Builder, sponsor: VisaSponsor, occupation: Occupation): void {
  const x = b.extra;
  const owner = sponsor.owner;
  if (owner.slots.recruitment >= RECORD_NUMBER_SLOTS) return;
  const status = REQUEST_STATUS.pick(x);
  const submitted = b.asOf - x.int(status === 'submitted' ? 1 : 20, 400);
  const office = x.pick(RECRUITMENT_OFFICES);
  const nationality = nationalityFor(x, occupation);
  const closed = status === 'completed' || status === 'cancelled' ? Math.min(b.asOf, submitted + x.int(10, 90)) : null;
  const visa = status === 'completed' ? addWorkVisa(b, sponsor, { occupation, nationality, status: 'issued', issuedDay: closed! }) : null;
  const slot = owner.slots.recruitment++;
  b.rows.recruitment_requests.push({
    id: rowId(owner.time, owner.nid9, TABLE_CODE.recruitmentRequest, slot),
    number: recordNumber('recruitment_request', owner.nid9, slot),
    sponsor_person_id: sponsor.establishmentId ? null : owner.id,
    sponsor_establishment_id: sponsor.establishmentId ?? null,
    office_ar: office.ar,
    office_en: office.en,
    nationality,
    occupation_ar: occupation.ar,
    occupation_en: occupation.en,
    status,
    submitted_on: dateText(submitted),
    closed_on: closed === null ? null : dateText(closed),
    work_visa_id: visa?.id ?? null,
  });
}

/** Some households recruiting another domestic worker, and a few with a visa they did not use. */
export function addHouseholdRecruitment(b: Builder, sponsor: PersonRef): void {
  const x = b.extra;
  if (x.chance(0.06)) addRecruitmentRequest(b, { owner: sponsor }, DOMESTIC.pick(x));
  if (x.chance(0.02)) addOpenVisa(b, { owner: sponsor }, DOMESTIC.pick(x));
}

/** A quarter of establishments hold visas for workers still to come; some recruit through an office. */
export function addEstablishmentRecruitment(b: Builder, owner: PersonRef, establishmentId: string): void {
  const x = b.extra;
  const sponsor = { owner, establishmentId };
  if (x.chance(0.25)) {
    const count = x.int(1, 3);
    for (let i = 0; i < count; i++) addOpenVisa(b, sponsor, OCCUPATIONS.pick(x));
  }
  if (x.chance(0.15)) addRecruitmentRequest(b, sponsor, OCCUPATIONS.pick(x));
}
