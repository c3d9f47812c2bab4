/**
 * npm run bench:inquiries — the traffic violations inquiry under load, beside a bare route.
 *
 * A PostgreSQL database with --people (1,000,000) seeded people; --targets people with
 * violations get an account and an API session. At 50 concurrent clients (autocannon, in a
 * worker thread of its own), each request for the next person:
 *   1. the platform: GET /api/v1/inquiries/traffic.violations with the person's bearer token
 *      (session, the person, the inquiry's indexed read, the typed answer checked by its schema);
 *   2. a bare Fastify route over a `pg` pool running the same indexed query
 *      (traffic_violations by violator, newest first, with the type's names, at most 100).
 * Target: the platform at 50% of the bare route's requests/s or more, p99 under 100 ms.
 *
 *   DATABASE_URL=postgres://… npm run bench:inquiries   (default postgres://postgres@127.0.0.1:5432/postgres)
 *   options: --people 1000000 --targets 2000 --seconds 15 --keep (keep the database) --reuse (use a kept one)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemClock } from '../src/kernel/clock.js';
import { uuidv7 } from '../src/kernel/uuid.js';
import { hashPassword } from '../src/identity/index.js';
import { insertAccount } from '../src/identity/repository/index.js';
import { createSession } from '../src/identity/sessions.js';
import { seedPopulation } from '../src/registry/seed.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '1000000' },
    targets: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '15' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const CONNECTIONS = 50;
const BENCH_DB = 'tayseer_bench_inquiries';
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The same query the inquiry's read makes (src/registry/repository/traffic.ts listViolationsOfPerson). */
const BARE_QUERY = `
  SELECT traffic_violations.*, violation_types.name_ar AS type_name_ar, violation_types.name_en AS type_name_en
  FROM traffic_violations JOIN violation_types ON violation_types.code = traffic_violations.type_code
  WHERE traffic_violations.violator_id = $1
  ORDER BY traffic_violations.committed_at DESC, traffic_violations.number DESC
  LIMIT 100`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB])).rowCount === 1;
const reuse = values.reuse && exists;
if (!reuse) {
  await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${BENCH_DB}`);
}
const url = new URL(adminUrl);
url.pathname = `/${BENCH_DB}`;
const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 20 });
const pool = new pg.Pool({ connectionString: url.toString(), max: 20 });
pool.on('error', () => {}); // idle clients ended by the final DROP DATABASE
const targetsFile = path.join(os.tmpdir(), `tayseer-bench-inquiries-${process.pid}.json`);

try {
  const { db } = handle;
  await migrateToLatest(db);
  if (!reuse) {
    console.log(`seeding ${Number(values.people).toLocaleString('en')} people into PostgreSQL (a few minutes)...`);
    const started = performance.now();
    await seedPopulation({ db, people: Number(values.people), seed: 7 });
    console.log(`  seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    await admin.query('SELECT 1'); // keep the admin connection alive
    await pool.query('ANALYZE');
  }
  const persons = (await db.selectFrom('persons').select('persons.id').where('persons.id', 'in', db.selectFrom('traffic_violations').select('violator_id').distinct()).limit(Number(values.targets)).execute()).map((p) => p.id);
  const violations = await db.selectFrom('traffic_violations').select((eb) => eb.fn.countAll<string>().as('n')).where('violator_id', 'in', persons).executeTakeFirstOrThrow();
  console.log(`${persons.length} people with violations (${violations.n} violations among them, ${(Number(violations.n) / persons.length).toFixed(1)} each)`);

  // Each target person gets an account and an API session (the bearer token of the requests).
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', COOKIE_SECURE: 'off', DATABASE_URL: url.toString() });
  const passwordHash = await hashPassword('Bench#Inquiries-2026');
  const now = systemClock.now();
  const tokens: string[] = [];
  for (const personId of persons) {
    const existing = await db.selectFrom('accounts').select('id').where('person_id', '=', personId).executeTakeFirst();
    const accountId = existing?.id ?? uuidv7();
    if (!existing) {
      await insertAccount(db, { id: accountId, person_id: personId, username: `inq-${personId.slice(0, 8)}-${tokens.length}`, password_hash: passwordHash, mobile: null, email: null, language: 'ar', status: 'active', activated_at: now, activation_method: 'registry_mobile', password_changed_at: now, created_at: now, updated_at: now });
    }
    tokens.push((await createSession(db, { clock: systemClock, config, kind: 'api', accountId })).token);
  }

  const app = await buildApp({ config, database: handle, clock: systemClock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const bare = Fastify({ logger: false });
  bare.get('/violations/:personId', async (request) => (await pool.query(BARE_QUERY, [(request.params as { personId: string }).personId])).rows);
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const portOf = (server: { server: { address(): unknown } }) => (server.server.address() as { port: number }).port;

  // Each answers one person right before the load.
  const check = await fetch(`http://127.0.0.1:${portOf(app)}/api/v1/inquiries/traffic.violations`, { headers: { authorization: `Bearer ${tokens[0]}` } });
  if (check.status !== 200) throw new Error(`the inquiry answered ${check.status}: ${await check.text()}`);
  const items = ((await check.json()) as { items: unknown[] }).items.length;
  const bareRows = ((await (await fetch(`http://127.0.0.1:${portOf(bare)}/violations/${persons[0]}`)).json()) as unknown[]).length;
  if (items !== bareRows) throw new Error(`the inquiry listed ${items} violations, the bare query ${bareRows}`);

  async function load(label: string, port: number, targets: Array<{ path: string; headers: Record<string, string> }>) {
    fs.writeFileSync(targetsFile, JSON.stringify(targets));
    process.env.TAYSEER_BENCH_TARGETS = targetsFile;
    const result = await autocannon({
      workers: 1,
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [{ method: 'GET', setupRequest: path.join(import.meta.dirname, 'autocannon', 'rotate.cjs') }],
    });
    console.log(`  ${label.padEnd(9)} ${result.requests.average.toFixed(0).padStart(6)} requests/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`);
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${label}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    return result;
  }

  console.log(`the violations inquiry at ${CONNECTIONS} clients for ${seconds} s each, on ${os.cpus().length} cores:`);
  const platform = await load('platform', portOf(app), tokens.map((token) => ({ path: '/api/v1/inquiries/traffic.violations', headers: { authorization: `Bearer ${token}` } })));
  const baseline = await load('bare', portOf(bare), persons.map((id) => ({ path: `/violations/${id}`, headers: {} })));
  await Promise.all([app.close(), bare.close()]);
  const share = (platform.requests.average / baseline.requests.average) * 100;
  console.log(`  platform / bare: ${share.toFixed(0)}% (target 50% or more); platform p99 ${platform.latency.p99} ms (target under 100 ms)`);
} finally {
  fs.rmSync(targetsFile, { force: true });
  await handle.close();
  await pool.end();
  if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await admin.end();
}
