import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { bankCustomerOf, listBankCustomers } from '../identity/index.js';
import { partnerSignature } from '../kernel/partner-signature.js';
import { DEMO_BANK_CODE } from '../payments/index.js';
import { pageContext } from '../web/context.js';
import { sendPage } from '../web/render.js';
import { anonymousCsrfToken } from '../web/session.js';
import { BankActivationPage, type BankActivationScreen } from './pages/bank-activation.js';

/**
 * Demo mode only: the demo bank's online banking, for activating a Tayseer account the way a
 * bank customer would (seed 003: activation "through the banks"). The customer signs in to
 * online banking (a list of the bank's customers stands in for the bank's own sign-in), opens
 * Government services > Activate Absher/Tayseer and confirms. The bank then calls the real
 * partner API, POST /api/v1/partners/bank/activations, signed with its HMAC secret like any
 * partner bank: nothing here touches an account.
 */

const ACTIVATION_API = '/api/v1/partners/bank/activations';

export async function demoBankActivationRoutes(app: FastifyInstance): Promise<void> {
  const { config, clock } = app.deps;
  const deps = () => ({ db: app.deps.database.db, clock });
  const csrf = { csrf: 'anonymous' as const };

  const draw = (request: FastifyRequest, reply: FastifyReply, screen: BankActivationScreen, status = 200) => {
    const ctx = pageContext(request, { demoMode: config.demoMode });
    reply.header('cache-control', 'no-store');
    return sendPage(reply, BankActivationPage({ ctx, csrfToken: anonymousCsrfToken(request, reply, config), screen }), status);
  };

  /** The bank's signed call: X-Timestamp in unix seconds, X-Signature over `${timestamp}.${body}`. */
  const callActivationApi = async (body: string) => {
    const timestamp = String(Math.floor(clock.now().getTime() / 1000));
    const secret = config.bankPartnerSecrets[DEMO_BANK_CODE];
    return app.inject({
      method: 'POST',
      url: ACTIVATION_API,
      payload: body,
      headers: { 'content-type': 'application/json', 'x-bank-code': DEMO_BANK_CODE, 'x-timestamp': timestamp, 'x-signature': secret ? partnerSignature(secret, timestamp, body) : '' },
    });
  };

  app.get('/dev/bank/online', { schema: { hide: true } }, async (request, reply) => {
    return draw(request, reply, { kind: 'sign_in', customers: await listBankCustomers(deps()) });
  });

  app.post('/dev/bank/online', { schema: { hide: true }, config: csrf }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const nationalId = typeof body.nationalId === 'string' ? body.nationalId.slice(0, 10) : '';
    const customer = /^[0-9]{10}$/.test(nationalId) ? await bankCustomerOf({ ...deps(), nationalId }) : undefined;
    if (!customer) return draw(request, reply, { kind: 'sign_in', customers: await listBankCustomers(deps()), unknown: true }, 404);
    if (body.step === 'review') return draw(request, reply, { kind: 'review', customer });
    if (body.step !== 'activate') return draw(request, reply, { kind: 'home', customer });
    const bankReference = `AB${randomBytes(6).toString('hex').toUpperCase()}`;
    const raw = JSON.stringify({ bankReference, nationalId: customer.nationalId, dateOfBirth: customer.dateOfBirth, mobile: customer.mobile });
    const answer = await callActivationApi(raw);
    if (answer.statusCode === 200 || answer.statusCode === 201) {
      const result = (answer.json() as { result: 'activated' | 'already_active' }).result;
      return draw(request, reply, { kind: 'result', customer, outcome: result, bankReference });
    }
    const code = (answer.json() as { code?: string }).code ?? 'http.internal';
    return draw(request, reply, { kind: 'result', customer, outcome: 'refused', errorCode: code, bankReference }, answer.statusCode);
  });
}
