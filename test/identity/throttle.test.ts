import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOGIN_DAILY_CAP } from '../../src/identity/index.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { aRegistryCitizen, anIp, GOOD_PASSWORD, identityApp, lastCodeSentTo, messagesTo, post, registerAccount } from './support.js';

/**
 * The sign-in throttle (NIST SP 800-63B 5.2.2, ADR 0008): a stranger's guesses slow the
 * stranger, not the owner; at the day's cap the owner gets in with a reset by code; and an
 * unknown login is answered exactly as a known one, also once throttled.
 */

const NEW_PASSWORD = 'Amber-Lighthouse-93';

describe(`sign-in throttle (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;

  const attempt = (login: string, password: string, ip: string) => post(app, '/api/v1/auth/login', { login, password }, { ip });

  /** Password then code, from one address: the owner at home. */
  async function ownerSignsIn(login: string, password: string, mobile: string, ip: string) {
    clock.advance(1000);
    const started = await attempt(login, password, ip);
    if (started.statusCode !== 202) return started;
    return post(app, `/api/v1/auth/challenges/${started.json().challengeId}`, { code: await lastCodeSentTo(database, mobile) }, { ip });
  }

  it("a stranger's wrong passwords slow the stranger, not the owner", async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    const stranger = anIp();
    const statuses = [];
    for (let i = 1; i <= 7; i++) statuses.push((await attempt(person.nationalId, `Wrong-Password-${i}`, stranger)).statusCode);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
    const slowed = await attempt(person.nationalId, GOOD_PASSWORD, stranger);
    assert.equal(slowed.statusCode, 429);
    assert.equal(slowed.json().code, 'identity.login_throttled');
    assert.equal(slowed.headers['retry-after'], '60');
    assert.match(slowed.json().detail, /try again today at \d{1,2}:\d{2} (am|pm)\. To sign in now, reset your password/);
    // The owner, from home, is not kept out.
    const owner = await ownerSignsIn(body.username, GOOD_PASSWORD, body.mobile, anIp());
    assert.equal(owner.statusCode, 200, owner.body);
    // The stranger's waits grow: 1 minute after the 5th failure, then 2 after the 6th.
    clock.advance(60_000);
    assert.equal((await attempt(person.nationalId, 'Wrong-Password-8', stranger)).statusCode, 401);
    clock.advance(60_000);
    assert.equal((await attempt(person.nationalId, 'Wrong-Password-9', stranger)).statusCode, 429);
    clock.advance(60_000);
    assert.equal((await attempt(person.nationalId, 'Wrong-Password-9', stranger)).statusCode, 401);
  });

  it("at the day's cap the owner is told, resets the password by code, which clears it, and signs in", async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    // Strangers from many addresses, 5 each (under every per-source rule), up to the cap.
    for (let i = 0; i < LOGIN_DAILY_CAP; i += 5) {
      const ip = anIp();
      for (let j = 0; j < 5; j++) assert.equal((await attempt(body.username, `Wrong-${i + j}-Password`, ip)).statusCode, 401);
    }
    assert.ok((await messagesTo(database, body.mobile)).some((m) => m.template === 'account.locked'), 'the owner is told by SMS');
    const capped = await ownerSignsIn(body.username, GOOD_PASSWORD, body.mobile, anIp());
    assert.equal(capped.statusCode, 429);
    assert.equal(capped.json().code, 'identity.login_throttled');
    assert.match(capped.json().detail, /try again tomorrow at 3:00 am/);

    clock.advance(1000);
    const reset = await post(app, '/api/v1/auth/password-reset', { nationalId: person.nationalId, mobile: body.mobile });
    assert.equal(reset.statusCode, 202, reset.body);
    const done = await post(app, `/api/v1/auth/password-reset/${reset.json().challengeId}`, { code: await lastCodeSentTo(database, body.mobile), newPassword: NEW_PASSWORD });
    assert.equal(done.statusCode, 200, done.body);
    const owner = await ownerSignsIn(body.username, NEW_PASSWORD, body.mobile, anIp());
    assert.equal(owner.statusCode, 200, owner.body);
  });

  it('answers an unknown login exactly as a known one: status, body and headers, also once throttled', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    const unknownId = person.nationalId === '1000000008' ? '1000000016' : '1000000008';
    const answers = async (login: string) => {
      const ip = anIp();
      const seen = [];
      for (let i = 1; i <= 7; i++) {
        const res = await attempt(login, `Wrong-Password-${i}`, ip);
        const { requestId: _id, ...rest } = res.json() as Record<string, unknown>;
        const { 'x-request-id': _rid, date: _date, ...headers } = res.headers;
        seen.push({ status: res.statusCode, body: rest, headers });
      }
      return seen;
    };
    const known = await answers(body.username);
    const unknown = await answers('no_such_user_here');
    assert.deepEqual(unknown, known);
    assert.deepEqual(await answers(unknownId), await answers(person.nationalId));
    assert.deepEqual(known.map((a) => a.status), [401, 401, 401, 401, 401, 429, 429]);

    // The sign-in page too: the same status and message, in Arabic, for either.
    const page = async (login: string) => {
      const v = new Visitor(app, 'ar');
      await v.get('/login');
      const seen = [];
      for (let i = 1; i <= 6; i++) {
        const res = await v.post('/login', { login, password: `Wrong-Password-${i}` });
        seen.push({ status: res.statusCode, message: /<div class="error-summary"[^]*?<p>([^<]+)<\/p>/.exec(res.body)?.[1] });
      }
      return seen;
    };
    const knownPage = await page(body.username);
    assert.deepEqual(await page('no_such_user_here'), knownPage);
    assert.equal(knownPage[5]!.status, 429);
    assert.match(knownPage[5]!.message!, /يمكنك المحاولة مرة أخرى اليوم الساعة \d{1,2}:\d{2} [صم]/);
  });
});
