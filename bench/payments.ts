/**
 * npm run bench:payments — a fee paid by card, end to end, beside a raw SQL loop writing the same rows.
 *
 * Per iteration, for a citizen with one earlier lost ID card (so the lost-ID replacement costs
 * SAR 100), at --clients concurrent workers:
 *
 *   engine: submitRequest; billsForRequest (issues the bill); startCardPayment (card session,
 *           then the sandbox acquirer's createCheckout); the acquirer's hosted card page and its
 *           3-D Secure step, driven like a signed-in browser with app.inject (GET and POST the
 *           card form, GET and POST the code); the acquirer's signed callback, delivered over
 *           HTTP to this server's partner API as in production; the browser's return URL, where
 *           the platform asks the gateway, records the payment once and takes the request's
 *           `pay` (cardSessionOfAccount); finally an officer's approve (actOnRequest), which
 *           issues the new card: the request is then `printing`, version 3.
 *   raw:    the same inserts and updates over `pg`, by hand-written SQL, in the same
 *           transactions and order (audit rows chained under the same advisory lock).
 *
 * Target: the engine at 40% of the raw loop or more. Before the timed runs one iteration of
 * each side runs alone with its SQL statements counted by step (--statements prints them);
 * each side's CPU per iteration is printed for this process and for PostgreSQL's backends
 * (Linux /proc). Under node --cpu-prof each phase's window on the profile's clock is printed.
 * Reading the figures: docs/benchmarks.md, "Reading bench:payments".
 *
 *   DATABASE_URL=postgres://… npm run bench:payments   (default postgres://postgres@127.0.0.1:5432/postgres)
 *   options: --clients 10 --seconds 10 --people 30000 --statements
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { DAY_MS, systemClock } from '../src/kernel/clock.js';
import { riyadhDate } from '../src/kernel/dates.js';
import { newReference } from '../src/kernel/reference.js';
import { uuidv7 } from '../src/kernel/uuid.js';
import { createStaffAccount, hashPassword, startWebSession } from '../src/identity/index.js';
import { insertAccount } from '../src/identity/repository/index.js';
import { actOnRequest, submitRequest } from '../src/requests/index.js';
import { billsForRequest, newBillNumber, paymentSettingsOf, startCardPayment } from '../src/payments/index.js';
import { SANDBOX_3DS_CODE } from '../src/payments/sandbox-acquirer/index.js';
import { seedPopulation } from '../src/registry/seed.js';
import { lostIdCandidates } from './support.js';
import { createCatalogue } from '../src/catalogue/catalogue.js';
import { serviceDefinitions } from '../src/services/index.js';

const { values } = parseArgs({
  options: { clients: { type: 'string', default: '10' }, seconds: { type: 'string', default: '10' }, people: { type: 'string', default: '30000' }, statements: { type: 'boolean', default: false } },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const LOST_ID = 'civil-affairs.national-id.replace-lost';
/** A documented sandbox test card (mada, approved). */
const CARD = '4406470000000007';
const FEE = 10_000; // SAR 100 in halalas: the second loss
const DATABASE = 'tayseer_bench_payments';
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// --- counting SQL statements ----------------------------------------------------------------
// Every statement goes through pg.Client#query (Kysely's and the prepared-statement wrapper's
// calls both end there, once each). The raw pool's clients are counted apart; the admin
// client not at all.
type Side = 'engine' | 'raw';
const counted = { engine: 0, raw: 0 };
const rawClients = new WeakSet<object>();
let adminClient: object | null = null;
let trace: { side: Side; step: string; texts: Map<string, string[]> } | null = null;
const clientProto = pg.Client.prototype as unknown as { query: (this: object, ...args: unknown[]) => unknown };
const plainQuery = clientProto.query;
clientProto.query = function (this: object, ...args: unknown[]) {
  if (this !== adminClient) {
    const side: Side = rawClients.has(this) ? 'raw' : 'engine';
    counted[side]++;
    if (trace && trace.side === side) {
      const first = args[0];
      const text = typeof first === 'string' ? first : String((first as { text?: unknown }).text ?? '');
      const list = trace.texts.get(trace.step) ?? [];
      list.push(text.replace(/\s+/g, ' ').trim());
      trace.texts.set(trace.step, list);
    }
  }
  return plainQuery.apply(this, args);
};

