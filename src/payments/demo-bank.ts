import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { partnerSignature } from '../kernel/partner-signature.js';
import { anonymousCsrfToken } from '../web/session.js';
import { pageContext } from '../web/context.js';
import { sendPage } from '../web/render.js';
import { parseBillNumber } from './bill-number.js';
import { unpayableBecause } from './bills.js';
import { DemoBankPage } from './pages/demo-bank.js';
import { findBillByNumber } from './repository.js';
import { paymentSettingsOf } from './settings.js';
import type { BankRefundView } from './refunds.js';

/**
 * Demo mode only: a bank's "government payments" screen, for testers. Enter a SADAD bill
 * number, see the bill as the bank shows it, pay it: the demo bank then sends the platform a
 * signed payment notice over the real partner API (the same path a bank's notice takes), with
 * the demo bank's secret. It also lists the refunds the bank is to transfer back (SADAD
 * payments it collected for requests since rejected or cancelled) and confirms them, over the
 * same partner API. Nothing here touches a bill or a refund directly.
 */

export const DEMO_BANK_CODE = 'demo-bank';

export async function demoBankRoutes(app: FastifyInstance): Promise<void> {
  const { config, clock } = app.deps;
  const settings = paymentSettingsOf(config);
  const csrf = { csrf: 'anonymous' as const };

  /** A signed call of the partner API as the demo bank. */
  const asBank = (method: 'GET' | 'POST', url: string, body = '') => {
    const timestamp = String(Math.floor(clock.now().getTime() / 1000));
    const secret = settings.bankSecrets[DEMO_BANK_CODE];
    return app.inject({
      method,
      url,
      ...(method === 'POST' ? { payload: body } : {}),
      headers: { ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), 'x-bank-code': DEMO_BANK_CODE, 'x-timestamp': timestamp, 'x-signature': secret ? partnerSignature(secret, timestamp, body) : '' },
    });
  };
  const refundsToMake = async (): Promise<BankRefundView[]> => {
    const answer = await asBank('GET', '/api/v1/partners/sadad/refunds');
    return answer.statusCode === 200 ? (answer.json() as { refunds: BankRefundView[] }).refunds : [];
  };

  app.get('/dev/bank', { schema: { hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, { demoMode: config.demoMode });
    return sendPage(reply, DemoBankPage({ ctx, csrfToken: anonymousCsrfToken(request, reply, config), billerCode: settings.billerCode, refunds: await refundsToMake() }));
  });

  // The bank transfers a refund to its customer and tells the biller.
  app.post('/dev/bank/refunds/:refundId', { schema: { hide: true }, config: csrf }, async (request, reply) => {
    const { refundId } = request.params as { refundId: string };
    const body = JSON.stringify({ bankReference: `RF${randomBytes(6).toString('hex').toUpperCase()}`, status: 'succeeded' });
    await asBank('POST', `/api/v1/partners/sadad/refunds/${encodeURIComponent(refundId)}/confirmations`, body);
    return reply.redirect('/dev/bank', 303);
  });

  app.post('/dev/bank', { schema: { hide: true }, config: csrf }, async (request, reply) => {
    const ctx = pageContext(request, { demoMode: config.demoMode });
    const body = (request.body ?? {}) as Record<string, unknown>;
    const csrfToken = anonymousCsrfToken(request, reply, config);
    const input = typeof body.billNumber === 'string' ? body.billNumber : '';
    const number = parseBillNumber(input);
    const bill = number ? await findBillByNumber(app.deps.database.db, number) : undefined;
    if (!bill || !bill.channels.includes('sadad')) {
      return sendPage(reply, DemoBankPage({ ctx, csrfToken, billerCode: settings.billerCode, input, error: ctx.t('demo_bank.bill_unknown') }), 404);
    }
    if (body.pay !== 'yes') {
      const refusal = unpayableBecause(bill, clock.now());
      return sendPage(reply, DemoBankPage({ ctx, csrfToken, billerCode: settings.billerCode, input, bill, ...(refusal ? { error: ctx.t(`errors.${refusal}`) } : {}) }));
    }
    const transactionId = `DB${randomBytes(8).toString('hex').toUpperCase()}`;
    const raw = JSON.stringify({ transactionId, billerCode: bill.biller_code, billNumber: bill.number, amount: bill.amount, currency: 'SAR', paidAt: clock.now().toISOString(), channel: 'online' });
    const answer = await asBank('POST', '/api/v1/partners/sadad/payments', raw);
    if (answer.statusCode >= 300) {
      const code = (answer.json() as { code?: string }).code;
      return sendPage(reply, DemoBankPage({ ctx, csrfToken, billerCode: settings.billerCode, input, bill, error: code ? ctx.t(`errors.${code}`) : ctx.t('demo_bank.failed') }), answer.statusCode);
    }
    return sendPage(reply, DemoBankPage({ ctx, csrfToken, billerCode: settings.billerCode, input, bill: { ...bill, status: 'paid' }, paidTransaction: transactionId }));
  });
}

