import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAY_MS } from '../../src/kernel/clock.js';
import { partnerSignature } from '../../src/kernel/partner-signature.js';
import { billsForRequest, cardCallback, checkCardSessions, processRefunds, receivePayment, startCardPayment, cardSessionOfAccount, paymentSettingsOf } from '../../src/payments/index.js';
import { parseBillNumber, newBillNumber } from '../../src/payments/bill-number.js';
import { identityApp, type IdentityHarness } from '../identity/support.js';
import { captureTerminal } from '../support/terminal.js';
import { runReconcile } from '../../src/payments/cli.js';
import { BANK_FILE_HEADER, parseBankFile, readBankFile } from '../../src/payments/reconcile.js';
import { aGateway, aRequestWithFee, BANK, noticeFor, sadadNotice, SECRET } from './support.js';
import { aSignedInCitizen } from '../requests/support.js';

/** Bills, SADAD notices and card payments: exactly once, whatever arrives twice or at once. */

async function stateOf(h: IdentityHarness, reference: string) {
  return (await h.database.db.selectFrom('service_requests').select(['state', 'version']).where('reference', '=', reference).executeTakeFirstOrThrow()).state;
}

describe('bill numbers', () => {
  it('carry a check digit that catches a mistyped digit', () => {
    const number = newBillNumber();
    assert.equal(parseBillNumber(number), number);
    assert.equal(parseBillNumber(`${number.slice(0, 4)} ${number.slice(4)}`), number, 'spaces are allowed');
    const typo = number.slice(0, 5) + String((Number(number[5]) + 1) % 10) + number.slice(6);
    assert.equal(parseBillNumber(typo), null);
    assert.equal(parseBillNumber('12345'), null);
  });
});

