import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { settableClock, MINUTE_MS, SECOND_MS } from '../../src/kernel/clock.js';
import { formatMoney } from '../../src/kernel/money.js';
import type { CardGateway, CheckoutRequest } from '../../src/payments/gateway.js';
import { passesLuhn, SandboxAcquirerError, schemeOf, TEST_CARDS, UNSUPPORTED_TEST_CARD } from '../../src/payments/sandbox-acquirer/index.js';
import { testApp } from '../support/app.js';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';

/*
 * The sandbox acquirer through the port (app.cardGateway) and its hosted pages, driven with
 * app.inject like a browser. Callbacks: sandbox-acquirer-callbacks.test.ts.
 */

// The callback goes to a closed port: delivery fails quietly, as it may in real life.
const NOWHERE = 'http://127.0.0.1:9/payments/card/callback';

function checkoutRequest(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  const reference = `cs_${randomUUID()}`;
  return {
    merchantReference: reference,
    amount: 15_075,
    currency: 'SAR',
    description: { ar: 'رسوم إصدار جواز سفر', en: 'Passport issue fee' },
    locale: 'ar',
    returnUrl: `http://localhost:3000/payments/card/return/${reference}`,
    callbackUrl: NOWHERE,
    ...overrides,
  };
}

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

interface Card {
  name?: string;
  number: string;
  expiry?: string;
  cvv?: string;
}

/** Starts a checkout and pays it through the pages; returns the payment id, the final response and the checkout. */
async function pay(app: FastifyInstance, card: Card, options: { codes?: string[]; request?: Partial<CheckoutRequest> } = {}) {
  const gateway = app.cardGateway;
  const request = checkoutRequest(options.request);
  const checkout = await gateway.createCheckout(request);
  const v = new Visitor(app);
  const page = await v.get(pathOf(checkout.redirectUrl));
  assert.equal(page.statusCode, 200);
  const submitted = await v.post(pathOf(checkout.redirectUrl), { name: card.name ?? 'Sara Alharbi', number: card.number, expiry: card.expiry ?? '12/30', cvv: card.cvv ?? '737' });
  assert.equal(submitted.statusCode, 303, submitted.body);
  const codeUrl = submitted.headers.location as string;
  assert.match(codeUrl, /^\/sandbox-acquirer\/checkout\/pay_[A-Za-z0-9_-]{24}\/3ds\?lang=ar$/);
  const codePage = await v.get(codeUrl);
  assert.equal(codePage.statusCode, 200);
  let last = codePage;
  for (const code of options.codes ?? ['123456']) last = await v.post(codeUrl, { code });
  return { id: checkout.gatewayPaymentId, last, request, checkout, visitor: v };
}

