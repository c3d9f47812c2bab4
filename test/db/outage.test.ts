import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { DatabaseUnreachableError, waitForDatabase } from '../../src/db/connect.js';
import { openDatabase } from '../../src/db/database.js';
import { isDatabaseUnavailable } from '../../src/db/unavailable.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { startServer } from '../../src/server.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';

/**
 * Issue 15, item 1: a PostgreSQL restart under load ended the process (57P01 on a checked-out
 * pooled client, an 'error' event nobody listened to), and requests that met the outage
 * answered 500. Here: the classification of connection loss, the 503 problem+json with
 * Retry-After, the pooled client whose backend is terminated mid-transaction, and the start that
 * waits for PostgreSQL and then gives up with a clear message. (A real restart under load is in
 * test/resilience/database-outage.test.ts.)
 */

/** Nothing listens on port 1: every connection is refused at once, like a PostgreSQL that is down. */
const UNREACHABLE_URL = 'postgres://postgres@127.0.0.1:1/tayseer';

describe(`database outages (${engineUnderTest})`, () => {
  it('tells connection loss from other database errors', () => {
    const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    for (const lost of [
      withCode('57P01', 'terminating connection due to administrator command'),
      withCode('57P02'),
      withCode('57P03', 'the database system is starting up'),
      withCode('08006'),
      withCode('08001'),
      withCode('ECONNREFUSED'),
      withCode('ECONNRESET'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''),
      new Error('rollback failed', { cause: withCode('57P01') }),
    ]) {
      assert.equal(isDatabaseUnavailable(lost), true, `${(lost as { code?: string }).code ?? lost.message}`);
    }
    for (const other of [withCode('23505', 'duplicate key'), withCode('40001'), withCode('42P01'), withCode('28P01'), withCode('3D000'), withCode('ENOENT'), new Error('boom'), undefined, null, 'text']) {
      assert.equal(isDatabaseUnavailable(other), false, String((other as { code?: string } | undefined)?.code ?? other));
    }
  });

  it('answers 503 problem+json with Retry-After, in both languages, while the database cannot be reached; /readyz says 503', async () => {
    const database = await openDatabase({ databaseUrl: UNREACHABLE_URL, dataDir: '', poolSize: 2, connectionTimeoutMs: 2000 });
    const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database, clock: fixedClock('2026-11-01T09:00:00Z') });
    after(async () => {
      await app.close();
      await database.close();
    });
    for (const [lang, words] of [['en', /try again in 5 seconds/], ['ar', /إعادة المحاولة بعد 5 ثوانٍ/]] as const) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'accept-language': lang }, payload: { login: 'someone', password: 'Some-Password-2026' } });
      assert.equal(res.statusCode, 503, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.headers['retry-after'], '5');
      const problem = res.json() as { code: string; detail: string; status: number };
      assert.equal(problem.code, 'database.unavailable');
      assert.equal(problem.status, 503);
      assert.match(problem.detail, words);
    }
    const signedIn = await app.inject({ url: '/api/v1/requests', headers: { authorization: 'Bearer not-a-real-token-but-looked-up' } });
    assert.equal(signedIn.statusCode, 503, signedIn.body);
    const page = await app.inject({ url: '/login', method: 'POST', headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: 'login=a&password=b' });
    assert.ok(page.statusCode === 503 || page.statusCode === 403, `a page answers 503 (or refuses the form without a CSRF token first): ${page.statusCode}`);
    // A browser with its form token: the page drawn for the POST cannot be kept for a redirect
    // (web/replay.ts) while the database is away, so it is sent as it is, not lost in a 500.
    const token = 'x'.repeat(43);
    const withToken = await app.inject({ url: '/login', method: 'POST', cookies: { tayseer_csrf: token }, headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: `login=a&password=b&_csrf=${token}` });
    assert.ok(withToken.statusCode === 503 || withToken.statusCode === 403, `the page itself, not a redirect nor a 500: ${withToken.statusCode}`);
    assert.match(String(withToken.headers['content-type']), /text\/html/);
    assert.equal((await app.inject({ url: '/readyz' })).statusCode, 503);
  });

  it('survives the backend of a checked-out client being terminated in the middle of a transaction', { skip: engineUnderTest === 'pglite' ? 'PostgreSQL only: PGlite has no connection to lose' : false }, async () => {
    const database = await freshDatabase();
    const lost: Error[] = [];
    // A handle of its own, to see the errors of its clients.
    const url = new URL(process.env.DATABASE_URL!);
    const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(database.db);
    url.pathname = `/${rows[0]!.db}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 2, onConnectionError: (error) => lost.push(error) });
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    // Both end in the test: freshDatabase's own clean-up drops the database WITH (FORCE).
    try {
      const outcome = handle.db.transaction().execute(async (trx) => {
        const { rows: me } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
        // Between two queries of the transaction, the client is checked out and idle: the server
        // ends it (as pg_ctl restart -m fast does to every backend), which emits 'error' on it.
        await admin.query('SELECT pg_terminate_backend($1)', [me[0]!.pid]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`SELECT 1`.execute(trx);
      });
      await assert.rejects(outcome, (error: unknown) => isDatabaseUnavailable(error));
      assert.ok(lost.some((error) => (error as { code?: string }).code === '57P01'), 'the lost connection is reported');
      // The pool dropped the dead client: the next query gets a new connection.
      const { rows: again } = await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db);
      assert.equal(again[0]!.one, 1);
    } finally {
      await admin.end();
      await handle.close();
    }
  });

  it('waits for an unreachable database at start, one log line per attempt, then gives up with a clear message', async () => {
    const database = await openDatabase({ databaseUrl: UNREACHABLE_URL, dataDir: '', poolSize: 1, connectionTimeoutMs: 1000 });
    after(() => database.close());
    const lines: string[] = [];
    const log = { info: (_: object, m: string) => lines.push(`info ${m}`), warn: (_: object, m: string) => lines.push(`warn ${m}`) };
    const waits: number[] = [];
    const error = await waitForDatabase(database, { timeoutSeconds: 0.001, log, sleep: async (ms) => void waits.push(ms) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof DatabaseUnreachableError, String(error));
    assert.match(error.message, /^Cannot reach the database at postgres:\/\/127\.0\.0\.1:1\/tayseer after \d+ attempt\(s\)/);
    assert.match(error.message, /ECONNREFUSED/);
    assert.match(error.message, /DATABASE_CONNECT_TIMEOUT_SECONDS/);
    assert.equal(lines.length, waits.length);
    for (const line of lines) assert.match(line, /^warn database not reachable \(attempt \d+: .*ECONNREFUSED.*\); retrying in/);

    // Reached on the third attempt: two lines, waits growing, then a line saying so.
    let attempts = 0;
    const reached: string[] = [];
    const backoff: number[] = [];
    const probe = async () => {
      attempts += 1;
      if (attempts < 3) throw Object.assign(new Error('the database system is starting up'), { code: '57P03' });
    };
    await waitForDatabase(database, { timeoutSeconds: 60, probe, log: { info: (_, m) => reached.push(`info ${m}`), warn: (_, m) => reached.push(`warn ${m}`) }, sleep: async (ms) => void backoff.push(ms) });
    assert.equal(attempts, 3);
    assert.deepEqual(backoff, [500, 1000]);
    assert.deepEqual(reached.map((l) => l.split(' (')[0]), ['warn database not reachable', 'warn database not reachable', 'info database reachable after 3 attempts']);

    // What waiting cannot cure (a wrong password) stops the start at once.
    const wrongPassword = Object.assign(new Error('password authentication failed'), { code: '28P01' });
    await assert.rejects(waitForDatabase(database, { timeoutSeconds: 60, log, probe: () => Promise.reject(wrongPassword) }), (e) => e === wrongPassword);
  });

  it('stops the start of a server whose database stays unreachable, with that message', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: UNREACHABLE_URL, DATABASE_CONNECT_TIMEOUT_SECONDS: '1', PORT: '0', DEMO_MODE: 'off' });
    assert.equal(config.databaseConnectTimeoutSeconds, 1);
    await assert.rejects(startServer(config), (error: unknown) => error instanceof DatabaseUnreachableError && /after \d+ attempt\(s\) in 1 s/.test(error.message));
  });
});
