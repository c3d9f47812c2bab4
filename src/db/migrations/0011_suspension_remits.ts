import { sql, type Kysely } from 'kysely';

/**
 * Which services each requesting authority may suspend: its remit, as the patterns suspensions
 * use (`*` all e-services, `<agency>.*`, or a service id). Placing a suspension outside the
 * remit of the authority it is placed for is refused (src/suspensions/manage.ts). The rows are
 * data an operator changes with SQL (docs/services.md); these are the platform's first ones:
 *
 * - the courts, the enforcement court and the public prosecution: all e-services (their orders
 *   are the legal basis the controls in force since March 2024 ask for);
 * - the General Department of Traffic: the traffic services, and the traffic bail it handles;
 * - the Ministry of Interior: the services of its agencies (passports, traffic, civil affairs);
 * - the Zakat, Tax and Customs Authority: the passports services.
 *
 * Suspensions placed before this migration are kept as they are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
CREATE TABLE suspension_remits (
  authority text NOT NULL CHECK (authority IN ('court', 'public_prosecution', 'enforcement_court',
    'traffic', 'ministry_of_interior', 'zakat_tax_customs')),
  pattern text NOT NULL CHECK (pattern = '*' OR pattern ~ '^[a-z][a-z0-9-]*(\\.[a-z0-9-]+)*(\\.\\*)?$'),
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (authority, pattern)
);
INSERT INTO suspension_remits (authority, pattern, note) VALUES
  ('court', '*', 'Courts: a ruling or order may suspend any e-service'),
  ('enforcement_court', '*', 'Enforcement courts: an enforcement order may suspend any e-service'),
  ('public_prosecution', '*', 'Public Prosecution: an order may suspend any e-service'),
  ('traffic', 'traffic.*', 'General Department of Traffic: traffic services'),
  ('traffic', 'general.kafala.traffic-bail', 'General Department of Traffic: the traffic bail it handles'),
  ('ministry_of_interior', 'passports.*', 'Ministry of Interior: services of its agencies'),
  ('ministry_of_interior', 'traffic.*', 'Ministry of Interior: services of its agencies'),
  ('ministry_of_interior', 'general.kafala.traffic-bail', 'Ministry of Interior: services of its agencies'),
  ('ministry_of_interior', 'civil-affairs.*', 'Ministry of Interior: services of its agencies'),
  ('zakat_tax_customs', 'passports.*', 'Zakat, Tax and Customs Authority: passports services of a debtor');
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE suspension_remits`.execute(db);
}
