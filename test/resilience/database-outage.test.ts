import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { createPrivateCluster, privateClusterUnavailable, type PrivateCluster } from './private-postgres.js';
import { reportFigures } from './report.js';
import { permitReferences, signInGuardian, spawnServer, stopServer, submitPermit, type ServerProcess, type WriteOutcome } from './server-process.js';

/**
 * A PostgreSQL restart during a write load (issue 15, item 1: the process used to exit on 57P01
 * from a checked-out pooled client). On a private cluster the test may stop: the server stays
 * up, requests that meet the outage answer 503 problem+json with Retry-After, /readyz answers
 * 503 and then 200 again by itself, every write acknowledged 201 is there afterwards and the
 * same Idempotency-Keys never make a second request. And a start while PostgreSQL is down
 * waits for it, or gives up with a clear message.
 */

const skip = privateClusterUnavailable() ?? false;
const root = path.resolve(import.meta.dirname, '../..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`a PostgreSQL restart during load (${engineUnderTest})`, { skip }, () => {
  let cluster: PrivateCluster;
  let server: ServerProcess | undefined;
  after(async () => {
    await stopServer(server);
    cluster?.destroy();
  });

  it('keeps the server up: 503 problem+json during the outage, /readyz back to 200 by itself, every acknowledged write there once', { timeout: 180_000 }, async () => {
    cluster = await createPrivateCluster();
    server = await spawnServer({ DATABASE_URL: cluster.url, DATABASE_CONNECT_TIMEOUT_SECONDS: '30' });
    const url = server.url;
    const { token, wardId } = await signInGuardian(url);

    const outcomes = new Map<string, WriteOutcome>();
    let loading = true;
    after(() => (loading = false));
    const load = Promise.all(
      Array.from({ length: 3 }, async () => {
        while (loading) {
          const key = randomUUID();
          outcomes.set(key, await submitPermit(url, token, wardId, key));
          // An outage answers at once: do not spin while it lasts.
          if (outcomes.get(key)!.status !== 201) await sleep(100);
        }
      }),
    );
    const readiness: number[] = [];
    const ready = async () => {
      const status = (await fetch(`${url}/readyz`).catch(() => undefined))?.status ?? 0;
      readiness.push(status);
      return status;
    };
    const waitFor = async (what: () => Promise<boolean> | boolean, ms: number, label: string) => {
      const until = Date.now() + ms;
      while (!(await what())) {
        assert.equal(server!.child.exitCode, null, `the server exited while waiting for ${label}:\n${server!.output()}`);
        assert.ok(Date.now() < until, `timed out waiting: ${label}`);
        await sleep(100);
      }
    };

    await waitFor(() => [...outcomes.values()].filter((o) => o.status === 201).length >= 6, 60_000, 'writes before the outage');
    cluster.stop(); // pg_ctl stop -m fast: every backend ends with 57P01 under load
    await waitFor(async () => (await ready()) === 503, 20_000, '/readyz 503');
    await waitFor(() => [...outcomes.values()].some((o) => o.status === 503), 20_000, 'a write answered 503');
    const acknowledgedBeforeRestart = [...outcomes.values()].filter((o) => o.status === 201).length;
    cluster.start();
    await waitFor(async () => (await ready()) === 200, 30_000, '/readyz 200 again');
    await waitFor(() => [...outcomes.values()].filter((o) => o.status === 201).length >= acknowledgedBeforeRestart + 4, 60_000, 'writes after the restart');
    loading = false;
    await load;
    assert.equal(server.child.exitCode, null, `the server is still running:\n${server.output()}`);

    const all = [...outcomes.entries()];
    const refused = all.filter(([, o]) => o.status !== 201);
    for (const [key, o] of refused) {
      assert.equal(o.status, 503, `key ${key}: ${JSON.stringify(o)}`);
      assert.equal(o.problem?.code, 'database.unavailable');
      assert.match(o.problem?.contentType ?? '', /^application\/problem\+json/);
      assert.equal(o.problem?.retryAfter, '5');
    }
    // Retried with the same keys: acknowledged ones answer their request; the rest are done once.
    const retried = new Map<string, WriteOutcome>();
    for (const [key] of all) retried.set(key, await submitPermit(url, token, wardId, key));
    const acknowledged = all.filter(([, o]) => o.status === 201);
    for (const [key, o] of acknowledged) {
      assert.equal(retried.get(key)!.status, 200);
      assert.equal(retried.get(key)!.reference, o.reference);
    }
    const references = await permitReferences(url, token);
    const found = acknowledged.filter(([, o]) => references.includes(o.reference!)).length;
    const duplicates = references.length - new Set([...retried.values()].map((o) => o.reference)).size;
    reportFigures('database restart during writes', {
      writesSent: all.length,
      writesAcknowledged: acknowledged.length,
      writesFound: found,
      answered503: refused.length,
      answered5xxOther: refused.filter(([, o]) => o.status !== 503).length,
      duplicates,
      serverExits: server.child.exitCode === null ? 0 : 1,
    });
    assert.equal(found, acknowledged.length, 'every acknowledged write is there');
    assert.equal(references.length, all.length, 'one request per key');
    assert.equal(duplicates, 0);
    assert.ok(readiness.includes(503) && readiness.at(-1) === 200, `readiness went ${readiness.join(' ')}`);
    await stopServer(server);
  });

  it('waits at start for a PostgreSQL that is down, and starts once it is up; or gives up with a clear message', { timeout: 180_000 }, async () => {
    cluster ??= await createPrivateCluster();
    cluster.stop();
    const giveUp = spawn(process.execPath, [path.join(root, 'bin/tayseer.mjs'), 'serve'], {
      cwd: root,
      env: { ...process.env, TAYSEER_NO_BUNDLE: '1', DATABASE_URL: cluster.url, DATABASE_CONNECT_TIMEOUT_SECONDS: '2', PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    giveUp.stdout.on('data', (c: Buffer) => (said += c.toString()));
    giveUp.stderr.on('data', (c: Buffer) => (said += c.toString()));
    const code = await new Promise<number | null>((resolve) => giveUp.once('exit', resolve));
    assert.equal(code, 69, said);
    assert.match(said, /database not reachable \(attempt 1: .*ECONNREFUSED/);
    assert.match(said, /Cannot reach the database at postgres:\/\/127\.0\.0\.1:\d+\/tayseer after \d+ attempt\(s\) in 2 s/);

    let retrying: () => void = () => {};
    const firstRetry = new Promise<void>((resolve) => (retrying = resolve));
    const starting = spawnServer({ DATABASE_URL: cluster.url, DATABASE_CONNECT_TIMEOUT_SECONDS: '60' }, { watch: (output) => /database not reachable/.test(output) && retrying() });
    await firstRetry;
    cluster.start();
    server = await starting;
    assert.match(server.output(), /database not reachable \(attempt 1/);
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
  });
});
