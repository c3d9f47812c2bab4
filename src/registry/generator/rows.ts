import type {
  BiometricsStatus,
  ContractStatus,
  CrossingDirection,
  CrossingVisaKind,
  DocumentKind,
  DocumentStatus,
  GuardianshipBasis,
  HajjPermitStatus,
  HealthInsuranceClass,
  IdType,
  MaritalStatus,
  RecruitmentRequestStatus,
  Sex,
  SuspensionAuthority,
  SuspensionLiftedBy,
  TrafficCaseRole,
  TrafficCaseStatus,
  VehicleInsuranceCoverage,
  ViolationStatus,
  WorkVisaStatus,
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
  insurer_ar?: string | null;
  insurer_en?: string | null;
  insurance_coverage?: VehicleInsuranceCoverage | null;
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
  /** JSON text (jsonb); left out for '{}'. */
  details?: string | null;
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

export interface BorderCrossingRow {
  id: string;
  person_id: string;
  direction: CrossingDirection;
  crossed_at: string;
  port_ar: string;
  port_en: string;
  passport_number: string;
  visa_kind: CrossingVisaKind | null;
  visa_number: string | null;
}

export interface BiometricsRow {
  id: string;
  person_id: string;
  status: BiometricsStatus;
  fingerprints_on: string | null;
  face_on: string | null;
  place_ar: string | null;
  place_en: string | null;
}

export interface HealthInsuranceRow {
  id: string;
  person_id: string;
  insurer_ar: string;
  insurer_en: string;
  policy_number: string;
  class: HealthInsuranceClass;
  starts_on: string;
  ends_on: string;
}

export interface EmploymentRow {
  id: string;
  person_id: string;
  employer_person_id: string | null;
  employer_establishment_id: string | null;
  occupation_ar: string;
  occupation_en: string;
  started_on: string;
  ended_on: string | null;
  contract_status: ContractStatus;
  monthly_wage: number | null;
}

export interface WorkVisaRow {
  id: string;
  number: string;
  sponsor_person_id: string | null;
  sponsor_establishment_id: string | null;
  occupation_ar: string;
  occupation_en: string;
  nationality: string;
  status: WorkVisaStatus;
  issued_on: string;
  expires_on: string;
  worker_id: string | null;
  used_on: string | null;
}

export interface RecruitmentRequestRow {
  id: string;
  number: string;
  sponsor_person_id: string | null;
  sponsor_establishment_id: string | null;
  office_ar: string;
  office_en: string;
  nationality: string;
  occupation_ar: string;
  occupation_en: string;
  status: RecruitmentRequestStatus;
  submitted_on: string;
  closed_on: string | null;
  work_visa_id: string | null;
}

export interface HajjPerformanceRow {
  id: string;
  person_id: string;
  hijri_year: number;
}

export interface HajjPermitRow {
  id: string;
  number: string;
  person_id: string;
  season_hijri_year: number;
  campaign_ar: string;
  campaign_en: string;
  status: HajjPermitStatus;
  issued_on: string;
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
  work_visas: WorkVisaRow[];
  recruitment_requests: RecruitmentRequestRow[];
  border_crossings: BorderCrossingRow[];
  biometrics: BiometricsRow[];
  health_insurance: HealthInsuranceRow[];
  employments: EmploymentRow[];
  hajj_performances: HajjPerformanceRow[];
  hajj_permits: HajjPermitRow[];
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
  'work_visas',
  'recruitment_requests',
  'border_crossings',
  'biometrics',
  'health_insurance',
  'employments',
  'hajj_performances',
  'hajj_permits',
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
    work_visas: [],
    recruitment_requests: [],
    border_crossings: [],
    biometrics: [],
    health_insurance: [],
    employments: [],
    hajj_performances: [],
    hajj_permits: [],
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
