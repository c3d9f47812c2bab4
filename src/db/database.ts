import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.js';
import { prepareStatements } from './prepared.js';
import type { Database } from './tables.js';

/**
 * One SQL dialect, two engines. PostgreSQL through `pg`, or PGlite embedded under DATA_DIR.
 *
 * PGlite has a single connection, and kysely-pglite does not serialise transactions on it
 * (two concurrent transactions interleave). So we give Kysely's own PostgresDialect a pool of
 * one connection whose connect() waits until the previous holder has released it.
 */

export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** A human description without secrets, for logs. */
  describe: string;
  close(): Promise<void>;
}

// Both engines return the same JavaScript types: int8 as number (amounts in halalas and
// counters stay far below 2^53), date as 'YYYY-MM-DD' text (no time-zone shift),
// timestamptz as Date, numeric as text.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;
const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;
const parseInt8 = (v: string) => Number(v);
const keepText = (v: string) => v;
const parseTimestamp = (v: string) => new Date(v.includes('+') || v.endsWith('Z') || /-\d\d$/.test(v) ? v : `${v}Z`);

pg.types.setTypeParser(INT8, parseInt8);
pg.types.setTypeParser(DATE, keepText);
pg.types.setTypeParser(NUMERIC, keepText);

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize?: number;
  /** PostgreSQL only: keep each query text prepared per connection (default on; see prepared.ts). */
  preparedStatements?: boolean;
  /** PostgreSQL only: how long a query waits for a connection (a free one, or a new one made) before it fails. */
  connectionTimeoutMs?: number;
  /** PostgreSQL only: told of every connection lost (the server restarted, the network broke). */
  onConnectionError?: (error: Error) => void;
}

/** Long enough for a busy pool under load, short enough that nobody waits on a database that is not there. */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 10_000;

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(path.join(options.dataDir, 'pgdata'));
}

function openPostgres(url: string, options: OpenOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    application_name: 'tayseer',
    // Without it a query waits forever for a connection while PostgreSQL is unreachable.
    connectionTimeoutMillis: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    // A dead peer (a server gone without closing the socket) is noticed instead of waited on.
    keepAlive: true,
  });
  const lost = (error: Error) => options.onConnectionError?.(error);
  // An idle client lost its connection; the pool has already dropped it.
  pool.on('error', lost);
  pool.on('connect', (client) => {
    // A client that is checked out has no listener of the pool's: a server restart (57P01) or a
    // broken socket between two queries of a transaction would emit 'error' on it with nobody
    // listening, and Node ends the process. The query in flight fails on its own; the client is
    // marked not queryable and the pool drops it when it is released.
    client.on('error', lost);
    if (options.preparedStatements ?? true) prepareStatements(client);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const u = new URL(url);
  return {
    db,
    engine: 'postgres',
    describe: `postgres://${u.hostname}:${u.port || 5432}${u.pathname}`,
    close: () => db.destroy(),
  };
}

export async function openPglite(dir: string | undefined, loadDataDir?: Blob): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dir) fs.mkdirSync(dir, { recursive: true });
  // One process at a time on the files (data-dir-lock.ts); refused before PGlite touches them.
  const lock = dir ? lockDataDir(dir) : undefined;
  const pglite = await PGlite.create({
    ...(dir ? { dataDir: dir } : {}),
    // PostgreSQL's default 128 MB of shared buffers would sit in the WASM heap of every embedded
    // node; 16 MB keeps an idle server well under 300 MB and costs little at this scale.
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [INT8]: parseInt8, [DATE]: keepText, [NUMERIC]: keepText, [TIMESTAMPTZ]: parseTimestamp, [TIMESTAMP]: parseTimestamp },
  }).catch((error: unknown) => {
    lock?.release();
    throw error;
  });
  const pool = new SerialPglitePool(pglite);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    describe: dir ? `pglite:${dir}` : 'pglite:memory',
    close: async () => {
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** A pool of exactly one PGlite connection: connect() queues until the holder releases. */
export class SerialPglitePool implements PostgresPool {
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly pglite: PGlite) {}

  async connect(): Promise<PostgresPoolClient> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    let released = false;
    const pglite = this.pglite;
    return {
      query: (async (sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<unknown>> => {
        if (parameters.length === 0 && /;\s*\S/.test(sql)) {
          // Several statements (migrations): the simple protocol, as `pg` does without parameters.
          const results = await pglite.exec(sql);
          const last = results[results.length - 1];
          return { command: 'SELECT', rowCount: last?.affectedRows ?? 0, rows: last?.rows ?? [] };
        }
        const result = await pglite.query(sql, parameters as unknown[]);
        const command = (sql.trimStart().slice(0, 6).toUpperCase() as PostgresQueryResult<unknown>['command']) ?? 'SELECT';
        return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      }) as PostgresPoolClient['query'],
      release: () => {
        if (released) return;
        released = true;
        const next = this.waiting.shift();
        if (next) next();
        else this.busy = false;
      },
    };
  }

  async end(): Promise<void> {
    // PGlite itself is closed by the handle's close().
  }
}
