import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { MINUTE_MS } from '../../src/kernel/clock.js';
import { engineUnderTest } from '../support/database.js';
import { aMobile, aRegistryCitizen, identityApp, messagesTo, registerAccount } from './support.js';

const SECRET = 'test-bank-secret-0123456789';

describe(`bank activation partner API (${engineUnderTest})`, async () => {
  const h = await identityApp({ BANK_PARTNER_SECRETS: `testbank:${SECRET}` });
  const { app, database, clock } = h;

  function send(body: object | string, options: { timestamp?: string; secret?: string; bank?: string; signature?: string } = {}) {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const timestamp = options.timestamp ?? String(Math.floor(clock.now().getTime() / 1000));
    const signature = options.signature ?? createHmac('sha256', options.secret ?? SECRET).update(`${timestamp}.${raw}`).digest('hex');
    return app.inject({
      method: 'POST',
      url: '/api/v1/partners/bank/activations',
      payload: raw,
      headers: { 'content-type': 'application/json', 'x-bank-code': options.bank ?? 'testbank', 'x-timestamp': timestamp, 'x-signature': signature },
    });
  }

  async function registeredPerson() {
    const person = await aRegistryCitizen(database);
    const { body } = await registerAccount(h, person, { mobile: aMobile() });
    return { nationalId: person.nationalId, dateOfBirth: person.birthDate, mobile: body.mobile, username: body.username };
  }

  it('activates a registered account once, and answers a replay with the same result', async () => {
    const p = await registeredPerson();
    const body = { bankReference: 'REF-1', nationalId: p.nationalId, dateOfBirth: p.dateOfBirth, mobile: p.mobile };
    const first = await send(body);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().result, 'activated');
    const account = await database.db.selectFrom('accounts').selectAll().where('username', '=', p.username).executeTakeFirstOrThrow();
    assert.equal(account.status, 'active');
    assert.equal(account.activation_method, 'bank');
    assert.ok((await messagesTo(database, p.mobile)).some((m) => m.template === 'account.activated'));

    clock.advance(MINUTE_MS);
    // Same meaning, other key order: the same request.
    const replay = await send({ mobile: p.mobile, nationalId: p.nationalId, dateOfBirth: p.dateOfBirth, bankReference: 'REF-1' });
    assert.equal(replay.statusCode, 200);
    assert.deepEqual(replay.json(), first.json());
  });

  it('answers 409 for the same reference with another body', async () => {
    const p = await registeredPerson();
    const q = await registeredPerson();
    assert.equal((await send({ bankReference: 'REF-2', nationalId: p.nationalId, dateOfBirth: p.dateOfBirth, mobile: p.mobile })).statusCode, 201);
    const other = await send({ bankReference: 'REF-2', nationalId: q.nationalId, dateOfBirth: q.dateOfBirth, mobile: q.mobile });
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().code, 'identity.bank_reference_conflict');
  });

  it('refuses a bad signature, an unknown bank and a stale or future timestamp', async () => {
    const p = await registeredPerson();
    const body = { bankReference: 'REF-3', nationalId: p.nationalId, dateOfBirth: p.dateOfBirth, mobile: p.mobile };
    const now = Math.floor(clock.now().getTime() / 1000);
    for (const res of [
      await send(body, { secret: 'another-secret-0123456789' }),
      await send(body, { signature: 'zz' }),
      await send(body, { bank: 'nobank' }),
      await send(body, { timestamp: String(now - 6 * 60) }),
      await send(body, { timestamp: String(now + 6 * 60) }),
    ]) {
      assert.equal(res.statusCode, 401, res.body);
      assert.equal(res.json().code, 'identity.bank_unauthorised');
    }
    // An ISO timestamp inside the window is accepted.
    assert.equal((await send(body, { timestamp: clock.now().toISOString() })).statusCode, 201);
  });

  it('refuses a person with no matching registered account, and keeps the reference free', async () => {
    const person = await aRegistryCitizen(database);
    const body = { bankReference: 'REF-4', nationalId: person.nationalId, dateOfBirth: person.birthDate, mobile: person.mobile! };
    const res = await send(body);
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().code, 'identity.bank_no_match');
    const stored = await database.db.selectFrom('bank_activations').selectAll().where('bank_reference', '=', 'REF-4').execute();
    assert.deepEqual(stored, []);
  });
});
