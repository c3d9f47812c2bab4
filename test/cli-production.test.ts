import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

/**
 * The real command, as an operator starts it: `node bin/tayseer.mjs serve` (issue 15, items 7 and 11).
 * Never given the test run's DATABASE_URL: these processes use PGlite in a directory of their own.
 */

const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tayseer-cli-production-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), DATA_DIR: dataDir };

describe('tayseer serve', () => {
  it('refuses to start in production with unsafe settings, naming every one, and creates nothing', () => {
    const run = spawnSync(process.execPath, ['bin/tayseer.mjs', 'serve'], { cwd: root, env: { ...baseEnv, NODE_ENV: 'production', PUBLIC_URL: 'http://localhost:3000' }, encoding: 'utf8', timeout: 120_000 });
    assert.equal(run.status, 78, `exit ${run.status}: ${run.stderr}`);
    assert.match(run.stderr, /^Tayseer will not start in production: 9 settings are missing, invalid or unsafe/);
    for (const variable of ['PUBLIC_URL', 'PROOF_SIGNING_KEY', 'AUDIT_SIGNING_KEY', 'METRICS_TOKEN', 'SMS_PROVIDER', 'EMAIL_PROVIDER', 'EMAIL_FROM', 'CARD_GATEWAY', 'BANK_PARTNER_SECRETS']) {
      assert.match(run.stderr, new RegExp(`^ {2}- (Missing|Invalid) setting ${variable}\\b`, 'm'), variable);
    }
    assert.match(run.stderr, /PUBLIC_URL="http:\/\/localhost:3000": localhost is a local or private address/);
    assert.equal(run.stdout, '');
    assert.deepEqual(fs.readdirSync(dataDir), [], 'no database and no key file made');
  });

  it('serves /metrics on METRICS_PORT and not on PORT', { timeout: 120_000 }, async () => {
    // On a PGlite run, start from the migrated template rather than migrate afresh (slow).
    const template = process.env.TAYSEER_TEST_TEMPLATE;
    if (template && fs.existsSync(template)) fs.cpSync(template, path.join(dataDir, 'pgdata'), { recursive: true });
    const child = spawn(process.execPath, ['bin/tayseer.mjs', 'serve'], {
      cwd: root,
      env: { ...baseEnv, NODE_ENV: 'development', DEMO_MODE: 'off', PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    after(() => child.kill('SIGKILL'));
    let output = '';
    const urls = await new Promise<{ portal: string; metrics: string }>((resolve, reject) => {
      let metrics: string | undefined;
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        metrics ??= /"url":"(http:\/\/127\.0\.0\.1:\d+)\/metrics"/.exec(output)?.[1];
        const portal = /Tayseer is ready at (http:\/\/localhost:\d+)/.exec(output)?.[1];
        if (portal && metrics) resolve({ portal, metrics });
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
    });
    assert.equal((await fetch(`${urls.portal}/metrics`)).status, 404);
    assert.equal((await fetch(`${urls.portal}/healthz`)).status, 200);
    const scraped = await fetch(`${urls.metrics}/metrics`);
    assert.equal(scraped.status, 200);
    assert.match(await scraped.text(), /tayseer_http_request_duration_seconds/);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
