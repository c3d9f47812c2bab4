import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testApp } from '../support/app.js';

describe('the web shell', async () => {
  const { app } = await testApp();

  it('serves the home page in Arabic, right to left, by default', async () => {
    const res = await app.inject({ url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /<html lang="ar" dir="rtl">/);
    assert.match(res.body, /الجوازات/);
    assert.match(res.body, /الأحوال المدنية/);
    assert.match(res.body, /class="skip-link" href="#main"/);
    assert.match(res.body, /<main id="main"/);
  });

  it('answers in English when the browser prefers it', async () => {
    const res = await app.inject({ url: '/', headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    assert.match(res.body, /<html lang="en" dir="ltr">/);
    assert.match(res.body, /Civil Affairs/);
  });

  it('remembers the language chosen with the switch and returns to the page', async () => {
    const res = await app.inject({ url: '/language?to=en&next=%2Fagencies%2Ftraffic' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/agencies/traffic');
    const cookie = res.cookies.find((c) => c.name === 'lang');
    assert.equal(cookie?.value, 'en');
    assert.equal(cookie?.httpOnly, true);
    const page = await app.inject({ url: '/agencies/traffic', cookies: { lang: 'en' }, headers: { 'accept-language': 'ar' } });
    assert.match(page.body, /<html lang="en" dir="ltr">/);
    assert.match(page.body, /<h1>Traffic<\/h1>/);
  });

  it('never redirects the language switch off the site', async () => {
    for (const next of ['https://evil.example', '//evil.example', '/\\evil.example']) {
      const res = await app.inject({ url: `/language?to=ar&next=${encodeURIComponent(next)}` });
      assert.equal(res.headers.location, '/');
    }
  });

  it('refuses an unknown language with a translated error', async () => {
    const res = await app.inject({ url: '/language?to=fr', headers: { accept: 'text/html' } });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /بعض البيانات المدخلة غير صحيحة/);
  });

  it('shows a translated page for a missing page, and problem+json for the API', async () => {
    const page = await app.inject({ url: '/no-such-page', headers: { accept: 'text/html', 'accept-language': 'en' } });
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /does not exist/);
    const api = await app.inject({ url: '/api/v1/nothing-here' });
    assert.equal(api.statusCode, 404);
    assert.match(api.headers['content-type'] as string, /application\/problem\+json/);
    const problem = api.json();
    assert.equal(problem.code, 'http.not_found');
    assert.equal(problem.status, 404);
    assert.equal(typeof problem.detail, 'string');
  });

  it('sends a Content-Security-Policy without unsafe-inline', async () => {
    const res = await app.inject({ url: '/' });
    const csp = res.headers['content-security-policy'] as string;
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(typeof res.headers['x-request-id'], 'string');
  });

  it('serves its stylesheet and fonts', async () => {
    const css = await app.inject({ url: '/assets/app.css' });
    assert.equal(css.statusCode, 200);
    assert.match(css.body, /margin-inline/);
    const font = await app.inject({ url: '/assets/fonts/ibm-plex-sans-arabic-arabic-400-normal.woff2' });
    assert.equal(font.statusCode, 200);
  });

  it('reports health, readiness and metrics', async () => {
    assert.deepEqual((await app.inject({ url: '/healthz' })).json(), { status: 'ok' });
    const ready = await app.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ready');
    const metrics = await app.inject({ url: '/metrics' });
    assert.match(metrics.body, /tayseer_http_request_duration_seconds/);
  });

  it('publishes an OpenAPI 3.1 document', async () => {
    const res = await app.inject({ url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().openapi, '3.1.0');
  });

  it('shows the demo banner in demo mode', async () => {
    const res = await app.inject({ url: '/' });
    assert.match(res.body, /class="demo-banner"/);
  });
});

describe('outside demo mode', async () => {
  const { app } = await testApp({ env: { DEMO_MODE: 'off' } });

  it('has no banner and no demo pages', async () => {
    const res = await app.inject({ url: '/' });
    assert.doesNotMatch(res.body, /demo-banner/);
    assert.equal((await app.inject({ url: '/api/v1/dev/personas' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/dev/personas' })).statusCode, 404);
  });
});
