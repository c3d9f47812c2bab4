/**
 * npm run bench:seed — how fast the synthetic population goes into the registry:
 *   1. PostgreSQL: a fresh database `tayseer_bench_seed`, migrated, 1,000,000 people
 *      (--people), target under 5 minutes; the database is dropped afterwards;
 *   2. PGlite: a fresh data directory in a temp dir, 100,000 people (--pglite-people).
 *
 * Admin URL: BENCH_DATABASE_URL or DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres.
 * Options: --people N, --pglite-people N (0 skips a part), --seed S, --keep (do not drop the database).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, openPglite, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedPopulation, type SeedResult } from '../src/registry/seed.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '1000000' },
    'pglite-people': { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const people = Number(values.people);
const pglitePeople = Number(values['pglite-people']);
const seed = Number(values.seed);
const POSTGRES_TARGET_S = 300;
const BENCH_DB = 'tayseer_bench_seed';

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

function report(engine: string, result: SeedResult): string {
  const rate = Math.round(result.people / result.seconds);
  const rows = Object.values(result.rows).reduce((a, b) => a + b, 0);
  return `${engine}: ${result.people} people in ${result.seconds.toFixed(1)} s (${rate} people/s, ${rows} rows, ${Math.round(rows / result.seconds)} rows/s)`;
}

function progress(label: string) {
  let last = 0;
  return ({ people: done, total }: { people: number; total: number }) => {
    const now = performance.now();
    if (now - last < 5000 && done < total) return;
    last = now;
    process.stderr.write(`  ${label}: ${done}/${total}\n`);
  };
}

async function seedAndReport(handle: DatabaseHandle, engine: string, count: number): Promise<SeedResult> {
  await migrateToLatest(handle.db);
  const result = await seedPopulation({ db: handle.db, people: count, seed, onProgress: progress(engine) });
  console.log(report(engine, result));
  console.log(`  rows: ${Object.entries(result.rows).map(([t, n]) => `${t} ${n}`).join(', ')}`);
  return result;
}

async function benchPostgres(): Promise<boolean> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  const url = new URL(adminUrl);
  url.pathname = `/${BENCH_DB}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 4 });
  try {
    const result = await seedAndReport(handle, 'postgres', people);
    const ok = result.seconds < POSTGRES_TARGET_S || people !== 1_000_000;
    const projected = (result.seconds * 1_000_000) / Math.max(1, result.people);
    console.log(
      people === 1_000_000
        ? `  target: 1000000 people in under 5 minutes: ${verdict(result.seconds < POSTGRES_TARGET_S)}`
        : `  target: 1000000 people in under 5 minutes (projected ${projected.toFixed(0)} s): ${verdict(projected < POSTGRES_TARGET_S)}`,
    );
    return ok;
  } finally {
    await handle.close();
    if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.end();
  }
}

async function benchPglite(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tayseer-bench-seed-'));
  const handle = await openPglite(path.join(dir, 'pgdata'));
  try {
    await seedAndReport(handle, 'pglite', pglitePeople);
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

let ok = true;
if (people > 0) ok = (await benchPostgres()) && ok;
if (pglitePeople > 0) await benchPglite();
process.exitCode = ok ? 0 : 1;
