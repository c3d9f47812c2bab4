import { idTypeOf } from '../kernel/national-id.js';
import { uuidv7 } from '../kernel/uuid.js';
import type { Grouped, StoredIds } from './import-check.js';
import { RECORD_KINDS, type RecordKind } from './import-schema.js';
import { inquiryWriters } from './import-write-inquiries.js';
import {
  applySponsorships,
  insertParentChildLinks,
  insertVehicleUsers,
  upsertDocuments,
  upsertEstablishments,
  upsertGuardianships,
  upsertMarriages,
  upsertPersons,
  upsertSuspensions,
  upsertTrafficCases,
  upsertVehicles,
  upsertViolations,
  type Db,
} from './repository/index.js';

/**
 * Writes checked records, kind by kind in dependency order, in batches. Every reference
 * was checked before, so a missing id here is a bug, not bad input.
 */
export async function writeRecords(
  db: Db,
  options: { accepted: Grouped; stored: StoredIds; onKind?: (kind: RecordKind, count: number) => void },
): Promise<Record<RecordKind, number>> {
  const { accepted } = options;
  const ids = {
    person: new Map(options.stored.person),
    establishment: new Map(options.stored.establishment),
    vehicle: new Map(options.stored.vehicle),
    work_visa: new Map(options.stored.work_visa),
  };
  const idOf = (target: keyof typeof ids, key: string): string => {
    const id = ids[target].get(key);
    if (!id) throw new Error(`Import: no id for a checked ${target} reference`);
    return id;
  };
  const optionalIdOf = (target: keyof typeof ids, key: string | null | undefined) => (key ? idOf(target, key) : null);

  const writers: Record<RecordKind, () => Promise<void>> = {
    person: async () => {
      const rows = accepted.person.map(({ record: p }) => ({
        id: uuidv7(),
        national_id: p.nationalId,
        id_type: idTypeOf(p.nationalId),
        first_name_ar: p.firstNameAr,
        father_name_ar: p.fatherNameAr ?? null,
        grandfather_name_ar: p.grandfatherNameAr ?? null,
        family_name_ar: p.familyNameAr,
        first_name_en: p.firstNameEn,
        father_name_en: p.fatherNameEn ?? null,
        grandfather_name_en: p.grandfatherNameEn ?? null,
        family_name_en: p.familyNameEn,
        sex: p.sex,
        birth_date: p.birthDate,
        nationality: p.nationality,
        mother_nationality: p.motherNationality ?? null,
        marital_status: p.maritalStatus,
        mobile: p.mobile ?? null,
        email: p.email ?? null,
        address_building_number: p.address?.buildingNumber ?? null,
        address_street: p.address?.street ?? null,
        address_district: p.address?.district ?? null,
        address_city: p.address?.city ?? null,
        address_postal_code: p.address?.postalCode ?? null,
        address_additional_number: p.address?.additionalNumber ?? null,
        deceased: p.deceased ?? false,
        inside_kingdom: p.insideKingdom ?? true,
        criminal_case: p.criminalCase ?? false,
        security_restriction: p.securityRestriction ?? false,
      }));
      for (const [key, id] of await upsertPersons(db, rows)) ids.person.set(key, id);
    },
    establishment: async () => {
      const rows = accepted.establishment.map(({ record: e }) => ({
        id: uuidv7(),
        unified_number: e.unifiedNumber,
        name_ar: e.nameAr,
        name_en: e.nameEn,
        owner_id: idOf('person', e.ownerNationalId),
        city: e.city ?? null,
      }));
      for (const [key, id] of await upsertEstablishments(db, rows)) ids.establishment.set(key, id);
    },
    vehicle: async () => {
      const rows = accepted.vehicle.map(({ record: v }) => ({
        id: uuidv7(),
        sequence_number: v.sequenceNumber,
        plate_letters_ar: v.plateLettersAr,
        plate_letters_en: v.plateLettersEn,
        plate_digits: v.plateDigits,
        make: v.make,
        model: v.model,
        year: v.year,
        colour_ar: v.colourAr,
        colour_en: v.colourEn,
        owner_person_id: optionalIdOf('person', v.ownerNationalId),
        owner_establishment_id: optionalIdOf('establishment', v.ownerUnifiedNumber),
        registration_expiry: v.registrationExpiry,
        insurance_policy: v.insurancePolicy ?? null,
        insurance_expiry: v.insuranceExpiry ?? null,
        impounded: v.impounded ?? false,
        impounded_on: v.impoundedOn ?? null,
        impound_location: v.impoundLocation ?? null,
        insurer_ar: v.insurerAr ?? null,
        insurer_en: v.insurerEn ?? null,
        insurance_coverage: v.insuranceCoverage ?? null,
      }));
      for (const [key, id] of await upsertVehicles(db, rows)) ids.vehicle.set(key, id);
    },
    parent_child: () =>
      insertParentChildLinks(
        db,
        accepted.parent_child.map(({ record: r }) => ({ parent_id: idOf('person', r.parentNationalId), child_id: idOf('person', r.childNationalId) })),
      ),
    marriage: () =>
      upsertMarriages(
        db,
        accepted.marriage.map(({ record: m }) => ({
          id: uuidv7(),
          husband_id: idOf('person', m.husbandNationalId),
          wife_id: idOf('person', m.wifeNationalId),
          contracted_on: m.contractedOn,
          ended_on: m.endedOn ?? null,
        })),
      ),
    guardianship: () =>
      upsertGuardianships(
        db,
        accepted.guardianship.map(({ record: g }) => ({
          guardian_id: idOf('person', g.guardianNationalId),
          ward_id: idOf('person', g.wardNationalId),
          basis: g.basis,
          starts_on: g.startsOn,
          ends_on: g.endsOn ?? null,
        })),
      ),
    document: () =>
      upsertDocuments(
        db,
        accepted.document.map(({ record: d }) => ({
          id: uuidv7(),
          person_id: idOf('person', d.nationalId),
          kind: d.documentKind,
          number: d.number,
          issue_date: d.issueDate,
          expiry_date: d.expiryDate,
          status: d.status,
          issuing_country: d.issuingCountry ?? null,
          vehicle_id: optionalIdOf('vehicle', d.vehicleSequenceNumber),
          details: JSON.stringify(d.details ?? {}),
          source_updated_at: d.sourceUpdatedAt ?? null,
        })),
      ),
    vehicle_user: () =>
      insertVehicleUsers(
        db,
        accepted.vehicle_user.map(({ record: u }) => ({ vehicle_id: idOf('vehicle', u.sequenceNumber), person_id: idOf('person', u.nationalId) })),
      ),
    violation: () =>
      upsertViolations(
        db,
        accepted.violation.map(({ record: v }) => ({
          id: uuidv7(),
          number: v.number,
          violator_id: idOf('person', v.violatorNationalId),
          vehicle_id: optionalIdOf('vehicle', v.vehicleSequenceNumber),
          type_code: v.typeCode,
          committed_at: v.committedAt,
          city: v.city,
          amount: v.amount,
          status: v.status,
          settled_at: v.settledAt ?? null,
          source_updated_at: v.sourceUpdatedAt ?? null,
        })),
      ),
    traffic_case: () =>
      upsertTrafficCases(
        db,
        accepted.traffic_case.map(({ record: c }) => ({
          id: uuidv7(),
          number: c.number,
          kind: c.caseKind,
          occurred_at: c.occurredAt,
          city: c.city,
          description_ar: c.descriptionAr,
          description_en: c.descriptionEn,
          status: c.status,
          bail_allowed: c.bailAllowed ?? true,
          closed_at: c.closedAt ?? null,
          source_updated_at: c.sourceUpdatedAt ?? null,
          parties: c.parties.map((p) => ({ person_id: idOf('person', p.nationalId), role: p.role, in_custody: p.inCustody ?? false })),
        })),
      ),
    suspension: () =>
      upsertSuspensions(
        db,
        accepted.suspension.map(({ record: s }) => ({
          id: uuidv7(),
          reference: s.reference,
          person_id: idOf('person', s.nationalId),
          authority: s.authority,
          legal_basis: s.legalBasis,
          reason_ar: s.reasonAr,
          reason_en: s.reasonEn,
          blocked_services: s.blockedServices,
          lifted_by: s.liftedBy,
          phase: s.phase ?? 1,
          starts_at: s.startsAt,
          lifted_at: s.liftedAt ?? null,
          lift_note: s.liftNote ?? null,
          source_updated_at: s.sourceUpdatedAt ?? null,
        })),
      ),
    sponsorship: () =>
      applySponsorships(
        db,
        accepted.sponsorship.map(({ record: s }) => ({
          id: uuidv7(),
          worker_id: idOf('person', s.workerNationalId),
          sponsor_person_id: optionalIdOf('person', s.sponsorNationalId),
          sponsor_establishment_id: optionalIdOf('establishment', s.sponsorUnifiedNumber),
          occupation_ar: s.occupationAr,
          occupation_en: s.occupationEn,
          domestic_worker: s.domesticWorker,
          absence_reported_on: s.absenceReportedOn ?? null,
          obligations_settled: s.obligationsSettled ?? true,
          past_transfers: s.pastTransfers ?? 0,
          started_on: s.startedOn,
          source_updated_at: s.sourceUpdatedAt ?? null,
        })),
      ),
    ...inquiryWriters(db, accepted, idOf, optionalIdOf, (number, id) => ids.work_visa.set(number, id)),
  };

  const imported = {} as Record<RecordKind, number>;
  for (const kind of RECORD_KINDS) {
    imported[kind] = accepted[kind].length;
    if (imported[kind] > 0) await writers[kind]();
    options.onKind?.(kind, imported[kind]);
  }
  return imported;
}
