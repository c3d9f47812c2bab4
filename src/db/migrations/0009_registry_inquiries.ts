import { sql, type Kysely } from 'kysely';

/**
 * What the read-only inquiries need beyond 0001_registry: border crossings (travel record,
 * arrivals, return after an exit/re-entry visa), biometrics, residents' health insurance,
 * employment, work visas and recruitment requests of a sponsor, Hajj performed and Hajj
 * permits, and the insurer and coverage of a vehicle's insurance.
 *
 * Every row carries the id of the person it belongs to (`person_id`), or of its sponsor
 * (`sponsor_person_id` / `sponsor_establishment_id`), and each has the index an inquiry of
 * that person (or sponsor) reads through. Natural keys are unique constraints: the import
 * upserts on them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
-- Entries into and exits from the Kingdom. The port is kept as its bilingual name; the visa
-- the crossing was made on (a work visa number, an exit/re-entry visa number) is kept as the
-- number printed on it, so a crossing recorded before the visa reached the registry still shows.
CREATE TABLE border_crossings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES persons (id),
  direction text NOT NULL CHECK (direction IN ('entry', 'exit')),
  crossed_at timestamptz NOT NULL,
  port_ar text NOT NULL,
  port_en text NOT NULL,
  passport_number text NOT NULL,
  visa_kind text CHECK (visa_kind IN ('work', 'exit_reentry', 'final_exit', 'family', 'visit', 'hajj', 'umrah')),
  visa_number text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- One crossing per person and instant; also the index of a person's travel record.
  UNIQUE (person_id, crossed_at)
);

-- Fingerprints and face image taken (the "digital print" inquiry). One row per person.
CREATE TABLE biometrics (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL UNIQUE REFERENCES persons (id),
  status text NOT NULL CHECK (status IN ('registered', 'incomplete')),
  fingerprints_on date,
  face_on date,
  place_ar text,
  place_en text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'registered' OR (fingerprints_on IS NOT NULL AND face_on IS NOT NULL))
);

-- A resident's health insurance policies (current and past), as the insurer reports them.
CREATE TABLE health_insurance (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES persons (id),
  insurer_ar text NOT NULL,
  insurer_en text NOT NULL,
  policy_number text NOT NULL,
  class text NOT NULL CHECK (class IN ('VIP', 'A', 'B', 'C')),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, policy_number),
  CHECK (ends_on >= starts_on)
);

-- Employment contracts: the employee, the employer (a person or an establishment), the
-- occupation, the contract's status and the monthly wage in halalas when known.
CREATE TABLE employments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES persons (id),
  employer_person_id uuid REFERENCES persons (id),
  employer_establishment_id uuid REFERENCES establishments (id),
  occupation_ar text NOT NULL,
  occupation_en text NOT NULL,
  started_on date NOT NULL,
  ended_on date,
  contract_status text NOT NULL CHECK (contract_status IN ('active', 'suspended', 'ended')),
  monthly_wage bigint CHECK (monthly_wage > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, started_on),
  CHECK ((employer_person_id IS NULL) <> (employer_establishment_id IS NULL)),
  CHECK (employer_person_id IS NULL OR employer_person_id <> person_id),
  CHECK (ended_on IS NULL OR ended_on >= started_on),
  CHECK ((contract_status = 'ended') = (ended_on IS NOT NULL))
);
CREATE INDEX employments_employer_person_idx ON employments (employer_person_id) WHERE employer_person_id IS NOT NULL;
CREATE INDEX employments_employer_establishment_idx ON employments (employer_establishment_id) WHERE employer_establishment_id IS NOT NULL;

-- Work visas issued to a sponsor (a person or an establishment); a used one names the worker
-- who entered on it and the day.
CREATE TABLE work_visas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE,
  sponsor_person_id uuid REFERENCES persons (id),
  sponsor_establishment_id uuid REFERENCES establishments (id),
  occupation_ar text NOT NULL,
  occupation_en text NOT NULL,
  nationality char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('issued', 'used', 'cancelled', 'expired')),
  issued_on date NOT NULL,
  expires_on date NOT NULL,
  worker_id uuid REFERENCES persons (id),
  used_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((sponsor_person_id IS NULL) <> (sponsor_establishment_id IS NULL)),
  CHECK (expires_on >= issued_on),
  CHECK ((status = 'used') = (worker_id IS NOT NULL)),
  CHECK ((status = 'used') = (used_on IS NOT NULL))
);
CREATE INDEX work_visas_sponsor_person_idx ON work_visas (sponsor_person_id, issued_on) WHERE sponsor_person_id IS NOT NULL;
CREATE INDEX work_visas_sponsor_establishment_idx ON work_visas (sponsor_establishment_id, issued_on) WHERE sponsor_establishment_id IS NOT NULL;
CREATE INDEX work_visas_worker_idx ON work_visas (worker_id) WHERE worker_id IS NOT NULL;

-- Requests to a recruitment office to bring a worker; once a visa is issued for one, it is named.
CREATE TABLE recruitment_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE,
  sponsor_person_id uuid REFERENCES persons (id),
  sponsor_establishment_id uuid REFERENCES establishments (id),
  office_ar text NOT NULL,
  office_en text NOT NULL,
  nationality char(3) NOT NULL,
  occupation_ar text NOT NULL,
  occupation_en text NOT NULL,
  status text NOT NULL CHECK (status IN ('submitted', 'in_progress', 'completed', 'cancelled')),
  submitted_on date NOT NULL,
  closed_on date,
  work_visa_id uuid REFERENCES work_visas (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((sponsor_person_id IS NULL) <> (sponsor_establishment_id IS NULL)),
  CHECK ((status IN ('completed', 'cancelled')) = (closed_on IS NOT NULL)),
  CHECK (closed_on IS NULL OR closed_on >= submitted_on)
);
CREATE INDEX recruitment_requests_sponsor_person_idx ON recruitment_requests (sponsor_person_id, submitted_on) WHERE sponsor_person_id IS NOT NULL;
CREATE INDEX recruitment_requests_sponsor_establishment_idx ON recruitment_requests (sponsor_establishment_id, submitted_on) WHERE sponsor_establishment_id IS NOT NULL;

-- Hajj a person performed, by Umm al-Qura year (eligibility: none in the last 5 years).
CREATE TABLE hajj_performances (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES persons (id),
  hijri_year integer NOT NULL CHECK (hijri_year BETWEEN 1300 AND 1600),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, hijri_year)
);

-- Hajj permits, by season (Umm al-Qura year), with the Hajj campaign (company) that holds it.
CREATE TABLE hajj_permits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE,
  person_id uuid NOT NULL REFERENCES persons (id),
  season_hijri_year integer NOT NULL CHECK (season_hijri_year BETWEEN 1300 AND 1600),
  campaign_ar text NOT NULL,
  campaign_en text NOT NULL,
  status text NOT NULL CHECK (status IN ('issued', 'used', 'cancelled')),
  issued_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX hajj_permits_person_idx ON hajj_permits (person_id, season_hijri_year);

-- The insurer and the coverage of a vehicle's insurance, beside its policy number and expiry.
ALTER TABLE vehicles
  ADD COLUMN insurer_ar text,
  ADD COLUMN insurer_en text,
  ADD COLUMN insurance_coverage text CHECK (insurance_coverage IN ('comprehensive', 'third_party'));
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
ALTER TABLE vehicles DROP COLUMN insurance_coverage, DROP COLUMN insurer_en, DROP COLUMN insurer_ar;
DROP TABLE hajj_permits;
DROP TABLE hajj_performances;
DROP TABLE recruitment_requests;
DROP TABLE work_visas;
DROP TABLE employments;
DROP TABLE health_insurance;
DROP TABLE biometrics;
DROP TABLE border_crossings;
`.execute(db);
}