describe('a request with a fee', async () => {
  const h = await identityApp();

  it('gets one bill with its breakdown, the same bill on every look', async () => {
    const { bill, deps, row, reference } = await aRequestWithFee(h);
    assert.equal(bill.amount, 10_000);
    assert.equal(bill.status, 'unpaid');
    assert.deepEqual(bill.channels, ['sadad', 'card']);
    const again = await Promise.all([1, 2, 3].map(() => billsForRequest({ ...deps, settings: paymentSettingsOf(h.app.deps.config), accountId: row.applicant_account_id, personId: row.applicant_person_id, reference })));
    for (const look of again) assert.deepEqual(look.bills.map((b) => b.number), [bill.number]);
  });

  it('is paid by a signed SADAD notice once; the same notice again gets the same answer', async () => {
    const { bill, reference } = await aRequestWithFee(h);
    const notice = noticeFor(bill);
    const first = await sadadNotice(h, notice);
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(await stateOf(h, reference), 'awaiting_review', 'the request moved on by itself');
    const again = await sadadNotice(h, notice);
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().paymentId, first.json().paymentId);
    const payments = await h.database.db.selectFrom('payments').select('id').where('bill_id', '=', bill.id).execute();
    assert.equal(payments.length, 1);
    const other = await sadadNotice(h, noticeFor(bill));
    assert.equal(other.statusCode, 409, 'another bank payment of a paid bill is refused');
    assert.equal(other.json().code, 'payments.bill_paid');
  });

  it('refuses a forged, stale, wrong-amount or unknown notice and changes nothing', async () => {
    const { bill, reference } = await aRequestWithFee(h);
    const forged = await sadadNotice(h, noticeFor(bill), { secret: 'not-the-banks-secret-at-all' });
    assert.equal(forged.statusCode, 401);
    const stale = await sadadNotice(h, noticeFor(bill), { at: new Date(h.clock.now().getTime() - 6 * 60_000) });
    assert.equal(stale.statusCode, 401);
    const short = await sadadNotice(h, noticeFor(bill, { amount: bill.amount - 1 }));
    assert.equal(short.statusCode, 422);
    assert.equal(short.json().code, 'payments.amount_mismatch');
    const unknown = await sadadNotice(h, noticeFor(bill, { billNumber: newBillNumber() }));
    assert.equal(unknown.statusCode, 404);
    const tampered = JSON.stringify(noticeFor(bill));
    const timestamp = String(Math.floor(h.clock.now().getTime() / 1000));
    const altered = await h.app.inject({ method: 'POST', url: '/api/v1/partners/sadad/payments', payload: tampered.replace(String(bill.amount), String(bill.amount + 100)), headers: { 'content-type': 'application/json', 'x-bank-code': BANK, 'x-timestamp': timestamp, 'x-signature': partnerSignature(SECRET, timestamp, tampered) } });
    assert.equal(altered.statusCode, 401, 'the signature covers the body');
    assert.equal(await stateOf(h, reference), 'awaiting_payment');
    assert.equal((await h.database.db.selectFrom('payments').select('id').where('bill_id', '=', bill.id).execute()).length, 0);
  });

  it('refuses a notice for an expired bill (410), and the request issues a new bill while it can still be paid', async () => {
    const { bill } = await aRequestWithFee(h);
    h.clock.advance(bill.expires_at.getTime() - h.clock.now().getTime() + 1);
    try {
      const late = await sadadNotice(h, noticeFor(bill));
      assert.equal(late.statusCode, 410);
      assert.equal(late.json().code, 'payments.bill_expired');
    } finally {
      h.clock.set('2026-11-01T09:00:00Z');
    }
  });

  it('takes one payment when a SADAD notice and a card payment race for one bill; the card is refunded if it loses', async () => {
    for (let round = 0; round < 3; round++) {
      const { bill, citizen: _c, row, deps } = await aRequestWithFee(h);
      const gateway = aGateway();
      const card = { ...deps, gateway, publicUrl: 'http://localhost:3000' };
      const { session } = await startCardPayment({ ...card, accountId: row.applicant_account_id, billNumber: bill.number, locale: 'ar' });
      const [bank, byCard] = await Promise.allSettled([sadadNotice(h, noticeFor(bill)), cardSessionOfAccount({ ...card, accountId: row.applicant_account_id, sessionId: session.id })]);
      assert.equal(bank.status, 'fulfilled');
      assert.equal(byCard.status, 'fulfilled');
      const payments = await h.database.db.selectFrom('payments').selectAll().where('bill_id', '=', bill.id).execute();
      assert.equal(payments.filter((p) => p.applied).length, 1, 'exactly one payment pays the bill');
      const cardPayment = payments.find((p) => p.channel === 'card')!;
      if (cardPayment.applied) {
        assert.equal(bank.value.statusCode, 409, 'the bank is refused');
      } else {
        assert.equal(bank.value.statusCode, 201);
        const refund = await h.database.db.selectFrom('refunds').selectAll().where('payment_id', '=', cardPayment.id).executeTakeFirstOrThrow();
        assert.equal(refund.reason, 'duplicate_payment');
        assert.equal(refund.amount, bill.amount);
        // The person is told the card payment did not pay the bill and is being refunded.
        assert.equal(byCard.value.session.status, 'failed');
        assert.equal(byCard.value.session.decline_code, 'duplicate_payment');
      }
    }
  });

  it('opens one card session on a double click, and pays once however often the gateway is asked', async () => {
    const { bill, row, deps, reference } = await aRequestWithFee(h);
    const gateway = aGateway();
    const card = { ...deps, gateway, publicUrl: 'http://localhost:3000' };
    const clicks = await Promise.all([1, 2, 3].map(() => startCardPayment({ ...card, accountId: row.applicant_account_id, billNumber: bill.number, locale: 'ar' })));
    assert.equal(new Set(clicks.map((c) => c.session.id)).size, 1);
    assert.equal(new Set(clicks.map((c) => c.redirectUrl)).size, 1);
    const sessionId = clicks[0]!.session.id;
    const looks = await Promise.all([1, 2, 3].map(() => cardSessionOfAccount({ ...card, accountId: row.applicant_account_id, sessionId })));
    for (const look of looks) assert.equal(look.session.status, 'captured');
    assert.equal((await h.database.db.selectFrom('payments').select('id').where('bill_id', '=', bill.id).execute()).length, 1);
    assert.equal(await stateOf(h, reference), 'awaiting_review');
    const stranger = await aSignedInCitizen(h);
    const strangerAccount = await h.database.db.selectFrom('accounts').select('id').where('username', '=', stranger.username).executeTakeFirstOrThrow();
    await assert.rejects(cardSessionOfAccount({ ...card, accountId: strangerAccount.id, sessionId }), { code: 'payments.bill_not_found' });
  });

  it('counts a card payment only when the gateway says captured for the bill amount in SAR', async () => {
    const { bill, row, deps, reference } = await aRequestWithFee(h);
    const gateway = aGateway();
    const card = { ...deps, gateway, publicUrl: 'http://localhost:3000' };
    const account = row.applicant_account_id;

    gateway.answer = { status: 'declined', declineCode: 'insufficient_funds', capturedAt: null };
    const { session: declined } = await startCardPayment({ ...card, accountId: account, billNumber: bill.number, locale: 'en' });
    const afterDecline = await cardSessionOfAccount({ ...card, accountId: account, sessionId: declined.id });
    assert.equal(afterDecline.session.status, 'failed');
    assert.equal(afterDecline.session.decline_code, 'insufficient_funds');
    assert.equal(await stateOf(h, reference), 'awaiting_payment');

    gateway.answer = { status: 'pending', capturedAt: null };
    const { session: waiting } = await startCardPayment({ ...card, accountId: account, billNumber: bill.number, locale: 'en' });
    assert.notEqual(waiting.id, declined.id, 'a new attempt after a decline');
    assert.equal((await cardSessionOfAccount({ ...card, accountId: account, sessionId: waiting.id })).session.status, 'open');

    gateway.answer = { amount: bill.amount - 100 };
    h.clock.advance(DAY_MS / 24);
    try {
      assert.ok((await checkCardSessions(card)) >= 1, 'the worker asks the gateway again');
      const mismatched = await cardSessionOfAccount({ ...card, accountId: account, sessionId: waiting.id });
      assert.equal(mismatched.session.status, 'failed');
      assert.equal(mismatched.session.decline_code, 'amount_mismatch');
      assert.equal(await stateOf(h, reference), 'awaiting_payment', 'a wrong amount pays nothing');
      const payment = await h.database.db.selectFrom('payments').selectAll().where('bill_id', '=', bill.id).executeTakeFirstOrThrow();
      assert.equal(payment.applied, false);
      const refund = await h.database.db.selectFrom('refunds').selectAll().where('payment_id', '=', payment.id).executeTakeFirstOrThrow();
      assert.equal(refund.reason, 'amount_mismatch');
      await processRefunds(card);
      const done = await h.database.db.selectFrom('refunds').selectAll().where('id', '=', refund.id).executeTakeFirstOrThrow();
      assert.equal(done.status, 'succeeded');
      await processRefunds(card);
      assert.deepEqual(gateway.refundCalls.filter((key) => key === refund.id), [refund.id], 'refunded once');
    } finally {
      h.clock.set('2026-11-01T09:00:00Z');
    }
  });

  it('records money the gateway captured after we closed the session as expired, when its callback comes', async () => {
    const { bill, row, deps, reference } = await aRequestWithFee(h);
    const gateway = aGateway();
    const card = { ...deps, gateway, publicUrl: 'http://localhost:3000' };
    const account = row.applicant_account_id;
    gateway.answer = { status: 'pending', capturedAt: null };
    const { session } = await startCardPayment({ ...card, accountId: account, billNumber: bill.number, locale: 'en' });
    h.clock.advance(21 * 60 * 1000);
    try {
      await checkCardSessions(card);
      assert.equal((await cardSessionOfAccount({ ...card, accountId: account, sessionId: session.id })).session.status, 'expired', 'still pending when our time ran out');
      // The person's bank captured it at the last moment; the gateway says so.
      gateway.answer = {};
      gateway.verifyCallback = () => ({ gatewayPaymentId: session.gateway_payment_id! });
      assert.equal(await cardCallback({ ...card, headers: {}, rawBody: '{}' }), true);
      const settled = await cardSessionOfAccount({ ...card, accountId: account, sessionId: session.id });
      assert.equal(settled.session.status, 'captured');
      assert.ok(settled.session.payment_id);
      assert.equal(await stateOf(h, reference), 'awaiting_review', 'the request goes on as paid');
      // The same callback again records nothing twice.
      await cardCallback({ ...card, headers: {}, rawBody: '{}' });
      assert.equal((await h.database.db.selectFrom('payments').select('id').where('bill_id', '=', bill.id).execute()).length, 1);
    } finally {
      h.clock.set('2026-11-01T09:00:00Z');
    }
  });

  it('records a payment repeated with the same external id once, even when the notices arrive together', async () => {
    const { bill, deps } = await aRequestWithFee(h);
    const incoming = { channel: 'sadad' as const, externalId: `demo-bank:RACE${Date.now()}`, bankCode: BANK, amount: bill.amount, currency: 'SAR', receivedAt: h.clock.now() };
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => receivePayment({ ...deps, billId: bill.id, incoming })));
    assert.equal(outcomes.filter((o) => o.kind === 'applied').length, 1);
    assert.equal(outcomes.filter((o) => o.kind === 'duplicate').length, 3);
  });
});

