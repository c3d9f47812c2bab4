import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ensureDemoAccounts } from '../src/identity/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { translator } from '../src/kernel/i18n/index.js';
import { ensureFirstStartData } from '../src/registry/seed.js';
import { accessibilityChecker, launchBrowser, noBrowser, signedInPage, startPortal } from './support/browser.js';

/**
 * Paying traffic violations by SADAD in a browser, in Arabic, with JavaScript off: the violator
 * persona sees them first on their home, opens Traffic -> traffic violations, pays them all, and gets a SADAD bill; a bank
 * customer pays that bill number on the demo bank's page (a second browser), the bank's signed
 * notice reaches the platform, and the violator finds nothing left to pay, the traffic
 * suspension lifted, and a receipt. Every page is checked with axe-core (WCAG 2.1 AA).
 */

const PASSWORD = 'Tayseer#Demo-2026';

describe('paying traffic violations by SADAD in a browser', { skip: noBrowser }, async () => {
  const { app, baseUrl } = await startPortal();
  const { db } = app.deps.database;
  await ensureFirstStartData({ db, people: 50, seed: 3 });
  await ensureDemoAccounts({ db, clock: systemClock });
  const browser: Browser = await launchBrowser();
  const t = translator('ar');

  const { assertAccessible } = await accessibilityChecker(browser, baseUrl);

  it('pays all violations with the SADAD number at the demo bank; the suspension lifts at once', async () => {
    const person = await signedInPage(browser, baseUrl, { login: 'violator', password: PASSWORD, mobile: '0500000003' });
    const suspended = await db.selectFrom('service_suspensions').innerJoin('persons', 'persons.id', 'service_suspensions.person_id').select('service_suspensions.reference').where('persons.national_id', '=', '1000000032').where('lifted_at', 'is', null).where('lifted_by', '=', 'pay_violations').execute();
    assert.ok(suspended.length > 0, 'the persona starts suspended');
    // Signed in, the home says what needs attention: the suspension first, then the violations.
    assert.equal(new URL(person.url()).pathname, '/');
    const attention = () => person.$$eval('main .attention-list [data-kind]', (items) => items.map((i) => i.getAttribute('data-kind')));
    assert.deepEqual((await attention()).slice(0, 2), ['suspensions', 'violations']);
    assert.ok(await person.isVisible(`main a[href="/violations"]:has-text("${t('dashboard.attention.violations.action')}")`));
    await assertAccessible(person, 'home with what needs attention');

    await person.click('header a[href="/services"]');
    await person.click('main a[href="/agencies/traffic"]');
    await assertAccessible(person, 'traffic agency');
    await person.click('main a[href="/violations"]');
    assert.equal(await person.textContent('main h1'), t('payments.violations.title'));
    assert.ok(await person.isVisible(`text=${t('payments.violations.suspension_note')}`));
    await assertAccessible(person, 'violations');
    await person.click('main form:has(input[name="all"]) button[type="submit"]');
    assert.equal(await person.textContent('main h1'), t('payments.violations.pay_title'));
    await assertAccessible(person, 'violations bill');
    const billNumber = /\/payments\/bills\/(\d{12})$/.exec(person.url())![1]!;
    const total = (await person.textContent('main table.amounts tfoot td'))!.trim();

    // A bank customer pays the bill number, as at an ATM or in a bank app.
    const bank = await (await browser.newContext({ locale: 'ar-SA', javaScriptEnabled: false })).newPage();
    await bank.goto(`${baseUrl}/dev/bank`);
    await assertAccessible(bank, 'demo bank');
    await bank.fill('#billNumber', billNumber);
    await bank.click('main form button[type="submit"]');
    assert.ok(await bank.isVisible(`main section:has-text("${total}")`), 'the bank shows the amount of the bill');
    await assertAccessible(bank, 'demo bank bill');
    await bank.click('main section form button[type="submit"]');
    assert.ok(await bank.isVisible('main .notice-success'), 'the bank confirms the payment');
    await assertAccessible(bank, 'demo bank paid');

    await person.goto(`${baseUrl}/violations`);
    assert.ok(await person.isVisible(`text=${t('payments.violations.none')}`));
    const still = await db.selectFrom('service_suspensions').select('reference').where('reference', 'in', suspended.map((s) => s.reference)).where('lifted_at', 'is', null).execute();
    assert.deepEqual(still, [], 'the suspension lifted as the last violation was paid');
    await person.goto(`${baseUrl}/`);
    assert.ok(!(await attention()).some((kind) => kind === 'suspensions' || kind === 'violations'), 'the home has nothing left of them');

    await person.click(`header a[href="/payments"]`);
    await assertAccessible(person, 'payments');
    await person.click('main a[href^="/payments/receipts/"]');
    assert.equal(await person.textContent('main h1'), t('payments.receipt_title'));
    assert.ok(await person.isVisible(`main :text("${billNumber}")`));
    await assertAccessible(person, 'receipt');
    await person.click(`main a:has-text("${t('service_pages.verify_link')}")`);
    assert.ok(await person.isVisible(`text=${t('service_pages.verify_valid')}`));
    await assertAccessible(person, 'receipt verify page');
  });
});
