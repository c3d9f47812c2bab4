import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cardCallback, startCardPayment } from '../../src/payments/index.js';
import { engineUnderTest } from '../support/database.js';
import { identityApp } from '../identity/support.js';
import { aGateway, aRequestWithFee, noticeFor, sadadNotice } from '../payments/support.js';
import { aSignedInCitizen, getAs, LOST_ID, lostIdData, officerOf, staffAct, submit } from '../requests/support.js';
import { reportFigures } from './report.js';

/**
 * Races, many rounds (issue 15): what arrives at the same moment takes effect exactly once.
 * A double effect is a bill paid twice (or a losing payment neither refunded nor refused), or a
 * request with two decisions. The single-round versions live with their modules
 * (test/payments/payments.test.ts, test/requests/lost-id.test.ts); this is the repeated suite.
 */

const ROUNDS = 20;

describe(`races: exactly one wins (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const figures = { racesRun: 0, doubleEffects: 0 };
  const paymentsOf = (billId: string) => h.database.db.selectFrom('payments').selectAll().where('bill_id', '=', billId).execute();
  const refundOf = (paymentId: string) => h.database.db.selectFrom('refunds').selectAll().where('payment_id', '=', paymentId).executeTakeFirst();

  it(`pays a bill once when a SADAD notice and a card callback arrive together, ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { bill, row, deps } = await aRequestWithFee(h);
      const gateway = aGateway();
      const card = { ...deps, gateway, publicUrl: 'http://localhost:3000' };
      const { session } = await startCardPayment({ ...card, accountId: row.applicant_account_id, billNumber: bill.number, locale: 'ar' });
      gateway.verifyCallback = () => ({ gatewayPaymentId: session.gateway_payment_id! });
      figures.racesRun++;
      const [bank, callback] = await Promise.all([sadadNotice(h, noticeFor(bill)), cardCallback({ ...card, headers: {}, rawBody: '{}' })]);
      assert.equal(callback, true);
      const payments = await paymentsOf(bill.id);
      const applied = payments.filter((p) => p.applied);
      const cardPayment = payments.find((p) => p.channel === 'card');
      const losing = cardPayment && !cardPayment.applied ? await refundOf(cardPayment.id) : undefined;
      const exactlyOnce = applied.length === 1 && (cardPayment?.applied ? bank.statusCode === 409 : bank.statusCode === 201 && (!cardPayment || losing?.reason === 'duplicate_payment'));
      if (!exactlyOnce) figures.doubleEffects++;
      assert.ok(exactlyOnce, `round ${round}: bank ${bank.statusCode}, payments ${JSON.stringify(payments.map((p) => [p.channel, p.applied]))}, refund ${losing?.reason}`);
      if (bank.statusCode === 409) assert.match(String(bank.headers['content-type']), /^application\/problem\+json/);
    }
  });

  it(`takes one of two SADAD notices for one bill and refuses the other, ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { bill } = await aRequestWithFee(h);
      figures.racesRun++;
      const answers = await Promise.all([sadadNotice(h, noticeFor(bill)), sadadNotice(h, noticeFor(bill))]);
      const applied = (await paymentsOf(bill.id)).filter((p) => p.applied);
      const statuses = answers.map((a) => a.statusCode).sort();
      if (applied.length !== 1 || statuses.join() !== '201,409') figures.doubleEffects++;
      assert.deepEqual(statuses, [201, 409], `round ${round}`);
      assert.equal(applied.length, 1, `round ${round}: one payment counted`);
      const refused = answers.find((a) => a.statusCode === 409)!;
      assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
      assert.equal(refused.json().code, 'payments.bill_paid');
    }
  });

  it(`lets one of two officers deciding at once win, the other a 409 problem, ${ROUNDS} rounds`, async () => {
    const a = await officerOf(h, 'civil-affairs');
    const b = await officerOf(h, 'civil-affairs', 'supervisor');
    for (let round = 0; round < ROUNDS; round++) {
      const citizen = await aSignedInCitizen(h);
      const reference = (await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() })).json().reference as string;
      // Each officer takes either decision, by turns, so approve/approve and reject/reject race too.
      const decide = (token: string, approve: boolean) => staffAct(h, token, reference, approve ? 'approve' : 'reject', approve ? { expectedVersion: 1 } : { expectedVersion: 1, reason: { code: 'identity_mismatch' } });
      figures.racesRun++;
      const answers = await Promise.all([decide(a.token, round % 2 === 0), decide(b.token, round % 4 < 2)]);
      const history = (await getAs(h, citizen.token, `/api/v1/requests/${reference}`)).json().history as Array<{ action: string }>;
      const decisions = history.filter((e) => e.action === 'approve' || e.action === 'reject');
      const statuses = answers.map((x) => x.statusCode).sort();
      if (decisions.length !== 1 || statuses.join() !== '200,409') figures.doubleEffects++;
      assert.deepEqual(statuses, [200, 409], `round ${round}: ${answers.map((x) => x.body).join(' | ')}`);
      assert.equal(decisions.length, 1, `round ${round}: one decision in the history`);
      const loser = answers.find((x) => x.statusCode === 409)!;
      assert.match(String(loser.headers['content-type']), /^application\/problem\+json/);
    }
  });

  it('reports what it ran', () => {
    reportFigures('races', figures);
    assert.equal(figures.racesRun, 3 * ROUNDS);
    assert.equal(figures.doubleEffects, 0);
  });
});
