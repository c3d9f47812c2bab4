import { uuidv7 } from '../kernel/uuid.js';
import type { Grouped } from './import-check.js';
import {
  insertHajjPerformances,
  upsertBiometrics,
  upsertBorderCrossings,
  upsertEmployments,
  upsertHajjPermits,
  upsertHealthInsurance,
  upsertRecruitmentRequests,
  upsertWorkVisas,
  type Db,
} from './repository/index.js';

/**
 * The writers of the records the inquiries read (import-schema-inquiries.ts), in the shape of
 * import-write.ts: every reference was checked before, so a missing id here is a bug.
 */

type Target = 'person' | 'establishment' | 'vehicle' | 'work_visa';
type IdOf = (target: Target, key: string) => string;
type OptionalIdOf = (target: Target, key: string | null | undefined) => string | null;

export function inquiryWriters(db: Db, accepted: Grouped, idOf: IdOf, optionalIdOf: OptionalIdOf, onWorkVisa: (number: string, id: string) => void) {
  return {
    work_visa: async () => {
      const stored = await upsertWorkVisas(
        db,
        accepted.work_visa.map(({ record: v }) => ({
          id: uuidv7(),
          number: v.number,
          sponsor_person_id: optionalIdOf('person', v.sponsorNationalId),
          sponsor_establishment_id: optionalIdOf('establishment', v.sponsorUnifiedNumber),
          occupation_ar: v.occupationAr,
          occupation_en: v.occupationEn,
          nationality: v.nationality,
          status: v.status,
          issued_on: v.issuedOn,
          expires_on: v.expiresOn,
          worker_id: optionalIdOf('person', v.workerNationalId),
          used_on: v.usedOn ?? null,
        })),
      );
      for (const [number, id] of stored) onWorkVisa(number, id);
    },
    recruitment_request: () =>
      upsertRecruitmentRequests(
        db,
        accepted.recruitment_request.map(({ record: r }) => ({
          id: uuidv7(),
          number: r.number,
          sponsor_person_id: optionalIdOf('person', r.sponsorNationalId),
          sponsor_establishment_id: optionalIdOf('establishment', r.sponsorUnifiedNumber),
          office_ar: r.officeAr,
          office_en: r.officeEn,
          nationality: r.nationality,
          occupation_ar: r.occupationAr,
          occupation_en: r.occupationEn,
          status: r.status,
          submitted_on: r.submittedOn,
          closed_on: r.closedOn ?? null,
          work_visa_id: optionalIdOf('work_visa', r.workVisaNumber),
        })),
      ),
    border_crossing: () =>
      upsertBorderCrossings(
        db,
        accepted.border_crossing.map(({ record: c }) => ({
          id: uuidv7(),
          person_id: idOf('person', c.nationalId),
          direction: c.direction,
          crossed_at: c.crossedAt,
          port_ar: c.portAr,
          port_en: c.portEn,
          passport_number: c.passportNumber,
          visa_kind: c.visaKind ?? null,
          visa_number: c.visaNumber ?? null,
        })),
      ),
    biometrics: () =>
      upsertBiometrics(
        db,
        accepted.biometrics.map(({ record: b }) => ({
          id: uuidv7(),
          person_id: idOf('person', b.nationalId),
          status: b.status,
          fingerprints_on: b.fingerprintsOn ?? null,
          face_on: b.faceOn ?? null,
          place_ar: b.placeAr ?? null,
          place_en: b.placeEn ?? null,
        })),
      ),
    health_insurance: () =>
      upsertHealthInsurance(
        db,
        accepted.health_insurance.map(({ record: h }) => ({
          id: uuidv7(),
          person_id: idOf('person', h.nationalId),
          insurer_ar: h.insurerAr,
          insurer_en: h.insurerEn,
          policy_number: h.policyNumber,
          class: h.class,
          starts_on: h.startsOn,
          ends_on: h.endsOn,
        })),
      ),
    employment: () =>
      upsertEmployments(
        db,
        accepted.employment.map(({ record: e }) => ({
          id: uuidv7(),
          person_id: idOf('person', e.nationalId),
          employer_person_id: optionalIdOf('person', e.employerNationalId),
          employer_establishment_id: optionalIdOf('establishment', e.employerUnifiedNumber),
          occupation_ar: e.occupationAr,
          occupation_en: e.occupationEn,
          started_on: e.startedOn,
          ended_on: e.endedOn ?? null,
          contract_status: e.contractStatus,
          monthly_wage: e.monthlyWage ?? null,
        })),
      ),
    hajj_performance: () =>
      insertHajjPerformances(
        db,
        accepted.hajj_performance.map(({ record: h }) => ({ id: uuidv7(), person_id: idOf('person', h.nationalId), hijri_year: h.hijriYear })),
      ),
    hajj_permit: () =>
      upsertHajjPermits(
        db,
        accepted.hajj_permit.map(({ record: h }) => ({
          id: uuidv7(),
          number: h.number,
          person_id: idOf('person', h.nationalId),
          season_hijri_year: h.seasonHijriYear,
          campaign_ar: h.campaignAr,
          campaign_en: h.campaignEn,
          status: h.status,
          issued_on: h.issuedOn,
        })),
      ),
  };
}