/** Every row of every table, as text: for looking for what must never be stored. */
async function everyRowAsText(app: FastifyInstance): Promise<string> {
  const db = app.deps.database.db;
  const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(db);
  const texts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table_name)} t`.execute(db);
    texts.push(...rows.rows.map((r) => r.row));
  }
  return texts.join('\n');
}

describe(`sandbox acquirer (${engineUnderTest})`, async () => {
  const { app } = await testApp();
  const gateway: CardGateway = app.cardGateway;

  it('is the card gateway of the app, and every documented test card passes Luhn with its scheme', () => {
    assert.equal(gateway.name, 'sandbox');
    for (const card of TEST_CARDS) {
      assert.ok(passesLuhn(card.number), `${card.number} passes Luhn`);
      assert.equal(schemeOf(card.number), card.scheme, `${card.number} is ${card.scheme}`);
    }
    assert.ok(passesLuhn(UNSUPPORTED_TEST_CARD));
    assert.equal(schemeOf(UNSUPPORTED_TEST_CARD), null);
    // mada wins over the Visa and Mastercard ranges its BINs sit in.
    assert.equal(schemeOf('4406470000000007'), 'mada');
    assert.equal(schemeOf('5433570000000008'), 'mada');
    assert.equal(schemeOf('4111111111111111'), 'visa');
    assert.equal(schemeOf('2720990000000007'), 'mastercard');
    assert.equal(schemeOf('2721000000000000'), null);
    assert.equal(schemeOf('5600000000000000'), null);
  });

  it('shows the checkout in Arabic by default: merchant, description, amount and an accessible card form', async () => {
    const checkout = await gateway.createCheckout(checkoutRequest());
    assert.match(checkout.redirectUrl, /^http:\/\/localhost:3000\/sandbox-acquirer\/checkout\/pay_[A-Za-z0-9_-]{24}$/);
    const res = await new Visitor(app).get(pathOf(checkout.redirectUrl));
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /<html lang="ar" dir="rtl">/);
    assert.match(res.body, /بيئة تجريبية/); // marked as a test environment
    assert.match(res.body, /SANDBOX/);
    assert.match(res.body, /<dd>تيسير<\/dd>/);
    assert.match(res.body, /رسوم إصدار جواز سفر/);
    assert.ok(res.body.includes(formatMoney(15_075, 'ar')), 'the amount, formatted');
    assert.match(res.body, /<link rel="stylesheet" href="\/sandbox-acquirer\/assets\/acquirer.css"/);
    for (const [name, autocomplete] of [['name', 'cc-name'], ['number', 'cc-number'], ['expiry', 'cc-exp'], ['cvv', 'cc-csc']]) {
      assert.match(res.body, new RegExp(`<label for="field-${name}">`));
      assert.match(res.body, new RegExp(`id="field-${name}" name="${name}"[^>]*autocomplete="${autocomplete}"`));
    }
    for (const name of ['number', 'expiry', 'cvv']) assert.match(res.body, new RegExp(`id="field-${name}"[^>]*inputmode="numeric"`));
    assert.match(res.body, /name="_csrf" value="[A-Za-z0-9_-]{32,}"/);
    assert.ok(res.cookies.some((c) => c.name === 'tayseer_csrf' && c.httpOnly && c.sameSite === 'Strict'));
    assert.doesNotMatch(res.body, /style=/, 'no inline styles (CSP)');
    assert.doesNotMatch(res.body, /<script/, 'no scripts');

    const css = await app.inject({ url: '/sandbox-acquirer/assets/acquirer.css' });
    assert.equal(css.statusCode, 200);
    assert.match(css.headers['content-type'] as string, /^text\/css/);
    assert.match(css.body, /margin-inline/);
  });

  it('shows the checkout in English with ?lang=en, with the language cookie, or when the merchant asked for English', async () => {
    const checkout = await gateway.createCheckout(checkoutRequest());
    const path = pathOf(checkout.redirectUrl);
    const byQuery = await app.inject({ url: `${path}?lang=en` });
    assert.match(byQuery.body, /<html lang="en" dir="ltr">/);
    assert.match(byQuery.body, /<dd>Tayseer<\/dd>/);
    assert.match(byQuery.body, /Passport issue fee/);
    assert.ok(byQuery.body.includes(formatMoney(15_075, 'en')));
    assert.match(byQuery.body, /Test environment/);
    assert.match(byQuery.body, /action="\/sandbox-acquirer\/checkout\/pay_[^"?]+\?lang=en"/, 'the form keeps the language');
    const byCookie = await app.inject({ url: path, cookies: { lang: 'en' } });
    assert.match(byCookie.body, /<html lang="en" dir="ltr">/);
    const byMerchant = await app.inject({ url: pathOf((await gateway.createCheckout(checkoutRequest({ locale: 'en' }))).redirectUrl) });
    assert.match(byMerchant.body, /<html lang="en" dir="ltr">/);
    const unknown = await app.inject({ url: '/sandbox-acquirer/checkout/pay_AAAAAAAAAAAAAAAAAAAAAAAA?lang=en' });
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /Payment not found/);
  });

  for (const card of TEST_CARDS) {
    it(`plays back the test card ${card.number} (${card.scheme}): ${card.outcome}`, async () => {
      const { id, last, request } = await pay(app, { number: card.number.replace(/(\d{4})/g, '$1 ').trim() });
      assert.equal(last.statusCode, 303);
      assert.equal(last.headers.location, pathOf(request.returnUrl), 'back to the merchant on this app, by path');
      const payment = await gateway.getPayment(id);
      assert.equal(payment.gatewayPaymentId, id);
      assert.equal(payment.merchantReference, request.merchantReference);
      assert.equal(payment.amount, 15_075);
      assert.equal(payment.currency, 'SAR');
      assert.equal(payment.scheme, card.scheme);
      assert.equal(payment.last4, card.number.slice(-4));
      if (card.outcome === 'approved') {
        assert.equal(payment.status, 'captured');
        assert.match(payment.authCode ?? '', /^[A-Z0-9]{6}$/);
        assert.deepEqual(payment.capturedAt, new Date('2026-11-01T09:00:00Z'));
        assert.equal(payment.declineCode, null);
      } else if (card.outcome === 'no_answer') {
        assert.equal(payment.status, 'pending');
        assert.equal(payment.declineCode, null);
        assert.equal(payment.authCode, null);
      } else {
        assert.equal(payment.status, 'declined');
        assert.equal(payment.declineCode, card.outcome);
        assert.equal(payment.authCode, null);
        assert.equal(payment.capturedAt, null);
      }
    });
  }

  it('approves any other valid card of an accepted scheme, and reads Arabic-Indic digits', async () => {
    const visa = await pay(app, { number: '4557 0000 0000 0009' });
    assert.equal((await gateway.getPayment(visa.id)).status, 'captured');
    const mada = await pay(app, { number: '٩٦٨٢٠٨٠٠٠٠٠٠٠٠٠٨', expiry: '١٢/٣٠', cvv: '١٢٣' });
    const payment = await gateway.getPayment(mada.id);
    assert.equal(payment.status, 'captured');
    assert.equal(payment.scheme, 'mada');
    assert.equal(payment.last4, '0008');
  });

  it('refuses a card that fails Luhn, an unaccepted scheme, a past expiry and a bad CVV, per field, in English and Arabic, changing nothing', async () => {
    const checkout = await gateway.createCheckout(checkoutRequest());
    const path = pathOf(checkout.redirectUrl);
    const cases = [
      { form: { number: '4111 1111 1111 1112' }, field: 'number', en: 'The card number is not correct. Please check it.', ar: 'رقم البطاقة غير صحيح. يرجى التحقق منه.' },
      { form: { number: UNSUPPORTED_TEST_CARD }, field: 'number', en: 'This card is not accepted. Please use a mada, Visa or Mastercard card.', ar: 'هذه البطاقة غير مقبولة. يرجى استخدام بطاقة مدى أو فيزا أو ماستركارد.' },
      { form: { expiry: '10/26' }, field: 'expiry', en: 'This card has expired. Please use a valid card.', ar: 'انتهت صلاحية هذه البطاقة. يرجى استخدام بطاقة سارية.' },
      { form: { expiry: '13/30' }, field: 'expiry', en: 'Please enter the expiry date as month/year, for example 08/28.', ar: 'يرجى إدخال تاريخ الانتهاء بصيغة الشهر/السنة، مثل 08/28.' },
      { form: { cvv: '7373' }, field: 'cvv', en: 'The security code is the 3 digits on the back of the card.', ar: 'رمز الأمان 3 أرقام على ظهر البطاقة.' },
      { form: { name: '' }, field: 'name', en: 'Please enter the name as it is written on the card.', ar: 'يرجى إدخال الاسم كما هو مكتوب على البطاقة.' },
    ];
    for (const { form, field, en, ar } of cases) {
      for (const [lang, message] of [['en', en], ['ar', ar]] as const) {
        const v = new Visitor(app);
        await v.get(`${path}?lang=${lang}`);
        // Not a documented test card: those are listed on the page itself.
        const filled = { name: 'Sara Alharbi', number: '4557 0000 0000 0009', expiry: '11/26', cvv: '737', ...form };
        const res = await v.post(`${path}?lang=${lang}`, filled);
        assert.equal(res.statusCode, 422, `${JSON.stringify(form)} ${lang}`);
        assert.match(res.body, new RegExp(`<html lang="${lang}"`));
        assert.ok(res.body.includes(`<a href="#field-${field}">${message}</a>`), `summary links to ${field}: ${message}`);
        assert.match(res.body, new RegExp(`id="field-${field}-error"`));
        assert.match(res.body, new RegExp(`id="field-${field}"[^>]*aria-describedby="[^"]*field-${field}-error"[^>]*aria-invalid="true"`));
        // The name and the expiry are kept; the card number and the CVV are never echoed.
        if (filled.name) assert.match(res.body, /value="Sara Alharbi"/);
        assert.ok(res.body.includes(`value="${filled.expiry}"`));
        const digits = filled.number.replace(/\s/g, '');
        assert.ok(!res.body.includes(digits) && !res.body.includes(filled.number), 'no card number in the page');
        assert.doesNotMatch(res.body, new RegExp(`value="${filled.cvv}"`));
        assert.doesNotMatch(res.body, /id="field-(number|cvv)"[^>]*value=/);
      }
    }
    const payment = await gateway.getPayment(checkout.gatewayPaymentId);
    assert.equal(payment.status, 'initiated');
    assert.equal(payment.scheme, null);
    assert.equal(payment.last4, null);
  });

  it('sends the browser back to a merchant elsewhere by its full address, and to this app by path', async () => {
    const elsewhere = 'https://merchant.example/orders/1/return';
    const { last } = await pay(app, { number: '4111111111111111' }, { request: { returnUrl: elsewhere } });
    assert.equal(last.headers.location, elsewhere);
  });

  it('refuses a form without its CSRF token', async () => {
    const checkout = await gateway.createCheckout(checkoutRequest());
    const v = new Visitor(app);
    await v.get(pathOf(checkout.redirectUrl));
    const res = await v.post(pathOf(checkout.redirectUrl), { name: 'Sara Alharbi', number: '4111111111111111', expiry: '12/30', cvv: '737' }, { csrf: null });
    assert.equal(res.statusCode, 403);
    assert.equal((await gateway.getPayment(checkout.gatewayPaymentId)).status, 'initiated');
  });

  const stored = (id: string) => app.deps.database.db.selectFrom('sandbox_acquirer_payments').select(['state', 'cancelled_at', 'updated_at', 'scheme', 'last4', 'auth_code', 'captured_at']).where('id', '=', id).executeTakeFirstOrThrow();

  it('cancels at the card step with "Cancel and return", a form checked like the others: nothing taken, the checkout refuses a card after it', async () => {
    const request = checkoutRequest({ locale: 'en' });
    const checkout = await gateway.createCheckout(request);
    const path = pathOf(checkout.redirectUrl);
    const cancelPath = `${path}/cancel?lang=en`;
    const v = new Visitor(app);
    const page = await v.get(path);
    // A form that posts with the page's CSRF token, not a link to the merchant.
    assert.match(page.body, new RegExp(`<form method="post" action="${cancelPath.replace('?', '\\?')}" class="cancel-form"><input type="hidden" name="_csrf" value="${v.csrf}"/><button type="submit" class="link-button">Cancel and return to Tayseer</button></form>`));
    assert.ok(!page.body.includes(`href="${pathOf(request.returnUrl)}"`), 'no link straight back to the merchant');

    const forged = await v.post(cancelPath, {}, { csrf: null });
    assert.equal(forged.statusCode, 403);
    assert.equal((await v.post(cancelPath, {}, { csrf: 'not-the-token-of-this-browser-at-all-0123' })).statusCode, 403);
    const reload = await v.get(cancelPath);
    assert.equal(reload.statusCode, 303, 'opening the address cancels nothing');
    assert.equal(reload.headers.location, `${path}?lang=en`);
    assert.equal((await gateway.getPayment(checkout.gatewayPaymentId)).status, 'initiated');

    const cancelled = await v.post(cancelPath, {});
    assert.equal(cancelled.statusCode, 303);
    assert.equal(cancelled.headers.location, pathOf(request.returnUrl), 'back to the merchant');
    const payment = await gateway.getPayment(checkout.gatewayPaymentId);
    assert.equal(payment.status, 'failed');
    assert.equal(payment.declineCode, 'cancelled');
    assert.equal(payment.capturedAt, null);
    assert.equal(payment.authCode, null);
    const row = await stored(checkout.gatewayPaymentId);
    assert.equal(row.state, 'cancelled');
    assert.deepEqual(row.cancelled_at, new Date('2026-11-01T09:00:00Z'));

    // A card sent after the cancel (another tab, the back button) is refused: nothing changes.
    const late = await v.post(`${path}?lang=en`, { name: 'Sara Alharbi', number: '4111111111111111', expiry: '12/30', cvv: '737' });
    assert.equal(late.statusCode, 303);
    assert.equal(late.headers.location, `${path}?lang=en`);
    assert.equal((await v.get(`${path}/3ds?lang=en`)).statusCode, 200, 'no 3-D Secure step: the outcome');
    assert.deepEqual(await stored(checkout.gatewayPaymentId), row);
    const outcome = await v.get(`${path}?lang=en`);
    assert.equal(outcome.statusCode, 200);
    assert.match(outcome.body, /<h1>Payment cancelled<\/h1>/);
    assert.match(outcome.body, /You cancelled this payment\. No money was taken from your card\./);
    assert.match(outcome.body, /Return to Tayseer/);
    assert.doesNotMatch(outcome.body, /<form/);
    const arabic = await new Visitor(app).get(`${path}?lang=ar`);
    assert.match(arabic.body, /<h1>أُلغيت عملية الدفع<\/h1>/);
    assert.match(arabic.body, /ولم يُخصم أي مبلغ من بطاقتك/);

    // A second click goes back to the merchant again and changes nothing.
    const again = await v.post(cancelPath, {});
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, pathOf(request.returnUrl));
    assert.deepEqual(await stored(checkout.gatewayPaymentId), row);
    // The merchant reference answers the same, cancelled checkout; nothing to refund.
    assert.equal((await gateway.createCheckout(request)).gatewayPaymentId, checkout.gatewayPaymentId);
    assert.equal((await gateway.getPayment(checkout.gatewayPaymentId)).status, 'failed');
    await assert.rejects(gateway.refund({ gatewayPaymentId: checkout.gatewayPaymentId, amount: 15_075, idempotencyKey: `r-${randomUUID()}` }), (e: unknown) => e instanceof SandboxAcquirerError && e.code === 'not_captured');
  });

  it('cancels at 3-D Secure: the card is not charged, and the right code afterwards is refused', async () => {
    const request = checkoutRequest();
    const checkout = await gateway.createCheckout(request);
    const path = pathOf(checkout.redirectUrl);
    const v = new Visitor(app);
    await v.get(path);
    const submitted = await v.post(`${path}?lang=ar`, { name: 'Sara Alharbi', number: '4111111111111111', expiry: '12/30', cvv: '737' });
    const codeUrl = submitted.headers.location as string;
    const codePage = await v.get(codeUrl);
    assert.match(codePage.body, new RegExp(`<form method="post" action="${path}/cancel\\?lang=ar" class="cancel-form">`));
    assert.match(codePage.body, /إلغاء والعودة إلى تيسير/);
    const cancelled = await v.post(`${path}/cancel?lang=ar`, {});
    assert.equal(cancelled.statusCode, 303);
    assert.equal(cancelled.headers.location, pathOf(request.returnUrl));
    const late = await v.post(codeUrl, { code: '123456' });
    assert.equal(late.statusCode, 303);
    assert.equal(late.headers.location, `${path}?lang=ar`);
    const payment = await gateway.getPayment(checkout.gatewayPaymentId);
    assert.equal(payment.status, 'failed');
    assert.equal(payment.declineCode, 'cancelled');
    assert.equal(payment.capturedAt, null);
    assert.equal(payment.scheme, 'visa', 'what was entered before the cancel is kept');
    assert.equal(payment.last4, '1111');
    assert.equal((await stored(checkout.gatewayPaymentId)).state, 'cancelled');
  });

  it('does not cancel a payment that has ended: it stays as it was and the page shows it', async () => {
    const captured = await pay(app, { number: '4406470000000007' });
    const path = pathOf(captured.checkout.redirectUrl);
    const before = await stored(captured.id);
    const refused = await captured.visitor.post(`${path}/cancel?lang=ar`, {});
    assert.equal(refused.statusCode, 303);
    assert.equal(refused.headers.location, `${path}?lang=ar`);
    assert.deepEqual(await stored(captured.id), before);
    assert.equal((await gateway.getPayment(captured.id)).status, 'captured');
    const declined = await pay(app, { number: '4000000000000002' });
    await declined.visitor.post(`${pathOf(declined.checkout.redirectUrl)}/cancel`, {});
    assert.equal((await gateway.getPayment(declined.id)).declineCode, 'declined');
    const forged = await new Visitor(app).post('/sandbox-acquirer/checkout/pay_AAAAAAAAAAAAAAAAAAAAAAAA/cancel', {}, { csrf: null });
    assert.equal(forged.statusCode, 403, 'no token, no answer about the payment');
    const unknown = await captured.visitor.post('/sandbox-acquirer/checkout/pay_AAAAAAAAAAAAAAAAAAAAAAAA/cancel?lang=en', {});
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.body, /Payment not found/);
  });

  it('shows the 3-D Secure step with the test code; three wrong codes decline the payment', async () => {
    const checkout = await gateway.createCheckout(checkoutRequest({ locale: 'en' }));
    const v = new Visitor(app);
    const path = pathOf(checkout.redirectUrl);
    await v.get(path);
    const submitted = await v.post(`${path}?lang=en`, { name: 'Sara Alharbi', number: '4111111111111111', expiry: '12/30', cvv: '737' });
    const codeUrl = submitted.headers.location as string;
    assert.equal((await gateway.getPayment(checkout.gatewayPaymentId)).status, 'pending');
    // The card page now leads to the code page.
    assert.equal((await v.get(path)).headers.location, `${path}/3ds?lang=en`);
    const page = await v.get(codeUrl);
    assert.match(page.body, /Please enter the code your bank sent to your mobile/);
    assert.match(page.body, /Visa card ending in 1111/);
    assert.match(page.body, /the verification code is: <strong class="ltr">123456<\/strong>/);
    assert.match(page.body, /id="field-code"[^>]*autocomplete="one-time-code"[^>]*inputmode="numeric"/);

    const malformed = await v.post(codeUrl, { code: '12' });
    assert.equal(malformed.statusCode, 422);
    assert.match(malformed.body, /The verification code has 6 digits\./);
    const first = await v.post(codeUrl, { code: '000000' });
    assert.equal(first.statusCode, 422);
    assert.match(first.body, /Attempts left: 2\./);
    const second = await v.post(codeUrl, { code: '111111' });
    assert.match(second.body, /Attempts left: 1\./);
    assert.equal((await gateway.getPayment(checkout.gatewayPaymentId)).status, 'pending');
    const third = await v.post(codeUrl, { code: '222222' });
    assert.equal(third.statusCode, 303);
    assert.equal(third.headers.location, `/payments/card/return/${(await gateway.getPayment(checkout.gatewayPaymentId)).merchantReference}`);
    const payment = await gateway.getPayment(checkout.gatewayPaymentId);
    assert.equal(payment.status, 'declined');
    assert.equal(payment.declineCode, 'three_ds_failed');
    // The right code now changes nothing; the pages show the outcome.
    const late = await v.post(codeUrl, { code: '123456' });
    assert.equal(late.statusCode, 303);
    assert.equal(late.headers.location, `${path}?lang=en`);
    assert.equal((await gateway.getPayment(checkout.gatewayPaymentId)).status, 'declined');
    const outcome = await v.get(`${path}?lang=en`);
    assert.match(outcome.body, /Payment declined/);
    assert.match(outcome.body, /could not be verified/);
  });

  it('declines the 3-D Secure failure card even with the right code', async () => {
    const { id } = await pay(app, { number: '4000000000003063' }, { codes: ['123456'] });
    const payment = await gateway.getPayment(id);
    assert.equal(payment.status, 'declined');
    assert.equal(payment.declineCode, 'three_ds_failed');
  });

  it('creates one checkout per merchant reference, with unguessable ids, and refuses the same reference for another amount', async () => {
    const request = checkoutRequest();
    const first = await gateway.createCheckout(request);
    const again = await gateway.createCheckout(request);
    assert.deepEqual(again, first);
    assert.match(first.gatewayPaymentId, /^pay_[A-Za-z0-9_-]{24}$/);
    assert.deepEqual(first.expiresAt, new Date('2026-11-01T09:15:00Z'));
    const other = await gateway.createCheckout(checkoutRequest());
    assert.notEqual(other.gatewayPaymentId, first.gatewayPaymentId);
    await assert.rejects(gateway.createCheckout({ ...request, amount: 15_076 }), (e: unknown) => e instanceof SandboxAcquirerError && e.code === 'reference_conflict');
    await assert.rejects(gateway.createCheckout(checkoutRequest({ amount: 0 })), (e: unknown) => e instanceof SandboxAcquirerError && e.code === 'invalid_request');
    await assert.rejects(gateway.createCheckout(checkoutRequest({ callbackUrl: 'javascript:alert(1)' })), (e: unknown) => e instanceof SandboxAcquirerError && e.code === 'invalid_request');
    await assert.rejects(gateway.getPayment('pay_unknown'), (e: unknown) => e instanceof SandboxAcquirerError && e.code === 'unknown_payment');
  });

  it('never stores the card number or the CVV', async () => {
    const number = '4557000000000009';
    const cvv = '918';
    const { id } = await pay(app, { number: number.replace(/(\d{4})/g, '$1 ').trim(), cvv });
    assert.equal((await gateway.getPayment(id)).status, 'captured');
    const everything = await everyRowAsText(app);
    assert.ok(everything.includes(id), 'the payment is in the dump');
    for (const form of [number, '4557 0000 0000 0009', number.slice(0, 12), number.slice(6)]) assert.ok(!everything.includes(form), `no ${form} anywhere`);
    const sandboxRows = await sql<{ row: string }>`SELECT row_to_json(p)::text AS row FROM sandbox_acquirer_payments p WHERE id = ${id}`.execute(app.deps.database.db);
    const row = JSON.parse(sandboxRows.rows[0]!.row) as Record<string, unknown>;
    assert.ok(!Object.values(row).some((value) => String(value).includes(cvv)), 'no CVV in the row');
    assert.ok(!Object.keys(row).some((column) => /pan|cvv|cvc|card_number|number/.test(column)), 'no column for them');
    assert.equal(row.last4, '0009');
  });
});

