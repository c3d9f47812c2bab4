import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MINUTE_MS } from '../../src/kernel/clock.js';
import { sha256Hex } from '../../src/identity/secrets.js';
import { engineUnderTest } from '../support/database.js';
import { aMobile, aRegistryCitizen, GOOD_PASSWORD, identityApp, lastCodeSentTo, post, registerAccount, signIn } from './support.js';

describe(`login, tokens and logout (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;

  it('signs in by username or ID number with a code, serves /me, and logs out', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    const token = await signIn(h, body.username.toUpperCase(), GOOD_PASSWORD, body.mobile);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);

    const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().person.nationalId, person.nationalId);
    assert.equal(me.json().account.username, body.username);
    assert.match(me.json().account.mobile, /^05X+\d{3}$/);

    // The database holds only the token's hash.
    const sessions = await database.db.selectFrom('sessions').selectAll().execute();
    assert.ok(sessions.every((s) => s.token_hash !== token));
    assert.ok(sessions.some((s) => s.token_hash === sha256Hex(token) && s.kind === 'api'));

    const byId = await signIn(h, person.nationalId, GOOD_PASSWORD, body.mobile);
    assert.notEqual(byId, token);

    const out = await post(app, '/api/v1/auth/logout', {}, { token });
    assert.equal(out.statusCode, 204);
    const after = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(after.statusCode, 401);
    assert.equal(after.json().code, 'identity.unauthenticated');
    // The other token still works.
    assert.equal((await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${byId}` } })).statusCode, 200);
  });

  it('lets a registered (not activated) account sign in, and the token says so', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person, { mobile: aMobile() });
    clock.advance(1000);
    const started = await post(app, '/api/v1/auth/login', { login: body.username, password: GOOD_PASSWORD });
    const { challengeId } = started.json() as { challengeId: string };
    const done = await post(app, `/api/v1/auth/challenges/${challengeId}`, { code: await lastCodeSentTo(database, body.mobile) });
    assert.equal(done.json().accountStatus, 'registered');
    const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${done.json().token}` } });
    assert.equal(me.json().account.status, 'registered');
  });

  it('answers a wrong password and an unknown login alike', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    const wrong = await post(app, '/api/v1/auth/login', { login: body.username, password: 'Not-The-Password-1' });
    const unknown = await post(app, '/api/v1/auth/login', { login: 'nobody_here', password: 'Not-The-Password-1' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.json().detail, unknown.json().detail);
    assert.equal(wrong.json().code, 'identity.login_failed');
  });

  it('ends API tokens at the absolute limit', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    const token = await signIn(h, body.username, GOOD_PASSWORD, body.mobile);
    clock.advance(12 * 60 * MINUTE_MS - MINUTE_MS);
    assert.equal((await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
    clock.advance(MINUTE_MS);
    assert.equal((await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
  });

  it('rate-limits sign-in per IP with 429 and Retry-After', async () => {
    const ip = '10.200.0.1';
    let last;
    for (let i = 0; i < 11; i++) last = await post(app, '/api/v1/auth/login', { login: `someone${i}`, password: 'Whatever-123' }, { ip });
    assert.equal(last!.statusCode, 429);
    assert.equal(last!.json().code, 'http.rate_limited');
    assert.ok(Number(last!.headers['retry-after']) > 0);
    assert.match(last!.json().detail, /wait \d+ seconds/);
    // Per login, the throttle of test/identity/throttle.test.ts takes over (per login and source).
  });
});
