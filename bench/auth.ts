/**
 * npm run bench:auth — the full login (password, then the one-time code) at 20 concurrent
 * clients, beside the cost of one argon2id verification measured in the same run.
 *
 * A login is two HTTP calls: POST /api/v1/auth/login (argon2id verify, challenge + SMS in the
 * outbox) and POST /api/v1/auth/challenges/{id} (code check, token). The benchmark reads each
 * code from the outbox table, as a phone would receive it. Every login comes from its own
 * client address (X-Forwarded-For, TRUST_PROXY=on) and account, so the per-IP and per-login
 * rate limits, which exist to stop exactly this kind of traffic, do not interfere.
 *
 *   npm run bench:auth                     embedded PGlite
 *   DATABASE_URL=postgres://… npm run bench:auth   a fresh database on that server
 *   options: --clients 20 --seconds 15 --accounts 1500
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, openPglite, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemClock } from '../src/kernel/clock.js';
import { uuidv7 } from '../src/kernel/uuid.js';
import { hashPassword, verifyPassword } from '../src/identity/index.js';
import { insertAccount } from '../src/identity/repository/index.js';
import { seedPopulation } from '../src/registry/seed.js';

const { values } = parseArgs({
  options: { clients: { type: 'string', default: '20' }, seconds: { type: 'string', default: '15' }, accounts: { type: 'string', default: '1500' } },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const accountCount = Number(values.accounts);
const PASSWORD = 'Bench#Login-2026';

async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS tayseer_bench_auth WITH (FORCE)');
    await admin.query('CREATE DATABASE tayseer_bench_auth');
    const url = new URL(adminUrl);
    url.pathname = '/tayseer_bench_auth';
    const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 20 });
    return {
      handle,
      cleanup: async () => {
        await handle.close();
        await admin.query('DROP DATABASE IF EXISTS tayseer_bench_auth WITH (FORCE)');
        await admin.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tayseer-bench-auth-'));
  const handle = await openPglite(path.join(dir, 'pgdata'));
  return { handle, cleanup: async () => { await handle.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const { handle, cleanup } = await openBenchDatabase();
try {
  const { db } = handle;
  await migrateToLatest(db);
  console.log(`engine: ${handle.engine}; preparing ${accountCount} accounts...`);
  await seedPopulation({ db, people: Math.ceil(accountCount * 1.6), seed: 7 });
  const persons = await db
    .selectFrom('persons')
    .select(['id', 'mobile'])
    .where('mobile', 'is not', null)
    .where('deceased', '=', false)
    .orderBy('national_id')
    .limit(accountCount * 2)
    .execute();
  const passwordHash = await hashPassword(PASSWORD);
  const seenMobiles = new Set<string>();
  const accounts: Array<{ username: string; mobile: string }> = [];
  const now = systemClock.now();
  for (const person of persons) {
    if (accounts.length >= accountCount || seenMobiles.has(person.mobile!)) continue;
    seenMobiles.add(person.mobile!);
    const username = `bench${accounts.length}`;
    await insertAccount(db, {
      id: uuidv7(),
      person_id: person.id,
      username,
      password_hash: passwordHash,
      mobile: person.mobile,
      email: null,
      language: 'en',
      status: 'active',
      activated_at: now,
      activation_method: 'registry_mobile',
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    accounts.push({ username, mobile: person.mobile! });
  }

  // The floor: argon2id verification alone, serially and at the same concurrency.
  const verifySerial: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await verifyPassword(passwordHash, PASSWORD);
    verifySerial.push(performance.now() - t);
  }
  const argonMs = verifySerial.sort((a, b) => a - b)[10]!;
  const parallelStart = performance.now();
  const parallelCpu = process.cpuUsage();
  let parallelDone = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() - parallelStart < 5000) {
        await verifyPassword(passwordHash, PASSWORD);
        parallelDone++;
      }
    }),
  );
  const argonPerSecond = parallelDone / ((performance.now() - parallelStart) / 1000);
  const argonCpuMs = cpuMs(process.cpuUsage(parallelCpu)) / parallelDone;

  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TRUST_PROXY: 'on', COOKIE_SECURE: 'off' });
  const app = await buildApp({ config, database: handle, clock: systemClock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  let next = 0;
  let failures = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const loginCpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() - started < seconds * 1000) {
        const n = next++;
        const account = accounts[n % accounts.length]!;
        const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        const headers = { 'content-type': 'application/json', 'x-forwarded-for': ip };
        const t = performance.now();
        const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers, body: JSON.stringify({ login: account.username, password: PASSWORD }) });
        if (login.status !== 202) { failures++; continue; }
        const { challengeId } = (await login.json()) as { challengeId: string };
        const message = await db
          .selectFrom('outbox_messages')
          .select('body')
          .where('recipient', '=', account.mobile)
          .orderBy('created_at', 'desc')
          .limit(1)
          .executeTakeFirstOrThrow();
        const code = /\b(\d{6})\b/.exec(message.body)?.[1];
        const done = await fetch(`${base}/api/v1/auth/challenges/${challengeId}`, { method: 'POST', headers, body: JSON.stringify({ code }) });
        if (done.status !== 200) { failures++; continue; }
        await done.json();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const loginCpuMs = cpuMs(process.cpuUsage(loginCpu)) / Math.max(1, latencies.length);
  await app.close();

  latencies.sort((a, b) => a - b);
  const rate = latencies.length / elapsed;
  console.log(`argon2id verify: ${argonMs.toFixed(1)} ms each (median of 20); ${argonPerSecond.toFixed(1)}/s at ${clients} concurrent on ${os.cpus().length} cores`);
  console.log(`full login (password + code) at ${clients} clients for ${seconds} s: ${rate.toFixed(1)} logins/s, p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, ${failures} failed`);
  console.log(`login throughput / bare argon2id throughput: ${((rate / argonPerSecond) * 100).toFixed(0)}%`);
  // Where the difference goes: this process's CPU (server and benchmark client together; the
  // database server's own CPU is not counted) per login, against one verification's.
  console.log(`CPU of this process per login: ${loginCpuMs.toFixed(1)} ms (argon2id verify alone: ${argonCpuMs.toFixed(1)} ms)`);
} finally {
  await cleanup();
}
