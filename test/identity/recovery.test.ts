import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyPassword } from '../../src/identity/passwords.js';
import { engineUnderTest } from '../support/database.js';
import { aMobile, aRegistryCitizen, anIp, GOOD_PASSWORD, identityApp, lastCodeSentTo, messagesTo, post, registerAccount, signIn } from './support.js';

const NEW_PASSWORD = 'Amber-Lighthouse-93';

describe(`password reset (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;

  async function accountOf(username: string) {
    return database.db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  }

  it('resets with ID, mobile and code: new password, every session revoked, lock cleared, SMS, audit', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    const tokenA = await signIn(h, body.username, GOOD_PASSWORD, body.mobile);
    const tokenB = await signIn(h, body.username, GOOD_PASSWORD, body.mobile);
    await database.db.updateTable('accounts').set({ failed_logins: 3 }).where('username', '=', body.username).execute();

    clock.advance(1000);
    const started = await post(app, '/api/v1/auth/password-reset', { nationalId: person.nationalId, mobile: body.mobile });
    assert.equal(started.statusCode, 202, started.body);
    const { challengeId } = started.json() as { challengeId: string };
    const code = await lastCodeSentTo(database, body.mobile);
    assert.ok((await messagesTo(database, body.mobile)).some((m) => m.template === 'otp.reset_password'));

    const done = await post(app, `/api/v1/auth/password-reset/${challengeId}`, { code, newPassword: NEW_PASSWORD });
    assert.equal(done.statusCode, 200, done.body);
    const account = await accountOf(body.username);
    assert.ok(await verifyPassword(account.password_hash, NEW_PASSWORD));
    assert.equal(account.failed_logins, 0);
    for (const token of [tokenA, tokenB]) {
      assert.equal((await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
    }
    assert.ok((await messagesTo(database, body.mobile)).some((m) => m.template === 'account.password_changed'));
    const audit = await database.db.selectFrom('audit_log').select('action').where('actor_id', '=', account.id).execute();
    assert.ok(audit.some((a) => a.action === 'identity.password_reset'));
    await assert.rejects(signIn(h, body.username, GOOD_PASSWORD, body.mobile), /login: 401/);
    await signIn(h, body.username, NEW_PASSWORD, body.mobile);
    // The code is single use.
    const again = await post(app, `/api/v1/auth/password-reset/${challengeId}`, { code, newPassword: 'Another-Quiet-Path-7' });
    assert.equal(again.statusCode, 410);
  });

  it('answers a wrong mobile or an unknown ID exactly like a match, and sends nothing', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    const stranger = aMobile();
    const unregistered = await aRegistryCitizen(database);
    const answers = [];
    for (const payload of [
      { nationalId: person.nationalId, mobile: body.mobile },
      { nationalId: person.nationalId, mobile: stranger },
      { nationalId: unregistered.nationalId, mobile: unregistered.mobile! },
    ]) {
      clock.advance(1000);
      answers.push(await post(app, '/api/v1/auth/password-reset', payload));
    }
    for (const answer of answers) {
      assert.equal(answer.statusCode, 202);
      assert.deepEqual(Object.keys(answer.json()), ['challengeId']);
      assert.equal(answer.headers['content-length'], answers[0]!.headers['content-length']);
    }
    assert.equal((await messagesTo(database, stranger)).length, 0);
    assert.equal((await messagesTo(database, unregistered.mobile!)).length, 0);
    // A decoy fails like a wrong code, never succeeds.
    const decoy = await post(app, `/api/v1/auth/password-reset/${answers[1]!.json().challengeId}`, { code: '123456', newPassword: NEW_PASSWORD });
    assert.equal(decoy.statusCode, 422);
    assert.equal(decoy.json().code, 'identity.code_wrong');
  });

  it('refuses a weak new password and keeps the code usable', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    clock.advance(1000);
    const started = await post(app, '/api/v1/auth/password-reset', { nationalId: person.nationalId, mobile: body.mobile });
    const { challengeId } = started.json() as { challengeId: string };
    const code = await lastCodeSentTo(database, body.mobile);
    const common = await post(app, `/api/v1/auth/password-reset/${challengeId}`, { code, newPassword: 'password' });
    assert.equal(common.statusCode, 422);
    assert.equal(common.json().code, 'identity.password_weak');
    const withId = await post(app, `/api/v1/auth/password-reset/${challengeId}`, { code, newPassword: `x${person.nationalId}y` });
    assert.equal(withId.statusCode, 422);
    assert.equal(withId.json().code, 'identity.password_weak');
    const ok = await post(app, `/api/v1/auth/password-reset/${challengeId}`, { code, newPassword: NEW_PASSWORD });
    assert.equal(ok.statusCode, 200, ok.body);
  });

  it('is rate limited per ID number and mobile, so a stranger typing the ID with other numbers cannot use up the owner\'s', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    const ownMobile = body.mobile;
    const strangerMobile = aMobile();
    let last;
    for (let i = 0; i < 6; i++) last = await post(app, '/api/v1/auth/password-reset', { nationalId: person.nationalId, mobile: strangerMobile }, { ip: anIp() });
    assert.equal(last!.statusCode, 429);
    assert.ok(last!.headers['retry-after']);
    for (let i = 0; i < 6; i++) await post(app, '/api/v1/auth/password-reset', { nationalId: person.nationalId, mobile: aMobile() }, { ip: anIp() });
    clock.advance(1000);
    const owner = await post(app, '/api/v1/auth/password-reset', { nationalId: person.nationalId, mobile: ownMobile }, { ip: anIp() });
    assert.equal(owner.statusCode, 202, owner.body);
  });
});
