import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { SandboxAcquirerDatabase } from '../payments/sandbox-acquirer/tables.js';

/** Kysely's view of the schema. Keep in step with `migrations/`. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** 'YYYY-MM-DD' both ways: dates never pass through a time zone. */
type DateText = string;

export type IdType = 'national_id' | 'iqama' | 'border_number';
export type Sex = 'male' | 'female';
export type MaritalStatus = 'single' | 'married' | 'divorced' | 'widowed';
export type DocumentKind =
  | 'national_id_card'
  | 'iqama'
  | 'passport'
  | 'driving_licence'
  | 'vehicle_registration'
  | 'exit_reentry_visa'
  | 'travel_permit';
export type DocumentStatus = 'valid' | 'expired' | 'lost' | 'cancelled';
export type ViolationStatus = 'unpaid' | 'paid' | 'objected' | 'cancelled';
export type TrafficCaseStatus = 'open' | 'closed';
export type TrafficCaseRole = 'driver_at_fault' | 'driver' | 'injured' | 'witness';
export type SuspensionAuthority =
  | 'court'
  | 'public_prosecution'
  | 'enforcement_court'
  | 'traffic'
  | 'ministry_of_interior'
  | 'zakat_tax_customs';
export type SuspensionLiftedBy = 'pay_violations' | 'settle_debt' | 'authority_order';
export type GuardianshipBasis = 'father' | 'mother' | 'court_order' | 'relative';

