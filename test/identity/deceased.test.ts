import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RecordOf } from '../../src/registry/index.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { aStaffMember, staffSignIn } from './staff-support.js';
import { addPersons, aMobile, aRegistryCitizen, GOOD_PASSWORD, identityApp, lastCodeSentTo, messagesTo, post, registerAccount, registerBody, signIn } from './support.js';

/** Accounts follow the registry: a death recorded ends every use of the account (issue 16, item 8). */
describe(`a deceased person's account (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;
  const DECEASED = /civil registry records its holder as deceased/;
  const DECEASED_AR = /يفيد السجل المدني بوفاة صاحبها/;

  /** The registry records the person's death (as its import does: the record is replaced). */
  async function recordDeath(person: RecordOf<'person'>) {
    await addPersons(database, [{ ...person, deceased: true }]);
  }

  async function otpCount(mobile: string) {
    return (await messagesTo(database, mobile)).filter((m) => m.template.startsWith('otp.')).length;
  }

  it('refuses sign-in with the reason, and sends no code', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    await recordDeath(person);
    const before = await otpCount(body.mobile);
    clock.advance(1000);
    const res = await post(app, '/api/v1/auth/login', { login: body.username, password: GOOD_PASSWORD });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().code, 'identity.person_deceased');
    assert.match(res.json().detail, DECEASED);
    assert.equal(await otpCount(body.mobile), before);
    // A wrong password is still just a wrong password: the death is told only to who knows it.
    const wrong = await post(app, '/api/v1/auth/login', { login: body.username, password: 'Not-The-Password-1' });
    assert.equal(wrong.json().code, 'identity.login_failed');
  });

  it('ends open tokens at their next use, with the reason, and revokes them', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    const token = await signIn(h, body.username, GOOD_PASSWORD, body.mobile);
    assert.equal((await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 200);
    await recordDeath(person);
    for (let i = 0; i < 2; i++) {
      const res = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'identity.person_deceased');
    }
    const account = await database.db.selectFrom('accounts').select('id').where('username', '=', body.username).executeTakeFirstOrThrow();
    const live = await database.db.selectFrom('sessions').select('id').where('account_id', '=', account.id).where('revoked_at', 'is', null).execute();
    assert.deepEqual(live, []);
    const audit = await database.db.selectFrom('audit_log').select('action').where('action', '=', 'identity.session_ended').execute();
    assert.ok(audit.length >= 1);
  });

  it('refuses a login code answered after the death was recorded', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    clock.advance(1000);
    const started = await post(app, '/api/v1/auth/login', { login: body.username, password: GOOD_PASSWORD });
    const { challengeId } = started.json() as { challengeId: string };
    await recordDeath(person);
    const done = await post(app, `/api/v1/auth/challenges/${challengeId}`, { code: await lastCodeSentTo(database, body.mobile) });
    assert.equal(done.statusCode, 403, done.body);
    assert.equal(done.json().code, 'identity.person_deceased');
  });

  it('refuses registering a deceased person at once (no decoy, no SMS); a wrong birth date still gets the decoy', async () => {
    const person = await aRegistryCitizen(database, { deceased: true });
    const body = registerBody(person, { mobile: aMobile() });
    const res = await post(app, '/api/v1/auth/register', body);
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().code, 'identity.person_deceased');
    assert.deepEqual(await messagesTo(database, body.mobile), []);
    const challenges = await database.db.selectFrom('otp_challenges').select('id').where('mobile', '=', body.mobile).execute();
    assert.deepEqual(challenges, []);
    // Without the right date of birth nothing is said about the person.
    const other = await post(app, '/api/v1/auth/register', registerBody(person, { mobile: aMobile(), dateOfBirth: '1970-01-01' }));
    assert.equal(other.statusCode, 202, other.body);
  });

  it('refuses a password reset with the account’s own mobile, and a reset code answered after the death', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    clock.advance(1000);
    const started = await post(app, '/api/v1/auth/password-reset', { nationalId: person.nationalId, mobile: body.mobile });
    assert.equal(started.statusCode, 202);
    const { challengeId } = started.json() as { challengeId: string };
    const code = await lastCodeSentTo(database, body.mobile);
    await recordDeath(person);
    const done = await post(app, `/api/v1/auth/password-reset/${challengeId}`, { code, newPassword: 'Amber-Lighthouse-93' });
    assert.equal(done.statusCode, 403, done.body);
    assert.equal(done.json().code, 'identity.person_deceased');
    const before = await otpCount(body.mobile);
    clock.advance(120_000);
    const again = await post(app, '/api/v1/auth/password-reset', { nationalId: person.nationalId, mobile: body.mobile });
    assert.equal(again.statusCode, 403, again.body);
    assert.equal(again.json().code, 'identity.person_deceased');
    assert.equal(await otpCount(body.mobile), before);
  });

  it('tells an office officer, instead of "not found", when asked for an activation code', async () => {
    const officer = await aStaffMember(h, { agency: 'civil-affairs', role: 'officer' });
    const token = await staffSignIn(h, officer);
    const person = await aRegistryCitizen(database, { deceased: true });
    const res = await post(app, '/api/v1/staff/activation-codes', { nationalId: person.nationalId, purpose: 'activate' }, { token });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().code, 'identity.person_deceased');
  });

  it('on the pages: an open session ends with the message in Arabic, then the portal is signed out; login and register say it too', async () => {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    const v = new Visitor(app, 'ar');
    await v.get('/login');
    clock.advance(1000);
    const started = await v.post('/login', { login: body.username, password: GOOD_PASSWORD });
    assert.equal(started.statusCode, 303, started.body);
    const codeUrl = started.headers.location as string;
    await v.get(codeUrl);
    const done = await v.post(codeUrl, { code: (await lastCodeSentTo(database, body.mobile))! });
    assert.equal(done.statusCode, 303, done.body);
    assert.equal((await v.get('/me')).statusCode, 200);

    await recordDeath(person);
    const ended = await v.get('/me');
    assert.equal(ended.statusCode, 403);
    assert.match(ended.body, DECEASED_AR);
    assert.equal(v.cookies.tayseer_session, undefined);
    const after = await v.get('/me');
    assert.equal(after.statusCode, 303);
    assert.match(after.headers.location as string, /^\/login/);

    await v.get('/login');
    clock.advance(1000);
    const refused = await v.post('/login', { login: body.username, password: GOOD_PASSWORD });
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, DECEASED_AR);

    const other = await aRegistryCitizen(database, { deceased: true });
    await v.get('/register');
    const name = `dead_${process.pid}_${Date.now() % 100000}`;
    const register = await v.post('/register', {
      nationalId: other.nationalId, dateOfBirth: other.birthDate, mobile: aMobile(), email: `${name}@example.test`,
      username: name, password: GOOD_PASSWORD, passwordConfirm: GOOD_PASSWORD, language: 'ar',
    });
    assert.equal(register.statusCode, 403, register.body);
    assert.match(register.body, DECEASED_AR);
  });
});
