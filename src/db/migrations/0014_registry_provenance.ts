import { sql, type Kysely } from 'kysely';

/**
 * Provenance of the registry rows the platform changes (ADR 0013): who changed the row last
 * (`source`: the registry import or the platform), a version that moves on every change, when the
 * platform last changed it, and the source system's own time for its record (the import line's
 * `sourceUpdatedAt`). An import line that would undo a newer platform change is not applied; it is
 * kept in `registry_import_conflicts` for an operator to resolve.
 */
const TABLES = ['documents', 'sponsorships', 'traffic_violations', 'traffic_cases', 'service_suspensions'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    await sql`
ALTER TABLE ${sql.table(table)}
  ADD COLUMN source text NOT NULL DEFAULT 'import' CHECK (source IN ('import', 'platform')),
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  ADD COLUMN platform_changed_at timestamptz,
  ADD COLUMN source_updated_at timestamptz,
  ADD CHECK (source = 'import' OR platform_changed_at IS NOT NULL)`.execute(db);
  }
  await sql`
CREATE TABLE registry_import_conflicts (
  id uuid PRIMARY KEY,
  number integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  kind text NOT NULL,
  record_key text NOT NULL,
  file text NOT NULL,
  line integer NOT NULL CHECK (line >= 1),
  record jsonb NOT NULL,
  platform jsonb NOT NULL,
  platform_version integer NOT NULL,
  platform_changed_at timestamptz NOT NULL,
  source_updated_at timestamptz,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept_platform', 'took_import')),
  seen integer NOT NULL DEFAULT 1 CHECK (seen >= 1),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  resolved_at timestamptz,
  CHECK ((status = 'open') = (resolved_at IS NULL))
);
-- One open conflict per row: the same stale line imported again counts as seen again.
CREATE UNIQUE INDEX registry_import_conflicts_open_idx ON registry_import_conflicts (kind, record_key) WHERE status = 'open';
CREATE INDEX registry_import_conflicts_key_idx ON registry_import_conflicts (kind, record_key);
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE registry_import_conflicts`.execute(db);
  for (const table of TABLES) {
    await sql`ALTER TABLE ${sql.table(table)} DROP COLUMN source, DROP COLUMN version, DROP COLUMN platform_changed_at, DROP COLUMN source_updated_at`.execute(db);
  }
}
