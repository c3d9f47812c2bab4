import { sql, type Kysely } from 'kysely';

/**
 * The reference registry: the system of record that services read and change.
 * Every row a person owns carries that person's id; keys are UUIDs (v7 from the application).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
CREATE TABLE persons (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  national_id text NOT NULL UNIQUE CHECK (national_id ~ '^[1-4][0-9]{9}$'),
  id_type text NOT NULL CHECK (id_type IN ('national_id', 'iqama', 'border_number')),
  first_name_ar text NOT NULL,
  father_name_ar text,
  grandfather_name_ar text,
  family_name_ar text NOT NULL,
  first_name_en text NOT NULL,
  father_name_en text,
  grandfather_name_en text,
  family_name_en text NOT NULL,
  sex text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date date NOT NULL,
  nationality char(3) NOT NULL,
  mother_nationality char(3),
  marital_status text NOT NULL CHECK (marital_status IN ('single', 'married', 'divorced', 'widowed')),
  mobile text CHECK (mobile ~ '^05[0-9]{8}$'),
  email text,
  address_building_number text,
  address_street text,
  address_district text,
  address_city text,
  address_postal_code text,
  address_additional_number text,
  deceased boolean NOT NULL DEFAULT false,
  inside_kingdom boolean NOT NULL DEFAULT true,
  criminal_case boolean NOT NULL DEFAULT false,
  security_restriction boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX persons_mobile_idx ON persons (mobile);

CREATE TABLE parent_child (
  parent_id uuid NOT NULL REFERENCES persons (id),
  child_id uuid NOT NULL REFERENCES persons (id),
  PRIMARY KEY (parent_id, child_id),
  CHECK (parent_id <> child_id)
);
CREATE INDEX parent_child_child_idx ON parent_child (child_id);

CREATE TABLE marriages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  husband_id uuid NOT NULL REFERENCES persons (id),
  wife_id uuid NOT NULL REFERENCES persons (id),
  contracted_on date NOT NULL,
  ended_on date,
  UNIQUE (husband_id, wife_id, contracted_on)
);
CREATE INDEX marriages_wife_idx ON marriages (wife_id);

CREATE TABLE guardianships (
  guardian_id uuid NOT NULL REFERENCES persons (id),
  ward_id uuid NOT NULL REFERENCES persons (id),
  basis text NOT NULL CHECK (basis IN ('father', 'mother', 'court_order', 'relative')),
  starts_on date NOT NULL,
  ends_on date,
  PRIMARY KEY (guardian_id, ward_id),
  CHECK (guardian_id <> ward_id)
);
CREATE INDEX guardianships_ward_idx ON guardianships (ward_id);

CREATE TABLE establishments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unified_number text NOT NULL UNIQUE CHECK (unified_number ~ '^7[0-9]{9}$'),
  name_ar text NOT NULL,
  name_en text NOT NULL,
  owner_id uuid NOT NULL REFERENCES persons (id),
  city text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX establishments_owner_idx ON establishments (owner_id);

CREATE TABLE sponsorships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  worker_id uuid NOT NULL REFERENCES persons (id),
  sponsor_person_id uuid REFERENCES persons (id),
  sponsor_establishment_id uuid REFERENCES establishments (id),
  occupation_ar text NOT NULL,
  occupation_en text NOT NULL,
  domestic_worker boolean NOT NULL,
  absence_reported_on date,
  obligations_settled boolean NOT NULL DEFAULT true,
  past_transfers integer NOT NULL DEFAULT 0 CHECK (past_transfers >= 0),
  started_on date NOT NULL,
  ended_on date,
  CHECK ((sponsor_person_id IS NULL) <> (sponsor_establishment_id IS NULL)),
  CHECK (sponsor_person_id IS NULL OR sponsor_person_id <> worker_id)
);
-- A resident has one current sponsor at a time.
CREATE UNIQUE INDEX sponsorships_current_worker_idx ON sponsorships (worker_id) WHERE ended_on IS NULL;
CREATE INDEX sponsorships_sponsor_person_idx ON sponsorships (sponsor_person_id) WHERE ended_on IS NULL;
CREATE INDEX sponsorships_sponsor_establishment_idx ON sponsorships (sponsor_establishment_id) WHERE ended_on IS NULL;

CREATE TABLE vehicles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sequence_number text NOT NULL UNIQUE CHECK (sequence_number ~ '^[0-9]{9}$'),
  plate_letters_ar text NOT NULL,
  plate_letters_en text NOT NULL CHECK (plate_letters_en ~ '^[A-Z]{1,3}$'),
  plate_digits text NOT NULL CHECK (plate_digits ~ '^[0-9]{1,4}$'),
  make text NOT NULL,
  model text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 1950 AND 2100),
  colour_ar text NOT NULL,
  colour_en text NOT NULL,
  owner_person_id uuid REFERENCES persons (id),
  owner_establishment_id uuid REFERENCES establishments (id),
  registration_expiry date NOT NULL,
  insurance_policy text,
  insurance_expiry date,
  impounded boolean NOT NULL DEFAULT false,
  impounded_on date,
  impound_location text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plate_letters_en, plate_digits),
  CHECK ((owner_person_id IS NULL) <> (owner_establishment_id IS NULL))
);
CREATE INDEX vehicles_owner_person_idx ON vehicles (owner_person_id);
CREATE INDEX vehicles_owner_establishment_idx ON vehicles (owner_establishment_id);

CREATE TABLE vehicle_users (
  vehicle_id uuid NOT NULL REFERENCES vehicles (id),
  person_id uuid NOT NULL REFERENCES persons (id),
  PRIMARY KEY (vehicle_id, person_id)
);
CREATE INDEX vehicle_users_person_idx ON vehicle_users (person_id);

CREATE TABLE documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES persons (id),
  kind text NOT NULL CHECK (kind IN ('national_id_card', 'iqama', 'passport', 'driving_licence',
    'vehicle_registration', 'exit_reentry_visa', 'travel_permit')),
  number text NOT NULL,
  issue_date date NOT NULL,
  expiry_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('valid', 'expired', 'lost', 'cancelled')),
  issuing_country char(3),
  vehicle_id uuid REFERENCES vehicles (id),
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, number),
  CHECK (expiry_date >= issue_date)
);
CREATE INDEX documents_person_idx ON documents (person_id, kind);
CREATE INDEX documents_expiry_idx ON documents (expiry_date) WHERE status = 'valid';

CREATE TABLE violation_types (
  code text PRIMARY KEY,
  name_ar text NOT NULL,
  name_en text NOT NULL,
  min_amount bigint NOT NULL CHECK (min_amount >= 0),
  max_amount bigint NOT NULL CHECK (max_amount >= min_amount)
);

CREATE TABLE traffic_violations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE,
  violator_id uuid NOT NULL REFERENCES persons (id),
  vehicle_id uuid REFERENCES vehicles (id),
  type_code text NOT NULL REFERENCES violation_types (code),
  committed_at timestamptz NOT NULL,
  city text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  status text NOT NULL CHECK (status IN ('unpaid', 'paid', 'objected', 'cancelled')),
  settled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX traffic_violations_violator_idx ON traffic_violations (violator_id, committed_at DESC);
CREATE INDEX traffic_violations_vehicle_idx ON traffic_violations (vehicle_id);

CREATE TABLE traffic_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('accident', 'violation')),
  occurred_at timestamptz NOT NULL,
  city text NOT NULL,
  description_ar text NOT NULL,
  description_en text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  bail_allowed boolean NOT NULL DEFAULT true,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE traffic_case_parties (
  case_id uuid NOT NULL REFERENCES traffic_cases (id),
  person_id uuid NOT NULL REFERENCES persons (id),
  role text NOT NULL CHECK (role IN ('driver_at_fault', 'driver', 'injured', 'witness')),
  in_custody boolean NOT NULL DEFAULT false,
  PRIMARY KEY (case_id, person_id)
);
CREATE INDEX traffic_case_parties_person_idx ON traffic_case_parties (person_id);

CREATE TABLE service_suspensions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  person_id uuid NOT NULL REFERENCES persons (id),
  authority text NOT NULL CHECK (authority IN ('court', 'public_prosecution', 'enforcement_court',
    'traffic', 'ministry_of_interior', 'zakat_tax_customs')),
  legal_basis text NOT NULL,
  reason_ar text NOT NULL,
  reason_en text NOT NULL,
  blocked_services text[] NOT NULL CHECK (cardinality(blocked_services) > 0),
  lifted_by text NOT NULL CHECK (lifted_by IN ('pay_violations', 'settle_debt', 'authority_order')),
  phase integer NOT NULL DEFAULT 1 CHECK (phase >= 1),
  starts_at timestamptz NOT NULL,
  lifted_at timestamptz,
  lift_note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_suspensions_active_idx ON service_suspensions (person_id) WHERE lifted_at IS NULL;
`.execute(db);

  await sql`
INSERT INTO violation_types (code, name_ar, name_en, min_amount, max_amount) VALUES
  ('speeding_10_20', 'تجاوز السرعة المحددة بأقل من 20 كم/س', 'Exceeding the speed limit by 10 to 20 km/h', 15000, 30000),
  ('speeding_20_30', 'تجاوز السرعة المحددة من 20 إلى 30 كم/س', 'Exceeding the speed limit by 20 to 30 km/h', 30000, 50000),
  ('speeding_over_50', 'تجاوز السرعة المحددة بأكثر من 50 كم/س', 'Exceeding the speed limit by more than 50 km/h', 150000, 200000),
  ('red_light', 'قطع الإشارة الضوئية الحمراء', 'Running a red light', 300000, 600000),
  ('mobile_phone', 'استخدام الهاتف المحمول أثناء القيادة', 'Using a mobile phone while driving', 50000, 90000),
  ('seat_belt', 'عدم ربط حزام الأمان', 'Not wearing a seat belt', 15000, 30000),
  ('no_parking', 'الوقوف في الأماكن الممنوعة', 'Parking where it is prohibited', 10000, 20000),
  ('expired_registration', 'انتهاء صلاحية رخصة السير', 'Driving with an expired vehicle registration', 10000, 20000),
  ('expired_licence', 'القيادة برخصة منتهية', 'Driving with an expired licence', 15000, 30000),
  ('no_insurance', 'عدم وجود تأمين ساري على المركبة', 'No valid vehicle insurance', 10000, 15000),
  ('wrong_way', 'السير عكس الاتجاه', 'Driving against the traffic', 300000, 600000),
  ('tinted_windows', 'تظليل الزجاج بالمخالفة', 'Prohibited window tinting', 50000, 90000);
`.execute(db);
}
