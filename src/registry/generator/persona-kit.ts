import type {
  DocumentKind, DocumentStatus, MaritalStatus, Sex, SuspensionAuthority, TrafficCaseRole, VehicleInsuranceCoverage, ViolationStatus,
} from '../../db/tables.js';
import { newSlots, type PersonRef, type ViolationType } from './builder.js';
import { VEHICLE_INSURERS } from './data/inquiries.js';
import { CITIES } from './data/places.js';
import type { LicenceClass } from './documents.js';
import { addYears, dateText, hijriYear, timestampText } from './dates.js';
import {
  identityDocumentNumber, nationalIdOf, passportNumber, personScopedNumber, plateAt, ROW_TIME_EPOCH_MS, rowId,
  SAUDI_PASSPORT_PREFIX, TABLE_CODE, unifiedNumber, vehicleSequenceNumber, type Nid9,
} from './identifiers.js';
import { AUTHORITY_RULES } from './incidents.js';
import type { Name } from './names.js';
import { emptyRowSet, type RowSet } from './rows.js';

/**
 * Builds the demo personas' rows from explicit values (no randomness): every date is an offset
 * from the reference day, every number derives from the fixed persona IDs with the same
 * functions as the generator, so persona rows can never collide with generated ones.
 */

const TAILS = 100_000_000;
/** Persona row keys sit just before the generated ones in time. */
const PERSONA_TIME_MS = ROW_TIME_EPOCH_MS - 86_400_000;

export interface PersonaAddress {
  city: string;
  district: string;
  street: string;
  building: string;
  postalCode: string;
  additional: string;
}

export interface KitPerson {
  /** National ID tail (below PERSONA_TAIL_LIMIT) and type: 1 citizen, 2 resident, 3 border number (a new arrival). */
  tail: number;
  type: 1 | 2 | 3;
  sex: Sex;
  birthDay: number;
  nationality: string;
  marital: MaritalStatus;
  first: Name;
  father?: Name;
  grandfather?: Name;
  family: Name;
  mobile?: string;
  email?: string;
  address: PersonaAddress;
}

const ID_TYPES = { 1: 'national_id', 2: 'iqama', 3: 'border_number' } as const;

const cityInfo = (nameAr: string) => {
  const city = CITIES.find((c) => c.nameAr === nameAr)!;
  return { nameAr: city.nameAr, nameEn: city.nameEn, districts: [] };
};

export class PersonaKit {
  readonly rows: RowSet = emptyRowSet();

  constructor(
    readonly asOf: number,
    private readonly violationTypes: ViolationType[],
  ) {}

  static nationalId(type: 1 | 2 | 3, tail: number): string {
    return nationalIdOf(type * TAILS + tail);
  }

  person(spec: KitPerson): PersonRef {
    const nid9: Nid9 = spec.type * TAILS + spec.tail;
    const time = PERSONA_TIME_MS + nid9 % 100_000;
    const id = rowId(time, nid9, TABLE_CODE.person, 0);
    const row = {
      id, national_id: nationalIdOf(nid9), id_type: ID_TYPES[spec.type],
      first_name_ar: spec.first.ar, father_name_ar: spec.father?.ar ?? null, grandfather_name_ar: spec.grandfather?.ar ?? null,
      family_name_ar: spec.family.ar, first_name_en: spec.first.en, father_name_en: spec.father?.en ?? null,
      grandfather_name_en: spec.grandfather?.en ?? null, family_name_en: spec.family.en, sex: spec.sex,
      birth_date: dateText(spec.birthDay), nationality: spec.nationality, mother_nationality: spec.nationality,
      marital_status: spec.marital, mobile: spec.mobile ?? null, email: spec.email ?? null,
      address_building_number: spec.address.building, address_street: spec.address.street,
      address_district: spec.address.district, address_city: spec.address.city,
      address_postal_code: spec.address.postalCode, address_additional_number: spec.address.additional,
      deceased: false, inside_kingdom: true, criminal_case: false, security_restriction: false,
    };
    this.rows.persons.push(row);
    return {
      row, id, nid9, time, citizen: spec.type === 1, sex: spec.sex, birthDay: spec.birthDay, city: cityInfo(spec.address.city),
      slots: newSlots(),
      licensed: false, vehicleIds: [], hasUnpaidViolations: false,
    };
  }

  /** A day `days` from the reference day (negative: before). */
  day(days: number): number {
    return this.asOf + days;
  }

