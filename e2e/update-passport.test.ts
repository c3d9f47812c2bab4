import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ensureDemoAccounts } from '../src/identity/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { translator } from '../src/kernel/i18n/index.js';
import { formatMoney, sar } from '../src/kernel/money.js';
import { ensureFirstStartData } from '../src/registry/seed.js';
import updatePassport, { UPDATE_PASSPORT_FEE_SAR } from '../src/services/passports/update-passport.js';
import { formatReference } from '../src/kernel/reference.js';
import { accessibilityChecker, demoPersonas, launchBrowser, noBrowser, signedInPage, startPortal } from './support/browser.js';
import { assertNotified, noticeText, onPhone, pageChecker } from './support/phone-checks.js';

/**
 * Update renewed passport information in a browser, in Arabic, with JavaScript off: the
 * renewed-passport persona signs in, enters the new passport's details, uploads a scan (a small
 * PNG made here) through the multipart step, declares the old passport is not lost, pays 69 SAR
 * by card on the sandbox acquirer (3-D Secure) and sees the new passport in My data. On a 360 px
 * phone: every page is checked there (e2e/support/phone-checks.ts) and with axe-core; the
 * resident is told by SMS and in the notices when the request is submitted and when it is paid.
 */

const APPROVED_MADA = '4406 4700 0000 0007';
const THREE_DS_CODE = '123456';

/** A real 1x1 PNG (signature, IHDR, IDAT, IEND). */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('update renewed passport information and pay for it by card in a browser', { skip: noBrowser }, async () => {
  const { app, baseUrl } = await startPortal({}, { reachablePublicUrl: true });
  const { db } = app.deps.database;
  await ensureFirstStartData({ db, people: 50, seed: 3 });
  await ensureDemoAccounts({ db, clock: systemClock });
  const browser: Browser = await launchBrowser();
  const t = translator('ar');
  const check = pageChecker((await accessibilityChecker(browser, baseUrl)).assertAccessible);

  it('goes from login to the new passport in My data', async () => {
    const { personas } = await demoPersonas(baseUrl);
    const resident = personas.find((p) => p.key === 'renewed-passport');
    assert.ok(resident?.mobile && resident.nationalId === '2000000014', 'the demo has the renewed-passport persona');
    const person = await db.selectFrom('persons').select(['id', 'nationality']).where('national_id', '=', resident.nationalId).executeTakeFirstOrThrow();
    const newNumber = `RN${Date.now() % 1e9}`;
    const feeText = formatMoney(sar(UPDATE_PASSPORT_FEE_SAR), 'ar');

    const page = await onPhone(signedInPage(browser, baseUrl, resident));

    // My Services -> Passports -> Update passport information.
    await page.goto(`${baseUrl}/agencies/passports`);
    await page.click(`main a[href="/services/${updatePassport.id}"]`);
    assert.equal(await page.textContent('main h1'), updatePassport.name.ar);
    await check(page, 'the service page');
    await page.click(`main a.button[href="/services/${updatePassport.id}/apply"]`);
    assert.ok(await page.isVisible(`main .panel-success:has-text("${t('service_pages.eligible')}")`), 'the resident is eligible');
    await check(page, 'eligibility');
    await page.click(`main a:has-text("${t('service_pages.start')}")`);

    // The new passport, then its scan (a multipart step), then the declaration.
    assert.equal(await page.textContent('main h1'), updatePassport.form[0]!.title.ar);
    await page.fill('[id="field-passport.number"]', newNumber);
    await page.selectOption('[id="field-passport.issuingCountry"]', person.nationality);
    await page.fill('[id="field-passport.issueDate"]', new Date(Date.now() - 10 * 86400000).toISOString().slice(0, 10));
    await page.fill('[id="field-passport.expiryDate"]', `${new Date().getFullYear() + 10}-01-31`);
    await check(page, 'step 1: the new passport');
    await page.click('button[value="next"]');
    assert.equal(await page.textContent('main h1'), updatePassport.form[1]!.title.ar, 'the details are accepted');
    await check(page, 'step 2: the scan');
    await page.setInputFiles('[id="field-scan.passportScan"]', { name: 'passport.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await page.click('button[value="next"]');
    assert.equal(await page.textContent('main h1'), updatePassport.form[2]!.title.ar, 'the scan is stored');
    await check(page, 'step 3: the declaration');
    await page.check('[id="field-declaration.notLost"]');
    await page.click('button[value="next"]');

    // Check your answers: the scan attached, the fee; then submit.
    assert.equal(await page.textContent('main h1'), t('service_pages.check_title'));
    assert.ok(await page.isVisible(`main :text("${t('uploads.attached')}")`));
    assert.ok(((await page.textContent('#fee-title + .fee-table')) ?? '').includes(feeText));
    await check(page, 'check your answers');
    await page.click('form[action$="/submit"] button[type="submit"]');
    const reference = /\/requests\/(\w+)/.exec(page.url())![1]!;
    await check(page, 'request awaiting payment');

    // Pay by card through the sandbox acquirer's hosted page and 3-D Secure.
    await page.click(`main a[href="/requests/${reference}/payment"]`);
    await check(page, 'payment page');
    await page.click(`main form[action^="/payments/bills/"] button:has-text("${t('payments.pay_amount_by_card', { amount: feeText })}")`);
    assert.match(page.url(), new RegExp(`^${baseUrl}/sandbox-acquirer/checkout/[^/?]+`));
    await check(page, 'hosted card page');
    await page.fill('#field-name', 'Imran Akhtar');
    await page.fill('#field-number', APPROVED_MADA);
    await page.fill('#field-expiry', `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`);
    await page.fill('#field-cvv', '737');
    await page.click(`main button[type="submit"]:has-text("${t('acquirer.card.pay', { amount: feeText })}")`);
    await check(page, '3-D Secure page');
    await page.fill('#field-code', THREE_DS_CODE);
    await page.click(`main button[type="submit"]:has-text("${t('acquirer.three_ds.submit')}")`);
    assert.equal(await page.textContent('main h1'), t('payments.card_result.captured'));
    await check(page, 'payment received');

    // The registry holds the new passport at once: My data shows it.
    await page.goto(`${baseUrl}/me`);
    assert.ok(((await page.textContent('main')) ?? '').includes(newNumber), 'the new passport in My data');
    await check(page, 'My data');
    const passports = await db.selectFrom('documents').select(['number', 'status']).where('person_id', '=', person.id).where('kind', '=', 'passport').execute();
    assert.deepEqual(passports.filter((p) => p.status === 'valid').map((p) => p.number), [newNumber]);

    // Told by SMS and in the notices: submitted, then paid with the new passport on record.
    const { states, actions } = updatePassport.workflow;
    const told = (template: Parameters<typeof noticeText>[0], params: Record<string, string> = {}) => noticeText(template, { reference: formatReference(reference), service: updatePassport.name.ar, newPassportNumber: newNumber, ...params });
    await assertNotified(page, baseUrl, resident.mobile, told(t('requests.notice.changed'), { state: states.awaiting_payment.label.ar }), 'submitted');
    await assertNotified(page, baseUrl, resident.mobile, told(actions.pay.notify), 'paid');
  });
});