describe(`sandbox acquirer over time (${engineUnderTest})`, async () => {
  const clock = settableClock('2026-11-01T09:00:00Z');
  const { app } = await testApp({ clock });
  const gateway = app.cardGateway;

  it('keeps a "no answer" payment pending until noAnswerAfterMs, then reads it as failed / no_answer', async () => {
    const { id, last, request } = await pay(app, { number: '5105105105105100' });
    assert.equal(last.statusCode, 303);
    assert.equal(last.headers.location, pathOf(request.returnUrl), 'back to the merchant on this app, by path');
    assert.equal((await gateway.getPayment(id)).status, 'pending');
    clock.advance(2 * MINUTE_MS - 1);
    const still = await gateway.getPayment(id);
    assert.equal(still.status, 'pending');
    assert.equal(still.declineCode, null);
    clock.advance(1);
    const failed = await gateway.getPayment(id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.declineCode, 'no_answer');
    assert.equal(failed.scheme, 'mastercard');
    // Time has moved on, and the checkout's own expiry does not change the answer.
    clock.advance(30 * MINUTE_MS);
    assert.equal((await gateway.getPayment(id)).status, 'failed');
  });

  it('expires a checkout not completed in time, at the card step or at 3-D Secure', async () => {
    const waiting = await gateway.createCheckout(checkoutRequest());
    const v = new Visitor(app);
    const atCode = await gateway.createCheckout(checkoutRequest({ locale: 'en' }));
    await v.get(pathOf(atCode.redirectUrl));
    const submitted = await v.post(pathOf(atCode.redirectUrl), { name: 'Sara Alharbi', number: '4111111111111111', expiry: '12/30', cvv: '737' });
    const codeUrl = submitted.headers.location as string;
    clock.advance(15 * MINUTE_MS - 1);
    assert.equal((await gateway.getPayment(waiting.gatewayPaymentId)).status, 'initiated');
    assert.equal((await gateway.getPayment(atCode.gatewayPaymentId)).status, 'pending');
    clock.advance(1);
    assert.equal((await gateway.getPayment(waiting.gatewayPaymentId)).status, 'expired');
    assert.equal((await gateway.getPayment(atCode.gatewayPaymentId)).status, 'expired');
    const late = await v.post(codeUrl, { code: '123456' });
    assert.equal(late.statusCode, 303, 'back to the checkout, which says it expired');
    assert.equal((await gateway.getPayment(atCode.gatewayPaymentId)).status, 'expired');
    const page = await v.get(late.headers.location as string);
    assert.match(page.body, /This payment has expired/);
    assert.match(page.body, /Return to Tayseer/);
  });

  it('does not cancel a checkout that has expired: it reads expired, not cancelled', async () => {
    const checkout = await gateway.createCheckout(checkoutRequest({ locale: 'en' }));
    const path = pathOf(checkout.redirectUrl);
    const v = new Visitor(app);
    await v.get(path);
    clock.advance(15 * MINUTE_MS);
    const late = await v.post(`${path}/cancel?lang=en`, {});
    assert.equal(late.statusCode, 303);
    assert.equal(late.headers.location, `${path}?lang=en`);
    const payment = await gateway.getPayment(checkout.gatewayPaymentId);
    assert.equal(payment.status, 'expired');
    assert.equal(payment.declineCode, null);
    assert.match((await v.get(late.headers.location as string)).body, /This payment has expired/);
  });

  it('refunds a captured payment in full, once, idempotently: pending, then succeeded, and the payment reads refunded', async () => {
    const captured = await pay(app, { number: '4406470000000007' });
    const key = `refund-${randomUUID()}`;
    const refund = await gateway.refund({ gatewayPaymentId: captured.id, amount: 15_075, idempotencyKey: key });
    assert.match(refund.gatewayRefundId, /^rfd_[A-Za-z0-9_-]{24}$/);
    assert.deepEqual(refund, { gatewayRefundId: refund.gatewayRefundId, gatewayPaymentId: captured.id, amount: 15_075, status: 'pending' });
    assert.deepEqual(await gateway.refund({ gatewayPaymentId: captured.id, amount: 15_075, idempotencyKey: key }), refund, 'the same key, the same refund');
    assert.equal((await gateway.getPayment(captured.id)).status, 'captured');

    clock.advance(2 * SECOND_MS - 1);
    assert.equal((await gateway.getRefund(refund.gatewayRefundId)).status, 'pending');
    clock.advance(1);
    assert.equal((await gateway.getRefund(refund.gatewayRefundId)).status, 'succeeded');
    assert.equal((await gateway.refund({ gatewayPaymentId: captured.id, amount: 15_075, idempotencyKey: key })).status, 'succeeded');
    assert.equal((await gateway.getPayment(captured.id)).status, 'refunded');

    const refusal = (code: string) => (e: unknown) => e instanceof SandboxAcquirerError && e.code === code;
    await assert.rejects(gateway.refund({ gatewayPaymentId: captured.id, amount: 15_075, idempotencyKey: `other-${randomUUID()}` }), refusal('already_refunded'));
    const another = await pay(app, { number: '4111111111111111' });
    await assert.rejects(gateway.refund({ gatewayPaymentId: another.id, amount: 15_000, idempotencyKey: `r-${randomUUID()}` }), refusal('amount_mismatch'));
    await assert.rejects(gateway.refund({ gatewayPaymentId: another.id, amount: 15_075, idempotencyKey: key }), refusal('idempotency_conflict'));
    const declined = await pay(app, { number: '4000000000000002' });
    await assert.rejects(gateway.refund({ gatewayPaymentId: declined.id, amount: 15_075, idempotencyKey: `r-${randomUUID()}` }), refusal('not_captured'));
    const open = await gateway.createCheckout(checkoutRequest());
    await assert.rejects(gateway.refund({ gatewayPaymentId: open.gatewayPaymentId, amount: 15_075, idempotencyKey: `r-${randomUUID()}` }), refusal('not_captured'));
    await assert.rejects(gateway.refund({ gatewayPaymentId: 'pay_nope', amount: 15_075, idempotencyKey: `r-${randomUUID()}` }), refusal('unknown_payment'));
    await assert.rejects(gateway.getRefund('rfd_nope'), refusal('unknown_refund'));
  });

  it('lists in the settlement of a day (Asia/Riyadh) the captures and the refunds that succeeded on it', async () => {
    // 23:30 in Riyadh on 10 November, then 00:30 on 11 November.
    clock.set('2026-11-10T20:30:00Z');
    const late = await pay(app, { number: '4111111111111111' });
    await pay(app, { number: '4000000000000002' }); // declined: not settled
    clock.set('2026-11-10T21:30:00Z');
    const early = await pay(app, { number: '5555555555554444' }, { request: { amount: 5_000 } });
    await gateway.refund({ gatewayPaymentId: late.id, amount: 15_075, idempotencyKey: `settle-${randomUUID()}` });

    const tenth = await gateway.settlement('2026-11-10');
    assert.deepEqual(tenth, [
      { kind: 'capture', gatewayPaymentId: late.id, merchantReference: late.request.merchantReference, amount: 15_075, currency: 'SAR', at: new Date('2026-11-10T20:30:00Z') },
    ]);
    // The refund is not settled while it is pending.
    assert.deepEqual((await gateway.settlement('2026-11-11')).map((l) => [l.kind, l.gatewayPaymentId]), [['capture', early.id]]);
    clock.advance(2 * SECOND_MS);
    const eleventh = await gateway.settlement('2026-11-11');
    assert.deepEqual(eleventh, [
      { kind: 'capture', gatewayPaymentId: early.id, merchantReference: early.request.merchantReference, amount: 5_000, currency: 'SAR', at: new Date('2026-11-10T21:30:00Z') },
      { kind: 'refund', gatewayPaymentId: late.id, merchantReference: late.request.merchantReference, amount: 15_075, currency: 'SAR', at: new Date('2026-11-10T21:30:02Z') },
    ]);
    assert.deepEqual(await gateway.settlement('2026-11-12'), []);
    await assert.rejects(gateway.settlement('2026-02-30'), (e: unknown) => e instanceof SandboxAcquirerError && e.code === 'invalid_request');
  });
});
