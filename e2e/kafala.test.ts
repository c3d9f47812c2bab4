import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import jsQRModule from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { ensureDemoAccounts } from '../src/identity/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { translator } from '../src/kernel/i18n/index.js';
import { formatMoney, sar } from '../src/kernel/money.js';
import { formatReference } from '../src/kernel/reference.js';
import { ensureFirstStartData } from '../src/registry/seed.js';
import kafala, { KAFALA_FEE_SAR } from '../src/services/traffic/kafala.js';
import { accessibilityChecker, demoPersonas, launchBrowser, noBrowser, requestStateOf, signedInPage, startPortal, fillDateAsOnId } from './support/browser.js';
import { assertNotified, noticeText, onPhone, pageChecker } from './support/phone-checks.js';

/**
 * The electronic traffic kafala (bail) in a browser, in Arabic, with JavaScript off: the
 * guarantor persona signs in, finds the service (My Services -> General Services -> Kafala),
 * checks eligibility, enters the held person's details from the demo personas and the
 * undertaking, sees the fee before submitting, and pays it by card on the sandbox acquirer's
 * hosted page with 3-D Secure: first with a declined card (no money taken, try again), then
 * with an approved mada card. The bail is then in force; its printed proof and the payment
 * receipt each carry a QR code that opens the public verify page. Every page, the acquirer's
 * included, is checked on a 360 px phone (e2e/support/phone-checks.ts) and with axe-core (WCAG
 * 2.1 AA); the guarantor is told by SMS and in his notices when he submits and when he has paid.
 */

// jsqr is CommonJS whose types declare an ES default export: Node gives the function itself.
const jsQR = ((jsQRModule as { default?: unknown }).default ?? jsQRModule) as typeof jsQRModule.default;

const DECLINED_MADA = '4406 4700 0000 0015';
const APPROVED_MADA = '4406 4700 0000 0007';
const THREE_DS_CODE = '123456';

