import assert from 'node:assert/strict';
import { partnerSignature } from '../../src/kernel/partner-signature.js';
import { billsForRequest, paymentSettingsOf } from '../../src/payments/index.js';
import type { CardGateway, GatewayPayment } from '../../src/payments/gateway.js';
import type { IdentityHarness } from '../identity/support.js';
import { aSignedInCitizen, lostIdData, LOST_ID, submit } from '../requests/support.js';

/** Builders for the payments tests (and the resilience suite's races): a request with a fee and its bill, a gateway double, signed SADAD notices. */

export const BANK = 'demo-bank';
export const SECRET = 'demo-bank-secret-not-for-production';

/** A gateway double whose answers a test sets: the other side of the port is the sandbox acquirer's tests. */
export function aGateway(): CardGateway & { answer: Partial<GatewayPayment>; checkouts: number; refunds: Map<string, string>; refundCalls: string[] } {
  const payments = new Map<string, { merchantReference: string; amount: number }>();
  const gateway = {
    name: 'test',
    answer: {} as Partial<GatewayPayment>,
    checkouts: 0,
    refunds: new Map<string, string>(),
    refundCalls: [] as string[],
    async createCheckout(request: { merchantReference: string; amount: number }) {
      gateway.checkouts++;
      const id = `gw_${request.merchantReference}`;
      payments.set(id, { merchantReference: request.merchantReference, amount: request.amount });
      return { gatewayPaymentId: id, redirectUrl: `https://gateway.test/pay/${id}`, expiresAt: new Date(Date.now() + 60_000) };
    },
    async getPayment(id: string): Promise<GatewayPayment> {
      const p = payments.get(id);
      if (!p) throw new Error('unknown payment');
      return { gatewayPaymentId: id, merchantReference: p.merchantReference, status: 'captured', amount: p.amount, currency: 'SAR', scheme: 'mada', last4: '0007', authCode: 'A1', declineCode: null, capturedAt: new Date('2026-11-01T09:05:00Z'), ...gateway.answer };
    },
    async refund(input: { gatewayPaymentId: string; amount: number; idempotencyKey: string }) {
      gateway.refundCalls.push(input.idempotencyKey);
      const id = gateway.refunds.get(input.idempotencyKey) ?? `rf_${gateway.refunds.size + 1}`;
      gateway.refunds.set(input.idempotencyKey, id);
      return { gatewayRefundId: id, gatewayPaymentId: input.gatewayPaymentId, amount: input.amount, status: 'succeeded' as const };
    },
    async getRefund(id: string) {
      return { gatewayRefundId: id, gatewayPaymentId: '', amount: 0, status: 'succeeded' as const };
    },
    verifyCallback: () => null,
    settlement: async () => [],
  };
  return gateway;
}

export async function aRequestWithFee(h: IdentityHarness) {
  const citizen = await aSignedInCitizen(h, { lostBefore: 1 });
  const created = await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() });
  assert.equal(created.statusCode, 201, created.body);
  const reference = created.json().reference as string;
  const row = await h.database.db.selectFrom('service_requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
  const deps = { db: h.database.db, clock: h.clock, catalogue: h.app.catalogue };
  const { bills } = await billsForRequest({ ...deps, settings: paymentSettingsOf(h.app.deps.config), accountId: row.applicant_account_id, personId: row.applicant_person_id, reference });
  return { citizen, reference, row, deps, bill: bills[0]! };
}

export function sadadNotice(h: IdentityHarness, body: object, options: { secret?: string; at?: Date } = {}) {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor((options.at ?? h.clock.now()).getTime() / 1000));
  return h.app.inject({
    method: 'POST',
    url: '/api/v1/partners/sadad/payments',
    payload: raw,
    headers: { 'content-type': 'application/json', 'x-bank-code': BANK, 'x-timestamp': timestamp, 'x-signature': partnerSignature(options.secret ?? SECRET, timestamp, raw) },
  });
}

export const noticeFor = (bill: { biller_code: string; number: string; amount: number }, overrides: object = {}) => ({
  transactionId: `TX${Math.random().toString(36).slice(2, 12)}`,
  billerCode: bill.biller_code,
  billNumber: bill.number,
  amount: bill.amount,
  currency: 'SAR',
  paidAt: '2026-11-01T09:10:00+03:00',
  channel: 'atm',
  ...overrides,
});

