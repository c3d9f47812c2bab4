import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp } from '../identity/support.js';
import { aSignedInCitizen, LOST_ID, lostIdData, officerOf, staffAct, submit } from '../requests/support.js';

/**
 * The input rules at the boundary (docs/ARCHITECTURE.md, "Input rules"): every string of every
 * request, whatever part of it carries it, is checked before a handler or PostgreSQL sees it.
 * Before the guard, a NUL in a login or a service's data answered 500 ("invalid byte sequence").
 */

type Injected = Awaited<ReturnType<Awaited<ReturnType<typeof identityApp>>['app']['inject']>>;

function assertRefused(res: Injected, status: number, code: string, field: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const problem = res.json() as { code: string; detail: string; errors?: Array<{ field: string; message: string }> };
  assert.equal(problem.code, code);
  assert.ok(problem.detail.includes(field), `the message names the field ${field}: ${problem.detail}`);
  assert.equal(problem.errors?.[0]?.field, field);
}

describe(`input rules at the boundary (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app } = h;
  const citizen = await aSignedInCitizen(h);
  const officer = await officerOf(h, 'civil-affairs');
  const json = (method: 'POST' | 'GET', url: string, payload?: unknown, token?: string, headers: Record<string, string> = {}) =>
    app.inject({ method, url, payload: payload as object, headers: { 'accept-language': 'en', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

  it('refuses a NUL in a JSON body, a query filter, the officer queue, service data and a reason with a 422 naming the field', async () => {
    assertRefused(await json('POST', '/api/v1/auth/login', { login: 'a\u0000b', password: 'x' }), 422, 'input.control_character', 'body.login');
    assertRefused(await json('POST', '/api/v1/staff/auth/login', { login: 'x', password: 'p\u0000' }), 422, 'input.control_character', 'body.password');
    assertRefused(await json('GET', '/api/v1/requests?state=%00', undefined, citizen.token), 422, 'input.control_character', 'query.state');
    assertRefused(await json('GET', '/api/v1/officer/queue?service=a%00b', undefined, officer.token), 422, 'input.control_character', 'query.service');
    const data = lostIdData();
    data.loss.circumstances = 'Lost\u0000';
    assertRefused(await submit(h, citizen.token, { serviceId: LOST_ID, data }), 422, 'input.control_character', 'body.data.loss.circumstances');
    const reference = (await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() })).json().reference as string;
    assertRefused(await staffAct(h, officer.token, reference, 'reject', { reason: { code: 'visit_required', text: 'no\u0000' } }), 422, 'input.control_character', 'body.reason.text');
    assertRefused(await json('GET', `/api/v1/requests/${encodeURIComponent('TR\u0000')}`, undefined, citizen.token), 422, 'input.control_character', 'params.reference');
  });

  it('refuses C1 controls, lone surrogates, non-characters, bidi overrides and isolates, object keys included', async () => {
    const login = (value: string) => json('POST', '/api/v1/auth/login', { login: value, password: 'x' });
    assertRefused(await login('a\u0085b'), 422, 'input.control_character', 'body.login');
    assertRefused(await login('a\ud800b'), 422, 'input.invalid_unicode', 'body.login');
    assertRefused(await login('a\udc00'), 422, 'input.invalid_unicode', 'body.login');
    assertRefused(await login('a\ufdd0'), 422, 'input.invalid_unicode', 'body.login');
    assertRefused(await login('a\u{10FFFF}'), 422, 'input.invalid_unicode', 'body.login');
    assertRefused(await login('abc\u202Egpj.exe'), 422, 'input.bidi_control', 'body.login');
    assertRefused(await login('\u2067abc\u2069'), 422, 'input.bidi_control', 'body.login');
    assertRefused(await json('POST', '/api/v1/auth/login', { login: 'a', password: 'x', 'k\u0000': 1 }), 422, 'input.control_character', 'body.?');
    // A tab or a new line passes the guard in a body (a textarea has lines); a one-line field's schema refuses it.
    const tab = await login('a\tb');
    assert.equal(tab.json().code, 'validation.failed');
    assert.equal(tab.json().errors[0].field, 'body.login');
    assertRefused(await json('GET', '/api/v1/services?q=a%0Ab'), 422, 'input.control_character', 'query.q');
  });

  it('keeps Arabic with diacritics, tatweel and the marks Arabic text carries (ZWNJ, ZWJ, LRM, RLM, ALM), and emoji', async () => {
    const data = lostIdData();
    data.loss.circumstances = 'فُقِدَتْ البطاقـــة في السوق\u200C\u200D\u200E\u200F\u061C رقم 12 😀';
    const created = await submit(h, (await aSignedInCitizen(h)).token, { serviceId: LOST_ID, data });
    assert.equal(created.statusCode, 201, created.body);
    const found = await json('GET', `/api/v1/services?q=${encodeURIComponent('بَدَل فـاقد\u200F')}`);
    assert.equal(found.statusCode, 200);
  });

  it('refuses an over-long string, a deep body, a number out of range, with the field named', async () => {
    assertRefused(await json('POST', '/api/v1/auth/login', { login: 'a', password: 'x'.repeat(10_001) }), 422, 'input.too_long', 'body.password');
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = [deep];
    assertRefused(await json('POST', '/api/v1/auth/login', { login: 'a', password: 'b', deep }), 400, 'input.too_deep', 'body.deep.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0');
    const huge = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"login":"a","password":"b","n":1e400}', headers: { 'content-type': 'application/json' } });
    assertRefused(huge, 422, 'input.number_out_of_range', 'body.n');
    const veryDeep = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '['.repeat(200_000) + ']'.repeat(200_000), headers: { 'content-type': 'application/json' } });
    assert.ok(veryDeep.statusCode >= 400 && veryDeep.statusCode < 500, veryDeep.body);
    assert.match(String(veryDeep.headers['content-type']), /^application\/problem\+json/);
  });

  it('refuses bad percent-encoding in a path or a query, and invalid UTF-8 in a body, with a 400', async () => {
    assertRefused(await json('GET', '/api/v1/requests/%E0%A4%A', undefined, citizen.token), 400, 'input.bad_encoding', 'path');
    assertRefused(await json('GET', '/api/v1/services?q=%E0%A4%A'), 400, 'input.bad_encoding', 'query.q');
    const bytes = Buffer.concat([Buffer.from('{"login":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('","password":"x"}')]);
    assertRefused(await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: bytes, headers: { 'content-type': 'application/json' } }), 422, 'input.invalid_unicode', 'body.login');
    const form = await app.inject({ method: 'POST', url: '/login', payload: 'login=%FF&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' } });
    assertRefused(form, 400, 'input.bad_encoding', 'body.login');
  });

  it('refuses the headers the app reads when they carry control characters', async () => {
    const data = lostIdData();
    const res = await app.inject({ method: 'POST', url: '/api/v1/requests', payload: { serviceId: LOST_ID, data }, headers: { authorization: `Bearer ${citizen.token}`, 'idempotency-key': 'k\u0000' } });
    assertRefused(res, 422, 'input.control_character', 'headers.idempotency-key');
    assertRefused(await json('GET', '/api/v1/services', undefined, undefined, { 'accept-language': 'en\u0001' }), 422, 'input.control_character', 'headers.accept-language');
  });

  it('answers wrong types, wrong content types and an empty JSON body with a 4xx problem', async () => {
    const cases = [
      await json('POST', '/api/v1/auth/login', { login: 12, password: ['x'] }),
      await json('POST', '/api/v1/auth/login', [{ login: 'a', password: 'b' }]),
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '', headers: { 'content-type': 'application/json' } }),
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"login":', headers: { 'content-type': 'application/json' } }),
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: 'login=a', headers: { 'content-type': 'application/xml' } }),
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: 'login=a&password=b', headers: { 'content-type': 'text/plain' } }),
    ];
    for (const res of cases) {
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode} ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    }
  });

  it('shows a page form with a NUL the translated error page naming the field, in Arabic by default', async () => {
    const visitor = new Visitor(app, 'ar');
    await visitor.get('/login');
    const res = await visitor.post('/login', { login: 'a\u0000b', password: 'x' });
    assert.equal(res.statusCode, 422);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.ok(res.body.includes('رمز تحكم غير مقبول') && res.body.includes('body.login'), res.body);
    const multipart = await app.inject({
      method: 'POST',
      url: '/login',
      payload: '--b\r\nContent-Disposition: form-data; name="login"\r\n\r\na\u0000b\r\n--b--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=b', accept: 'application/json' },
    });
    assertRefused(multipart, 422, 'input.control_character', 'body.login');
  });
});
