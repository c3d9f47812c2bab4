import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partnerSignature } from '../../src/kernel/partner-signature.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { aMobile, aRegistryCitizen, identityApp, messagesTo, registerAccount } from './support.js';

describe(`demo bank online banking activates a Tayseer account (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;

  async function awaitingActivation() {
    const person = await aRegistryCitizen(database);
    const mobile = aMobile();
    const { body } = await registerAccount(h, person, { mobile });
    return { person, mobile, username: body.username as string };
  }
  const accountOf = (username: string) => database.db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirstOrThrow();

  it('signs in, opens Government services > Activate, confirms: the signed partner API activates the account', async () => {
    const p = await awaitingActivation();
    const bank = new Visitor(app, 'ar');
    const list = await bank.get('/dev/bank/online');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(p.person.nationalId), 'the customer is listed');
    const home = await bank.post('/dev/bank/online', { nationalId: p.person.nationalId, step: 'home' });
    assert.match(home.body, /تفعيل حساب أبشر\/تيسير/);
    const review = await bank.post('/dev/bank/online', { nationalId: p.person.nationalId, step: 'review' });
    assert.match(review.body, /تأكيد التفعيل/);
    const result = await bank.post('/dev/bank/online', { nationalId: p.person.nationalId, step: 'activate' });
    assert.equal(result.statusCode, 200, result.body);
    assert.match(result.body, /فُعّل حسابك في تيسير/);
    const account = await accountOf(p.username);
    assert.equal(account.status, 'active');
    assert.equal(account.activation_method, 'bank');
    // It went through the partner API: the bank's request is recorded and audited as the bank's.
    assert.ok(await database.db.selectFrom('bank_activations').select('bank_reference').where('bank_code', '=', 'demo-bank').where('account_id', '=', account.id).executeTakeFirst());
    const audit = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'identity.bank_activation').where('subject_person_id', '=', account.person_id).executeTakeFirstOrThrow();
    assert.equal(audit.actor_id, 'bank:demo-bank');
    assert.ok((await messagesTo(database, p.mobile)).some((m) => m.template === 'account.activated'));
  });

  it('tells a customer with no Tayseer account to register first, and changes nothing', async () => {
    const person = await aRegistryCitizen(database);
    const bank = new Visitor(app, 'ar');
    await bank.get('/dev/bank/online');
    const result = await bank.post('/dev/bank/online', { nationalId: person.nationalId, step: 'activate' });
    assert.equal(result.statusCode, 422);
    assert.match(result.body, /سجّل أولًا في تيسير/);
    assert.equal(await database.db.selectFrom('accounts').innerJoin('persons', 'persons.id', 'accounts.person_id').select('accounts.id').where('persons.national_id', '=', person.nationalId).executeTakeFirst(), undefined);
  });

  it('the partner API refuses the demo bank\'s request with a tampered signature', async () => {
    const p = await awaitingActivation();
    const raw = JSON.stringify({ bankReference: 'TAMPER-1', nationalId: p.person.nationalId, dateOfBirth: p.person.birthDate, mobile: p.mobile });
    const timestamp = String(Math.floor(clock.now().getTime() / 1000));
    const signature = partnerSignature('demo-bank-secret-not-for-production', timestamp, raw);
    const tampered = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
    const res = await app.inject({ method: 'POST', url: '/api/v1/partners/bank/activations', payload: raw, headers: { 'content-type': 'application/json', 'x-bank-code': 'demo-bank', 'x-timestamp': timestamp, 'x-signature': tampered } });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'identity.bank_unauthorised');
    assert.equal((await accountOf(p.username)).status, 'registered');
    // The untampered signature is the one the demo bank sends, and it is accepted.
    const ok = await app.inject({ method: 'POST', url: '/api/v1/partners/bank/activations', payload: raw, headers: { 'content-type': 'application/json', 'x-bank-code': 'demo-bank', 'x-timestamp': timestamp, 'x-signature': signature } });
    assert.equal(ok.statusCode, 201, ok.body);
  });
});
