import type {
  DocumentKind,
  DocumentStatus,
  GuardianshipBasis,
  IdType,
  MaritalStatus,
  Sex,
  SuspensionAuthority,
  SuspensionLiftedBy,
  TrafficCaseRole,
  TrafficCaseStatus,
  ViolationStatus,
} from '../../db/tables.js';

/**
 * Rows as the generator produces them: plain objects whose keys are the column names, so the
 * bulk writer can turn each column into one array parameter. Dates are 'YYYY-MM-DD' text,
 * instants ISO text. Defaults the schema fills (created_at, phase...) are left out.
 */

export interface PersonRow {
  id: string;
  national_id: string;
  id_type: IdType;
  first_name_ar: string;
  father_name_ar: string | null;
  grandfather_name_ar: string | null;
  family_name_ar: string;
  first_name_en: string;
  father_name_en: string | null;
  grandfather_name_en: string | null;
  family_name_en: string;
  sex: Sex;
  birth_date: string;
  nationality: string;
  mother_nationality: string | null;
  marital_status: MaritalStatus;
  mobile: string | null;
  email: string | null;
  address_building_number: string | null;
  address_street: string | null;
  address_district: string | null;
  address_city: string | null;
  address_postal_code: string | null;
  address_additional_number: string | null;
  deceased: boolean;
  inside_kingdom: boolean;
  criminal_case: boolean;
  security_restriction: boolean;
}

export interface ParentChildRow {
  parent_id: string;
  child_id: string;
}

export interface MarriageRow {
  id: string;
  husband_id: string;
  wife_id: string;
  contracted_on: string;
  ended_on: string | null;
}

export interface GuardianshipRow {
  guardian_id: string;
  ward_id: string;
  basis: GuardianshipBasis;
  starts_on: string;
  ends_on: string | null;
}

export interface EstablishmentRow {
  id: string;
  unified_number: string;
  name_ar: string;
  name_en: string;
  owner_id: string;
  city: string | null;
}

export interface SponsorshipRow {
  id: string;
  worker_id: string;
  sponsor_person_id: string | null;
  sponsor_establishment_id: string | null;
  occupation_ar: string;
  occupation_en: string;
  domestic_worker: boolean;
  absence_reported_on: string | null;
  obligations_settled: boolean;
  past_transfers: number;
  started_on: string;
  ended_on: string | null;
}

export interface VehicleRow {
  id: string;
  sequence_number: string;
  plate_letters_ar: string;
  plate_letters_en: string;
  plate_digits: string;
  make: string;
  model: string;
  year: number;
  colour_ar: string;
  colour_en: string;
  owner_person_id: string | null;
  owner_establishment_id: string | null;
  registration_expiry: string;
  insurance_policy: string | null;
  insurance_expiry: string | null;
  impounded: boolean;
  impounded_on: string | null;
  impound_location: string | null;
}

export interface VehicleUserRow {
  vehicle_id: string;
  person_id: string;
}

export interface DocumentRow {
  id: string;
  person_id: string;
  kind: DocumentKind;
  number: string;
  issue_date: string;
  expiry_date: string;
  status: DocumentStatus;
  issuing_country: string | null;
  vehicle_id: string | null;
}

export interface ViolationRow {
  id: string;
  number: string;
  violator_id: string;
  vehicle_id: string | null;
  type_code: string;
  committed_at: string;
  city: string;
  amount: number;
  status: ViolationStatus;
  settled_at: string | null;
}

export interface TrafficCaseRow {
  id: string;
  number: string;
  kind: 'accident' | 'violation';
  occurred_at: string;
  city: string;
  description_ar: string;
  description_en: string;
  status: TrafficCaseStatus;
  bail_allowed: boolean;
  closed_at: string | null;
}

export interface TrafficCasePartyRow {
  case_id: string;
  person_id: string;
  role: TrafficCaseRole;
  in_custody: boolean;
}

export interface SuspensionRow {
  id: string;
  reference: string;
  person_id: string;
  authority: SuspensionAuthority;
  legal_basis: string;
  reason_ar: string;
  reason_en: string;
  blocked_services: string[];
  lifted_by: SuspensionLiftedBy;
  phase: number;
  starts_at: string;
  lifted_at: string | null;
  lift_note: string | null;
}

/** One batch of rows for every table, written together in one transaction. */
export interface RowSet {
  persons: PersonRow[];
  establishments: EstablishmentRow[];
  marriages: MarriageRow[];
  parent_child: ParentChildRow[];
  guardianships: GuardianshipRow[];
  sponsorships: SponsorshipRow[];
  vehicles: VehicleRow[];
  vehicle_users: VehicleUserRow[];
  documents: DocumentRow[];
  traffic_violations: ViolationRow[];
  traffic_cases: TrafficCaseRow[];
  traffic_case_parties: TrafficCasePartyRow[];
  service_suspensions: SuspensionRow[];
}

export type TableName = keyof RowSet;

/** Tables in an order that satisfies every foreign key. */
export const INSERT_ORDER: readonly TableName[] = [
  'persons',
  'establishments',
  'marriages',
  'parent_child',
  'guardianships',
  'sponsorships',
  'vehicles',
  'vehicle_users',
  'documents',
  'traffic_violations',
  'traffic_cases',
  'traffic_case_parties',
  'service_suspensions',
];

export function emptyRowSet(): RowSet {
  return {
    persons: [],
    establishments: [],
    marriages: [],
    parent_child: [],
    guardianships: [],
    sponsorships: [],
    vehicles: [],
    vehicle_users: [],
    documents: [],
    traffic_violations: [],
    traffic_cases: [],
    traffic_case_parties: [],
    service_suspensions: [],
  };
}

export type RowCounts = Record<TableName, number>;

export function rowCounts(rows: RowSet): RowCounts {
  const counts = {} as RowCounts;
  for (const table of INSERT_ORDER) counts[table] = rows[table].length;
  return counts;
}

export function addCounts(into: RowCounts, add: RowCounts): void {
  for (const table of INSERT_ORDER) into[table] = (into[table] ?? 0) + add[table];
}
