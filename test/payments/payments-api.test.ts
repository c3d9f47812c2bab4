import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp } from '../identity/support.js';
import { aViolation } from '../registry/builders.js';
import { aSignedInCitizen, getAs, LOST_ID, lostIdData, submit } from '../requests/support.js';

/** The payments API: bills, card sessions on the sandbox's hosted page, history, violations. */

describe(`payments API (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app } = h;
  const post = (token: string, url: string, payload: object = {}) => app.inject({ method: 'POST', url, payload, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });

  it("lists a request's bill, opens one card session however often asked, and reports the gateway's answer", async () => {
    const citizen = await aSignedInCitizen(h, { lostBefore: 1 });
    const reference = (await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() })).json().reference as string;
    const bills = await getAs(h, citizen.token, `/api/v1/requests/${reference}/bills`);
    assert.equal(bills.statusCode, 200);
    const [bill] = bills.json().bills;
    assert.equal(bill.amount, 10_000);
    assert.equal(bill.status, 'unpaid');
    assert.deepEqual(bill.channels, ['sadad', 'card']);
    assert.equal((await getAs(h, citizen.token, `/api/v1/bills/${bill.number}`)).json().number, bill.number);

    const first = await post(citizen.token, `/api/v1/bills/${bill.number}/card-sessions`, { locale: 'en' });
    assert.equal(first.statusCode, 201, first.body);
    const again = await post(citizen.token, `/api/v1/bills/${bill.number}/card-sessions`, { locale: 'en' });
    assert.equal(again.json().sessionId, first.json().sessionId, 'the same open session');
    const { sessionId, redirectUrl } = first.json();
    assert.equal((await getAs(h, citizen.token, `/api/v1/card-sessions/${sessionId}`)).json().status, 'open');

    const card = new Visitor(app, 'en');
    const hosted = new URL(redirectUrl).pathname;
    await card.get(hosted);
    const codeUrl = (await card.post(hosted, { name: 'Sara Alharbi', number: '4111111111111111', expiry: '12/30', cvv: '737' })).headers.location as string;
    await card.get(codeUrl);
    assert.equal((await card.post(codeUrl, { code: '123456' })).statusCode, 303);

    const done = await getAs(h, citizen.token, `/api/v1/card-sessions/${sessionId}`);
    assert.equal(done.json().status, 'captured');
    assert.equal((await getAs(h, citizen.token, `/api/v1/bills/${bill.number}`)).json().status, 'paid');
    const history = (await getAs(h, citizen.token, '/api/v1/payments')).json().payments;
    assert.equal(history.length, 1);
    assert.match(history[0].receiptNumber, /^PR/);
    assert.equal((await post(citizen.token, `/api/v1/bills/${bill.number}/card-sessions`)).statusCode, 409, 'a paid bill takes no new card session');

    const stranger = await aSignedInCitizen(h);
    assert.equal((await getAs(h, stranger.token, `/api/v1/bills/${bill.number}`)).statusCode, 404);
    assert.equal((await getAs(h, stranger.token, `/api/v1/card-sessions/${sessionId}`)).statusCode, 404);
    assert.equal((await app.inject({ url: '/api/v1/payments' })).statusCode, 401);
  });

  it('bills violations: the same bill for the same set, 422 for nothing to pay', async () => {
    const citizen = await aSignedInCitizen(h, { extra: (person) => [aViolation(person, { amount: 30_000 })] });
    const listed = (await getAs(h, citizen.token, '/api/v1/violations')).json().violations;
    assert.equal(listed.length, 1);
    const billed = await post(citizen.token, '/api/v1/violations/bills', { all: true });
    assert.equal(billed.statusCode, 201);
    assert.equal(billed.json().amount, 30_000);
    const again = await post(citizen.token, '/api/v1/violations/bills', { violationIds: [listed[0].id] });
    assert.equal(again.json().number, billed.json().number);
    const other = await aSignedInCitizen(h);
    assert.equal((await post(other.token, '/api/v1/violations/bills', { all: true })).statusCode, 422);
  });
});
