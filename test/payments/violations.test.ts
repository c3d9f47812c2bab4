import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partnerSignature } from '../../src/kernel/partner-signature.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp } from '../identity/support.js';
import { aSuspension, aViolation } from '../registry/builders.js';
import { aSignedInCitizen, webSignIn } from '../requests/support.js';

/** Paying traffic violations: one or all, by SADAD or card; the suspension they cause lifts when all are paid. */

describe(`traffic violations (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database } = h;
  const db = database.db;

  async function aViolator() {
    const citizen = await aSignedInCitizen(h, {
      extra: (person) => [aViolation(person, { amount: 30_000 }), aViolation(person, { amount: 15_000, typeCode: 'seat_belt', committedAt: '2025-02-01T10:00:00+03:00' }), aSuspension(person)],
    });
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    const person = await db.selectFrom('persons').select('id').where('national_id', '=', citizen.person.nationalId).executeTakeFirstOrThrow();
    return { citizen, v, personId: person.id };
  }

  async function payAtBank(number: string, amount?: number, transactionId = `TX${Math.random().toString(36).slice(2, 10)}`) {
    const bill = await db.selectFrom('bills').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
    const raw = JSON.stringify({ transactionId, billerCode: bill.biller_code, billNumber: number, amount: amount ?? bill.amount, currency: 'SAR', paidAt: h.clock.now().toISOString() });
    const timestamp = String(Math.floor(h.clock.now().getTime() / 1000));
    return app.inject({ method: 'POST', url: '/api/v1/partners/sadad/payments', payload: raw, headers: { 'content-type': 'application/json', 'x-bank-code': 'demo-bank', 'x-timestamp': timestamp, 'x-signature': partnerSignature('demo-bank-secret-not-for-production', timestamp, raw) } });
  }

  const activeSuspensions = async (personId: string) => (await db.selectFrom('service_suspensions').select('reference').where('person_id', '=', personId).where('lifted_at', 'is', null).execute()).length;
  const unpaid = async (personId: string) => (await db.selectFrom('traffic_violations').select('id').where('violator_id', '=', personId).where('status', '=', 'unpaid').execute()).length;

  it('pays one violation, then the rest; the suspension lifts only when none is left', async () => {
    const { v, personId } = await aViolator();
    const page = await v.get('/violations');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /You have 2 unpaid violations, SAR\u00A0450\.00 in all/);
    assert.match(page.body, /traffic services are suspended/);

    const one = /name="violation" value="([0-9a-f-]{36})"/.exec(page.body)![1]!;
    const billed = await v.post('/violations/pay', { violation: one });
    assert.equal(billed.statusCode, 303);
    const number = /\/payments\/bills\/(\d{12})$/.exec(billed.headers.location as string)![1]!;
    const billPage = await v.get(`/payments/bills/${number}`);
    assert.match(billPage.body, /Violation V\d+ of/);
    assert.equal((await payAtBank(number)).statusCode, 201);
    assert.equal(await unpaid(personId), 1);
    assert.equal(await activeSuspensions(personId), 1, 'one violation is still unpaid');

    const rest = await v.post('/violations/pay', { all: 'yes' });
    const restNumber = /\/payments\/bills\/(\d{12})$/.exec(rest.headers.location as string)![1]!;
    assert.equal((await payAtBank(restNumber)).statusCode, 201);
    assert.equal(await unpaid(personId), 0);
    assert.equal(await activeSuspensions(personId), 0, 'the suspension lifted when the last violation was paid');
    assert.match((await v.get('/violations')).body, /You have no unpaid traffic violations/);
  });

  it('gives the same bill for the same violations, replaces an older bill, and never takes a violation twice', async () => {
    const { v, personId } = await aViolator();
    await v.get('/violations');
    const first = (await v.post('/violations/pay', { all: 'yes' })).headers.location;
    const again = (await v.post('/violations/pay', { all: 'yes' })).headers.location;
    assert.equal(again, first, 'a second click gives the same bill');
    const page = await v.get('/violations');
    const one = /name="violation" value="([0-9a-f-]{36})"/.exec(page.body)![1]!;
    const single = (await v.post('/violations/pay', { violation: one })).headers.location as string;
    assert.notEqual(single, first);
    const allNumber = /(\d{12})$/.exec(first as string)![1]!;
    const oldBill = await db.selectFrom('bills').select('status').where('number', '=', allNumber).executeTakeFirstOrThrow();
    assert.equal(oldBill.status, 'cancelled', 'the bill for all was replaced by the one for a single violation');
    const refused = await payAtBank(allNumber, 45_000);
    assert.equal(refused.statusCode, 409, 'a cancelled bill cannot be paid');
    assert.equal(await unpaid(personId), 2);
  });

  it("refuses another person's violation and an empty payment, changing nothing", async () => {
    const { v } = await aViolator();
    const other = await aViolator();
    const theirs = /name="violation" value="([0-9a-f-]{36})"/.exec((await other.v.get('/violations')).body)![1]!;
    await v.get('/violations');
    const refused = await v.post('/violations/pay', { violation: theirs });
    assert.equal(refused.statusCode, 422);
    assert.equal((await v.post('/violations/pay', {})).statusCode, 422);
    assert.equal(await unpaid(other.personId), 2);
  });
});
