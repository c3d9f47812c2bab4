import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bearerMatches, startMetricsServer } from '../../src/ops/metrics.js';
import { testApp } from '../support/app.js';
import { freshDatabase } from '../support/database.js';
import { safeProduction } from '../support/production.js';

/** /metrics is not public in production: a bearer token, or an address of its own (issue 15, item 11). */

const token = safeProduction.METRICS_TOKEN!;

describe('/metrics', () => {
  it('stays open in development and tests', async () => {
    const { app } = await testApp();
    const response = await app.inject({ url: '/metrics' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /tayseer_http_request_duration_seconds/);
  });

  it('in production answers 401 problem+json without the token, and 200 with it', async () => {
    const database = await freshDatabase();
    const { app } = await testApp({ env: { ...safeProduction, LOG_LEVEL: 'silent' }, database });
    for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${token}`, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, 'Bearer ']) {
      const refused = await app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
      assert.equal(refused.statusCode, 401, String(authorization));
      assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
      assert.equal(refused.headers['www-authenticate'], 'Bearer realm="metrics"');
      assert.equal(refused.json().code, 'ops.metrics_unauthorized');
      assert.doesNotMatch(refused.body, /tayseer_/);
    }
    const allowed = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    assert.equal(allowed.statusCode, 200);
    assert.match(allowed.body, /tayseer_http_request_duration_seconds/);
  });

  it('asks for the token in development too when one is set', async () => {
    const { app } = await testApp({ env: { METRICS_TOKEN: token } });
    assert.equal((await app.inject({ url: '/metrics' })).statusCode, 401);
    assert.equal((await app.inject({ url: '/metrics', headers: { authorization: `bearer ${token}` } })).statusCode, 200);
  });

  it('is closed in demo mode forced on in production without a token', async () => {
    const database = await freshDatabase();
    const { app } = await testApp({ env: { NODE_ENV: 'production', DEMO_MODE: 'on', DEMO_MODE_IN_PRODUCTION: 'I-UNDERSTAND-THIS-EXPOSES-DEMO-DATA', PROOF_SIGNING_KEY: safeProduction.PROOF_SIGNING_KEY! }, database });
    assert.equal((await app.inject({ url: '/metrics' })).statusCode, 401);
    assert.equal((await app.inject({ url: '/metrics', headers: { authorization: 'Bearer ' } })).statusCode, 401);
  });

  it('with METRICS_PORT, is served on its own address and not on the portal port', async () => {
    const database = await freshDatabase();
    const { METRICS_TOKEN: _none, ...withoutToken } = safeProduction;
    const { app } = await testApp({ env: { ...withoutToken, METRICS_PORT: '0', LOG_LEVEL: 'silent' }, database });
    assert.equal(app.deps.config.metricsToken, undefined);
    const onPortal = await app.inject({ url: '/metrics' });
    assert.equal(onPortal.statusCode, 404);
    assert.doesNotMatch(onPortal.body, /tayseer_/);

    const server = await startMetricsServer({ registry: app.metricsRegistry, host: app.deps.config.metricsHost, port: 0, token: undefined });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      await app.inject({ url: '/healthz' });
      const scraped = await fetch(`${server.url}/metrics`);
      assert.equal(scraped.status, 200);
      assert.match(await scraped.text(), /tayseer_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 404);
      assert.equal((await fetch(`${server.url}/metrics`, { method: 'POST' })).status, 404);
    } finally {
      await server.close();
    }
  });

  it('on its own address asks for the token when one is set', async () => {
    const { app } = await testApp({ env: { METRICS_PORT: '0' } });
    const server = await startMetricsServer({ registry: app.metricsRegistry, host: '127.0.0.1', port: 0, token });
    try {
      const refused = await fetch(`${server.url}/metrics`);
      assert.equal(refused.status, 401);
      assert.equal(refused.headers.get('www-authenticate'), 'Bearer realm="metrics"');
      assert.equal((await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    } finally {
      await server.close();
    }
  });

  it('compares the bearer token exactly', () => {
    assert.equal(bearerMatches(`Bearer ${token}`, token), true);
    assert.equal(bearerMatches(`Bearer ${token} `, token), false);
    assert.equal(bearerMatches(token, token), false);
    assert.equal(bearerMatches(undefined, token), false);
    assert.equal(bearerMatches('Bearer ', ''), false, 'an empty header never matches');
  });
});
