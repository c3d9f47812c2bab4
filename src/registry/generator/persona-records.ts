import type {
  ContractStatus, CrossingDirection, CrossingVisaKind, HajjPermitStatus, HealthInsuranceClass, RecruitmentRequestStatus, WorkVisaStatus,
} from '../../db/tables.js';
import type { PersonRef } from './builder.js';
import type { Named } from './data/inquiries.js';
import { dateText, timestampText } from './dates.js';
import { personScopedNumber, recordNumber, rowId, TABLE_CODE } from './identifiers.js';
import type { PersonaKit } from './persona-kit.js';

/**
 * The personas' records that the inquiries read (border crossings, biometrics, insurance,
 * employment, visas, recruitment, Hajj), from explicit values like the rest of the kit: days
 * are counted back from the reference day, numbers derive from the fixed persona IDs.
 */

/** A sponsor or employer: a person, or an establishment of `owner` (who owns its numbers). */
export interface PersonaSponsor {
  owner: PersonRef;
  establishmentId?: string;
}

const sponsorIds = (s: PersonaSponsor) => ({ sponsor_person_id: s.establishmentId ? null : s.owner.id, sponsor_establishment_id: s.establishmentId ?? null });

export function crossing(
  kit: PersonaKit,
  p: PersonRef,
  c: { direction: CrossingDirection; daysAgo: number; minute: number; port: Named; passport: string; visaKind: CrossingVisaKind | null; visaNumber?: string },
): void {
  kit.rows.border_crossings.push({
    id: rowId(p.time, p.nid9, TABLE_CODE.borderCrossing, p.slots.crossing++), person_id: p.id, direction: c.direction,
    crossed_at: timestampText(kit.day(-c.daysAgo), c.minute), port_ar: c.port.ar, port_en: c.port.en, passport_number: c.passport,
    visa_kind: c.visaKind, visa_number: c.visaNumber ?? null,
  });
}

/** Fingerprints and face taken `daysAgo` at `place`; null days: not taken yet (incomplete). */
export function biometrics(kit: PersonaKit, p: PersonRef, daysAgo: number | null, place: Named): void {
  const on = daysAgo === null ? null : dateText(kit.day(-daysAgo));
  kit.rows.biometrics.push({
    id: rowId(p.time, p.nid9, TABLE_CODE.residency, 0), person_id: p.id, status: on ? 'registered' : 'incomplete',
    fingerprints_on: on, face_on: on, place_ar: on ? place.ar : null, place_en: on ? place.en : null,
  });
}

export function healthInsurance(kit: PersonaKit, p: PersonRef, insurer: Named, cls: HealthInsuranceClass, startedDaysAgo: number, endsInDays: number): void {
  const slot = p.slots.insurance++;
  kit.rows.health_insurance.push({
    id: rowId(p.time, p.nid9, TABLE_CODE.residency, slot), person_id: p.id, insurer_ar: insurer.ar, insurer_en: insurer.en,
    policy_number: recordNumber('health_policy', p.nid9, slot - 1), class: cls, starts_on: dateText(kit.day(-startedDaysAgo)), ends_on: dateText(kit.day(endsInDays)),
  });
}

export function employment(
  kit: PersonaKit,
  p: PersonRef,
  e: { employer: PersonaSponsor; occupation: Named; startedDaysAgo: number; wageSar: number | null; status?: ContractStatus },
): void {
  kit.rows.employments.push({
    id: rowId(p.time, p.nid9, TABLE_CODE.employment, p.slots.employment++), person_id: p.id,
    employer_person_id: e.employer.establishmentId ? null : e.employer.owner.id, employer_establishment_id: e.employer.establishmentId ?? null,
    occupation_ar: e.occupation.ar, occupation_en: e.occupation.en, started_on: dateText(kit.day(-e.startedDaysAgo)), ended_on: null,
    contract_status: e.status ?? 'active', monthly_wage: e.wageSar === null ? null : e.wageSar * 100,
  });
}

