import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureDemoAccounts, ensureDemoStaff } from '../src/identity/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { maskNationalId } from '../src/kernel/national-id.js';
import { translator } from '../src/kernel/i18n/index.js';
import { billsForRequest, paymentSettingsOf, receivePayment } from '../src/payments/index.js';
import { maskIdForProof } from '../src/proofs/index.js';
import { ensureFirstStartData } from '../src/registry/seed.js';
import kafala from '../src/services/traffic/kafala.js';
import { pdfLines } from '../test/support/pdf-reading.js';
import { demoPersonas, launchBrowser, noBrowser, signedInPage, startPortal, fillDateAsOnId } from './support/browser.js';
import { PHONE, englishWords, reversedValues, sidewaysScroll } from './support/phone-checks.js';
import { reversedNumbers, seenAs } from './support/visual-order.js';

/**
 * Numbers read left to right on Arabic pages, as Chromium draws them on a phone (360 px): the
 * guarantor persona stands bail for his brother; on the form's first step (a hint gives a date),
 * the check page (the ID typed, whole), the request (the brother's masked ID), its print view and /verify (the
 * guarantor's masked ID, "1******016"), the receipt (the card's last digits), My data and the
 * traffic officer's page of the request, the x position of every character of every number-like
 * value is read back (e2e/support/visual-order.ts): the first character must be left of the last.
 * The proof's and the receipt's PDFs are read back glyph by glyph from the left
 * (test/support/pdf-reading.ts). Every other journey checks the same on each page it visits
 * (assertAccessible in e2e/support/browser.ts).
 */

