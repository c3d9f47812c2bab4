import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { accessibilityViolations, launchBrowser, noBrowser, startPortal } from '../../e2e/support/browser.js';

/**
 * The hosted pages in a real browser (Debian's Chromium, without JavaScript, under the app's
 * CSP): the stylesheet applies, a person can pay with the keyboard and mouse, errors are
 * announced, WCAG 2.1 AA holds in both languages, and a phone screen needs no sideways scroll.
 */
describe('the sandbox acquirer in a browser', { skip: noBrowser }, async () => {
  const { app, baseUrl } = await startPortal();
  const browser = await launchBrowser();

  async function newCheckout(locale: 'ar' | 'en') {
    const reference = `cs_${randomUUID()}`;
    return app.cardGateway.createCheckout({
      merchantReference: reference,
      amount: 30_000,
      currency: 'SAR',
      description: { ar: 'رسوم تجديد رخصة القيادة', en: 'Driving licence renewal fee' },
      locale,
      returnUrl: `${baseUrl}/?paid=${reference}`,
      callbackUrl: `${baseUrl}/api/v1/no-such-callback`,
    });
  }

  it('takes a payment through the card form and 3-D Secure, then returns to the merchant', async () => {
    const checkout = await newCheckout('ar');
    const context = await browser.newContext({ locale: 'ar-SA', javaScriptEnabled: false });
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(`${baseUrl}${new URL(checkout.redirectUrl).pathname}`);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    // The stylesheet is served and allowed by the CSP.
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.sandbox-banner')!).backgroundColor), 'rgb(91, 43, 130)');

    await page.fill('#field-name', 'Sara Alharbi');
    await page.fill('#field-number', '4111 1111 1111 1112');
    await page.fill('#field-expiry', '12/30');
    await page.fill('#field-cvv', '737');
    await page.click('button[type=submit]');
    assert.equal(await page.textContent('.error-summary a[href="#field-number"]'), 'رقم البطاقة غير صحيح. يرجى التحقق منه.');
    assert.equal(await page.inputValue('#field-number'), '', 'the card number is not kept');
    assert.equal(await page.inputValue('#field-name'), 'Sara Alharbi');

    await page.fill('#field-number', '4111 1111 1111 1111');
    await page.fill('#field-cvv', '737');
    await page.click('button[type=submit]');
    assert.match(page.url(), /\/3ds\?lang=ar$/);
    assert.equal(await page.textContent('.test-hint strong'), '123456');
    await page.fill('#field-code', '123456');
    await page.click('button[type=submit]');
    assert.equal(page.url(), `${baseUrl}/?paid=${(await app.cardGateway.getPayment(checkout.gatewayPaymentId)).merchantReference}`);
    assert.equal((await app.cardGateway.getPayment(checkout.gatewayPaymentId)).status, 'captured');
    assert.deepEqual(cspViolations, []);
    await context.close();
  });

  it('cancels with "Cancel and return" from the 3-D Secure page, back to the merchant, and nothing is taken', async () => {
    const checkout = await newCheckout('en');
    const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}${new URL(checkout.redirectUrl).pathname}`);
    await page.fill('#field-name', 'Sara Alharbi');
    await page.fill('#field-number', '4111 1111 1111 1111');
    await page.fill('#field-expiry', '12/30');
    await page.fill('#field-cvv', '737');
    await page.click('form.card-form button[type=submit]');
    assert.match(page.url(), /\/3ds\?lang=en$/);
    await page.getByRole('button', { name: 'Cancel and return to Tayseer' }).click();
    const payment = await app.cardGateway.getPayment(checkout.gatewayPaymentId);
    assert.equal(page.url(), `${baseUrl}/?paid=${payment.merchantReference}`);
    assert.deepEqual([payment.status, payment.declineCode, payment.capturedAt], ['failed', 'cancelled', null]);
    await page.goto(`${baseUrl}${new URL(checkout.redirectUrl).pathname}`);
    assert.equal(await page.textContent('h1'), 'Payment cancelled');
    await context.close();
  });

  it('has no WCAG 2.1 AA violations on the card page (with errors), the 3-D Secure page and the outcome page, in both languages', async () => {
    for (const locale of ['ar', 'en'] as const) {
      const checkout = await newCheckout(locale);
      const url = `${baseUrl}${new URL(checkout.redirectUrl).pathname}`;
      // bypassCSP only lets the test inject axe-core; the pages themselves run no script.
      const page = await browser.newPage({ bypassCSP: true });
      await page.goto(url);
      assert.deepEqual(await accessibilityViolations(page), [], `${locale} card page`);
      await page.click('button[type=submit]'); // everything empty: an error on each field
      assert.equal(await page.locator('.error-summary li').count(), 4);
      assert.deepEqual(await accessibilityViolations(page), [], `${locale} card page with errors`);
      await page.fill('#field-name', 'Sara Alharbi');
      await page.fill('#field-number', '4406470000000015');
      await page.fill('#field-expiry', '12/30');
      await page.fill('#field-cvv', '737');
      await page.click('button[type=submit]');
      assert.deepEqual(await accessibilityViolations(page), [], `${locale} 3-D Secure page`);
      await page.fill('#field-code', '123456');
      await page.click('button[type=submit]');
      await page.goto(url);
      assert.equal(await page.textContent('h1'), locale === 'ar' ? 'لم تتم عملية الدفع' : 'Payment declined');
      assert.deepEqual(await accessibilityViolations(page), [], `${locale} outcome page`);
      await page.close();
    }
  });

  it('fits a phone screen without sideways scrolling, test cards open', async () => {
    const checkout = await newCheckout('ar');
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${baseUrl}${new URL(checkout.redirectUrl).pathname}`);
    await page.click('details.test-cards summary');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    await page.close();
  });
});
