import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MINUTE_MS, SECOND_MS } from '../../src/kernel/clock.js';
import { withCheckDigit } from '../../src/kernel/national-id.js';
import { engineUnderTest } from '../support/database.js';
import { aMobile, aRegistryCitizen, identityApp, lastCodeSentTo, messagesTo, post, registerAccount, registerBody } from './support.js';

describe(`registration (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;

  it('registers with the registry mobile: code by SMS, then an active account', async () => {
    const person = await aRegistryCitizen(database);
    const body = registerBody(person);
    const res = await post(app, '/api/v1/auth/register', body);
    assert.equal(res.statusCode, 202);
    const { challengeId } = res.json() as { challengeId: string };
    assert.match(challengeId, /^[0-9a-f-]{36}$/);
    const code = await lastCodeSentTo(database, body.mobile);
    assert.match(code!, /^\d{6}$/);

    const done = await post(app, `/api/v1/auth/challenges/${challengeId}`, { code });
    assert.equal(done.statusCode, 201, done.body);
    assert.equal(done.json().status, 'active');
    const account = await database.db.selectFrom('accounts').selectAll().where('username', '=', body.username).executeTakeFirstOrThrow();
    assert.equal(account.status, 'active');
    assert.equal(account.activation_method, 'registry_mobile');
    assert.match(account.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    // The challenge never held the password, only its hash.
    const challenge = await database.db.selectFrom('otp_challenges').selectAll().where('id', '=', challengeId).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(challenge.payload).includes(body.password));
    assert.notEqual(challenge.code_hash, code);
    const audit = await database.db.selectFrom('audit_log').select('action').where('subject_person_id', '=', account.person_id).execute();
    assert.ok(audit.some((a) => a.action === 'identity.account_registered_active'));

    // The same code cannot be used twice.
    const again = await post(app, `/api/v1/auth/challenges/${challengeId}`, { code });
    assert.equal(again.statusCode, 410);
    assert.equal(again.json().code, 'identity.code_used');
  });

  it('registers with another mobile as "registered" and says how to activate', async () => {
    const person = await aRegistryCitizen(database);
    const { result } = await registerAccount(h, person, { mobile: aMobile() });
    assert.equal(result.status, 'registered');
    assert.match(result.message, /office|kiosk|bank/);
  });

  it('answers a wrong birth date, an unknown ID and an existing account the same way, and never completes', async () => {
    const person = await aRegistryCitizen(database);
    const registered = await aRegistryCitizen(database);
    await registerAccount(h, registered);
    const accounts = () => database.db.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const before = Number((await accounts()).n);
    const unknown = registerBody(await aRegistryCitizen(database), { nationalId: withCheckDigit('199999999') });
    const cases = [
      registerBody(person, { dateOfBirth: '1970-01-02' }),
      unknown,
      registerBody(registered, { mobile: aMobile() }),
    ];
    for (const body of cases) {
      const res = await post(app, '/api/v1/auth/register', body);
      assert.equal(res.statusCode, 202, res.body);
      assert.deepEqual(Object.keys(res.json()), ['challengeId']);
      assert.equal(await lastCodeSentTo(database, body.mobile), undefined, 'no SMS for a decoy');
      const { challengeId } = res.json() as { challengeId: string };
      for (const code of ['000000', '123456']) {
        const answer = await post(app, `/api/v1/auth/challenges/${challengeId}`, { code });
        assert.equal(answer.statusCode, 422);
        assert.equal(answer.json().code, 'identity.code_wrong');
      }
    }
    assert.equal(Number((await accounts()).n), before);
  });

  it('kills a challenge after 3 wrong codes', async () => {
    const person = await aRegistryCitizen(database);
    const body = registerBody(person);
    const { challengeId } = (await post(app, '/api/v1/auth/register', body)).json() as { challengeId: string };
    const right = await lastCodeSentTo(database, body.mobile);
    const wrong = right === '111111' ? '222222' : '111111';
    const first = await post(app, `/api/v1/auth/challenges/${challengeId}`, { code: wrong });
    assert.equal(first.json().code, 'identity.code_wrong');
    assert.match(first.json().detail, /Attempts left: 2/);
    await post(app, `/api/v1/auth/challenges/${challengeId}`, { code: wrong });
    const third = await post(app, `/api/v1/auth/challenges/${challengeId}`, { code: wrong });
    assert.equal(third.json().code, 'identity.code_attempts_exhausted');
    const late = await post(app, `/api/v1/auth/challenges/${challengeId}`, { code: right! });
    assert.equal(late.statusCode, 410);
    assert.equal(late.json().code, 'identity.code_attempts_exhausted');
  });

  it('lets a code expire after 5 minutes', async () => {
    const person = await aRegistryCitizen(database);
    const body = registerBody(person);
    const { challengeId } = (await post(app, '/api/v1/auth/register', body)).json() as { challengeId: string };
    const code = await lastCodeSentTo(database, body.mobile);
    clock.advance(5 * MINUTE_MS);
    const res = await post(app, `/api/v1/auth/challenges/${challengeId}`, { code });
    assert.equal(res.statusCode, 410);
    assert.equal(res.json().code, 'identity.code_expired');
  });

  it('refuses a resend within 60 seconds and a 6th code within an hour', async () => {
    const person = await aRegistryCitizen(database);
    const body = registerBody(person);
    const { challengeId } = (await post(app, '/api/v1/auth/register', body)).json() as { challengeId: string };
    const first = await lastCodeSentTo(database, body.mobile);
    clock.advance(30 * SECOND_MS);
    const early = await post(app, `/api/v1/auth/challenges/${challengeId}/resend`, {});
    assert.equal(early.statusCode, 429);
    assert.equal(early.json().code, 'identity.resend_too_soon');
    assert.match(early.json().detail, /30 seconds/);
    for (let send = 2; send <= 5; send++) {
      clock.advance(61 * SECOND_MS);
      const res = await post(app, `/api/v1/auth/challenges/${challengeId}/resend`, {});
      assert.equal(res.statusCode, 202, `send ${send}: ${res.body}`);
    }
    assert.equal((await messagesTo(database, body.mobile)).length, 5);
    const latest = await lastCodeSentTo(database, body.mobile);
    clock.advance(61 * SECOND_MS);
    const sixth = await post(app, `/api/v1/auth/challenges/${challengeId}/resend`, {});
    assert.equal(sixth.statusCode, 429);
    assert.equal(sixth.json().code, 'identity.send_limit_reached');
    // A new registration for the same ID counts against the same hour.
    const again = await post(app, '/api/v1/auth/register', { ...body, username: `${body.username}x` });
    assert.equal(again.json().code, 'identity.send_limit_reached');
    // Only the latest code works.
    if (first !== latest) {
      const old = await post(app, `/api/v1/auth/challenges/${challengeId}`, { code: first });
      assert.equal(old.json().code, 'identity.code_wrong');
    }
    const ok = await post(app, `/api/v1/auth/challenges/${challengeId}`, { code: latest });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  it('says when a username is taken, in any case', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    const other = await aRegistryCitizen(database);
    const res = await post(app, '/api/v1/auth/register', registerBody(other, { username: body.username.toUpperCase() }));
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().code, 'identity.username_taken');
  });

  it('moves a mobile from the account that held it and tells its owner by e-mail', async () => {
    const first = await aRegistryCitizen(database);
    const shared = aMobile();
    const { body: firstBody } = await registerAccount(h, first, { mobile: shared });
    const second = await aRegistryCitizen(database, { mobile: shared });
    await registerAccount(h, second, { mobile: shared });
    const holder = await database.db.selectFrom('accounts').select(['mobile']).where('username', '=', firstBody.username).executeTakeFirstOrThrow();
    assert.equal(holder.mobile, null);
    const mail = await messagesTo(database, firstBody.email);
    assert.equal(mail.length, 1);
    assert.equal(mail[0]!.template, 'account.mobile_moved');
    assert.equal(mail[0]!.channel, 'email');
  });

  it('explains each broken password rule as a field error', async () => {
    const person = await aRegistryCitizen(database);
    const cases: Array<[string, RegExp]> = [
      ['short1!', /at least 8/],
      ['password1', /common/],
      ['P@ssw0rd', /common/],
      [`x${person.nationalId}`, /ID number/],
    ];
    for (const [password, message] of cases) {
      const res = await post(app, '/api/v1/auth/register', registerBody(person, { password }));
      assert.equal(res.statusCode, 422, password);
      assert.equal(res.json().code, 'identity.password_weak');
      assert.ok(res.json().errors.some((e: { field: string; message: string }) => e.field === 'password' && message.test(e.message)), `${password}: ${res.body}`);
    }
    const body = registerBody(person);
    const withName = await post(app, '/api/v1/auth/register', { ...body, password: `My${body.username.toUpperCase()}pass` });
    assert.match(withName.body, /must not contain the username/);
    // Five tries per ID number in 10 minutes: the Arabic answer is checked on another person.
    const arabicBody = registerBody(await aRegistryCitizen(database), { password: 'qwerty123' });
    const arabic = await app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: arabicBody, remoteAddress: '10.9.9.9' });
    assert.match(arabic.json().errors[0].message, /[\u0600-\u06FF]/);
  });
});
