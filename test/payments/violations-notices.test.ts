import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partnerSignature } from '../../src/kernel/partner-signature.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp, messagesTo } from '../identity/support.js';
import { aSuspension, aViolation } from '../registry/builders.js';
import { aSignedInCitizen, webSignIn } from '../requests/support.js';

/** Paying violations, and the suspension it lifts, are never silent: an SMS and an inbox notice each (issue 16, item 9a). */
describe(`notices on paying violations (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database } = h;
  const db = database.db;

  async function payAtBank(number: string) {
    const bill = await db.selectFrom('bills').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
    const raw = JSON.stringify({ transactionId: `TX${Math.random().toString(36).slice(2, 10)}`, billerCode: bill.biller_code, billNumber: number, amount: bill.amount, currency: 'SAR', paidAt: h.clock.now().toISOString() });
    const timestamp = String(Math.floor(h.clock.now().getTime() / 1000));
    return app.inject({ method: 'POST', url: '/api/v1/partners/sadad/payments', payload: raw, headers: { 'content-type': 'application/json', 'x-bank-code': 'demo-bank', 'x-timestamp': timestamp, 'x-signature': partnerSignature('demo-bank-secret-not-for-production', timestamp, raw) } });
  }

  async function inboxOf(username: string) {
    const account = await db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    return db.selectFrom('inbox_messages').selectAll().where('account_id', '=', account.id).orderBy('id').execute();
  }

  it('tells the person by SMS and in the inbox that the violations are paid, and that the suspension is lifted', async () => {
    const citizen = await aSignedInCitizen(h, { extra: (person) => [aViolation(person, { amount: 30_000 }), aSuspension(person, { reference: `SUS-${process.pid}-1` })] });
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    await v.get('/violations');
    const billed = await v.post('/violations/pay', { all: 'yes' });
    assert.equal(billed.statusCode, 303, billed.body);
    const number = /\/payments\/bills\/(\d{12})$/.exec(billed.headers.location as string)![1]!;
    assert.equal((await payAtBank(number)).statusCode, 201);

    const sms = await messagesTo(database, citizen.mobile);
    const paid = sms.find((m) => m.body.includes(number) && /paid/.test(m.body));
    assert.ok(paid, `an SMS says the violations are paid: ${JSON.stringify(sms.map((m) => m.body))}`);
    assert.match(paid.body, /SAR\u00A0300\.00/);
    assert.ok(sms.some((m) => /lifted/.test(m.body) && m.body.includes(`SUS-${process.pid}-1`)), 'an SMS says the suspension is lifted');

    const inbox = await inboxOf(citizen.username);
    assert.ok(inbox.some((n) => n.template === 'violations.paid' && (n.params as { ar: string }).ar.includes('تم سداد المخالفات')));
    assert.ok(inbox.some((n) => n.template === 'suspension.lifted'));
    // The inbox page shows the notice.
    assert.match((await v.get('/inbox')).body, /traffic violations of bill/);
  });

  it('with violations left unpaid: the payment is told, no suspension is said to be lifted', async () => {
    const citizen = await aSignedInCitizen(h, { extra: (person) => [aViolation(person, { amount: 30_000 }), aViolation(person, { amount: 15_000, typeCode: 'seat_belt', committedAt: '2025-02-01T10:00:00+03:00' }), aSuspension(person, { reference: `SUS-${process.pid}-2` })] });
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    const page = await v.get('/violations');
    const one = /name="violation" value="([0-9a-f-]{36})"/.exec(page.body)![1]!;
    const billed = await v.post('/violations/pay', { violation: one });
    const number = /\/payments\/bills\/(\d{12})$/.exec(billed.headers.location as string)![1]!;
    assert.equal((await payAtBank(number)).statusCode, 201);
    const inbox = await inboxOf(citizen.username);
    assert.equal(inbox.filter((n) => n.template === 'violations.paid').length, 1);
    assert.equal(inbox.filter((n) => n.template === 'suspension.lifted').length, 0);
  });
});