describe('stand traffic bail (kafala) and pay for it by card in a browser', { skip: noBrowser }, async () => {
  // The card acquirer's hosted page, the way back from it and the QR codes are absolute URLs
  // built from PUBLIC_URL: it must be the address this browser reaches.
  const { app, baseUrl } = await startPortal({}, { reachablePublicUrl: true });
  const { db } = app.deps.database;
  await ensureFirstStartData({ db, people: 50, seed: 3 });
  await ensureDemoAccounts({ db, clock: systemClock });
  const browser: Browser = await launchBrowser();
  const t = translator('ar');

  const { assertAccessible, axePage } = await accessibilityChecker(browser, baseUrl);
  const check = pageChecker(assertAccessible);

  /** What a phone reads from the page's QR code: the SVG drawn as a picture, then decoded. */
  async function qrText(page: Page): Promise<string | undefined> {
    const svg = await page.locator('main .qr svg').evaluate((element) => element.outerHTML);
    await axePage.goto(`${baseUrl}/`);
    // Drawn at its own size (4 pixels a module); one character a pixel comes back, 1 for dark.
    const picture = await axePage.evaluate(async (markup: string) => {
      const image = new Image();
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
      await image.decode();
      const side = image.naturalWidth;
      const canvas = document.createElement('canvas');
      canvas.width = side;
      canvas.height = side;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0, side, side);
      const { data } = context.getImageData(0, 0, side, side);
      let dark = '';
      for (let at = 0; at < data.length; at += 4) dark += data[at]! < 128 ? '1' : '0';
      return { side, dark };
    }, svg);
    const pixels = new Uint8ClampedArray(picture.side * picture.side * 4).fill(255);
    for (let i = 0; i < picture.dark.length; i++) if (picture.dark[i] === '1') pixels.fill(0, i * 4, i * 4 + 3);
    return jsQR(pixels, picture.side, picture.side)?.data;
  }

  it('goes from login to a bail in force, its printed proof and the payment receipt, after a declined card', async () => {
    const { personas } = await demoPersonas(baseUrl);
    const guarantor = personas.find((p) => p.key === 'guarantor');
    const held = personas.find((p) => p.key === 'traffic-case');
    assert.ok(guarantor?.mobile && held, 'the demo has the guarantor and traffic-case personas');
    // As a tester reads it: the case number is in the guarantor's description.
    const caseNumber = /(\d{6,20})/.exec(guarantor.description)?.[1];
    assert.ok(caseNumber, guarantor.description);
    const feeText = formatMoney(sar(KAFALA_FEE_SAR), 'ar');
    // The fee line as the service defines it (a flat fee: its context is not read).
    const [feeLine] = await kafala.fee({} as Parameters<typeof kafala.fee>[0]);
    assert.ok(feeLine);
    const { states } = kafala.workflow;

    const page = await onPhone(signedInPage(browser, baseUrl, guarantor));

    // My Services -> General Services -> Kafala -> New request.
    await page.click('header a[href="/services"]');
    assert.equal(await page.textContent('main h1'), t('service_pages.my_services'));
    await check(page, 'my services');
    await page.click(`main a[href="/agencies/${kafala.agency}"]`);
    assert.equal((await page.textContent('main h1'))?.trim(), t('agency.general'));
    assert.equal(t('agency.general'), 'الخدمات العامة');
    await check(page, 'general services');
    await page.click(`main a[href="/services/${kafala.id}"]`);
    assert.equal(await page.textContent('main h1'), kafala.name.ar);
    await check(page, 'the kafala service page');
    // Kafala names its button "New kafala" (كفالة جديدة).
    await page.click(`main a.button[href="/services/${kafala.id}/apply"]:has-text("${kafala.newRequestLabel?.ar ?? t('service_pages.new_request')}")`);
    assert.equal(await page.textContent('main h1'), t('service_pages.eligibility_title'));
    assert.ok(await page.isVisible(`main .panel-success:has-text("${t('service_pages.eligible')}")`), 'the guarantor is eligible');
    assert.equal(await page.locator('main .checklist .check-failed').count(), 0);
    await check(page, 'eligibility');
    await page.click(`main a:has-text("${t('service_pages.start')}")`);

    // The form: the held person's details (checked against the registry), then the undertaking.
    assert.equal(await page.textContent('main h1'), kafala.form[0]!.title.ar);
    await page.fill('[id="field-guaranteed.idNumber"]', held.nationalId);
    await fillDateAsOnId(page, 'guaranteed.birthDate', held.dateOfBirth);
    await page.fill('[id="field-guaranteed.caseNumber"]', caseNumber);
    await check(page, 'step 1: the guaranteed person');
    await page.click('button[value="next"]');
    assert.equal(await page.textContent('main h1'), kafala.form[1]!.title.ar, 'the details match the registry');
    await page.check('[id="field-undertaking.declaration"]');
    await check(page, 'step 2: the undertaking');
    await page.click('button[value="next"]');

    // Check your answers, with the fee before anything is submitted.
    assert.equal(await page.textContent('main h1'), t('service_pages.check_title'));
    const fee = (await page.textContent('#fee-title + .fee-table')) ?? '';
    assert.ok(fee.includes(feeLine.label.ar), fee);
    assert.ok(fee.includes(t('service_pages.fee_total')), fee);
    assert.ok(fee.includes(feeText), fee);
    await check(page, 'check your answers');
    await page.click('form[action$="/submit"] button[type="submit"]');

    // The request waits for the payment.
    assert.ok(await page.isVisible(`text=${t('service_pages.submitted_notice')}`));
    const reference = /\/requests\/(\w+)/.exec(page.url())![1]!;
    assert.equal(await requestStateOf(page), states.awaiting_payment.label.ar);
    assert.ok(await page.isVisible(`main a.button[href="/requests/${reference}/payment"]:has-text("${t('payments.pay_now')}")`));
    await check(page, 'request awaiting payment');
    await page.click(`main a[href="/requests/${reference}/payment"]`);

    // The payment page: the amount and its breakdown, and only the card (kafala is card-only).
    assert.equal(await page.textContent('main h1'), t('payments.pay_title'));
    assert.deepEqual(await page.locator('main table.amounts tbody tr').allTextContents(), [`${feeLine.label.ar}${feeText}`]);
    assert.equal(await page.textContent('main table.amounts tfoot tr'), `${t('payments.total')}${feeText}`);
    assert.equal(await page.textContent('#card-title'), t('payments.by_card'));
    assert.equal(await page.locator('#sadad-title').count(), 0, 'no SADAD option');
    assert.equal(await page.locator(`main :text("${t('payments.biller_code')}")`).count(), 0, 'no biller code');
    const payButton = `main form[action^="/payments/bills/"] button:has-text("${t('payments.pay_amount_by_card', { amount: feeText })}")`;
    assert.equal(await page.locator('main form[action^="/payments/bills/"]').count(), 1);
    assert.ok(await page.isVisible(payButton), 'the card button says the amount');
    await check(page, 'payment page');

    const expiry = `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;
    /** From the payment page's card button to our return page, through the hosted card and 3-D Secure pages. */
    async function payByCard(number: string, last4: string, label: string): Promise<void> {
      await page.click(payButton);
      assert.match(page.url(), new RegExp(`^${baseUrl}/sandbox-acquirer/checkout/[^/?]+`), 'the acquirer\'s hosted page');
      assert.equal(await page.getAttribute('html', 'lang'), 'ar');
      assert.equal(await page.textContent('main h1'), t('acquirer.card.title'));
      const summary = (await page.textContent('main .summary')) ?? '';
      assert.ok(summary.includes(feeText) && summary.includes(t('acquirer.merchant_name')) && summary.includes(formatReference(reference)), summary);
      await check(page, `${label}: hosted card page`);
      await page.fill('#field-name', 'Fahad Alqahtani');
      await page.fill('#field-number', number);
      await page.fill('#field-expiry', expiry);
      await page.fill('#field-cvv', '737');
      await page.click(`main button[type="submit"]:has-text("${t('acquirer.card.pay', { amount: feeText })}")`);

      assert.match(page.url(), /\/sandbox-acquirer\/checkout\/[^/]+\/3ds/);
      assert.equal(await page.textContent('main h1'), t('acquirer.three_ds.title'));
      assert.ok(await page.isVisible(`main :text("${t('acquirer.three_ds.card', { scheme: t('acquirer.scheme.mada'), last4 })}")`), 'the card, by scheme and last four digits');
      assert.equal(await page.textContent('main .test-hint strong'), THREE_DS_CODE);
      await check(page, `${label}: 3-D Secure page`);
      await page.fill('#field-code', THREE_DS_CODE);
      await page.click(`main button[type="submit"]:has-text("${t('acquirer.three_ds.submit')}")`);
      assert.match(page.url(), new RegExp(`^${baseUrl}/payments/card/[0-9a-f-]{36}/return$`), 'back on our return page');
    }

    // First a declined card: nothing taken, and a way to try again.
    await payByCard(DECLINED_MADA, '0015', 'declined card');
    assert.equal(await page.textContent('main h1'), t('payments.card_result.failed'));
    const refusal = (await page.textContent('main .notice-error')) ?? '';
    assert.ok(refusal.includes(t('payments.decline.declined')), refusal);
    assert.ok(refusal.includes(t('payments.no_money_taken_card_only')), refusal);
    await check(page, 'card declined');
    await page.click(`main a.button[href="/requests/${reference}/payment"]:has-text("${t('payments.try_again')}")`);
    assert.equal(await page.textContent('main h1'), t('payments.pay_title'));
    assert.ok(await page.isVisible(payButton), 'the bill can still be paid by card');

    // Then an approved mada card.
    await payByCard(APPROVED_MADA, '0007', 'approved card');
    assert.equal(await page.textContent('main h1'), t('payments.card_result.captured'));
    assert.equal((await page.textContent('main .notice-success p'))?.trim(), t('payments.card_paid', { amount: feeText }));
    assert.ok(await page.isVisible(`main .notice-success a[href^="/payments/receipts/PR"]:has-text("${t('payments.view_receipt')}")`), 'a link to the receipt');
    await check(page, 'payment received');
    await page.click(`main a[href="/requests/${reference}"]:has-text("${t('payments.back_to_request_plain')}")`);

    // The bail is in force, and the held person is released in the case.
    assert.equal(await requestStateOf(page), states.active.label.ar);
    assert.equal(await page.locator(`main a[href="/requests/${reference}/payment"]`).count(), 0, 'nothing left to pay');
    const details = (await page.textContent('#details-title + .summary-list')) ?? '';
    assert.ok(details.includes(caseNumber), details);
    assert.ok(!details.includes(held.nationalId), 'the guaranteed person\'s ID is masked');
    assert.ok(await page.isVisible(`main .timeline :text("${kafala.workflow.actions.pay.label.ar}")`), 'the payment in the timeline');
    await check(page, 'bail in force');
    const custody = await db
      .selectFrom('traffic_case_parties')
      .innerJoin('traffic_cases', 'traffic_cases.id', 'traffic_case_parties.case_id')
      .innerJoin('persons', 'persons.id', 'traffic_case_parties.person_id')
      .select('traffic_case_parties.in_custody')
      .where('traffic_cases.number', '=', caseNumber)
      .where('persons.national_id', '=', held.nationalId)
      .executeTakeFirstOrThrow();
    assert.equal(custody.in_custody, false, 'released in the case');

    // The printed proof; its QR code and its link open the public verify page.
    await page.click(`main a[href="/requests/${reference}/print"]`);
    await check(page, 'print view');
    const verifyLink = `main a:has-text("${t('service_pages.verify_link')}")`;
    const proofVerify = await page.getAttribute(verifyLink, 'href');
    assert.match(proofVerify ?? '', /^\/verify\/\S+$/);
    assert.equal(await qrText(page), `${baseUrl}${proofVerify}`, 'the QR code holds the verify link');
    await page.click(verifyLink);
    assert.ok(await page.isVisible(`text=${t('service_pages.verify_valid')}`));
    const verified = (await page.textContent('main .summary-list')) ?? '';
    assert.ok(verified.includes(kafala.name.ar) && verified.includes(states.active.label.ar), verified);
    await check(page, 'verify page (proof)');

    // The payment receipt, from Payments (in the header), with its own verify link.
    await page.click('header a[href="/payments"]');
    assert.equal(await page.textContent('main h1'), t('payments.history_title'));
    const rows = page.locator('main table tbody tr');
    assert.equal(await rows.count(), 1, 'one payment: the declined card took nothing');
    const row = (await rows.first().textContent()) ?? '';
    assert.ok(row.includes(feeText) && row.includes(t('payments.channel.card')) && row.includes(formatReference(reference)), row);
    await check(page, 'payments');
    await page.click('main a[href^="/payments/receipts/PR"]');
    assert.equal(await page.textContent('main h1'), t('payments.receipt_title'));
    const receipt = (await page.textContent('main .summary-list')) ?? '';
    assert.ok(receipt.includes('•••• 0007') && receipt.includes(feeLine.label.ar) && receipt.includes(feeText), receipt);
    assert.ok(!receipt.includes(APPROVED_MADA.replaceAll(' ', '')), 'the last four digits, nothing more');
    assert.ok(await page.isVisible(`main a[href="/requests/${reference}"]`), 'the receipt names the request');
    await check(page, 'receipt');
    const receiptVerify = await page.getAttribute(verifyLink, 'href');
    assert.match(receiptVerify ?? '', /^\/verify\/\S+$/);
    assert.notEqual(receiptVerify, proofVerify);
    assert.equal(await qrText(page), `${baseUrl}${receiptVerify}`, 'the receipt\'s QR code holds its verify link');
    await page.click(verifyLink);
    assert.ok(await page.isVisible(`text=${t('service_pages.verify_valid')}`));
    const receiptVerified = (await page.textContent('main .summary-list')) ?? '';
    assert.ok(receiptVerified.includes(t('payments.receipt_title')) && receiptVerified.includes(t('payments.bill_status.paid')), receiptVerified);
    await check(page, 'verify page (receipt)');

    // The guarantor was told by SMS and in his notices: the request submitted, then the bail paid and in force.
    const told = (template: Parameters<typeof noticeText>[0], params: Record<string, string> = {}) => noticeText(template, { reference: formatReference(reference), service: kafala.name.ar, caseNumber, ...params });
    await assertNotified(page, baseUrl, guarantor.mobile, told(t('requests.notice.changed'), { state: states.awaiting_payment.label.ar }), 'submitted');
    await assertNotified(page, baseUrl, guarantor.mobile, told(kafala.workflow.actions.pay.notify), 'paid');
  });
});