  /** A birth day making the person `years` old plus `extraDays` on the reference day. */
  born(years: number, extraDays: number): number {
    return addYears(this.asOf, -years) - extraDays;
  }

  document(
    p: PersonRef, kind: DocumentKind, number: string, issue: number, expiry: number, status?: DocumentStatus, vehicleId: string | null = null,
    country: string | null = 'SAU', details: Record<string, unknown> | null = null,
  ): void {
    this.rows.documents.push({
      id: rowId(p.time, p.nid9, TABLE_CODE.document, p.slots.document++), person_id: p.id, kind, number,
      issue_date: dateText(issue), expiry_date: dateText(expiry), status: status ?? (expiry < this.asOf ? 'expired' : 'valid'),
      issuing_country: country, vehicle_id: vehicleId, details: details && JSON.stringify(details),
    });
  }

  /** National ID card (citizens, 10 years) or iqama (residents, 1 year) issued `issuedDaysAgo`. */
  identityCard(p: PersonRef, issuedDaysAgo: number): void {
    const issue = this.day(-issuedDaysAgo);
    const expiry = addYears(issue, p.citizen ? 10 : 1);
    this.document(p, p.citizen ? 'national_id_card' : 'iqama', identityDocumentNumber(p.row.national_id, 1), issue, expiry);
  }

  /** A passport issued `issuedDaysAgo` days ago, valid `years`; generation 1+ for older ones. */
  passport(p: PersonRef, issuedDaysAgo: number, years: number, options: { prefix?: string; generation?: number; status?: DocumentStatus } = {}): void {
    const issue = this.day(-issuedDaysAgo);
    const number = passportNumber(options.prefix ?? SAUDI_PASSPORT_PREFIX, p.nid9, options.generation ?? 0);
    this.document(p, 'passport', number, issue, addYears(issue, years), options.status, null, p.citizen ? 'SAU' : p.row.nationality);
  }

  /** A driving licence (private unless said) issued `issuedDaysAgo`: 10 years for citizens, 5 for residents. */
  licence(p: PersonRef, issuedDaysAgo: number, licenceClass: LicenceClass = 'private'): void {
    const issue = this.day(-issuedDaysAgo);
    this.document(p, 'driving_licence', identityDocumentNumber(p.row.national_id, 1), issue, addYears(issue, p.citizen ? 10 : 5), undefined, null, 'SAU', { class: licenceClass });
    p.licensed = true;
  }

  /** A vehicle with a reserved plate ("أ أ أ" / AAA and `plateIndex` + 1). */
  vehicle(
    owner: PersonRef, plateIndex: number, model: { make: string; model: string; year: number; colourAr: string; colourEn: string }, establishmentId: string | null = null,
    coverage: VehicleInsuranceCoverage = 'comprehensive',
  ): string {
    const slot = owner.slots.vehicle++;
    const id = rowId(owner.time, owner.nid9, TABLE_CODE.vehicle, slot);
    const plate = plateAt(plateIndex);
    const sequence = vehicleSequenceNumber(owner.nid9, slot);
    const expiry = this.day(400);
    this.rows.vehicles.push({
      id, sequence_number: sequence, plate_letters_ar: plate.lettersAr, plate_letters_en: plate.lettersEn, plate_digits: plate.digits,
      make: model.make, model: model.model, year: model.year, colour_ar: model.colourAr, colour_en: model.colourEn,
      owner_person_id: establishmentId ? null : owner.id, owner_establishment_id: establishmentId,
      registration_expiry: dateText(expiry), insurance_policy: `TAW-${String(owner.nid9).slice(-8)}`,
      insurance_expiry: dateText(this.day(200)), impounded: false, impounded_on: null, impound_location: null,
      insurer_ar: VEHICLE_INSURERS.TAW!.ar, insurer_en: VEHICLE_INSURERS.TAW!.en, insurance_coverage: coverage,
    });
    this.document(owner, 'vehicle_registration', sequence, addYears(expiry, -3), expiry, undefined, id);
    if (!establishmentId) owner.vehicleIds.push(id);
    return id;
  }

  vehicleUser(vehicleId: string, p: PersonRef): void {
    this.rows.vehicle_users.push({ vehicle_id: vehicleId, person_id: p.id });
  }

  marry(husband: PersonRef, wife: PersonRef, contracted: number): void {
    this.rows.marriages.push({
      id: rowId(husband.time, husband.nid9, TABLE_CODE.marriage, husband.slots.marriage++), husband_id: husband.id, wife_id: wife.id,
      contracted_on: dateText(contracted), ended_on: null,
    });
  }

