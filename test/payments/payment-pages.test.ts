import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp } from '../identity/support.js';
import { aSignedInCitizen, LOST_ID, lostIdData, personAct, submit, webSignIn } from '../requests/support.js';
import { runPaymentWork } from '../../src/payments/index.js';
import { callbackSignature } from '../../src/payments/sandbox-acquirer/index.js';

/** The person's payment pages and the demo bank, without JavaScript. */

describe(`payment pages (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app } = h;

  async function aRequestToPay() {
    const citizen = await aSignedInCitizen(h, { lostBefore: 1 });
    const created = await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() });
    assert.equal(created.statusCode, 201);
    const v = new Visitor(app, 'en');
    await webSignIn(h, v, citizen);
    return { citizen, v, reference: created.json().reference as string };
  }

  it('shows the amount and its breakdown, the SADAD biller code and bill number, and the card button with the amount', async () => {
    const { v, reference } = await aRequestToPay();
    const request = await v.get(`/requests/${reference}`);
    assert.match(request.body, new RegExp(`href="/requests/${reference}/payment"`));
    const page = await v.get(`/requests/${reference}/payment`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Lost card fee \(loss number 2\)/);
    assert.match(page.body, /SAR\u00A0100\.00/);
    assert.match(page.body, /Biller code/);
    assert.match(page.body, /I agree to pay SAR\u00A0100\.00 by card/);
    const number = /action="\/payments\/bills\/(\d{12})\/card"/.exec(page.body)?.[1];
    assert.ok(number, 'the card form names the bill');
    const ar = new Visitor(app, 'ar');
    ar.cookies = { ...v.cookies, tayseer_lang: 'ar' };
    const arabic = await ar.get(`/requests/${reference}/payment`);
    assert.match(arabic.body, /رمز المفوتر/);
    assert.match(arabic.body, /أوافق على سداد 100\.00\u00A0ر\.س\. بالبطاقة/);
  });

  it('is paid at the demo bank by bill number: the notice goes through the partner API, then the receipt verifies', async () => {
    const { v, reference } = await aRequestToPay();
    const page = await v.get(`/requests/${reference}/payment`);
    const number = /<bdi dir="ltr" class="ltr-value nowrap">(\d{12})<\/bdi>/.exec(page.body)![1]!;

    const bank = new Visitor(app, 'en');
    await bank.get('/dev/bank');
    const typo = await bank.post('/dev/bank', { billNumber: `${number.slice(0, 11)}${(Number(number[11]) + 1) % 10}` });
    assert.equal(typo.statusCode, 404);
    assert.match(typo.body, /There is no SADAD bill with this number/);
    const shown = await bank.post('/dev/bank', { billNumber: number });
    assert.equal(shown.statusCode, 200);
    assert.match(shown.body, /Pay SAR\u00A0100\.00/);
    const paid = await bank.post('/dev/bank', { billNumber: number, pay: 'yes' });
    assert.equal(paid.statusCode, 200, paid.body.slice(0, 500));
    assert.match(paid.body, /SAR\u00A0100\.00 paid for bill/);
    const twice = await bank.post('/dev/bank', { billNumber: number, pay: 'yes' });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.body, /already been paid/);

    const after = await v.get(`/requests/${reference}`);
    assert.match(after.body, /Under review/, 'the request moved on by itself');
    const history = await v.get('/payments');
    assert.match(history.body, /SADAD/);
    const receiptNumber = /href="\/payments\/receipts\/(PR[0-9A-Z]+)"/.exec(history.body)?.[1];
    assert.ok(receiptNumber, history.body.slice(0, 2000));
    const receipt = await v.get(`/payments/receipts/${receiptNumber}`);
    assert.equal(receipt.statusCode, 200);
    assert.match(receipt.body, /Payment receipt/);
    assert.match(receipt.body, new RegExp(number));
    const pdf = await v.get(`/payments/receipts/${receiptNumber}/receipt.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const verifyPath = /href="(\/verify\/[^"]+)"/.exec(receipt.body)![1]!;
    const verified = await new Visitor(app, 'en').get(verifyPath);
    assert.equal(verified.statusCode, 200);
    assert.match(verified.body, /Payment receipt/);
    assert.match(verified.body, /Paid/);

    const stranger = await aSignedInCitizen(h);
    const other = new Visitor(app, 'en');
    await webSignIn(h, other, stranger);
    assert.equal((await other.get(`/payments/receipts/${receiptNumber}`)).statusCode, 404, "another person's receipt is not found");
    assert.equal((await other.get(`/requests/${reference}/payment`)).statusCode, 404);
  });

  async function payByCard(v: Visitor, reference: string, card: string) {
    await v.get(`/requests/${reference}/payment`);
    const number = /action="\/payments\/bills\/(\d{12})\/card"/.exec((await v.get(`/requests/${reference}/payment`)).body)![1]!;
    const started = await v.post(`/payments/bills/${number}/card`, {});
    assert.equal(started.statusCode, 303);
    const hosted = new URL(started.headers.location as string, 'http://localhost').pathname;
    assert.match(hosted, /^\/sandbox-acquirer\/checkout\//);
    const form = await v.get(hosted);
    assert.match(form.body, /SAR\u00A0100\.00|100\.00/);
    const submitted = await v.post(hosted, { name: 'Sara Alharbi', number: card, expiry: '12/30', cvv: '737' });
    const codeUrl = submitted.headers.location as string;
    await v.get(codeUrl);
    const back = await v.post(codeUrl, { code: '123456' });
    assert.equal(back.statusCode, 303);
    const returnPath = new URL(back.headers.location as string, 'http://localhost').pathname;
    assert.match(returnPath, /^\/payments\/card\/[0-9a-f-]{36}\/return$/);
    return v.get(returnPath);
  }

  it('pays by card on the sandbox acquirer\'s hosted page with 3-D Secure, and comes back to a paid request', async () => {
    const { v, reference } = await aRequestToPay();
    const declined = await payByCard(v, reference, '4000000000009995');
    assert.match(declined.body, /Payment not made/);
    assert.match(declined.body, /not enough funds/);
    assert.match(declined.body, /No money was taken/);
    const paid = await payByCard(v, reference, '4406470000000007');
    assert.equal(paid.statusCode, 200);
    assert.match(paid.body, /Payment received/);
    assert.match((await v.get(`/requests/${reference}`)).body, /Under review/);
    const history = await v.get('/payments');
    assert.match(history.body, /Card/);
    const receiptNumber = /href="\/payments\/receipts\/(PR[0-9A-Z]+)"/.exec(history.body)![1]!;
    const receipt = await v.get(`/payments/receipts/${receiptNumber}`);
    assert.match(receipt.body, /•••• 0007/, 'the last four digits, nothing more');
    assert.doesNotMatch(receipt.body, /4406470000000007/);
  });

  /** The acquirer's signed notice, as its sender would post it (the app's own delivery goes to its public URL). */
  function acquirerCallback(body: object) {
    const raw = JSON.stringify(body);
    const timestamp = String(Math.floor(h.clock.now().getTime() / 1000));
    return app.inject({
      method: 'POST',
      url: '/api/v1/partners/cards/callback',
      payload: raw,
      headers: { 'content-type': 'application/json', 'x-acquirer-timestamp': timestamp, 'x-acquirer-signature': callbackSignature(app.deps.config.cardGatewaySecret, timestamp, raw) },
    });
  }

  it('cancels on the hosted page: the session fails as cancelled, once, nothing is taken, and the bill is paid by a new checkout', async () => {
    const { v, reference, citizen } = await aRequestToPay();
    const db = h.database.db;
    const number = /action="\/payments\/bills\/(\d{12})\/card"/.exec((await v.get(`/requests/${reference}/payment`)).body)![1]!;
    const started = await v.post(`/payments/bills/${number}/card`, {});
    const hosted = new URL(started.headers.location as string, 'http://localhost').pathname;
    const cardPage = await v.get(hosted);
    const cancelAction = /<form method="post" action="([^"]+\/cancel\?lang=en)" class="cancel-form">/.exec(cardPage.body)?.[1];
    assert.ok(cancelAction, 'the card page cancels with a form');
    const cancelled = await v.post(cancelAction, {});
    assert.equal(cancelled.statusCode, 303);
    const returnPath = new URL(cancelled.headers.location as string, 'http://localhost').pathname;
    assert.match(returnPath, /^\/payments\/card\/[0-9a-f-]{36}\/return$/);
    const sessionId = returnPath.split('/')[3]!;
    const sessionRow = () => db.selectFrom('card_sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
    const opened = await sessionRow();
    assert.equal(opened.status, 'open', 'the person has not come back yet');

    // The acquirer's signed callback arrives first: the platform asks the gateway and records the cancel.
    const notice = { paymentId: opened.gateway_payment_id, merchantReference: sessionId, status: 'cancelled' };
    const first = await acquirerCallback(notice);
    assert.equal(first.statusCode, 200, first.body);
    const failed = await sessionRow();
    assert.equal(failed.status, 'failed');
    assert.equal(failed.decline_code, 'cancelled');
    assert.equal(failed.payment_id, null);
    assert.equal(failed.next_check_at, null, 'the worker does not ask again');
    // The same callback again (a retry), later: nothing more happens.
    h.clock.advance(30_000);
    assert.equal((await acquirerCallback(notice)).statusCode, 200);
    assert.deepEqual(await sessionRow(), failed);
    const forged = await app.inject({ method: 'POST', url: '/api/v1/partners/cards/callback', payload: JSON.stringify(notice), headers: { 'content-type': 'application/json', 'x-acquirer-timestamp': '1', 'x-acquirer-signature': 'ab'.repeat(32) } });
    assert.equal(forged.statusCode, 401);

    const back = await v.get(returnPath);
    assert.equal(back.statusCode, 200);
    assert.match(back.body, /<h1>Payment cancelled<\/h1>/);
    assert.match(back.body, /You cancelled the payment on the card payment page, so this bill is still unpaid\./);
    assert.match(back.body, /No money was taken from your card\./);
    assert.match(back.body, new RegExp(`<a class="button" href="/requests/${reference}/payment">Pay again</a>`));
    assert.deepEqual(await sessionRow(), failed, 'the return page changes nothing either');
    const bill = await db.selectFrom('bills').select(['id', 'status']).where('number', '=', number).executeTakeFirstOrThrow();
    assert.equal(bill.status, 'unpaid');
    assert.deepEqual(await db.selectFrom('payments').select('id').where('bill_id', '=', bill.id).execute(), []);
    const api = await app.inject({ url: `/api/v1/card-sessions/${sessionId}`, headers: { authorization: `Bearer ${citizen.token}` } });
    assert.equal(api.statusCode, 200, api.body);
    assert.deepEqual([api.json().status, api.json().declineCode, api.json().redirectUrl], ['failed', 'cancelled', null]);

    // The cancelled checkout takes no card (the card form of a tab left open, with its token);
    // the bill is paid again through a new session and checkout.
    const refused = await v.post(hosted, { name: 'Sara Alharbi', number: '4406470000000007', expiry: '12/30', cvv: '737' }, { csrf: v.cookies.tayseer_csrf! });
    assert.equal(refused.statusCode, 303);
    assert.equal(new URL(refused.headers.location as string, 'http://localhost').pathname, hosted, 'back to the checkout, which says it was cancelled');
    assert.equal((await app.cardGateway.getPayment(opened.gateway_payment_id!)).declineCode, 'cancelled');
    const paid = await payByCard(v, reference, '4406470000000007');
    assert.match(paid.body, /Payment received/);
    const sessions = await db.selectFrom('card_sessions').select(['id', 'status', 'decline_code', 'gateway_payment_id']).where('bill_id', '=', bill.id).orderBy('created_at').execute();
    assert.deepEqual(sessions.map((s) => [s.status, s.decline_code]), [['failed', 'cancelled'], ['captured', null]]);
    assert.notEqual(sessions[1]!.gateway_payment_id, opened.gateway_payment_id, 'a new checkout');
    assert.equal((await db.selectFrom('bills').select('status').where('id', '=', bill.id).executeTakeFirstOrThrow()).status, 'paid');
    assert.match((await v.get(`/requests/${reference}`)).body, /Under review/);
  });

  const work = () => runPaymentWork({ db: h.database.db, clock: h.clock, catalogue: app.catalogue, gateway: app.cardGateway, publicUrl: 'http://localhost:3000' });

  it('refunds a cancelled request through its channel: the card through the gateway, SADAD through the bank that collected it', async () => {
    // By card: the worker asks the sandbox to refund, then asks again until it is done.
    const byCard = await aRequestToPay();
    assert.match((await payByCard(byCard.v, byCard.reference, '4111111111111111')).body, /Payment received/);
    assert.equal((await personAct(h, byCard.citizen.token, byCard.reference, 'cancel')).statusCode, 200);
    const queued = await work();
    assert.equal(queued.refundsQueued, 1);
    assert.match((await byCard.v.get('/payments')).body, /Refund in progress/);
    h.clock.advance(2 * 60_000); // the worker asks the gateway again a minute later
    assert.equal((await work()).refundsCompleted, 1);
    assert.match((await byCard.v.get('/payments')).body, /Refunded/);
    assert.equal((await work()).refundsCompleted, 0, 'refunded once');

    // By SADAD: the demo bank lists the refund over the partner API and confirms the transfer.
    const bySadad = await aRequestToPay();
    const number = /<bdi dir="ltr" class="ltr-value nowrap">(\d{12})<\/bdi>/.exec((await bySadad.v.get(`/requests/${bySadad.reference}/payment`)).body)![1]!;
    const bank = new Visitor(app, 'en');
    await bank.get('/dev/bank');
    assert.equal((await bank.post('/dev/bank', { billNumber: number, pay: 'yes' })).statusCode, 200);
    assert.equal((await personAct(h, bySadad.citizen.token, bySadad.reference, 'cancel')).statusCode, 200);
    await work();
    const listed = await bank.get('/dev/bank');
    assert.match(listed.body, new RegExp(`Return SAR\u00A0100\\.00 for bill ${number}`));
    const refundId = /action="\/dev\/bank\/refunds\/([0-9a-f-]{36})"/.exec(listed.body)![1]!;
    assert.equal((await bank.post(`/dev/bank/refunds/${refundId}`, {})).statusCode, 303);
    assert.doesNotMatch((await bank.get('/dev/bank')).body, new RegExp(refundId), 'nothing left to transfer');
    const bill = await h.database.db.selectFrom('bills').select('status').where('number', '=', number).executeTakeFirstOrThrow();
    assert.equal(bill.status, 'refunded');
    assert.match((await bySadad.v.get('/payments')).body, /Refunded/);
  });
});
