import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { aStaffMember, get, staffSignIn } from './staff-support.js';
import { aMobile, aRegistryCitizen, GOOD_PASSWORD, identityApp, lastCodeSentTo, messagesTo, post, registerAccount, signIn } from './support.js';

describe(`change of mobile (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;

  async function aSignedInAccount() {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person);
    const token = await signIn(h, body.username, GOOD_PASSWORD, body.mobile);
    return { person, body, token };
  }

  async function start(token: string, payload: object) {
    clock.advance(1000);
    return post(app, '/api/v1/me/mobile', payload, { token });
  }

  const mobileOf = async (username: string) =>
    (await database.db.selectFrom('accounts').select('mobile').where('username', '=', username).executeTakeFirstOrThrow()).mobile;

  it('needs the codes sent to the old and the new number; both numbers are told', async () => {
    const { body, token } = await aSignedInAccount();
    const newMobile = aMobile();
    const started = await start(token, { newMobile });
    assert.equal(started.statusCode, 202, started.body);
    const { oldChallengeId, newChallengeId } = started.json() as { oldChallengeId: string; newChallengeId: string };
    const oldCode = (await lastCodeSentTo(database, body.mobile))!;
    const newCode = (await lastCodeSentTo(database, newMobile))!;

    const wrongNew = await post(app, '/api/v1/me/mobile/confirm', { oldChallengeId, oldCode, newChallengeId, newCode: newCode === '000000' ? '111111' : '000000' }, { token });
    assert.equal(wrongNew.statusCode, 422);
    assert.equal(await mobileOf(body.username), body.mobile);
    const swapped = await post(app, '/api/v1/me/mobile/confirm', { oldChallengeId: newChallengeId, oldCode: newCode, newChallengeId: oldChallengeId, newCode: oldCode }, { token });
    assert.equal(swapped.statusCode, 404);
    // The old code alone is not enough: the new-number code is required (and vice versa).
    const done = await post(app, '/api/v1/me/mobile/confirm', { oldChallengeId, oldCode, newChallengeId, newCode }, { token });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(await mobileOf(body.username), newMobile);
    for (const to of [body.mobile, newMobile]) {
      assert.ok((await messagesTo(database, to)).some((m) => m.template === 'account.mobile_changed'), to);
    }
    const audit = await database.db.selectFrom('audit_log').select('action').where('action', '=', 'identity.mobile_changed').execute();
    assert.equal(audit.length, 1);
  });

  it("another account's codes cannot be used", async () => {
    const a = await aSignedInAccount();
    const b = await aSignedInAccount();
    const newMobile = aMobile();
    const started = await start(a.token, { newMobile });
    const { oldChallengeId, newChallengeId } = started.json() as { oldChallengeId: string; newChallengeId: string };
    const body = { oldChallengeId, oldCode: await lastCodeSentTo(database, a.body.mobile), newChallengeId, newCode: await lastCodeSentTo(database, newMobile) };
    const byB = await post(app, '/api/v1/me/mobile/confirm', body, { token: b.token });
    assert.equal(byB.statusCode, 404);
    assert.equal(await mobileOf(b.body.username), b.body.mobile);
  });

  it('takes the number from the account that held it; its owner is told by e-mail', async () => {
    const holder = await aSignedInAccount();
    const { body, token } = await aSignedInAccount();
    const started = await start(token, { newMobile: holder.body.mobile });
    const { oldChallengeId, newChallengeId } = started.json() as { oldChallengeId: string; newChallengeId: string };
    const oldCode = await lastCodeSentTo(database, body.mobile);
    const newCode = await lastCodeSentTo(database, holder.body.mobile);
    const done = await post(app, '/api/v1/me/mobile/confirm', { oldChallengeId, oldCode, newChallengeId, newCode }, { token });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(await mobileOf(body.username), holder.body.mobile);
    assert.equal(await mobileOf(holder.body.username), null);
    assert.ok((await messagesTo(database, holder.body.email)).some((m) => m.template === 'account.mobile_moved'));
  });

  it('a lost old number goes through an office code of purpose change_mobile', async () => {
    const { person, body, token } = await aSignedInAccount();
    const officer = await aStaffMember(h, { agency: 'civil-affairs', role: 'officer' });
    const officerToken = await staffSignIn(h, officer);
    const newMobile = aMobile();

    // An activation code of the other purpose does not serve, and no SMS goes out on its word.
    const wrongPurpose = await post(app, '/api/v1/staff/activation-codes', { nationalId: person.nationalId, purpose: 'activate' }, { token: officerToken });
    const refused = await start(token, { newMobile, activationCode: wrongPurpose.json().code });
    assert.equal(refused.statusCode, 422);
    assert.equal((await messagesTo(database, newMobile)).length, 0);

    const issued = await post(app, '/api/v1/staff/activation-codes', { nationalId: person.nationalId, purpose: 'change_mobile' }, { token: officerToken });
    const { code: activationCode } = issued.json() as { code: string };
    const started = await start(token, { newMobile, activationCode });
    assert.equal(started.statusCode, 202, started.body);
    assert.equal(started.json().oldChallengeId, null);
    const { newChallengeId } = started.json() as { newChallengeId: string };
    const newCode = await lastCodeSentTo(database, newMobile);
    const done = await post(app, '/api/v1/me/mobile/confirm', { activationCode, newChallengeId, newCode }, { token });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(await mobileOf(body.username), newMobile);
    const used = await database.db.selectFrom('activation_codes').select('used_at').where('purpose', '=', 'change_mobile').execute();
    assert.ok(used.every((row) => row.used_at !== null));
    assert.equal((await get(h, '/api/v1/me', token)).statusCode, 200);
  });

  it('refuses the current number and an unauthenticated call', async () => {
    const { body, token } = await aSignedInAccount();
    const same = await start(token, { newMobile: body.mobile });
    assert.equal(same.statusCode, 422);
    assert.equal(same.json().code, 'identity.mobile_unchanged');
    assert.equal((await post(app, '/api/v1/me/mobile', { newMobile: aMobile() })).statusCode, 401);
  });
});
