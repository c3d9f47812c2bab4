import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorStatus, isAppError, type ErrorCode } from '../kernel/errors.js';
import { pageContext, type PageContext } from '../web/context.js';
import { sendPage } from '../web/render.js';
import { signedInOrToLogin } from '../web/session.js';
import { billOfAccount, billsForRequest } from './bills.js';
import { cardSessionOfAccount, startCardPayment } from './card.js';
import { cardPageLocation } from './card-page.js';
import type { CardDeps, PaymentsDeps } from './deps.js';
import { BillPage, CardResultPage } from './pages/bill.js';
import { PaymentsHistoryPage, ReceiptPage } from './pages/receipts.js';
import { paymentHistory, receiptOfAccount } from './receipts.js';
import type { BillLine, BillRow } from '../db/tables.js';
import { formatDateTime } from '../kernel/dates.js';
import { formatMoney } from '../kernel/money.js';
import { formatReference } from '../kernel/reference.js';
import { maskIdForProof, proofPayloadFor, qrSvg, renderProofPdf } from '../proofs/index.js';
import { getPerson, listActiveSuspensions, personName } from '../registry/index.js';
import { appliedPaymentOfBill, referenceOfRequest } from './repository.js';
import { paymentSettingsOf } from './settings.js';
import { billViolations, unpaidViolations } from './violations.js';
import { ViolationsPage } from './pages/violations.js';
import { isUuid } from '../kernel/uuid.js';

/** A failure code passed back to a bill page, as its translated message (known codes only). */
function failureMessage(ctx: PageContext, failed: unknown): string | undefined {
  return typeof failed === 'string' && Object.hasOwn(errorStatus, failed) ? ctx.t(`errors.${failed as ErrorCode}`) : undefined;
}

