import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../db/tables.js';

/** A database handle or an open transaction: callers own transactions. */
export type Db = Kysely<Database> | Transaction<Database>;

/**
 * Rows per multi-row statement. PostgreSQL allows 65,535 bound parameters per statement;
 * 500 rows of the widest table (persons, 31 columns) stay well under that, and larger
 * batches no longer make imports faster.
 */
export const BATCH_ROWS = 500;

/** Keys per `IN (...)` look-up. */
export const LOOKUP_KEYS = 1000;

export function* chunks<T>(items: readonly T[], size: number = BATCH_ROWS): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

type ColumnOf<TB extends keyof Database> = keyof Database[TB] & string;

/**
 * The `DO UPDATE SET` of an upsert that replaces the stored row with the incoming one:
 * every listed column from `excluded`, and `updated_at` moved only when a value really
 * changed, so re-importing an unchanged file leaves "last changed" times alone.
 */
export function replaceWithExcluded<TB extends keyof Database>(
  table: TB,
  columns: readonly ColumnOf<TB>[],
  options: { touchUpdatedAt?: boolean; provenance?: boolean } = {},
): Record<string, RawBuilder<unknown>> {
  const set: Record<string, RawBuilder<unknown>> = {};
  for (const column of columns) set[column] = sql.ref(`excluded.${column}`);
  const stored = sql.join(columns.map((c) => sql.ref(`${table}.${c}`)));
  const incoming = sql.join(columns.map((c) => sql.ref(`excluded.${c}`)));
  if (options.touchUpdatedAt ?? true) {
    set.updated_at = sql`CASE WHEN (${stored}) IS DISTINCT FROM (${incoming}) THEN now() ELSE ${sql.ref(`${table}.updated_at`)} END`;
  }
  if (options.provenance) {
    // The import wrote the row last (ADR 0013); its version moves only when a value changed.
    set.source = sql`'import'`;
    set.source_updated_at = sql.ref('excluded.source_updated_at');
    set.version = sql`CASE WHEN (${stored}) IS DISTINCT FROM (${incoming}) THEN ${sql.ref(`${table}.version`)} + 1 ELSE ${sql.ref(`${table}.version`)} END`;
  }
  return set;
}

/** Provenance columns (0014_registry_provenance): the import and the platform set them, never the caller. */
export type ProvenanceColumn = 'source' | 'version' | 'platform_changed_at' | 'source_updated_at';

/**
 * The columns a platform change sets on a registry row (ADR 0013): the platform changed it last,
 * now, and its version moves on, so a later import of the source's older record does not undo it.
 */
export function platformChange(now: Date): { source: 'platform'; platform_changed_at: Date; version: RawBuilder<number> } {
  return { source: 'platform', platform_changed_at: now, version: sql<number>`version + 1` };
}

/** The provenance of a row the platform inserts. */
export function platformInsert(now: Date): { source: 'platform'; platform_changed_at: Date } {
  return { source: 'platform', platform_changed_at: now };
}

/** Distinct values, in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

