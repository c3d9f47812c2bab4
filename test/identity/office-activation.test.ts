import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAY_MS, MINUTE_MS } from '../../src/kernel/clock.js';
import { REFERENCE_ALPHABET } from '../../src/kernel/reference.js';
import { engineUnderTest } from '../support/database.js';
import { aStaffMember, get, staffSignIn } from './staff-support.js';
import { aMobile, aRegistryCitizen, GOOD_PASSWORD, identityApp, messagesTo, post, registerAccount, signIn } from './support.js';

describe(`office activation codes (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;
  const officer = await aStaffMember(h, { agency: 'civil-affairs', role: 'officer' });
  const kiosk = await aStaffMember(h, { agency: 'general', role: 'kiosk' });
  let officerToken = await staffSignIn(h, officer);

  /** A registered (not activated) account, signed in: its mobile is not the registry's. */
  async function aRegisteredAccount() {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person, { mobile: aMobile() });
    const token = await signIn(h, body.username, GOOD_PASSWORD, body.mobile);
    return { person, body, token };
  }

  async function issue(nationalId: string, purpose = 'activate', token = officerToken) {
    const res = await post(app, '/api/v1/staff/activation-codes', { nationalId, purpose }, { token });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { code: string; expiresAt: string };
  }

  async function status(token: string) {
    return (await get(h, '/api/v1/me', token)).json().account.status as string;
  }

  it('an officer issues a code; the person activates with it, once', async () => {
    const { person, body, token } = await aRegisteredAccount();
    const { code, expiresAt } = await issue(person.nationalId);
    assert.equal(code.length, 10);
    assert.ok([...code].every((c) => REFERENCE_ALPHABET.includes(c)));
    assert.equal(new Date(expiresAt).getTime(), clock.now().getTime() + DAY_MS);
    const stored = await database.db.selectFrom('activation_codes').selectAll().execute();
    assert.ok(stored.every((row) => !row.code_hash.includes(code)));

    const typed = `${code.slice(0, 5).toLowerCase()} ${code.slice(5)}`;
    const res = await post(app, '/api/v1/auth/activate', { nationalId: person.nationalId, code: typed }, { token });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(await status(token), 'active');
    const account = await database.db.selectFrom('accounts').selectAll().where('username', '=', body.username).executeTakeFirstOrThrow();
    assert.equal(account.activation_method, 'office_code');
    assert.ok((await messagesTo(database, body.mobile)).some((m) => m.template === 'account.activated'));
    const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'identity.activation_code_issued').execute();
    assert.ok(audit.some((a) => a.actor_id === officer.id));
    const reuse = await post(app, '/api/v1/auth/activate', { nationalId: person.nationalId, code }, { token });
    assert.equal(reuse.statusCode, 409);
    assert.equal(reuse.json().code, 'identity.already_active');
    const used = await database.db.selectFrom('activation_codes').select('used_at').where('person_id', '=', account.person_id).executeTakeFirstOrThrow();
    assert.ok(used.used_at);
  });

  it('a kiosk may issue codes; an admin may not; no token, no code', async () => {
    const { person } = await aRegisteredAccount();
    await issue(person.nationalId, 'activate', await staffSignIn(h, kiosk));
    const admin = await aStaffMember(h, { agency: 'civil-affairs', role: 'admin' });
    const byAdmin = await post(app, '/api/v1/staff/activation-codes', { nationalId: person.nationalId, purpose: 'activate' }, { token: await staffSignIn(h, admin) });
    assert.equal(byAdmin.statusCode, 403);
    assert.equal((await post(app, '/api/v1/staff/activation-codes', { nationalId: person.nationalId, purpose: 'activate' })).statusCode, 401);
  });

  it('a code expires after 24 hours', async () => {
    const { person, body } = await aRegisteredAccount();
    const { code } = await issue(person.nationalId);
    // Sessions last 12 hours: both sides sign in again a day later.
    clock.advance(DAY_MS);
    officerToken = await staffSignIn(h, officer);
    const token = await signIn(h, body.username, GOOD_PASSWORD, body.mobile);
    const res = await post(app, '/api/v1/auth/activate', { nationalId: person.nationalId, code }, { token });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().code, 'identity.activation_code_invalid');
    assert.equal(await status(token), 'registered');
  });

  it('3 wrong codes kill the code and count on the account', async () => {
    const { person, body, token } = await aRegisteredAccount();
    const { code } = await issue(person.nationalId);
    const wrong = code.startsWith('A') ? 'CCCCCCCCCC' : 'AAAAAAAAAA';
    const first = await post(app, '/api/v1/auth/activate', { nationalId: person.nationalId, code: wrong }, { token });
    assert.equal(first.json().code, 'identity.activation_code_wrong');
    assert.match(first.json().detail, /Attempts left: 2/);
    await post(app, '/api/v1/auth/activate', { nationalId: person.nationalId, code: wrong }, { token });
    const third = await post(app, '/api/v1/auth/activate', { nationalId: person.nationalId, code: wrong }, { token });
    assert.equal(third.json().code, 'identity.activation_code_invalid');
    const right = await post(app, '/api/v1/auth/activate', { nationalId: person.nationalId, code }, { token });
    assert.equal(right.statusCode, 422);
    assert.equal(await status(token), 'registered');
    const account = await database.db.selectFrom('accounts').select('failed_logins').where('username', '=', body.username).executeTakeFirstOrThrow();
    assert.ok(account.failed_logins >= 3);
  });

  it('a new code retires the older unused one', async () => {
    const { person, token } = await aRegisteredAccount();
    const old = await issue(person.nationalId);
    clock.advance(MINUTE_MS);
    const fresh = await issue(person.nationalId);
    const byOld = await post(app, '/api/v1/auth/activate', { nationalId: person.nationalId, code: old.code }, { token });
    assert.equal(byOld.statusCode, 422);
    const byNew = await post(app, '/api/v1/auth/activate', { nationalId: person.nationalId, code: fresh.code }, { token });
    assert.equal(byNew.statusCode, 200, byNew.body);
  });

  it("a code works only for its person, with that person's session", async () => {
    const a = await aRegisteredAccount();
    const b = await aRegisteredAccount();
    const { code } = await issue(a.person.nationalId);
    const other = await post(app, '/api/v1/auth/activate', { nationalId: a.person.nationalId, code }, { token: b.token });
    assert.equal(other.statusCode, 422);
    const own = await post(app, '/api/v1/auth/activate', { nationalId: a.person.nationalId, code }, { token: a.token });
    assert.equal(own.statusCode, 200, own.body);
  });
});