/** The person's payment pages: bills, paying by card, receipts, and their traffic violations. */
export async function paymentWebRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app.deps;
  const deps = (): PaymentsDeps => ({ db: app.deps.database.db, clock: app.deps.clock, catalogue: app.catalogue });
  const cardDeps = (): CardDeps => ({ ...deps(), gateway: app.cardGateway, publicUrl: config.publicUrl });
  const ctxOf = (request: FastifyRequest): PageContext => pageContext(request, { demoMode: config.demoMode });
  /** The receipt number of the payment that paid a bill (none while it is not paid). */
  const receiptOfPaidBill = async (bill: BillRow | undefined) => (bill?.status === 'paid' ? ((await appliedPaymentOfBill(app.deps.database.db, bill.id))?.receipt_number ?? null) : null);

  app.get('/requests/:reference/payment', { schema: { hide: true } }, async (request, reply) => {
    const user = signedInOrToLogin(request, reply);
    if (!user) return reply;
    const { reference } = request.params as { reference: string };
    const failed = (request.query as Record<string, unknown>).failed;
    const ctx = ctxOf(request);
    const { request: row, service, bills } = await billsForRequest({ ...deps(), settings: paymentSettingsOf(config), accountId: user.accountId, personId: user.personId, reference });
    const back = { href: `/requests/${row.reference}`, label: `${ctx.t('payments.back_to_request')} ${formatReference(row.reference)}` };
    const receiptNumber = await receiptOfPaidBill(bills[0]);
    return sendPage(reply, BillPage({ ctx, subject: service.name[ctx.locale], back, bills, now: app.deps.clock.now(), message: failureMessage(ctx, failed), receiptNumber }));
  });

  /** A bill by its number: traffic violations' bills live here (a request's bill on its request). */
  app.get('/payments/bills/:number', { schema: { hide: true } }, async (request, reply) => {
    const user = signedInOrToLogin(request, reply);
    if (!user) return reply;
    const { number } = request.params as { number: string };
    const db = app.deps.database.db;
    const bill = await billOfAccount(db, user.accountId, number);
    if (bill.request_id) return reply.redirect(`/requests/${await referenceOfRequest(db, bill.request_id)}/payment`, 303);
    const ctx = ctxOf(request);
    const back = { href: '/violations', label: ctx.t('payments.violations.back') };
    const receiptNumber = await receiptOfPaidBill(bill);
    return sendPage(
      reply,
      BillPage({ ctx, subject: ctx.t('payments.violations.title'), title: ctx.t('payments.violations.pay_title'), paidTitle: ctx.t('payments.violations.paid_title'), back, bills: [bill], now: app.deps.clock.now(), message: failureMessage(ctx, (request.query as Record<string, unknown>).failed), receiptNumber }),
    );
  });

  app.get('/violations', { schema: { hide: true } }, async (request, reply) => {
    const user = signedInOrToLogin(request, reply);
    if (!user) return reply;
    const db = app.deps.database.db;
    const [violations, suspensions] = await Promise.all([unpaidViolations(db, user.personId), listActiveSuspensions(db, user.personId)]);
    return sendPage(reply, ViolationsPage({ ctx: ctxOf(request), violations, suspensions: suspensions.filter((s) => s.lifted_by === 'pay_violations') }));
  });

  app.post('/violations/pay', { schema: { hide: true } }, async (request, reply) => {
    const user = signedInOrToLogin(request, reply, '/violations');
    if (!user) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const violationIds = body.all === 'yes' ? 'all' : typeof body.violation === 'string' && isUuid(body.violation) ? [body.violation] : [];
    const bill = await billViolations({ ...deps(), settings: paymentSettingsOf(config), accountId: user.accountId, personId: user.personId, violationIds });
    return reply.redirect(`/payments/bills/${bill.number}`, 303);
  });

  app.post('/payments/bills/:number/card', { schema: { hide: true } }, async (request, reply: FastifyReply) => {
    const user = signedInOrToLogin(request, reply, '/payments');
    if (!user) return reply;
    const { number } = request.params as { number: string };
    const db = app.deps.database.db;
    const bill = await billOfAccount(db, user.accountId, number);
    try {
      const { redirectUrl } = await startCardPayment({ ...cardDeps(), accountId: user.accountId, billNumber: bill.number, locale: ctxOf(request).locale });
      // As a path when the card page is this app's (the portal may be open at another address
      // than PUBLIC_URL); refused by the security policy: a message rather than a blank stop.
      const location = cardPageLocation(redirectUrl, { publicUrl: config.publicUrl, gateway: app.cardGateway });
      if (location === null) {
        request.log.warn({ gateway: app.cardGateway.name }, 'card page not allowed by form-action: list its origin in hostedPageOrigins');
        throw new AppError('payments.card_page_unreachable');
      }
      return reply.redirect(location, 303);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const page = bill.request_id ? `/requests/${await referenceOfRequest(db, bill.request_id)}/payment` : `/payments/bills/${bill.number}`;
      return reply.redirect(`${page}?failed=${error.code}`, 303);
    }
  });

  app.get('/payments', { schema: { hide: true } }, async (request, reply) => {
    const user = signedInOrToLogin(request, reply);
    if (!user) return reply;
    return sendPage(reply, PaymentsHistoryPage({ ctx: ctxOf(request), rows: await paymentHistory(app.deps.database.db, user.accountId) }));
  });

  /** The person's receipt, its holder's name, and a freshly signed verify URL. */
  async function receiptProof(request: FastifyRequest, reply: FastifyReply, ctx: PageContext) {
    const user = signedInOrToLogin(request, reply);
    if (!user) return null;
    const { number } = request.params as { number: string };
    const receipt = await receiptOfAccount(app.deps.database.db, user.accountId, number);
    const payer = (await getPerson(app.deps.database.db, receipt.bill.person_id))!;
    const issuedAt = app.deps.clock.now();
    const code = app.proofSigner.sign(
      proofPayloadFor({ kind: 'receipt', reference: receipt.payment.receipt_number, serviceId: receipt.serviceId, state: receipt.bill.status, name: personName(payer, ctx.locale), nationalId: payer.national_id, issuedAt }),
    );
    const holder = { name: personName(payer, ctx.locale), maskedId: maskIdForProof(payer.national_id) };
    return { receipt, holder, issuedAt, verifyPath: `/verify/${code}`, verifyUrl: `${config.publicUrl}/verify/${code}` };
  }

  app.get('/payments/receipts/:number', { schema: { hide: true } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const proof = await receiptProof(request, reply, ctx);
    if (!proof) return reply;
    return sendPage(reply, ReceiptPage({ ctx, receipt: proof.receipt, holder: proof.holder, qrSvg: qrSvg(proof.verifyUrl, { label: ctx.t('proofs.verify_heading') }), verifyPath: proof.verifyPath }));
  });

  app.get('/payments/receipts/:number/receipt.pdf', { schema: { hide: true } }, async (request, reply) => {
    const ctx = ctxOf(request);
    const proof = await receiptProof(request, reply, ctx);
    if (!proof) return reply;
    const { t, locale } = ctx;
    const { payment, bill } = proof.receipt;
    const lines = bill.breakdown as unknown as BillLine[];
    const pdf = await renderProofPdf({
      locale,
      title: t('payments.receipt_title'),
      subtitle: (bill.description as unknown as { ar: string; en: string })[locale],
      reference: payment.receipt_number,
      issuedAt: proof.issuedAt,
      sections: [
        {
          heading: t('payments.receipt'),
          rows: [
            { label: t('service_pages.holder'), value: `${proof.holder.name} (${proof.holder.maskedId})` },
            { label: t('payments.bill_number'), value: `${bill.number} (${t('payments.biller_code')} ${bill.biller_code})` },
            ...lines.map((line) => ({ label: line.label[locale], value: formatMoney(line.amount, locale) })),
            { label: t('payments.total_paid'), value: formatMoney(payment.amount, locale) },
            { label: t('payments.channel_label'), value: `${t(`payments.channel.${payment.channel}`)}${payment.last4 ? ` **** ${payment.last4}` : ''}` },
            { label: t('payments.paid_at'), value: formatDateTime(payment.received_at, locale) },
            ...(proof.receipt.requestReference ? [{ label: t('service_pages.request'), value: formatReference(proof.receipt.requestReference) }] : []),
          ],
        },
      ],
      verifyUrl: proof.verifyUrl,
      footer: t('payments.receipt_footer'),
    });
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${payment.receipt_number}.pdf"`).header('cache-control', 'private, no-store').send(pdf);
  });

  app.get('/payments/card/:sessionId/return', { schema: { hide: true } }, async (request, reply) => {
    const user = signedInOrToLogin(request, reply);
    if (!user) return reply;
    const { sessionId } = request.params as { sessionId: string };
    // With this card payment's own receipt (none if it could not pay the bill and is being refunded).
    const { session, bill, requestReference, receiptNumber } = await cardSessionOfAccount({ ...cardDeps(), accountId: user.accountId, sessionId });
    return sendPage(reply, CardResultPage({ ctx: ctxOf(request), session, bill, requestReference, receiptNumber }));
  });
}
