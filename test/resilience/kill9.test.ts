import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { engineUnderTest } from '../support/database.js';
import { reportFigures } from './report.js';
import { permitReferences, signInGuardian, spawnServer, stopServer, submitPermit, type ServerProcess, type WriteOutcome } from './server-process.js';

/**
 * kill -9 of the server during a bounded write load: `tayseer serve` runs as a child process,
 * the guardian submits travel permit requests through the API (each with its own
 * Idempotency-Key, a few at a time), and the server is killed with SIGKILL mid-load. After a
 * restart on the same database, every key is sent again: a write acknowledged 201 answers 200
 * with the same request, one that never got an answer is done now or was done once; and the
 * guardian's list holds exactly one request per key, none twice.
 */

const WRITES = 40;
const CONCURRENCY = 4;
const KILL_AFTER_ACKNOWLEDGED = 12;

/** The child's own database: a copy of the migrated template (a data directory, or a database cloned from it). */
async function serverDatabaseEnv(): Promise<Record<string, string>> {
  const template = process.env.TAYSEER_TEST_TEMPLATE;
  if (!template) throw new Error('Run tests with `npm test`.');
  if (process.env.DATABASE_URL) {
    const name = `tayseer_kill9_${process.pid}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    after(async () => {
      const dropper = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    });
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return { DATABASE_URL: url.toString(), DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'tayseer-kill9-')) };
  }
  const dataDir = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'tayseer-kill9-'));
  fs.cpSync(template, path.join(dataDir, 'pgdata'), { recursive: true });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  return { DATA_DIR: dataDir, DATABASE_URL: '' };
}

describe(`kill -9 of the server during a write load (${engineUnderTest})`, () => {
  it('keeps every acknowledged write, exactly once, and the same keys answer the original requests after a restart', { timeout: 180_000 }, async () => {
    const env = await serverDatabaseEnv();
    let server: ServerProcess | undefined = await spawnServer(env);
    after(() => stopServer(server));
    const { token, wardId } = await signInGuardian(server.url);

    const keys = Array.from({ length: WRITES }, () => randomUUID());
    const first = new Map<string, WriteOutcome>();
    let next = 0;
    let killed = false;
    const acknowledged = () => [...first.values()].filter((o) => o.status === 201).length;
    const url = server.url;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < keys.length && !killed) {
          const key = keys[next++]!;
          first.set(key, await submitPermit(url, token, wardId, key));
          if (!killed && acknowledged() >= KILL_AFTER_ACKNOWLEDGED) {
            killed = true;
            // The other workers' requests are in flight now: they end with no answer.
            server!.child.kill('SIGKILL');
          }
        }
      }),
    );
    assert.ok(killed, 'the server was killed during the load');
    await server.exited;
    const sent = [...first.keys()];
    const acknowledgedKeys = sent.filter((key) => first.get(key)!.status === 201);
    const unanswered = sent.filter((key) => first.get(key)!.status === 'no answer');
    for (const key of sent) assert.ok([201, 'no answer'].includes(first.get(key)!.status), `key ${key}: ${JSON.stringify(first.get(key))}`);

    server = await spawnServer(env);
    const before = new Set(await permitReferences(server.url, token));
    const missing = acknowledgedKeys.filter((key) => !before.has(first.get(key)!.reference!));

    // The same keys again: acknowledged ones answer 200 with their request; the rest are done (at most) once.
    const retried = new Map<string, WriteOutcome>();
    for (const key of sent) retried.set(key, await submitPermit(server.url, token, wardId, key));
    for (const key of acknowledgedKeys) {
      assert.equal(retried.get(key)!.status, 200, `acknowledged key ${key} again: ${JSON.stringify(retried.get(key))}`);
      assert.equal(retried.get(key)!.reference, first.get(key)!.reference);
    }
    for (const key of unanswered) assert.ok([200, 201].includes(retried.get(key)!.status as number), `unanswered key ${key} again: ${JSON.stringify(retried.get(key))}`);

    const references = await permitReferences(server.url, token);
    const distinct = new Set(references);
    const duplicates = references.length - new Set([...retried.values()].map((o) => o.reference)).size;
    reportFigures('kill -9 during writes', {
      writesSent: sent.length,
      writesAcknowledged: acknowledgedKeys.length,
      writesFound: acknowledgedKeys.length - missing.length,
      unansweredAtKill: unanswered.length,
      unansweredThatHadCommitted: unanswered.filter((key) => retried.get(key)!.status === 200).length,
      duplicates,
    });
    assert.deepEqual(missing, [], 'every acknowledged write is there after the restart');
    assert.equal(distinct.size, references.length);
    assert.equal(references.length, sent.length, 'one request per key: none lost, none twice');
    assert.equal(duplicates, 0);
  });
});
