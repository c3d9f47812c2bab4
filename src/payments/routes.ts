import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../kernel/errors.js';
import { cardCallback } from './card.js';
import { verifyPartnerRequest } from '../kernel/partner-signature.js';
import { confirmBankRefund, pendingBankRefunds } from './refunds.js';
import { receiveSadadNotice, sadadNoticeResultSchema, sadadNoticeSchema } from './sadad.js';
import { paymentSettingsOf } from './settings.js';

function safeJson(body: unknown): unknown {
  try {
    return typeof body === 'string' ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The payment partners' API: the banks' SADAD payment notices and refund confirmations, and
 * the card gateway's callbacks. Both are signed over the exact bytes sent, so this plugin keeps bodies as raw
 * strings (its own JSON parser, in this plugin's scope only) and parses after the check.
 */
export async function paymentPartnerRoutes(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  const api = app.withTypeProvider<ZodTypeProvider>();
  const deps = () => ({ db: app.deps.database.db, clock: app.deps.clock, catalogue: app.catalogue });

  api.post(
    '/api/v1/partners/sadad/payments',
    {
      schema: {
        tags: ['partners'],
        summary: 'A bank reports a SADAD bill payment (signed; idempotent by the bank transaction id)',
        description:
          'Headers: X-Bank-Code, X-Timestamp (unix seconds or ISO 8601, within 5 minutes), X-Signature = hex HMAC-SHA256 of `${X-Timestamp}.${raw body}` with the bank\'s secret. ' +
          'The amount must equal the bill\'s, in halalas. 201: recorded and the bill paid; 200: the same notice again; 409: the bill is already paid or no longer payable, or the transaction id was used for another notice; 410: the bill expired; 422: the amount differs. ' +
          'Body: ' + JSON.stringify(z.toJSONSchema(sadadNoticeSchema)),
        headers: z.object({ 'x-bank-code': z.string().optional(), 'x-timestamp': z.string().optional(), 'x-signature': z.string().optional() }),
        response: { 200: sadadNoticeResultSchema, 201: sadadNoticeResultSchema },
      },
    },
    async (request, reply) => {
      const { replayed, result } = await receiveSadadNotice({
        ...deps(),
        settings: paymentSettingsOf(app.deps.config),
        ip: request.ip,
        request: { bankCode: request.headers['x-bank-code'], timestamp: request.headers['x-timestamp'], signature: request.headers['x-signature'], rawBody: typeof request.body === 'string' ? request.body : '' },
      });
      if (!replayed) app.outbox.nudge();
      return reply.status(replayed ? 200 : 201).send(result);
    },
  );

  const signedBank = (request: { headers: Record<string, string | string[] | undefined>; body: unknown }) => {
    const header = (name: string) => (typeof request.headers[name] === 'string' ? (request.headers[name] as string) : undefined);
    const bankCode = verifyPartnerRequest(
      { bankCode: header('x-bank-code'), timestamp: header('x-timestamp'), signature: header('x-signature'), rawBody: typeof request.body === 'string' ? request.body : '' },
      paymentSettingsOf(app.deps.config).bankSecrets,
      app.deps.clock.now(),
    );
    if (!bankCode) throw new AppError('payments.bank_unauthorised');
    return bankCode;
  };
  const SIGNED = 'Headers: X-Bank-Code, X-Timestamp, X-Signature = hex HMAC-SHA256 of `${X-Timestamp}.${raw body}` (an empty body for GET) with the bank\'s secret.';
  const bankRefundSchema = z.object({
    refundId: z.string(),
    transactionId: z.string().describe("the bank's transaction id of the payment to return"),
    billNumber: z.string(),
    amount: z.number().int().describe('halalas'),
    reason: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    bankReference: z.string().nullable(),
    createdAt: z.string(),
  });

  api.get(
    '/api/v1/partners/sadad/refunds',
    { schema: { tags: ['partners'], summary: 'A bank lists the refunds it is to transfer back to its customers (SADAD payments it collected)', description: SIGNED, response: { 200: z.object({ refunds: z.array(bankRefundSchema) }) } } },
    async (request) => ({ refunds: await pendingBankRefunds(app.deps.database.db, signedBank(request)) }),
  );

  api.post(
    '/api/v1/partners/sadad/refunds/:refundId/confirmations',
    {
      schema: {
        tags: ['partners'],
        summary: 'A bank reports a refund transferred to the payer (or failed); the same report again is answered the same',
        description: `${SIGNED} Body: {"bankReference": "...", "status": "succeeded" | "failed"}. 201: recorded; 200: the same report again; 404: not this bank's refund; 409: a different report for a settled refund.`,
        params: z.object({ refundId: z.string().max(40) }),
        response: { 200: bankRefundSchema, 201: bankRefundSchema },
      },
    },
    async (request, reply) => {
      const bankCode = signedBank(request);
      const parsed = z.object({ bankReference: z.string().min(1).max(64), status: z.enum(['succeeded', 'failed']) }).safeParse(safeJson(request.body));
      if (!parsed.success) throw new AppError('validation.failed', {}, parsed.error.issues.map((i) => ({ field: ['body', ...i.path.map(String)].join('.'), key: 'validation.invalid', params: { detail: i.message } })));
      const { replayed, refund } = await confirmBankRefund({ ...deps(), bankCode, refundId: request.params.refundId, report: parsed.data });
      return reply.status(replayed ? 200 : 201).send(refund);
    },
  );

  api.post(
    '/api/v1/partners/cards/callback',
    {
      schema: {
        tags: ['partners'],
        summary: "The card gateway's signed notice that a payment's status changed (a hint: the platform then asks the gateway)",
        response: { 200: z.object({ received: z.literal(true) }) },
      },
    },
    async (request) => {
      const ok = await cardCallback({
        ...deps(),
        gateway: app.cardGateway,
        publicUrl: app.deps.config.publicUrl,
        headers: request.headers,
        rawBody: typeof request.body === 'string' ? request.body : '',
      });
      if (!ok) throw new AppError('payments.bank_unauthorised');
      app.outbox.nudge();
      return { received: true as const };
    },
  );
}
