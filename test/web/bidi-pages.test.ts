import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskNationalId } from '../../src/kernel/national-id.js';
import { billsForRequest, paymentSettingsOf, receivePayment } from '../../src/payments/index.js';
import { maskIdForProof } from '../../src/proofs/index.js';
import { unorderedNumbers } from '../support/bidi-html.js';
import { engineUnderTest } from '../support/database.js';
import { pdfLines } from '../support/pdf-reading.js';
import { Visitor } from '../support/visitor.js';
import { identityApp, lastCodeSentTo } from '../identity/support.js';
import { STAFF_PASSWORD } from '../identity/staff-support.js';
import { officerOf, submit, webSignIn } from '../requests/support.js';
import { aDetainee, aGuarantor, KAFALA, kafalaData } from '../services/support.js';

/**
 * Numbers keep their order on Arabic pages and papers: every page of a request's life is
 * rendered in Arabic and read back (test/support/bidi-html.ts): no ID, masked ID, date in
 * digits, card or phone number stands bare in right-to-left text; the masked ID sits in a
 * `<bdi dir="ltr">` (or between isolates); and the PDF proof and receipt, read back glyph by
 * glyph from the left, print the masked ID in its order.
 */

const escape = (text: string) => text.replace(/[*+.()[\]?\\^$|{}]/g, '\\$&');

describe(`numbers in order on Arabic pages and PDFs (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;
  const deps = { db: database.db, clock, catalogue: app.catalogue };

  function assertInOrder(body: string, what: string) {
    assert.deepEqual(unorderedNumbers(body), [], `${what}: numbers that Arabic around them would turn around`);
  }

  /** The value is inside an element laid out left to right, or between isolates. */
  function assertLtr(body: string, value: string, what: string) {
    const inBdi = new RegExp(`<bdi dir="ltr"[^>]*>[^<]*${escape(value)}`).test(body);
    const isolated = new RegExp(`[\u2066\u2068]${escape(value)}\u2069`).test(body);
    assert.ok(body.includes(value), `${what}: ${value} is on the page`);
    assert.ok(inBdi || isolated, `${what}: ${value} is laid out left to right`);
  }

  const g = await aGuarantor(h);
  const d = await aDetainee(h);
  const v = new Visitor(app, 'ar');
  await webSignIn(h, v, g);
  const form = { 'guaranteed.idNumber': d.person.nationalId, 'guaranteed.birthDate': d.person.birthDate, 'guaranteed.caseNumber': d.kase.number };

  it('keeps the form\'s hints and the check page\'s answers in order', async () => {
    const step = await v.get(`/services/${KAFALA}/apply/guaranteed`);
    assert.equal(step.statusCode, 200);
    assertInOrder(step.body, 'the first step ');
    const next = await v.submit(`/services/${KAFALA}/apply`, { step: 'guaranteed', go: 'next', ...form });
    assertInOrder(next.body, 'the second step');
    const check = await v.submit(`/services/${KAFALA}/apply`, { step: 'undertaking', go: 'next', ...form, 'undertaking.declaration': 'yes' });
    assertInOrder(check.body, 'check your answers');
    assertLtr(check.body, d.person.nationalId, 'check your answers');
    const wrong = await v.submit(`/services/${KAFALA}/apply`, { step: 'guaranteed', go: 'next', ...form, 'guaranteed.birthDate': '1995-2-31' });
    assertInOrder(wrong.body, 'a date refused');
  });

  it('keeps them in order on the request, its print view and PDF, the receipt and its PDF, /verify, My data, the home page and the officer\'s page', async () => {
    const submitted = await submit(h, g.token, { serviceId: KAFALA, data: kafalaData(d) });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const { reference } = submitted.json() as { reference: string };
    const row = await database.db.selectFrom('service_requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    const { bills } = await billsForRequest({ ...deps, settings: paymentSettingsOf(app.deps.config), accountId: row.applicant_account_id, personId: row.applicant_person_id, reference });
    const paid = await receivePayment({ ...deps, billId: bills[0]!.id, incoming: { channel: 'card', externalId: `gw_${reference}`, amount: bills[0]!.amount, currency: 'SAR', scheme: 'mada', last4: '0007', receivedAt: clock.now() } });
    assert.equal(paid.kind, 'applied');
    const heldId = maskNationalId(d.person.nationalId);
    const holderId = maskIdForProof(g.person.nationalId);

    const request = await v.get(`/requests/${reference}`);
    assertInOrder(request.body, 'the request page');
    assertLtr(request.body, heldId, 'the request page');

    const print = await v.get(`/requests/${reference}/print`);
    assertInOrder(print.body, 'the print view');
    assertLtr(print.body, holderId, 'the print view');
    const verifyPath = /href="(\/verify\/[^"]+)"/.exec(print.body)![1]!;
    const verify = await v.get(verifyPath);
    assertInOrder(verify.body, '/verify');
    assertLtr(verify.body, holderId, '/verify');

    const proof = await v.get(`/requests/${reference}/proof.pdf`);
    assert.equal(proof.headers['content-type'], 'application/pdf');
    const proofText = pdfLines(proof.rawPayload).flat().join('\n');
    assert.ok(proofText.includes(`(${holderId})`), `the proof prints the holder's masked ID in order:\n${proofText}`);
    assert.ok(proofText.includes(heldId), `the proof prints the held person's masked ID in order:\n${proofText}`);

    const receiptNumber = /href="\/payments\/receipts\/(PR\w+)"/.exec((await v.get('/payments')).body)![1]!;
    const receipt = await v.get(`/payments/receipts/${receiptNumber}`);
    assertInOrder(receipt.body, 'the receipt');
    assertLtr(receipt.body, holderId, 'the receipt');
    assertLtr(receipt.body, '•••• 0007', 'the receipt');
    const receiptPdf = await v.get(`/payments/receipts/${receiptNumber}/receipt.pdf`);
    const receiptText = pdfLines(receiptPdf.rawPayload).flat().join('\n');
    assert.ok(receiptText.includes(`(${holderId})`), `the receipt PDF prints the masked ID in order:\n${receiptText}`);
    assert.ok(receiptText.includes('**** 0007'), `the receipt PDF prints the card in order:\n${receiptText}`);

    for (const path of ['/', '/me', '/payments', '/inbox', '/me/viewed']) {
      const page = await v.get(path);
      assert.equal(page.statusCode, 200, path);
      assertInOrder(page.body, path);
    }
    assertLtr((await v.get('/me')).body, g.person.nationalId, 'My data');

    const { staff } = await officerOf(h, 'traffic');
    const sv = new Visitor(app, 'ar');
    await sv.get('/staff/login');
    clock.advance(1000);
    const started = await sv.post('/staff/login', { username: staff.username, password: STAFF_PASSWORD });
    await sv.get(started.headers.location as string);
    await sv.post(started.headers.location as string, { code: (await lastCodeSentTo(database, staff.mobile))! });
    const officerPage = await sv.get(`/staff/requests/${reference}`);
    assert.equal(officerPage.statusCode, 200, officerPage.body.slice(0, 300));
    assertInOrder(officerPage.body, 'the officer\'s request page');
    assertLtr(officerPage.body, g.person.nationalId, 'the officer\'s request page');
  });
});
