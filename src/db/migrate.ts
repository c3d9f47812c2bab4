import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import type { Database } from './tables.js';
import * as m0001 from './migrations/0001_registry.js';
import * as m0002 from './migrations/0002_identity.js';
import * as m0003 from './migrations/0003_identity_rate_keys.js';
import * as m0004 from './migrations/0004_activation_code_attempts.js';
import * as m0005 from './migrations/0005_requests.js';
import * as m0006 from './migrations/0006_payments.js';
import * as m0007 from './migrations/0007_sandbox_acquirer.js';
import * as m0008 from './migrations/0008_uploads.js';
import * as m0009 from './migrations/0009_registry_inquiries.js';
import * as m0010 from './migrations/0010_sandbox_acquirer_cancel.js';
import * as m0011 from './migrations/0011_suspension_remits.js';
import * as m0012 from './migrations/0012_shared_throttles.js';
import * as m0013 from './migrations/0013_audit_checkpoints.js';
import * as m0014 from './migrations/0014_registry_provenance.js';
import * as m0017 from './migrations/0017_form_drafts.js';
import * as m0018 from './migrations/0018_form_draft_stages.js';
import * as m0019 from './migrations/0019_page_replays.js';

/**
 * Migrations are listed here, in order, so they are bundled with the code and need no
 * directory scan. Kysely's PostgreSQL adapter takes an advisory lock for the whole run, so
 * two nodes starting at once never both migrate; the second waits, then finds nothing to do.
 */
const migrations: Record<string, Migration> = {
  '0001_registry': m0001,
  '0002_identity': m0002,
  '0003_identity_rate_keys': m0003,
  '0004_activation_code_attempts': m0004,
  '0005_requests': m0005,
  '0006_payments': m0006,
  '0007_sandbox_acquirer': m0007,
  '0008_uploads': m0008,
  '0009_registry_inquiries': m0009,
  '0010_sandbox_acquirer_cancel': m0010,
  '0011_suspension_remits': m0011,
  '0012_shared_throttles': m0012,
  '0013_audit_checkpoints': m0013,
  '0014_registry_provenance': m0014,
  '0017_form_drafts': m0017,
  '0018_form_draft_stages': m0018,
  '0019_page_replays': m0019,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export interface MigrationReport {
  applied: string[];
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(),
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${message}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

export const migrationNames = Object.keys(migrations);
