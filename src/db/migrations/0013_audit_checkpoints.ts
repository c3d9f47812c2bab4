import { sql, type Kysely } from 'kysely';

/**
 * Signed checkpoints of the audit chain's head (ADR 0009), and a trigger that refuses UPDATE,
 * DELETE and TRUNCATE on the audit log and on the checkpoints, so no code path of the
 * application can rewrite or shorten them. The trigger is statement-level, so even a statement
 * that matches no row is refused, and enabled ALWAYS, so `session_replication_role = replica`
 * does not skip it. A role that owns the tables can still disable it (ALTER TABLE): the ADR
 * says how to run the application under a role that does not own them, and why the signed
 * checkpoints, kept outside the database too, are the defence against an owner.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
CREATE TABLE audit_checkpoints (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at timestamptz NOT NULL,
  head_seq bigint NOT NULL CHECK (head_seq >= 0),
  head_hash text NOT NULL CHECK (head_hash ~ '^[0-9a-f]{64}$'),
  entries bigint NOT NULL CHECK (entries >= 0),
  key_id text NOT NULL,
  signature text NOT NULL
);
CREATE INDEX audit_checkpoints_head_idx ON audit_checkpoints (head_seq DESC, id DESC);

CREATE FUNCTION audit_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING
    ERRCODE = 'insufficient_privilege',
    MESSAGE = format('%s on %s is refused: the audit log is append-only', TG_OP, TG_TABLE_NAME);
END
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_rewrite();
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only;
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_rewrite();
ALTER TABLE audit_checkpoints ENABLE ALWAYS TRIGGER audit_checkpoints_append_only;

REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_checkpoints FROM PUBLIC;
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
DROP TRIGGER audit_log_append_only ON audit_log;
DROP TABLE audit_checkpoints;
DROP FUNCTION audit_refuse_rewrite();
`.execute(db);
}