describe('numbers read left to right on Arabic pages and papers', { skip: noBrowser }, async () => {
  const { app, baseUrl } = await startPortal({}, { reachablePublicUrl: true });
  const { db } = app.deps.database;
  await ensureFirstStartData({ db, people: 50, seed: 3 });
  await ensureDemoAccounts({ db, clock: systemClock });
  await ensureDemoStaff({ db, clock: systemClock });
  const browser: Browser = await launchBrowser();
  const t = translator('ar');

  async function assertInOrder(page: Page, what: string, value?: string) {
    assert.deepEqual(await reversedNumbers(page, 'body'), [], `${what}: numbers drawn right to left`);
    if (value) assert.equal(await seenAs(page, value), value, `${what}: ${value} as the eye reads it`);
  }

  it('shows the masked IDs, dates, references and card digits in their order from the form to the receipt', async () => {
    const { personas, staff } = await demoPersonas(baseUrl);
    const guarantor = personas.find((p) => p.key === 'guarantor')!;
    const held = personas.find((p) => p.key === 'traffic-case')!;
    const caseNumber = /(\d{6,20})/.exec(guarantor.description)![1]!;
    const page = await signedInPage(browser, baseUrl, guarantor);
    await page.setViewportSize({ width: 360, height: 780 });

    await page.goto(`${baseUrl}/services/${kafala.id}/apply`);
    await page.click(`main a:has-text("${t('service_pages.start')}")`);
    assert.equal(await page.textContent('main h1'), kafala.form[0]!.title.ar);
    assert.deepEqual(await reversedValues(page), [], 'the first step: no number drawn in reverse');
    await page.fill('[id="field-guaranteed.idNumber"]', held.nationalId);
    await fillDateAsOnId(page, 'guaranteed.birthDate', held.dateOfBirth, 'gregorian');
    await page.fill('[id="field-guaranteed.caseNumber"]', caseNumber);
    await page.click('button[value="next"]');
    await page.check('[id="field-undertaking.declaration"]');
    await page.click('button[value="next"]');
    assert.equal(await page.textContent('main h1'), t('service_pages.check_title'));
    const heldId = maskNationalId(held.nationalId);
    // Shown whole to the one who typed it, before sending; masked from then on.
    await assertInOrder(page, 'check your answers', held.nationalId);
    await page.click('form[action$="/submit"] button[type="submit"]');
    const reference = /\/requests\/(\w+)/.exec(page.url())![1]!;
    await assertInOrder(page, 'the request', heldId);

    // Paid as the card gateway would report it (the card pages have their own journey).
    const row = await db.selectFrom('service_requests').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    const deps = { db, clock: systemClock, catalogue: app.catalogue };
    const { bills } = await billsForRequest({ ...deps, settings: paymentSettingsOf(app.deps.config), accountId: row.applicant_account_id, personId: row.applicant_person_id, reference });
    const paid = await receivePayment({ ...deps, billId: bills[0]!.id, incoming: { channel: 'card', externalId: `gw_${reference}`, amount: bills[0]!.amount, currency: 'SAR', scheme: 'mada', last4: '0007', receivedAt: new Date() } });
    assert.equal(paid.kind, 'applied');

    const holderId = maskIdForProof(guarantor.nationalId);
    await page.goto(`${baseUrl}/requests/${reference}/print`);
    await assertInOrder(page, 'the print view', holderId);
    const proof = await page.request.get(`${baseUrl}/requests/${reference}/proof.pdf`);
    const proofLines = pdfLines(await proof.body()).flat();
    assert.ok(proofLines.some((line) => line.includes(`(${holderId})`)), `the PDF proof:\n${proofLines.join('\n')}`);
    assert.ok(!proofLines.some((line) => line.includes(`(${[...holderId].reverse().join('')})`)));
    await page.click(`main a:has-text("${t('service_pages.verify_link')}")`);
    await assertInOrder(page, '/verify', holderId);

    await page.goto(`${baseUrl}/payments`);
    await page.click('main a[href^="/payments/receipts/PR"]');
    assert.equal(await page.textContent('main h1'), t('payments.receipt_title'));
    await assertInOrder(page, 'the receipt', '•••• 0007');
    assert.equal(await seenAs(page, holderId), holderId);
    const receipt = await page.request.get(`${page.url()}/receipt.pdf`);
    const receiptLines = pdfLines(await receipt.body()).flat();
    assert.ok(receiptLines.some((line) => line.includes(`(${holderId})`)), `the receipt PDF:\n${receiptLines.join('\n')}`);
    assert.ok(receiptLines.some((line) => line.includes('**** 0007')), `the receipt PDF:\n${receiptLines.join('\n')}`);

    await page.goto(`${baseUrl}/me`);
    await assertInOrder(page, 'My data', guarantor.nationalId);

    const officer = staff.find((s) => s.agency === 'traffic' && s.role === 'officer')!;
    const desk = await signedInPage(browser, baseUrl, officer, 'staff');
    await desk.goto(`${baseUrl}/staff/requests/${reference}`);
    await assertInOrder(desk, 'the officer\'s request page', guarantor.nationalId);
  });

  it('catches, in the phone checks, a page wider than the phone, a number drawn in reverse and an English word', async () => {
    // The checks of every journey (e2e/support/phone-checks.ts) on a page made to fail each one.
    // A blank page: the portal's Content-Security-Policy would refuse the inline style.
    const page = await (await browser.newContext({ locale: 'ar-SA', viewport: PHONE })).newPage();
    await page.setContent(`<!doctype html><html lang="ar" dir="rtl"><body><main>
      <p>رقم الهوية 1******016 والتاريخ <bdi dir="ltr">2026-11-23</bdi> والمرجع <bdi dir="ltr">TR-7K4M-9QXP-E</bdi></p>
      <p>بالصيغة 05XXXXXXXX، والطلب Pending</p>
      <a href="/" lang="en">English</a>
      <div class="too-wide" style="width: 500px">عريض</div>
    </main></body></html>`);
    const scroll = await sidewaysScroll(page);
    assert.ok(scroll.scrollWidth > scroll.clientWidth);
    assert.equal(scroll.offenders[0]?.selector, 'body > main > div.too-wide');
    assert.deepEqual(await reversedValues(page), [{ text: '1******016', seen: '016******1' }]);
    assert.deepEqual((await englishWords(page)).map((w) => w.word), ['Pending']);
    await page.context().close();
  });
});
