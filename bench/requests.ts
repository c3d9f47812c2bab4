/**
 * npm run bench:requests — the service engine's throughput and the request page's latency.
 *
 * 1. Submit + approve of the lost national ID replacement through the engine's use cases
 *    (eligibility, form checks, fee, history, registry effects, audit chain, inbox and outbox),
 *    at --clients concurrent workers, beside a raw SQL loop over `pg` doing the same inserts and
 *    updates (request, events, the card marked lost, the new card, audit rows chained under the
 *    same lock, inbox and outbox rows) at the same concurrency, in one run. Target: the engine at
 *    40% of the raw loop or more.
 * 2. The request page (GET /requests/{reference}, server-rendered, signed in) at 50 concurrent
 *    clients with autocannon. Target: p99 under 100 ms.
 *
 *   DATABASE_URL=postgres://… npm run bench:requests   (default postgres://postgres@127.0.0.1:5432/postgres)
 *   options: --clients 10 --seconds 10 --people 30000
 *   PAGE_PATH=/healthz (or another path) loads that page instead of the request page, for comparison.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createHash, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemClock } from '../src/kernel/clock.js';
import { newReference } from '../src/kernel/reference.js';
import { uuidv7 } from '../src/kernel/uuid.js';
import { hashPassword, startWebSession } from '../src/identity/index.js';
import { insertAccount } from '../src/identity/repository/index.js';
import { createStaffAccount } from '../src/identity/index.js';
import { actOnRequest, submitRequest } from '../src/requests/index.js';
import { seedPopulation } from '../src/registry/seed.js';
import { lostIdCandidates } from './support.js';
import { createCatalogue } from '../src/catalogue/catalogue.js';
import { serviceDefinitions } from '../src/services/index.js';

const { values } = parseArgs({ options: { clients: { type: 'string', default: '10' }, seconds: { type: 'string', default: '10' }, people: { type: 'string', default: '30000' } } });
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const LOST_ID = 'civil-affairs.national-id.replace-lost';
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS tayseer_bench_requests WITH (FORCE)');
await admin.query('CREATE DATABASE tayseer_bench_requests');
const url = new URL(adminUrl);
url.pathname = '/tayseer_bench_requests';
const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: clients + 2 });
const raw = new pg.Pool({ connectionString: url.toString(), max: clients + 2 });
raw.on('error', () => {}); // idle clients ended by the final DROP DATABASE

try {
  const { db } = handle;
  await migrateToLatest(db);
  console.log(`engine: postgres; seeding ${values.people} people...`);
  await seedPopulation({ db, people: Number(values.people), seed: 11 });
  // Citizens with one valid national ID card and no suspension: each applies once per run.
  const citizens = await lostIdCandidates(db);
  const passwordHash = await hashPassword('Bench#Requests-2026');
  const now = systemClock.now();
  const applicants: Array<{ accountId: string; personId: string }> = [];
  const seenMobiles = new Set<string>();
  for (const c of citizens) {
    const mobile = c.mobile && !seenMobiles.has(c.mobile) ? c.mobile : null;
    if (mobile) seenMobiles.add(mobile);
    const accountId = uuidv7();
    await insertAccount(db, { id: accountId, person_id: c.id, username: `bench${applicants.length}`, password_hash: passwordHash, mobile, email: null, language: 'ar', status: 'active', activated_at: now, activation_method: 'registry_mobile', password_changed_at: now, created_at: now, updated_at: now });
    applicants.push({ accountId, personId: c.id });
  }
  const half = Math.floor(applicants.length / 2);
  console.log(`${applicants.length} citizens with an ID card and an account: ${half} for the engine, ${applicants.length - half} for the raw loop`);
  const { staff } = await createStaffAccount({ db, clock: systemClock, actor: { kind: 'operator' }, input: { username: 'bench-ca-1', nameAr: 'موظف', nameEn: 'Officer', mobile: '0500000199', agency: 'civil-affairs', role: 'officer', password: 'Bench-Officer-Pass-2026' } });
  const catalogue = createCatalogue(serviceDefinitions);
  const data = { loss: { lostOn: '2026-11-01', city: 'riyadh', circumstances: 'Lost at the market.', declaration: 'yes' }, delivery: { method: 'national_address' } };

  async function timed(label: string, pool: Array<{ accountId: string; personId: string }>, one: (applicant: { accountId: string; personId: string }) => Promise<string>): Promise<{ rate: number; references: string[] }> {
    let next = 0;
    let failures = 0;
    const references: string[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() - started < seconds * 1000 && next < pool.length) {
          const applicant = pool[next++]!;
          try {
            references.push(await one(applicant));
          } catch (error) {
            if (failures++ === 0) console.error(`${label}: first failure:`, (error as Error).message);
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    if (next >= pool.length) console.warn(`${label}: ran out of applicants after ${elapsed.toFixed(1)} s; seed more with --people`);
    return { rate: references.length / elapsed, references };
  }

  // --- the engine --------------------------------------------------------------------------------
  const deps = { db, clock: systemClock, catalogue };
  const engine = await timed('engine', applicants.slice(0, half), async (a) => {
    const { request } = await submitRequest({ ...deps, accountId: a.accountId, personId: a.personId, accountActive: true, input: { serviceId: LOST_ID, data, idempotencyKey: randomUUID() } });
    await actOnRequest({ ...deps, actor: { kind: 'staff', staffId: staff.id, agency: 'civil-affairs', role: 'officer' }, act: { reference: request.reference, action: 'approve', expectedVersion: 1 } });
    return request.reference;
  });

  // --- the raw loop: the same rows, hand-written SQL -----------------------------------------
  const AUDIT_LOCK = 7_432_018_305_551_121n;
  async function audit(client: pg.PoolClient, action: string, personId: string, details: object): Promise<void> {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_LOCK.toString()]);
    await client.query(
      `INSERT INTO audit_log (occurred_at, actor_kind, actor_id, action, subject_person_id, ip, details, prev_hash, hash)
       SELECT now(), 'account', NULL, $1, $2, NULL, $3::jsonb, t.h, encode(sha256(convert_to(t.h || $4, 'UTF8')), 'hex')
       FROM (SELECT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), repeat('0', 64)) AS h) t`,
      [action, personId, JSON.stringify(details), JSON.stringify(details)],
    );
  }
  async function inTransaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    const client = await raw.connect();
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
  const rawLoop = await timed('raw', applicants.slice(half), async (a) => {
    const id = uuidv7();
    const reference = newReference('TR');
    await inTransaction(async (c) => {
      await c.query(
        `INSERT INTO service_requests (id, reference, service_id, agency, applicant_account_id, applicant_person_id, beneficiary_person_id, state, data, fee_total, fee_breakdown, state_entered_at, due_at, version, open_key, created_at, updated_at)
         VALUES ($1, $2, $3, 'civil-affairs', $4, $5, $5, 'awaiting_review', $6, 0, '[]', now(), now() + interval '2 days', 1, $7, now(), now())`,
        [id, reference, LOST_ID, a.accountId, a.personId, JSON.stringify(data), `${LOST_ID}:${a.personId}`],
      );
      await c.query(`INSERT INTO request_events (request_id, seq, action, from_state, to_state, actor_kind, actor_id, actor_role, occurred_at) VALUES ($1, 1, 'submit', NULL, 'awaiting_review', 'account', $2, 'applicant', now())`, [id, a.accountId]);
      await c.query(`UPDATE documents SET status = 'lost', updated_at = now() WHERE person_id = $1 AND kind = 'national_id_card' AND status = 'valid'`, [a.personId]);
      await audit(c, 'requests.submitted', a.personId, { reference });
      await c.query(`INSERT INTO inbox_messages (id, account_id, request_id, template, params, created_at) VALUES ($1, $2, $3, 'request.update', '{}', now())`, [uuidv7(), a.accountId, id]);
      await c.query(`INSERT INTO outbox_messages (id, channel, recipient, locale, template, body, person_id, next_attempt_at, created_at) VALUES ($1, 'sms', '0500000000', 'ar', 'request.update', 'x', $2, now(), now())`, [uuidv7(), a.personId]);
    });
    await inTransaction(async (c) => {
      await c.query('SELECT version FROM service_requests WHERE id = $1 FOR UPDATE', [id]);
      const n = await c.query(`SELECT national_id FROM persons WHERE id = $1`, [a.personId]);
      await c.query(
        `INSERT INTO documents (person_id, kind, number, issue_date, expiry_date, status, issuing_country, details, created_at, updated_at)
         VALUES ($1, 'national_id_card', $2, current_date, current_date + 3650, 'valid', 'SAU', '{}', now(), now())`,
        [a.personId, `${n.rows[0].national_id}-B${createHash('sha1').update(id).digest('hex').slice(0, 6)}`],
      );
      await c.query(`INSERT INTO request_events (request_id, seq, action, from_state, to_state, actor_kind, actor_id, actor_role, occurred_at) VALUES ($1, 2, 'approve', 'awaiting_review', 'printing', 'staff', $2, 'officer', now())`, [id, staff.id]);
      await c.query(`UPDATE service_requests SET state = 'printing', version = 2, state_entered_at = now(), due_at = now() + interval '3 days', outputs = '{"newCardNumber":"x"}', updated_at = now() WHERE id = $1 AND version = 1`, [id]);
      await audit(c, 'requests.action', a.personId, { reference, action: 'approve' });
      await c.query(`INSERT INTO inbox_messages (id, account_id, request_id, template, params, created_at) VALUES ($1, $2, $3, 'request.update', '{}', now())`, [uuidv7(), a.accountId, id]);
      await c.query(`INSERT INTO outbox_messages (id, channel, recipient, locale, template, body, person_id, next_attempt_at, created_at) VALUES ($1, 'sms', '0500000000', 'ar', 'request.update', 'x', $2, now(), now())`, [uuidv7(), a.personId]);
    });
    return reference;
  });

  console.log(`submit + approve at ${clients} clients for ${seconds} s on ${os.cpus().length} cores:`);
  console.log(`  engine:   ${engine.rate.toFixed(1)} requests/s (${engine.references.length})`);
  console.log(`  raw SQL:  ${rawLoop.rate.toFixed(1)} requests/s (${rawLoop.references.length})`);
  console.log(`  engine / raw: ${((engine.rate / rawLoop.rate) * 100).toFixed(0)}% (target 40% or more)`);

  // --- the request page ---------------------------------------------------------------------
  // NODE_ENV=test only for a signing key of the process (nothing written to disk).
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', COOKIE_SECURE: 'off', DATABASE_URL: url.toString() });
  const app = await buildApp({ config, database: handle, clock: systemClock, catalogue });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const first = engine.references[0]!;
  const owner = await db.selectFrom('service_requests').select('applicant_account_id').where('reference', '=', first).executeTakeFirstOrThrow();
  const session = await startWebSession({ db, clock: systemClock, config, accountId: owner.applicant_account_id });
  const check = await fetch(`http://127.0.0.1:${port}/requests/${first}`, { headers: { cookie: `tayseer_session=${session.token}` } });
  if (check.status !== 200) throw new Error(`request page answered ${check.status}`);
  // autocannon in a worker thread of its own, so the load generator does not share the server's event loop.
  const result = await autocannon({ workers: 1, url: `http://127.0.0.1:${port}${process.env.PAGE_PATH ?? `/requests/${first}`}`, connections: 50, duration: seconds, headers: { cookie: `tayseer_session=${session.token}`, accept: 'text/html' } });
  await app.close();
  console.log(`request page at 50 clients for ${seconds} s: ${result.requests.average.toFixed(0)} requests/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (target p99 < 100 ms), ${result.non2xx} non-2xx, ${result.errors} errors`);
} finally {
  await handle.close();
  await raw.end();
  await admin.query('DROP DATABASE IF EXISTS tayseer_bench_requests WITH (FORCE)');
  await admin.end();
}
