import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BillLine, BillRow, CardSessionRow } from '../db/tables.js';
import { apiSession } from '../identity/index.js';
import { billOfAccount, billsForRequest } from './bills.js';
import { cardSessionOfAccount, startCardPayment } from './card.js';
import type { CardDeps, PaymentsDeps } from './deps.js';
import { paymentHistory } from './receipts.js';
import { paymentSettingsOf } from './settings.js';
import { billViolations, unpaidViolations } from './violations.js';

/**
 * The person's payments API: a request's bills, a bill, paying it by card (a card session on
 * the gateway's hosted page), the payment history with refunds, and traffic violations. Every
 * state-changing call is idempotent by what it is about: one open card session per bill, one
 * unpaid bill per request and per set of violations. Amounts are integer halalas.
 */

const problem = z.object({ code: z.string(), detail: z.string() }).passthrough().describe('application/problem+json');
const bilingual = z.object({ ar: z.string(), en: z.string() });
const BEARER = 'Authorization: Bearer <token> (from a completed sign-in).';

const billSchema = z.object({
  number: z.string().describe('SADAD bill number (12 digits, the last a check digit)'),
  billerCode: z.string(),
  status: z.enum(['unpaid', 'paid', 'expired', 'cancelled', 'refunded']),
  description: bilingual,
  amount: z.number().int().describe('halalas'),
  vat: z.number().int().describe('halalas'),
  lines: z.array(z.object({ code: z.string(), label: bilingual, amount: z.number().int() })),
  channels: z.array(z.enum(['sadad', 'card'])),
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
});
const cardSessionSchema = z.object({
  sessionId: z.string(),
  billNumber: z.string(),
  status: z.enum(['open', 'captured', 'failed', 'expired']).describe('open: waiting for the person or the bank; captured: paid'),
  declineCode: z.string().nullable().describe('why a failed or expired session did not pay: declined, insufficient_funds, three_ds_failed, expired_card, invalid_card, no_answer, cancelled (the person cancelled on the hosted page), ...'),
  amount: z.number().int(),
  redirectUrl: z.string().nullable().describe("the gateway's hosted card page"),
});

function billView(bill: BillRow, now: number) {
  return {
    number: bill.number,
    billerCode: bill.biller_code,
    status: bill.status === 'unpaid' && bill.expires_at.getTime() <= now ? ('expired' as const) : bill.status,
    description: bill.description as unknown as { ar: string; en: string },
    amount: bill.amount,
    vat: bill.vat,
    lines: bill.breakdown as unknown as BillLine[],
    channels: bill.channels,
    expiresAt: bill.expires_at.toISOString(),
    paidAt: bill.paid_at?.toISOString() ?? null,
  };
}

function sessionView(session: CardSessionRow, billNumber: string) {
  return { sessionId: session.id, billNumber, status: session.status, declineCode: session.decline_code, amount: session.amount, redirectUrl: session.status === 'open' ? session.redirect_url : null };
}