/** A work visa of the sponsor, valid a year from issue; a used one names the worker and the day they entered. */
export function workVisa(
  kit: PersonaKit,
  sponsor: PersonaSponsor,
  v: { occupation: Named; nationality: string; status: WorkVisaStatus; issuedDaysAgo: number; worker?: PersonRef; usedDaysAgo?: number },
): { id: string; number: string } {
  const owner = sponsor.owner;
  const slot = owner.slots.workVisa++;
  const id = rowId(owner.time, owner.nid9, TABLE_CODE.workVisa, slot);
  const number = recordNumber('work_visa', owner.nid9, slot);
  const issued = kit.day(-v.issuedDaysAgo);
  kit.rows.work_visas.push({
    id, number, ...sponsorIds(sponsor), occupation_ar: v.occupation.ar, occupation_en: v.occupation.en, nationality: v.nationality, status: v.status,
    issued_on: dateText(issued), expires_on: dateText(issued + 365), worker_id: v.worker?.id ?? null,
    used_on: v.usedDaysAgo === undefined ? null : dateText(kit.day(-v.usedDaysAgo)),
  });
  return { id, number };
}

export function recruitmentRequest(
  kit: PersonaKit,
  sponsor: PersonaSponsor,
  r: { office: Named; nationality: string; occupation: Named; status: RecruitmentRequestStatus; submittedDaysAgo: number; closedDaysAgo?: number; visaId?: string },
): void {
  const owner = sponsor.owner;
  const slot = owner.slots.recruitment++;
  kit.rows.recruitment_requests.push({
    id: rowId(owner.time, owner.nid9, TABLE_CODE.recruitmentRequest, slot), number: recordNumber('recruitment_request', owner.nid9, slot),
    ...sponsorIds(sponsor), office_ar: r.office.ar, office_en: r.office.en, nationality: r.nationality, occupation_ar: r.occupation.ar,
    occupation_en: r.occupation.en, status: r.status, submitted_on: dateText(kit.day(-r.submittedDaysAgo)),
    closed_on: r.closedDaysAgo === undefined ? null : dateText(kit.day(-r.closedDaysAgo)), work_visa_id: r.visaId ?? null,
  });
}

/**
 * An exit/re-entry visa document (`slot` 0 is the latest); its expiry is the day to return by,
 * `durationDays` after issue. Returns its number, for the crossings made on it.
 */
export function exitReentryVisa(
  kit: PersonaKit,
  p: PersonRef,
  v: { slot: number; issuedDaysAgo: number; durationDays: number; visaType: 'single' | 'multiple'; visaStatus: 'issued' | 'used' | 'returned' | 'expired' },
): string {
  const number = personScopedNumber('exit_reentry_visa', p.nid9, v.slot);
  const issue = kit.day(-v.issuedDaysAgo);
  kit.document(p, 'exit_reentry_visa', number, issue, issue + v.durationDays, undefined, null, 'SAU', {
    visaType: v.visaType, durationDays: v.durationDays, visaStatus: v.visaStatus,
  });
  return number;
}

export function hajjPerformed(kit: PersonaKit, p: PersonRef, hijriYear: number): void {
  kit.rows.hajj_performances.push({ id: rowId(p.time, p.nid9, TABLE_CODE.hajjPerformance, p.slots.hajj++), person_id: p.id, hijri_year: hijriYear });
}

export function hajjPermit(kit: PersonaKit, p: PersonRef, h: { season: number; campaign: Named; status: HajjPermitStatus; issuedDaysAgo: number }): void {
  const slot = p.slots.hajjPermit++;
  kit.rows.hajj_permits.push({
    id: rowId(p.time, p.nid9, TABLE_CODE.hajjPermit, slot), number: recordNumber('hajj_permit', p.nid9, slot), person_id: p.id,
    season_hijri_year: h.season, campaign_ar: h.campaign.ar, campaign_en: h.campaign.en, status: h.status, issued_on: dateText(kit.day(-h.issuedDaysAgo)),
  });
}