export interface PersonsTable {
  id: Generated<string>;
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
  birth_date: DateText;
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
  deceased: Generated<boolean>;
  inside_kingdom: Generated<boolean>;
  criminal_case: Generated<boolean>;
  security_restriction: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ParentChildTable {
  parent_id: string;
  child_id: string;
}

export interface MarriagesTable {
  id: Generated<string>;
  husband_id: string;
  wife_id: string;
  contracted_on: DateText;
  ended_on: DateText | null;
}

export interface GuardianshipsTable {
  guardian_id: string;
  ward_id: string;
  basis: GuardianshipBasis;
  starts_on: DateText;
  ends_on: DateText | null;
}

export interface EstablishmentsTable {
  id: Generated<string>;
  unified_number: string;
  name_ar: string;
  name_en: string;
  owner_id: string;
  city: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SponsorshipsTable {
  id: Generated<string>;
  worker_id: string;
  sponsor_person_id: string | null;
  sponsor_establishment_id: string | null;
  occupation_ar: string;
  occupation_en: string;
  domestic_worker: boolean;
  absence_reported_on: DateText | null;
  obligations_settled: Generated<boolean>;
  past_transfers: Generated<number>;
  started_on: DateText;
  ended_on: DateText | null;
  // 0014_registry_provenance (ADR 0013)
  source: Generated<RowSource>;
  version: Generated<number>;
  platform_changed_at: Timestamp | null;
  source_updated_at: Timestamp | null;
}

export interface VehiclesTable {
  id: Generated<string>;
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
  registration_expiry: DateText;
  insurance_policy: string | null;
  insurance_expiry: DateText | null;
  impounded: Generated<boolean>;
  impounded_on: DateText | null;
  impound_location: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  // 0009_registry_inquiries: the insurer and coverage of the insurance.
  insurer_ar: string | null;
  insurer_en: string | null;
  insurance_coverage: VehicleInsuranceCoverage | null;
}

export interface VehicleUsersTable {
  vehicle_id: string;
  person_id: string;
}

export interface DocumentsTable {
  id: Generated<string>;
  person_id: string;
  kind: DocumentKind;
  number: string;
  issue_date: DateText;
  expiry_date: DateText;
  status: DocumentStatus;
  issuing_country: string | null;
  vehicle_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
  // 0014_registry_provenance (ADR 0013)
  source: Generated<RowSource>;
  version: Generated<number>;
  platform_changed_at: Timestamp | null;
  source_updated_at: Timestamp | null;
}

export interface ViolationTypesTable {
  code: string;
  name_ar: string;
  name_en: string;
  min_amount: number;
  max_amount: number;
}

export interface TrafficViolationsTable {
  id: Generated<string>;
  number: string;
  violator_id: string;
  vehicle_id: string | null;
  type_code: string;
  committed_at: Timestamp;
  city: string;
  amount: number;
  status: ViolationStatus;
  settled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  // 0014_registry_provenance (ADR 0013)
  source: Generated<RowSource>;
  version: Generated<number>;
  platform_changed_at: Timestamp | null;
  source_updated_at: Timestamp | null;
}

export interface TrafficCasesTable {
  id: Generated<string>;
  number: string;
  kind: 'accident' | 'violation';
  occurred_at: Timestamp;
  city: string;
  description_ar: string;
  description_en: string;
  status: TrafficCaseStatus;
  bail_allowed: Generated<boolean>;
  closed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  // 0014_registry_provenance (ADR 0013)
  source: Generated<RowSource>;
  version: Generated<number>;
  platform_changed_at: Timestamp | null;
  source_updated_at: Timestamp | null;
}

export interface TrafficCasePartiesTable {
  case_id: string;
  person_id: string;
  role: TrafficCaseRole;
  in_custody: Generated<boolean>;
}

export interface ServiceSuspensionsTable {
  id: Generated<string>;
  reference: string;
  person_id: string;
  authority: SuspensionAuthority;
  legal_basis: string;
  reason_ar: string;
  reason_en: string;
  blocked_services: string[];
  lifted_by: SuspensionLiftedBy;
  phase: Generated<number>;
  starts_at: Timestamp;
  lifted_at: Timestamp | null;
  lift_note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  // 0014_registry_provenance (ADR 0013)
  source: Generated<RowSource>;
  version: Generated<number>;
  platform_changed_at: Timestamp | null;
  source_updated_at: Timestamp | null;
}

// ---- provenance of registry rows the platform changes (0014_registry_provenance) ----

/** Who changed a registry row last: the registry import, or the platform (a service, a payment, staff). */
export type RowSource = 'import' | 'platform';
export type ImportConflictStatus = 'open' | 'kept_platform' | 'took_import';

export interface RegistryImportConflictsTable {
  id: string;
  number: Generated<number>;
  kind: string;
  record_key: string;
  file: string;
  line: number;
  record: ColumnType<Record<string, unknown>, string, string>;
  platform: ColumnType<Record<string, unknown>, string, string>;
  platform_version: number;
  platform_changed_at: Timestamp;
  source_updated_at: Timestamp | null;
  status: Generated<ImportConflictStatus>;
  seen: Generated<number>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  resolved_at: Timestamp | null;
}

/** Which services an authority may suspend (0011_suspension_remits): patterns as in blocked_services. */
export interface SuspensionRemitsTable {
  authority: SuspensionAuthority;
  pattern: string;
  note: Generated<string>;
  created_at: Generated<Timestamp>;
}

export interface Database extends IdentityDatabase, RequestsDatabase, PaymentsDatabase, SandboxAcquirerDatabase {
  persons: PersonsTable;
  parent_child: ParentChildTable;
  marriages: MarriagesTable;
  guardianships: GuardianshipsTable;
  establishments: EstablishmentsTable;
  sponsorships: SponsorshipsTable;
  vehicles: VehiclesTable;
  vehicle_users: VehicleUsersTable;
  documents: DocumentsTable;
  violation_types: ViolationTypesTable;
  traffic_violations: TrafficViolationsTable;
  traffic_cases: TrafficCasesTable;
  traffic_case_parties: TrafficCasePartiesTable;
  service_suspensions: ServiceSuspensionsTable;
  // 0009_registry_inquiries
  border_crossings: BorderCrossingsTable;
  biometrics: BiometricsTable;
  health_insurance: HealthInsuranceTable;
  employments: EmploymentsTable;
  work_visas: WorkVisasTable;
  recruitment_requests: RecruitmentRequestsTable;
  hajj_performances: HajjPerformancesTable;
  hajj_permits: HajjPermitsTable;
  // 0011_suspension_remits
  suspension_remits: SuspensionRemitsTable;
  // 0012_shared_throttles
  rate_counters: RateCountersTable;
  // 0014_registry_provenance
  registry_import_conflicts: RegistryImportConflictsTable;
}

export type Person = Selectable<PersonsTable>;
export type NewPerson = Insertable<PersonsTable>;
export type PersonUpdate = Updateable<PersonsTable>;
export type Document = Selectable<DocumentsTable>;
export type Vehicle = Selectable<VehiclesTable>;
export type Violation = Selectable<TrafficViolationsTable>;
export type Sponsorship = Selectable<SponsorshipsTable>;
export type Establishment = Selectable<EstablishmentsTable>;
export type Suspension = Selectable<ServiceSuspensionsTable>;
export type TrafficCase = Selectable<TrafficCasesTable>;

// ---- identity, messages, audit (0002_identity) ----

export type Language = 'ar' | 'en';
export type AccountStatus = 'registered' | 'active' | 'disabled';
export type ActivationMethod = 'registry_mobile' | 'office_code' | 'bank';
export type StaffRole = 'officer' | 'supervisor' | 'admin' | 'kiosk';
export type StaffAgency = 'passports' | 'traffic' | 'civil-affairs' | 'recruitment' | 'general';

export interface AccountsTable {
  id: string;
  person_id: string;
  username: string;
  password_hash: string;
  mobile: string | null;
  email: string | null;
  language: Language;
  status: AccountStatus;
  activated_at: Date | null;
  activation_method: ActivationMethod | null;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Date;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StaffAccountsTable {
  id: string;
  username: string;
  password_hash: string;
  name_ar: string;
  name_en: string;
  mobile: string;
  email: string | null;
  agency: StaffAgency;
  role: StaffRole;
  language: Generated<Language>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  kind: 'web' | 'api';
  account_id: string | null;
  staff_id: string | null;
  csrf_token: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface OtpChallengesTable {
  id: string;
  purpose: string;
  account_id: string | null;
  staff_id: string | null;
  person_id: string | null;
  mobile: string;
  code_hash: string;
  attempts: Generated<number>;
  sends: Generated<number>;
  last_sent_at: Date;
  expires_at: Date;
  consumed_at: Date | null;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Date;
}

export interface ActivationCodesTable {
  id: string;
  person_id: string;
  code_hash: string;
  purpose: Generated<'activate' | 'change_mobile'>;
  issued_by: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: Date;
  attempts: Generated<number>;
  revoked_at: Date | null;
}

export interface BankActivationsTable {
  bank_code: string;
  bank_reference: string;
  request_hash: string;
  account_id: string | null;
  response: ColumnType<Record<string, unknown>, string, string>;
  created_at: Date;
}

export interface OutboxMessagesTable {
  id: string;
  channel: 'sms' | 'email';
  recipient: string;
  locale: Language;
  template: string;
  body: string;
  subject: string | null;
  person_id: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  sent_at: Date | null;
  provider_message_id: string | null;
  last_error: string | null;
  created_at: Date;
}

export interface AuditLogTable {
  seq: Generated<number>;
  occurred_at: Date;
  actor_kind: 'account' | 'staff' | 'system' | 'partner' | 'anonymous';
  actor_id: string | null;
  action: string;
  subject_person_id: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  prev_hash: string;
  hash: string;
}

// ---- signed checkpoints of the audit chain's head (0013_audit_checkpoints) ----

export interface AuditCheckpointsTable {
  id: Generated<number>;
  created_at: Date;
  /** The seq of the chain's head when signed; 0 for an empty log. */
  head_seq: number;
  head_hash: string;
  entries: number;
  key_id: string;
  /** Ed25519, base64url, over the checkpoint's canonical text (src/audit/checkpoint.ts). */
  signature: string;
}

export interface IdentityDatabase {
  accounts: AccountsTable;
  staff_accounts: StaffAccountsTable;
  sessions: SessionsTable;
  otp_challenges: OtpChallengesTable;
  activation_codes: ActivationCodesTable;
  bank_activations: BankActivationsTable;
  outbox_messages: OutboxMessagesTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointsTable;
}

// ---- the service engine (0005_requests) ----

type Json<T> = ColumnType<T, string, string>;

export interface ServiceRequestsTable {
  id: string;
  reference: string;
  service_id: string;
  agency: string;
  applicant_account_id: string;
  applicant_person_id: string;
  beneficiary_person_id: string;
  counterparty_person_id: string | null;
  state: string;
  final: boolean;
  data: Json<Record<string, unknown>>;
  outputs: Json<Record<string, unknown>>;
  fee_total: number;
  fee_breakdown: Json<Array<{ code: string; amount: number; label: { ar: string; en: string } }>>;
  assigned_staff_id: string | null;
  state_entered_at: Date;
  due_at: Date | null;
  escalated_at: Date | null;
  version: number;
  open_key: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface RequestEventsTable {
  request_id: string;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_kind: 'account' | 'staff' | 'system';
  actor_id: string | null;
  actor_role: string | null;
  reason_code: string | null;
  reason_text: string | null;
  details: Json<Record<string, unknown>>;
  occurred_at: Date;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  body_hash: string;
  resource: string | null;
  created_at: Date;
}

export interface InboxMessagesTable {
  id: string;
  account_id: string;
  request_id: string | null;
  template: string;
  params: Json<Record<string, string | number>>;
  read_at: Date | null;
  created_at: Date;
}

export interface RequestsDatabase {
  service_requests: ServiceRequestsTable;
  request_events: RequestEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  inbox_messages: InboxMessagesTable;
  form_drafts: FormDraftsTable;
  page_replays: PageReplaysTable;
}

/** A service form's draft: its answers and where the person is (0017_form_drafts, 0018). */
export interface FormDraftsTable {
  account_id: string;
  service_id: string;
  step_id: string;
  beneficiary_national_id: string | null;
  start_challenge_id: string | null;
  answers: Json<Record<string, Record<string, unknown>>>;
  saved_at: Date;
  expires_at: Date;
  /** Where the person is (0018): the start code, a step, "check your answers", the confirmation code. */
  stage: Generated<FormDraftStage>;
  submit_challenge_id: string | null;
  idempotency_key: string | null;
  /** What the next page says once (the step's errors, a message, a code resent). */
  flash: Json<unknown> | null;
}

/** A page drawn in answer to a POST, fetched once more with GET by the same browser (0019_page_replays). */
export interface PageReplaysTable {
  id: string;
  owner_hash: string;
  path: string;
  status: number;
  html: string;
  created_at: Date;
  expires_at: Date;
}

export type FormDraftStage = 'start_code' | 'step' | 'check' | 'submit_code';

export type ServiceRequestRow = Selectable<ServiceRequestsTable>;
export type RequestEventRow = Selectable<RequestEventsTable>;

export type BillStatus = 'unpaid' | 'paid' | 'expired' | 'cancelled' | 'refunded';
export type PaymentChannel = 'sadad' | 'card';
export type RefundReason = 'request_rejected' | 'request_cancelled' | 'request_closed' | 'duplicate_payment' | 'amount_mismatch' | 'bill_closed';

/** One line of a bill: a fee, a delivery charge, VAT; amounts in halalas. */
export interface BillLine {
  code: string;
  label: { ar: string; en: string };
  amount: number;
}

export interface BillsTable {
  id: string;
  number: string;
  biller_code: string;
  account_id: string;
  person_id: string;
  subject: 'request' | 'violations';
  request_id: string | null;
  description: Json<{ ar: string; en: string }>;
  amount: number;
  vat: Generated<number>;
  breakdown: Json<BillLine[]>;
  channels: PaymentChannel[];
  status: BillStatus;
  expires_at: Timestamp;
  paid_at: Timestamp | null;
  replaces_bill_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BillViolationsTable {
  bill_id: string;
  violation_id: string;
  amount: number;
}

export interface PaymentsTable {
  id: string;
  bill_id: string;
  channel: PaymentChannel;
  external_id: string;
  bank_code: string | null;
  amount: number;
  currency: string;
  applied: boolean;
  receipt_number: string | null;
  scheme: string | null;
  last4: string | null;
  received_at: Timestamp;
  created_at: Timestamp;
}

export interface CardSessionsTable {
  id: string;
  bill_id: string;
  account_id: string;
  gateway: string;
  gateway_payment_id: string | null;
  redirect_url: string | null;
  amount: number;
  status: 'open' | 'captured' | 'failed' | 'expired';
  decline_code: string | null;
  payment_id: string | null;
  expires_at: Timestamp;
  checks: Generated<number>;
  next_check_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RefundsTable {
  id: string;
  payment_id: string;
  amount: number;
  reason: RefundReason;
  status: 'pending' | 'succeeded' | 'failed';
  external_id: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Timestamp | null;
  created_at: Timestamp;
  completed_at: Timestamp | null;
}

export interface PaymentsDatabase {
  bills: BillsTable;
  bill_violations: BillViolationsTable;
  payments: PaymentsTable;
  card_sessions: CardSessionsTable;
  refunds: RefundsTable;
}

export type BillRow = Selectable<BillsTable>;
export type PaymentRow = Selectable<PaymentsTable>;
export type CardSessionRow = Selectable<CardSessionsTable>;
export type RefundRow = Selectable<RefundsTable>;

// ---- what the inquiries read (0009_registry_inquiries) ----

export type CrossingDirection = 'entry' | 'exit';
export type CrossingVisaKind = 'work' | 'exit_reentry' | 'final_exit' | 'family' | 'visit' | 'hajj' | 'umrah';
export type BiometricsStatus = 'registered' | 'incomplete';
export type HealthInsuranceClass = 'VIP' | 'A' | 'B' | 'C';
export type ContractStatus = 'active' | 'suspended' | 'ended';
export type WorkVisaStatus = 'issued' | 'used' | 'cancelled' | 'expired';
export type RecruitmentRequestStatus = 'submitted' | 'in_progress' | 'completed' | 'cancelled';
export type HajjPermitStatus = 'issued' | 'used' | 'cancelled';
export type VehicleInsuranceCoverage = 'comprehensive' | 'third_party';

export interface BorderCrossingsTable {
  id: Generated<string>;
  person_id: string;
  direction: CrossingDirection;
  crossed_at: Timestamp;
  port_ar: string;
  port_en: string;
  passport_number: string;
  visa_kind: CrossingVisaKind | null;
  visa_number: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BiometricsTable {
  id: Generated<string>;
  person_id: string;
  status: BiometricsStatus;
  fingerprints_on: DateText | null;
  face_on: DateText | null;
  place_ar: string | null;
  place_en: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HealthInsuranceTable {
  id: Generated<string>;
  person_id: string;
  insurer_ar: string;
  insurer_en: string;
  policy_number: string;
  class: HealthInsuranceClass;
  starts_on: DateText;
  ends_on: DateText;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EmploymentsTable {
  id: Generated<string>;
  person_id: string;
  employer_person_id: string | null;
  employer_establishment_id: string | null;
  occupation_ar: string;
  occupation_en: string;
  started_on: DateText;
  ended_on: DateText | null;
  contract_status: ContractStatus;
  /** Halalas a month; null when not reported. */
  monthly_wage: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkVisasTable {
  id: Generated<string>;
  number: string;
  sponsor_person_id: string | null;
  sponsor_establishment_id: string | null;
  occupation_ar: string;
  occupation_en: string;
  nationality: string;
  status: WorkVisaStatus;
  issued_on: DateText;
  expires_on: DateText;
  worker_id: string | null;
  used_on: DateText | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RecruitmentRequestsTable {
  id: Generated<string>;
  number: string;
  sponsor_person_id: string | null;
  sponsor_establishment_id: string | null;
  office_ar: string;
  office_en: string;
  nationality: string;
  occupation_ar: string;
  occupation_en: string;
  status: RecruitmentRequestStatus;
  submitted_on: DateText;
  closed_on: DateText | null;
  work_visa_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HajjPerformancesTable {
  id: Generated<string>;
  person_id: string;
  hijri_year: number;
  created_at: Timestamp;
}

export interface HajjPermitsTable {
  id: Generated<string>;
  number: string;
  person_id: string;
  season_hijri_year: number;
  campaign_ar: string;
  campaign_en: string;
  status: HajjPermitStatus;
  issued_on: DateText;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type BorderCrossing = Selectable<BorderCrossingsTable>;
export type Biometrics = Selectable<BiometricsTable>;
export type HealthInsurance = Selectable<HealthInsuranceTable>;
export type Employment = Selectable<EmploymentsTable>;
export type WorkVisa = Selectable<WorkVisasTable>;
export type RecruitmentRequest = Selectable<RecruitmentRequestsTable>;
export type HajjPerformance = Selectable<HajjPerformancesTable>;
export type HajjPermit = Selectable<HajjPermitsTable>;

// ---- shared rate limits and the sign-in throttle (0012_shared_throttles) ----

export interface RateCountersTable {
  name: string;
  key: string;
  window_start: Date;
  count: number;
  last_at: Date;
  expires_at: Date;
}