describe('reconciliation', async () => {
  const h = await identityApp();

  it("lists every difference between the gateway's and the banks' settlement and our records", async () => {
    const sadadPaid = await aRequestWithFee(h);
    const notice = noticeFor(sadadPaid.bill, { transactionId: 'TXMATCHED1' });
    assert.equal((await sadadNotice(h, notice)).statusCode, 201);
    const cardPaid = await aRequestWithFee(h);
    const gateway = aGateway();
    const card = { ...cardPaid.deps, gateway, publicUrl: 'http://localhost:3000' };
    const { session } = await startCardPayment({ ...card, accountId: cardPaid.row.applicant_account_id, billNumber: cardPaid.bill.number, locale: 'en' });
    await cardSessionOfAccount({ ...card, accountId: cardPaid.row.applicant_account_id, sessionId: session.id });
    const date = '2026-11-01';
    const at = new Date('2026-11-01T09:05:00Z');

    const clean = captureTerminal();
    const ok = await runReconcile({
      db: h.database.db,
      gateway: { ...gateway, settlement: async () => [{ kind: 'capture', gatewayPaymentId: `gw_${session.id}`, merchantReference: session.id, amount: cardPaid.bill.amount, currency: 'SAR', at }] },
      date,
      banks: [readBankFile('bank.csv', `${BANK_FILE_HEADER}\n${BANK},TXMATCHED1,${sadadPaid.bill.number},${sadadPaid.bill.amount},SAR,2026-11-01T09:10:00+03:00\n`)],
      terminal: clean,
    });
    assert.equal(ok, 0, clean.lines.join('\n'));
    assert.match(clean.lines[0]!, /2 matched, 0 mismatch/);

    const messy = captureTerminal();
    const code = await runReconcile({
      db: h.database.db,
      gateway: {
        ...gateway,
        settlement: async () => [
          { kind: 'capture', gatewayPaymentId: `gw_${session.id}`, merchantReference: session.id, amount: cardPaid.bill.amount + 1, currency: 'SAR', at },
          { kind: 'capture', gatewayPaymentId: 'gw_nobody_told_us', merchantReference: 'x', amount: 5000, currency: 'SAR', at },
        ],
      },
      date,
      banks: [readBankFile('bank.csv', `${BANK_FILE_HEADER}\n${BANK},TXUNKNOWN9,${sadadPaid.bill.number},${sadadPaid.bill.amount},SAR,2026-11-01T09:10:00+03:00\n`)],
      terminal: messy,
    });
    assert.equal(code, 1);
    const out = messy.lines.join('\n');
    assert.match(out, /4 mismatch/);
    assert.match(out, new RegExp(`gateway capture gw_${session.id}: the amounts differ`));
    assert.match(out, /gateway capture gw_nobody_told_us: they have it, we have no record/);
    assert.match(out, /bank:demo-bank payment demo-bank:TXUNKNOWN9: they have it, we have no record/);
    assert.match(out, /bank:demo-bank payment demo-bank:TXMATCHED1: we recorded it, they do not list it/);
    assert.throws(() => parseBankFile('bank,tx\n1,2'), /line 1/);
    assert.throws(() => parseBankFile(`${BANK_FILE_HEADER}\n${BANK},T1,123,12.50,SAR,2026-11-01T09:00:00Z`), /line 2/);
  });
});