export async function paymentApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onResponse', async () => app.outbox.nudge());
  const deps = (): PaymentsDeps => ({ db: app.deps.database.db, clock: app.deps.clock, catalogue: app.catalogue });
  const cardDeps = (): CardDeps => ({ ...deps(), gateway: app.cardGateway, publicUrl: app.deps.config.publicUrl });

  const person = (request: FastifyRequest) => apiSession({ db: app.deps.database.db, clock: app.deps.clock, config: app.deps.config }, request);

  api.get(
    '/api/v1/requests/:reference/bills',
    { schema: { tags: ['payments'], summary: "A request's bills, newest first (issued when the request waits for its fee)", description: BEARER, params: z.object({ reference: z.string().min(6).max(20) }), response: { 200: z.object({ bills: z.array(billSchema) }), 401: problem, 404: problem } } },
    async (request) => {
      const session = await person(request);
      const { bills } = await billsForRequest({ ...deps(), settings: paymentSettingsOf(app.deps.config), accountId: session.accountId, personId: session.personId, reference: request.params.reference });
      return { bills: bills.map((b) => billView(b, app.deps.clock.now().getTime())) };
    },
  );

  api.get(
    '/api/v1/bills/:number',
    { schema: { tags: ['payments'], summary: 'One of my bills', description: BEARER, params: z.object({ number: z.string().max(20) }), response: { 200: billSchema, 401: problem, 404: problem } } },
    async (request) => billView(await billOfAccount(app.deps.database.db, (await person(request)).accountId, request.params.number), app.deps.clock.now().getTime()),
  );

  api.post(
    '/api/v1/bills/:number/card-sessions',
    {
      schema: {
        tags: ['payments'],
        summary: "Pay a bill by card: the session's hosted card page (the same open session again while it lasts)",
        description: `${BEARER} Send the person to redirectUrl; afterwards GET the session: only the gateway's answer counts.`,
        params: z.object({ number: z.string().max(20) }),
        body: z.object({ locale: z.enum(['ar', 'en']).default('ar') }).optional(),
        response: { 201: cardSessionSchema, 401: problem, 404: problem, 409: problem, 410: problem, 503: problem },
      },
    },
    async (request, reply) => {
      const session = await person(request);
      const { session: card, redirectUrl } = await startCardPayment({ ...cardDeps(), accountId: session.accountId, billNumber: request.params.number, locale: request.body?.locale ?? 'ar' });
      const bill = await billOfAccount(app.deps.database.db, session.accountId, request.params.number);
      return reply.status(201).send({ ...sessionView(card, bill.number), redirectUrl });
    },
  );

  api.get(
    '/api/v1/card-sessions/:sessionId',
    { schema: { tags: ['payments'], summary: 'A card session, after asking the gateway where it stands', description: BEARER, params: z.object({ sessionId: z.string().max(40) }), response: { 200: cardSessionSchema, 401: problem, 404: problem } } },
    async (request) => {
      const session = await person(request);
      const { session: card, bill } = await cardSessionOfAccount({ ...cardDeps(), accountId: session.accountId, sessionId: request.params.sessionId });
      return sessionView(card, bill.number);
    },
  );

  api.get(
    '/api/v1/payments',
    {
      schema: {
        tags: ['payments'],
        summary: 'My payments, newest first, with receipts and refunds',
        description: BEARER,
        response: {
          200: z.object({
            payments: z.array(
              z.object({
                id: z.string(),
                billNumber: z.string(),
                description: bilingual,
                channel: z.enum(['sadad', 'card']),
                amount: z.number().int(),
                receivedAt: z.string(),
                receiptNumber: z.string().nullable().describe('null: this payment did not pay its bill (refunded)'),
                refund: z.enum(['pending', 'succeeded', 'failed']).nullable(),
              }),
            ),
          }),
          401: problem,
        },
      },
    },
    async (request) => {
      const session = await person(request);
      const rows = await paymentHistory(app.deps.database.db, session.accountId);
      return {
        payments: rows.map((p) => ({ id: p.id, billNumber: p.bill_number, description: p.bill_description, channel: p.channel, amount: p.amount, receivedAt: p.received_at.toISOString(), receiptNumber: p.receipt_number, refund: p.refund_status })),
      };
    },
  );

  api.get(
    '/api/v1/violations',
    {
      schema: {
        tags: ['payments'],
        summary: 'My unpaid traffic violations',
        description: BEARER,
        response: { 200: z.object({ violations: z.array(z.object({ id: z.string(), number: z.string(), kind: bilingual, committedAt: z.string(), city: z.string(), amount: z.number().int() })) }), 401: problem },
      },
    },
    async (request) => {
      const session = await person(request);
      const rows = await unpaidViolations(app.deps.database.db, session.personId);
      return { violations: rows.map((v) => ({ id: v.id, number: v.number, kind: { ar: v.type_name_ar, en: v.type_name_en }, committedAt: v.committed_at.toISOString(), city: v.city, amount: v.amount })) };
    },
  );

  api.post(
    '/api/v1/violations/bills',
    {
      schema: {
        tags: ['payments'],
        summary: 'A bill for some or all of my unpaid violations (the same unpaid bill again for the same violations)',
        description: BEARER,
        body: z.union([z.object({ all: z.literal(true) }), z.object({ violationIds: z.array(z.uuid()).min(1).max(200) })]),
        response: { 201: billSchema, 401: problem, 422: problem },
      },
    },
    async (request, reply) => {
      const session = await person(request);
      const body = request.body;
      const bill = await billViolations({ ...deps(), settings: paymentSettingsOf(app.deps.config), accountId: session.accountId, personId: session.personId, violationIds: 'all' in body ? 'all' : body.violationIds });
      return reply.status(201).send(billView(bill, app.deps.clock.now().getTime()));
    },
  );
}