function kindOf(text: string): 'tx' | 'lock' | 'write' | 'read' {
  const t = text.toLowerCase();
  if (/^(begin|start transaction|commit|rollback)\b/.test(t)) return 'tx';
  if (t.includes('pg_advisory_xact_lock')) return 'lock';
  if (/^(insert|update|delete)\b/.test(t)) return 'write';
  return 'read';
}

function summarise(texts: string[]): string {
  const by = { write: 0, read: 0, lock: 0, tx: 0 };
  for (const t of texts) by[kindOf(t)]++;
  return `${String(texts.length).padStart(3)}  (${by.write} writes, ${by.read} reads, ${by.lock} audit locks, ${by.tx} BEGIN/COMMIT)`;
}

// --- CPU: this process, and PostgreSQL's backends serving the benchmark's database --------------
function procCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ticks of 10 ms (USER_HZ 100)
  } catch {
    return undefined;
  }
}

async function backendsCpu(admin: pg.Client): Promise<Map<number, number> | null> {
  if (!fs.existsSync('/proc/self/stat')) return null;
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [DATABASE]);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = procCpuMs(pid);
    if (ms !== undefined) cpu.set(pid, ms);
  }
  return cpu;
}

interface CpuMark {
  node: NodeJS.CpuUsage;
  backends: Map<number, number> | null;
}
async function cpuMark(admin: pg.Client): Promise<CpuMark> {
  return { node: process.cpuUsage(), backends: await backendsCpu(admin) };
}
async function cpuSince(admin: pg.Client, start: CpuMark): Promise<{ nodeMs: number; backendsMs: number | null }> {
  const node = process.cpuUsage(start.node);
  const now = await backendsCpu(admin);
  let backendsMs: number | null = null;
  if (now && start.backends) {
    backendsMs = 0;
    for (const [pid, ms] of now) backendsMs += ms - (start.backends.get(pid) ?? 0);
  }
  return { nodeMs: (node.user + node.system) / 1000, backendsMs };
}

