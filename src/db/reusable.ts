import type { CompiledQuery, Compilable, Kysely } from 'kysely';

/**
 * A read on a hot path (the session of every request, an inquiry's main read) built and compiled
 * by Kysely once per database handle instead of on every call: the query is built with marker
 * values in place of its arguments, and each call runs the compiled SQL with the markers'
 * parameters replaced by the call's arguments. The SQL text is then the same on every call,
 * which the named prepared statements (ADR 0004) also want. Only for queries whose shape does
 * not depend on the arguments (no lists of varying length, no optional clauses).
 */
export function reusableRead<DB, Args extends readonly unknown[], Row>(build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>): (db: Kysely<DB>, ...args: Args) => Promise<Row[]> {
  const compiled = new WeakMap<Kysely<DB>, CompiledQuery<Row>>();
  // Markers no real argument equals: strings with a NUL, which PostgreSQL text never holds.
  const marker = (i: number) => `\u0000arg${i}\u0000`;
  return async (db, ...args) => {
    let query = compiled.get(db);
    if (!query) {
      query = build(db, ...(args.map((_, i) => marker(i)) as unknown as Args)).compile();
      // A transaction is a handle of its own and short-lived: it compiles each time, and is not kept.
      if (!db.isTransaction) compiled.set(db, query);
    }
    const parameters = query.parameters.map((p) => {
      const i = typeof p === 'string' && p.startsWith('\u0000arg') ? Number(p.slice(4, -1)) : -1;
      return i >= 0 ? args[i] : p;
    });
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}