  /** Parent and child links; a minor is under the father's guardianship. */
  child(child: PersonRef, father: PersonRef, mother: PersonRef): void {
    this.rows.parent_child.push({ parent_id: father.id, child_id: child.id }, { parent_id: mother.id, child_id: child.id });
    if (addYears(child.birthDay, 18) > this.asOf) {
      this.rows.guardianships.push({ guardian_id: father.id, ward_id: child.id, basis: 'father', starts_on: child.row.birth_date, ends_on: null });
    }
  }

  establishment(owner: PersonRef, nameAr: string, nameEn: string): string {
    const slot = owner.slots.establishment++;
    const id = rowId(owner.time, owner.nid9, TABLE_CODE.establishment, slot);
    this.rows.establishments.push({ id, unified_number: unifiedNumber(owner.nid9, slot), name_ar: nameAr, name_en: nameEn, owner_id: owner.id, city: owner.row.address_city });
    return id;
  }

  sponsorship(worker: PersonRef, spec: { person?: PersonRef; establishmentId?: string; occupation: Name; domestic: boolean; pastTransfers: number; startedDaysAgo: number }): void {
    this.rows.sponsorships.push({
      id: rowId(worker.time, worker.nid9, TABLE_CODE.sponsorship, 0), worker_id: worker.id, sponsor_person_id: spec.person?.id ?? null,
      sponsor_establishment_id: spec.establishmentId ?? null, occupation_ar: spec.occupation.ar, occupation_en: spec.occupation.en,
      domestic_worker: spec.domestic, absence_reported_on: null, obligations_settled: true, past_transfers: spec.pastTransfers,
      started_on: dateText(this.day(-spec.startedDaysAgo)), ended_on: null,
    });
  }

  /** A violation of a registered type at its minimum amount. */
  violation(p: PersonRef, typeCode: string, vehicleId: string | null, daysAgo: number, status: ViolationStatus): void {
    const type = this.violationTypes.find((t) => t.code === typeCode);
    if (!type) throw new Error(`Violation type ${typeCode} is not registered`);
    const slot = p.slots.violation++;
    const day = this.day(-daysAgo);
    this.rows.traffic_violations.push({
      id: rowId(p.time, p.nid9, TABLE_CODE.violation, slot), number: personScopedNumber('violation', p.nid9, slot), violator_id: p.id,
      vehicle_id: vehicleId, type_code: type.code, committed_at: timestampText(day, 600 + slot * 37), city: p.row.address_city!,
      amount: type.minAmount, status, settled_at: status === 'paid' ? timestampText(day + 3, 720) : null,
    });
  }

  trafficCase(atFault: PersonRef, other: PersonRef, otherRole: TrafficCaseRole, daysAgo: number, description: Name): void {
    const slot = atFault.slots.case++;
    const id = rowId(atFault.time, atFault.nid9, TABLE_CODE.trafficCase, slot);
    this.rows.traffic_cases.push({
      id, number: personScopedNumber('traffic_case', atFault.nid9, slot), kind: 'accident', occurred_at: timestampText(this.day(-daysAgo), 1140),
      city: atFault.row.address_city!, description_ar: description.ar, description_en: description.en, status: 'open', bail_allowed: true, closed_at: null,
    });
    this.rows.traffic_case_parties.push(
      { case_id: id, person_id: atFault.id, role: 'driver_at_fault', in_custody: true },
      { case_id: id, person_id: other.id, role: otherRole, in_custody: false },
    );
  }

  suspension(p: PersonRef, authority: SuspensionAuthority, startedDaysAgo: number, orderNumber: number): void {
    const rule = AUTHORITY_RULES[authority];
    const slot = p.slots.suspension++;
    const day = this.day(-startedDaysAgo);
    this.rows.service_suspensions.push({
      id: rowId(p.time, p.nid9, TABLE_CODE.suspension, slot), reference: `SS${personScopedNumber('suspension', p.nid9, slot)}`,
      person_id: p.id, authority, legal_basis: `${rule.basis} ${hijriYear(day)}/${orderNumber}`, reason_ar: rule.reasonAr,
      reason_en: rule.reasonEn, blocked_services: rule.blocked, lifted_by: rule.liftedBy, phase: 1 + Math.floor(startedDaysAgo / 15),
      starts_at: timestampText(day, 540), lifted_at: null, lift_note: null,
    });
  }
}