interface Applicant {
  accountId: string;
  personId: string;
  /** The signed-in browser's session cookie (engine side only). */
  sessionToken: string;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Runs `work` over `items` with `n` at a time. */
async function inParallel<T>(items: readonly T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

const admin = new pg.Client({ connectionString: adminUrl });
adminClient = admin;
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${DATABASE}`);
const url = new URL(adminUrl);
url.pathname = `/${DATABASE}`;
const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: clients + 2 });
const raw = new pg.Pool({ connectionString: url.toString(), max: clients + 2 });
raw.on('connect', (client) => rawClients.add(client));
raw.on('error', () => {}); // idle clients ended by the final DROP DATABASE

// The acquirer's callbacks go to the server at PUBLIC_URL: this process, listening.
const port = await freePort();
// NODE_ENV=test only for a signing key of the process (nothing written to disk).
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', COOKIE_SECURE: 'off', DATABASE_URL: url.toString(), PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, CARD_GATEWAY: 'sandbox' });
const catalogue = createCatalogue(serviceDefinitions);
const app = await buildApp({ config, database: handle, clock: systemClock, catalogue });

try {
  const { db } = handle;
  await migrateToLatest(db);
  await app.listen({ port, host: '127.0.0.1' });
  console.log(`engine: postgres; seeding ${values.people} people...`);
  await seedPopulation({ db, people: Number(values.people), seed: 11 });
  // Citizens with one valid national ID card and no suspension, as in bench:requests; each
  // gets an account, and an earlier lost card in the registry so that the replacement costs
  // SAR 100 (the second loss) and is paid before it is reviewed.
  const citizens = await lostIdCandidates(db);
  const passwordHash = await hashPassword('Bench#Payments-2026');
  const now = systemClock.now();
  const applicants: Applicant[] = [];
  const accounts: Array<{ applicant: Applicant; mobile: string }> = [];
  const seenMobiles = new Set<string>();
  for (const c of citizens) {
    // Only accounts with a mobile: the engine sends the SMS notices (outbox rows) only to
    // those, and the raw loop always writes them.
    if (!c.mobile || seenMobiles.has(c.mobile)) continue;
    const mobile = c.mobile;
    seenMobiles.add(mobile);
    const applicant = { accountId: uuidv7(), personId: c.id, sessionToken: '' };
    applicants.push(applicant);
    accounts.push({ applicant, mobile });
  }
  let username = 0;
  await inParallel(accounts, clients, async ({ applicant: a, mobile }) => {
    await insertAccount(db, { id: a.accountId, person_id: a.personId, username: `bench${username++}`, password_hash: passwordHash, mobile, email: null, language: 'ar', status: 'active', activated_at: now, activation_method: 'registry_mobile', password_changed_at: now, created_at: now, updated_at: now });
  });
  await sql`
    INSERT INTO documents (person_id, kind, number, issue_date, expiry_date, status, issuing_country, details, created_at, updated_at)
    SELECT id, 'national_id_card', national_id || '-L1', '2016-01-01', '2026-01-01', 'lost', 'SAU', '{}', ${now}, ${now}
    FROM persons WHERE id = ANY(${applicants.map((a) => a.personId)}::uuid[])`.execute(db);
  const half = Math.floor(applicants.length / 2);
  const enginePool = applicants.slice(0, half);
  const rawPool = applicants.slice(half);
  // The engine's browsers are signed in (a web session each): the hosted pages are on the
  // portal's origin, so the browser sends its session cookie there too, and the return URL needs it.
  await inParallel(enginePool, clients, async (a) => {
    a.sessionToken = (await startWebSession({ db, clock: systemClock, config, accountId: a.accountId })).token;
  });
  console.log(`${applicants.length} citizens with an ID card, an earlier lost one and an account with a mobile: ${enginePool.length} for the engine, ${rawPool.length} for the raw loop`);
  const { staff } = await createStaffAccount({ db, clock: systemClock, actor: { kind: 'operator' }, input: { username: 'bench-ca-1', nameAr: 'موظف', nameEn: 'Officer', mobile: '0500000199', agency: 'civil-affairs', role: 'officer', password: 'Bench-Officer-Pass-2026' } });
  const officer = { kind: 'staff' as const, staffId: staff.id, agency: 'civil-affairs', role: 'officer' as const };
  const lostOn = riyadhDate(new Date(now.getTime() - DAY_MS));
  const data = { loss: { lostOn, city: 'riyadh', circumstances: 'Lost at the market.', declaration: 'yes' }, delivery: { method: 'national_address' } };

  type Step = (name: string, reference: string) => Promise<void> | void;

  // --- the engine --------------------------------------------------------------------------------
  const deps = { db, clock: systemClock, catalogue };
  const cardDeps = { ...deps, gateway: app.cardGateway, publicUrl: config.publicUrl };
  const settings = paymentSettingsOf(config);

  /** A browser over app.inject: keeps cookies, echoes the page's CSRF field. */
  function browser(sessionToken: string) {
    const cookies: Record<string, string> = { tayseer_session: sessionToken };
    let csrf = '';
    const headers = { accept: 'text/html', 'accept-language': 'ar', 'user-agent': 'Mozilla/5.0 (bench:payments)' };
    const keep = (res: Awaited<ReturnType<typeof app.inject>>) => {
      for (const cookie of res.cookies) cookies[cookie.name] = cookie.value;
      const token = [...res.body.matchAll(/name="_csrf" value="([^"]+)"/g)].at(-1)?.[1];
      if (token) csrf = token;
      return res;
    };
    const expect = (res: Awaited<ReturnType<typeof app.inject>>, status: number, what: string) => {
      if (res.statusCode !== status) throw new Error(`${what}: ${res.statusCode} (expected ${status}) ${res.body.slice(0, 200)}`);
      return res;
    };
    return {
      get: async (path: string, status: number) => expect(keep(await app.inject({ url: path, cookies, headers, remoteAddress: '127.0.0.2' })), status, `GET ${path}`),
      post: async (path: string, form: Record<string, string>, status: number) =>
        expect(
          keep(await app.inject({ method: 'POST', url: path, cookies, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...form, _csrf: csrf }).toString(), remoteAddress: '127.0.0.2' })),
          status,
          `POST ${path}`,
        ),
    };
  }
  const pathOf = (location: unknown) => {
    const u = new URL(String(location), config.publicUrl);
    return u.pathname + u.search;
  };

  async function engineOnce(a: Applicant, step: Step = () => {}): Promise<string> {
    await step('submit', '');
    const { request } = await submitRequest({ ...deps, accountId: a.accountId, personId: a.personId, accountActive: true, input: { serviceId: LOST_ID, data, idempotencyKey: randomUUID() } });
    if (request.state !== 'awaiting_payment' || request.fee_total !== FEE) throw new Error(`submitted in ${request.state} with a fee of ${request.fee_total}`);
    const reference = request.reference;
    await step('bill', reference);
    const { bills } = await billsForRequest({ ...deps, settings, accountId: a.accountId, personId: a.personId, reference });
    const bill = bills.find((b) => b.status === 'unpaid');
    if (!bill) throw new Error('no unpaid bill');
    await step('card session + checkout', reference);
    const { redirectUrl } = await startCardPayment({ ...cardDeps, accountId: a.accountId, billNumber: bill.number, locale: 'ar' });
    await step('hosted card page + 3-D Secure', reference);
    const b = browser(a.sessionToken);
    const checkout = pathOf(redirectUrl);
    await b.get(checkout, 200);
    const codeUrl = pathOf((await b.post(checkout, { name: 'Sara Alharbi', number: CARD, expiry: '12/30', cvv: '737' }, 303)).headers.location);
    await b.get(codeUrl, 200);
    const back = pathOf((await b.post(codeUrl, { code: SANDBOX_3DS_CODE }, 303)).headers.location);
    await step('callback: payment + pay', reference);
    await step('return URL', reference);
    await b.get(back, 200);
    await step('approve', reference);
    // Version 2: paid once (submit, pay); approve makes it 3.
    const approved = await actOnRequest({ ...deps, actor: officer, act: { reference, action: 'approve', expectedVersion: 2 } });
    if (approved.state !== 'printing') throw new Error(`approved into ${approved.state}`);
    return reference;
  }

  // --- the raw loop: the same rows, hand-written SQL -----------------------------------------
  const AUDIT_LOCK = 7_432_018_305_551_121n;
  async function audit(client: pg.PoolClient, actorKind: string, actorId: string | null, action: string, personId: string, details: object): Promise<void> {
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [AUDIT_LOCK.toString()]);
    await client.query(
      `INSERT INTO audit_log (occurred_at, actor_kind, actor_id, action, subject_person_id, ip, details, prev_hash, hash)
       SELECT now(), $1, $2, $3, $4, NULL, $5::jsonb, t.h, encode(sha256(convert_to(t.h || $6, 'UTF8')), 'hex')
       FROM (SELECT coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), repeat('0', 64)) AS h) t`,
      [actorKind, actorId, action, personId, JSON.stringify(details), JSON.stringify(details)],
    );
  }
  async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await raw.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
  const notice = JSON.stringify({ ar: 'طلبك', en: 'Your request' });
  async function inboxAndSms(c: pg.PoolClient, a: Applicant, requestId: string): Promise<void> {
    await c.query(`INSERT INTO inbox_messages (id, account_id, request_id, template, params, created_at) VALUES ($1, $2, $3, 'request.update', $4::jsonb, now())`, [uuidv7(), a.accountId, requestId, notice]);
    await c.query(`INSERT INTO outbox_messages (id, channel, recipient, locale, template, body, person_id, next_attempt_at, created_at) VALUES ($1, 'sms', '0500000000', 'ar', 'request.update', 'x', $2, now(), now())`, [uuidv7(), a.personId]);
  }

  async function rawOnce(a: Applicant, step: Step = () => {}): Promise<string> {
    const id = uuidv7();
    const reference = newReference('TR');
    const scope = `account:${a.accountId}`;
    const key = randomUUID();
    const feeBreakdown = JSON.stringify([{ code: 'loss_fee', amount: FEE, label: { ar: 'رسوم بدل فاقد (المرة 2)', en: 'Lost card fee (loss number 2)' } }]);
    await step('submit', reference);
    await inTransaction(async (c) => {
      await c.query(`INSERT INTO idempotency_keys (scope, key, body_hash, created_at) VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING`, [scope, key, createHash('sha256').update(key).digest('hex')]);
      await c.query(
        `INSERT INTO service_requests (id, reference, service_id, agency, applicant_account_id, applicant_person_id, beneficiary_person_id, state, data, fee_total, fee_breakdown, state_entered_at, due_at, version, open_key, created_at, updated_at)
         VALUES ($1, $2, $3, 'civil-affairs', $4, $5, $5, 'awaiting_payment', $6, $7, $8, now(), now() + interval '3 days', 1, $9, now(), now())`,
        [id, reference, LOST_ID, a.accountId, a.personId, JSON.stringify(data), FEE, feeBreakdown, `${LOST_ID}:${a.personId}`],
      );
      await c.query(`INSERT INTO request_events (request_id, seq, action, from_state, to_state, actor_kind, actor_id, actor_role, details, occurred_at) VALUES ($1, 1, 'submit', NULL, 'awaiting_payment', 'account', $2, 'applicant', $3, now())`, [id, a.accountId, JSON.stringify({ feeTotal: FEE })]);
      await c.query(`UPDATE documents SET status = 'lost', updated_at = now(), details = details || $2::jsonb WHERE person_id = $1 AND kind = 'national_id_card' AND status = 'valid'`, [a.personId, JSON.stringify({ lost: { reportedIn: reference } })]);
      await audit(c, 'account', a.accountId, 'requests.submitted', a.personId, { reference, state: 'awaiting_payment', feeTotal: FEE });
      await inboxAndSms(c, a, id);
      await c.query(`UPDATE idempotency_keys SET resource = $3 WHERE scope = $1 AND key = $2`, [scope, key, reference]);
    });

    await step('bill', reference);
    const billId = uuidv7();
    const billNumber = newBillNumber();
    await raw.query(
      `INSERT INTO bills (id, number, biller_code, account_id, person_id, subject, request_id, description, amount, vat, breakdown, channels, status, expires_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'request', $6, $7, $8, 0, $9, '{sadad,card}', 'unpaid', now() + interval '3 days', now(), now())
       ON CONFLICT (request_id) WHERE status = 'unpaid' DO NOTHING`,
      [billId, billNumber, settings.billerCode, a.accountId, a.personId, id, JSON.stringify({ ar: reference, en: reference }), FEE, feeBreakdown],
    );

    await step('card session + checkout', reference);
    const sessionId = uuidv7();
    const paymentId = `pay_${randomBytes(18).toString('base64url')}`;
    const returnUrl = `${config.publicUrl}/payments/card/${sessionId}/return`;
    await raw.query(
      `INSERT INTO card_sessions (id, bill_id, account_id, gateway, amount, status, expires_at, next_check_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'sandbox', $4, 'open', now() + interval '20 minutes', now() + interval '1 minute', now(), now())
       ON CONFLICT (bill_id) WHERE status = 'open' DO NOTHING`,
      [sessionId, billId, a.accountId, FEE],
    );
    await raw.query(
      `INSERT INTO sandbox_acquirer_payments (id, merchant_reference, amount, currency, description_ar, description_en, locale, return_url, callback_url, state, expires_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'SAR', $4, $4, 'ar', $5, $6, 'open', now() + interval '15 minutes', now(), now())
       ON CONFLICT (merchant_reference) DO NOTHING`,
      [paymentId, sessionId, FEE, reference, returnUrl, `${config.publicUrl}/api/v1/partners/cards/callback`],
    );
    await raw.query(`UPDATE card_sessions SET gateway_payment_id = $2, redirect_url = $3, updated_at = now() WHERE id = $1`, [sessionId, paymentId, `${config.publicUrl}/sandbox-acquirer/checkout/${paymentId}`]);

    await step('hosted card page + 3-D Secure', reference);
    await raw.query(
      `UPDATE sandbox_acquirer_payments SET state = 'three_ds', scheme = 'mada', last4 = '0007', expiry_month = 12, expiry_year = 2030, planned_outcome = 'approved', updated_at = now()
       WHERE id = $1 AND state = 'open' AND expires_at > now()`,
      [paymentId],
    );
    await raw.query(`UPDATE sandbox_acquirer_payments SET state = 'captured', auth_code = $2, captured_at = now(), updated_at = now() WHERE id = $1 AND state = 'three_ds' AND expires_at > now()`, [paymentId, 'A1B2C3']);

    await step('payment + pay', reference);
    const payment = await inTransaction(async (c) => {
      await c.query('SELECT status FROM bills WHERE id = $1 FOR UPDATE', [billId]);
      await c.query('SELECT version FROM service_requests WHERE id = $1 FOR UPDATE', [id]);
      await c.query(`INSERT INTO request_events (request_id, seq, action, from_state, to_state, actor_kind, actor_id, actor_role, occurred_at) VALUES ($1, 2, 'pay', 'awaiting_payment', 'awaiting_review', 'system', NULL, 'system', now())`, [id]);
      await c.query(`UPDATE service_requests SET state = 'awaiting_review', version = 2, state_entered_at = now(), due_at = now() + interval '2 days', escalated_at = NULL, updated_at = now() WHERE id = $1 AND version = 1`, [id]);
      await audit(c, 'system', null, 'requests.action', a.personId, { reference, action: 'pay' });
      await inboxAndSms(c, a, id);
      const paymentRowId = uuidv7();
      await c.query(
        `INSERT INTO payments (id, bill_id, channel, external_id, amount, currency, applied, receipt_number, scheme, last4, received_at, created_at)
         VALUES ($1, $2, 'card', $3, $4, 'SAR', true, $5, 'mada', '0007', now(), now()) ON CONFLICT (channel, external_id) DO NOTHING`,
        [paymentRowId, billId, paymentId, FEE, newReference('PR')],
      );
      await c.query(`UPDATE bills SET status = 'paid', paid_at = now(), updated_at = now() WHERE id = $1`, [billId]);
      await audit(c, 'system', null, 'payments.received', a.personId, { bill: billNumber, channel: 'card', externalId: paymentId, amount: FEE });
      return paymentRowId;
    });
    await raw.query(`UPDATE card_sessions SET status = 'captured', payment_id = $2, decline_code = NULL, next_check_at = NULL, updated_at = now() WHERE id = $1`, [sessionId, payment]);

    await step('approve', reference);
    await inTransaction(async (c) => {
      await c.query('SELECT version FROM service_requests WHERE id = $1 FOR UPDATE', [id]);
      const n = await c.query(`SELECT national_id FROM persons WHERE id = $1`, [a.personId]);
      await c.query(
        `INSERT INTO documents (person_id, kind, number, issue_date, expiry_date, status, issuing_country, details, created_at, updated_at)
         VALUES ($1, 'national_id_card', $2, current_date, current_date + 3650, 'valid', 'SAU', $3, now(), now())`,
        [a.personId, `${n.rows[0].national_id}-B${createHash('sha1').update(id).digest('hex').slice(0, 6)}`, JSON.stringify({ replaces: 'lost', request: reference })],
      );
      await c.query(`INSERT INTO request_events (request_id, seq, action, from_state, to_state, actor_kind, actor_id, actor_role, occurred_at) VALUES ($1, 3, 'approve', 'awaiting_review', 'printing', 'staff', $2, 'officer', now())`, [id, staff.id]);
      await c.query(`UPDATE service_requests SET state = 'printing', version = 3, state_entered_at = now(), due_at = now() + interval '3 days', outputs = '{"newCardNumber":"x"}', updated_at = now() WHERE id = $1 AND version = 2`, [id]);
      await audit(c, 'staff', staff.id, 'requests.action', a.personId, { reference, action: 'approve' });
      await inboxAndSms(c, a, id);
    });
    return reference;
  }

  // --- one iteration of each alone, its statements counted by step ----------------------------
  async function waitForCallback(reference: string): Promise<void> {
    // The acquirer's callback runs in the background: wait until it has settled the card
    // session (read on the raw pool, so not counted), then a little longer for its answer.
    for (let i = 0; i < 200; i++) {
      const { rows } = await raw.query(`SELECT cs.status FROM card_sessions cs JOIN bills b ON b.id = cs.bill_id JOIN service_requests r ON r.id = b.request_id WHERE r.reference = $1`, [reference]);
      if (rows[0]?.status === 'captured') break;
      await sleep(10);
    }
    await sleep(100);
  }
  async function probe(side: Side, run: (a: Applicant, step: Step) => Promise<string>, a: Applicant): Promise<number> {
    const t: NonNullable<typeof trace> = { side, step: '', texts: new Map() };
    trace = t;
    await run(a, async (name, reference) => {
      t.step = name;
      // Alone, the acquirer's callback (sent in the background after the 3-D Secure step) is
      // waited for, so that its statements are counted apart from the return URL's.
      if (name.startsWith('callback') && side === 'engine') await waitForCallback(reference);
    });
    trace = null;
    console.log(`${side === 'engine' ? 'engine' : 'raw SQL'}, one iteration alone: SQL statements by step`);
    for (const [name, texts] of t.texts) {
      console.log(`  ${name.padEnd(30)}${summarise(texts)}`);
      if (values.statements) for (const text of texts) console.log(`      ${text.length > 150 ? `${text.slice(0, 150)}…` : text}`);
    }
    const all = [...t.texts.values()].flat();
    console.log(`  ${'total'.padEnd(30)}${summarise(all)}`);
    return all.length;
  }
  const engineStatements = await probe('engine', engineOnce, enginePool.shift()!);
  const rawStatements = await probe('raw', rawOnce, rawPool.shift()!);

  async function timed(label: string, pool: Applicant[], one: (applicant: Applicant) => Promise<string>): Promise<{ rate: number; done: number; failures: number; elapsed: number }> {
    let next = 0;
    let failures = 0;
    let done = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() - started < seconds * 1000 && next < pool.length) {
          const applicant = pool[next++]!;
          try {
            await one(applicant);
            done++;
          } catch (error) {
            if (failures++ === 0) console.error(`${label}: first failure:`, (error as Error).message);
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    if (next >= pool.length) console.warn(`${label}: ran out of applicants after ${elapsed.toFixed(1)} s; seed more with --people`);
    return { rate: done / elapsed, done, failures, elapsed };
  }

  // Under node --cpu-prof: each phase's window on the profile's clock (µs), to read it apart.
  const profiling = process.execArgv.some((a) => a.startsWith('--cpu-prof'));
  const micros = () => process.hrtime.bigint() / 1000n;
  async function measured(label: string, side: Side, pool: Applicant[], one: (a: Applicant) => Promise<string>) {
    const before = counted[side];
    const mark = await cpuMark(admin);
    const from = micros();
    const result = await timed(label, pool, one);
    if (profiling) console.log(`cpu-prof window ${label}: ${from}-${micros()}`);
    const cpu = await cpuSince(admin, mark);
    if (side === 'engine') await sleep(500); // the last callbacks, before the raw loop starts
    return { ...result, statements: counted[side] - before, cpu };
  }
  const engine = await measured('engine', 'engine', enginePool, (a) => engineOnce(a));
  const rawLoop = await measured('raw', 'raw', rawPool, (a) => rawOnce(a));

  const line = (name: string, r: typeof engine, alone: number) => {
    const perIteration = r.done > 0 ? r.statements / r.done : 0;
    const cpu = r.done > 0 ? `; CPU per iteration: this process ${(r.cpu.nodeMs / r.done).toFixed(1)} ms, PostgreSQL backends ${r.cpu.backendsMs === null ? 'n/a' : `${(r.cpu.backendsMs / r.done).toFixed(1)} ms`}` : '';
    console.log(`  ${name} ${r.rate.toFixed(1)} paid requests/s (${r.done} in ${r.elapsed.toFixed(1)} s${r.failures ? `, ${r.failures} failed` : ''}); ${perIteration.toFixed(1)} statements each (${alone} alone)${cpu}`);
  };
  console.log(`submit + pay by card + approve at ${clients} clients for ${seconds} s on ${os.cpus().length} cores:`);
  line('engine: ', engine, engineStatements);
  line('raw SQL:', rawLoop, rawStatements);
  console.log(`  engine / raw: ${((engine.rate / rawLoop.rate) * 100).toFixed(0)}% (target 40% or more)`);
} finally {
  await app.close();
  await handle.close();
  await raw.end();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.end();
}
