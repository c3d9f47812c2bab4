import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Named prepared statements for PostgreSQL (ADR 0004).
 *
 * Kysely sends every query as an unnamed statement, so PostgreSQL parses and plans the same SQL
 * text on every call. The application's SQL is a small, fixed set of texts with parameters, so a
 * connection can keep each one with parameters prepared: the first call sends Parse with a name derived from
 * the text, later calls only Bind and Execute. That saves the server's parse and most planning,
 * and a message per query; on the request page it is about a fifth more pages per second.
 *
 * - Per connection, at most `limit` texts are named; SQL made up at run time beyond that (lists
 *   of varying length) runs unnamed, so the server's memory per connection stays bounded.
 * - After a schema change that alters a prepared query's result columns (a migration applied
 *   while this process runs), PostgreSQL answers 0A000 "cached plan must not change result
 *   type" once; the connection then forgets its names and prepares afresh from the next query.
 * - Poolers in transaction mode that do not track prepared statements need this off:
 *   DATABASE_PREPARED_STATEMENTS=off.
 */
export function prepareStatements(client: pg.Client | pg.PoolClient, limit = 256): void {
  type Query = (text: unknown, values?: unknown, callback?: unknown) => unknown;
  const plain = client.query.bind(client) as Query;
  let names = new Map<string, string>();
  let generation = 0;

  const named = (text: string): string | undefined => {
    const known = names.get(text);
    if (known || names.size >= limit) return known;
    const name = `t${generation}_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
    names.set(text, name);
    return name;
  };

  const query: Query = (text, values, callback) => {
    // Only texts with parameters: those are single statements (a migration's script is not).
    const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined ? named(text) : undefined;
    if (!name) return plain(text, values, callback);
    return (plain({ name, text, values }) as Promise<pg.QueryResult>).catch((error: unknown) => {
      if ((error as { code?: string }).code === '0A000' && /cached plan/.test((error as Error).message)) {
        generation += 1;
        names = new Map();
      }
      throw error;
    });
  };
  client.query = query as typeof client.query;
}
