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
  options: { touchUpdatedAt: boolean } = { touchUpdatedAt: true },
): Record<string, RawBuilder<unknown>> {
  const set: Record<string, RawBuilder<unknown>> = {};
  for (const column of columns) set[column] = sql.ref(`excluded.${column}`);
  if (options.touchUpdatedAt) {
    const stored = sql.join(columns.map((c) => sql.ref(`${table}.${c}`)));
    const incoming = sql.join(columns.map((c) => sql.ref(`excluded.${c}`)));
    set.updated_at = sql`CASE WHEN (${stored}) IS DISTINCT FROM (${incoming}) THEN now() ELSE ${sql.ref(`${table}.updated_at`)} END`;
  }
  return set;
}

/** Distinct values, in first-seen order. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

