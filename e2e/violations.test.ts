import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ensureDemoAccounts } from '../src/identity/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { translator } from '../src/kernel/i18n/index.js';
import { ensureFirstStartData } from '../src/registry/seed.js';
import { accessibilityChecker, launchBrowser, noBrowser, signedInPage, startPortal } from './support/browser.js';
import { assertNotified, onPhone, pageChecker, phoneContext, withoutBidiControls } from './support/phone-checks.js';

/**
 * Paying traffic violations by SADAD in a browser, in Arabic, with JavaScript off: the violator
 * persona sees them first on their home, opens Traffic -> traffic violations, pays them all, and gets a SADAD bill; a bank
 * customer pays that bill number on the demo bank's page (a second browser), the bank's signed
 * notice reaches the platform, and the violator finds nothing left to pay, the traffic
 * suspension lifted, and a receipt, and is told so by SMS and in the notices. Both browsers are
 * 360 px phones: every page is checked there (e2e/support/phone-checks.ts) and with axe-core
 * (WCAG 2.1 AA).
 */

const PASSWORD = 'Tayseer#Demo-2026';
const VIOLATOR_MOBILE = '0500000003';

describe('paying traffic violations by SADAD in a browser', { skip: noBrowser }, async () => {
  const { app, baseUrl } = await startPortal();
  const { db } = app.deps.database;
  await ensureFirstStartData({ db, people: 50, seed: 3 });
  await ensureDemoAccounts({ db, clock: systemClock });
  const browser: Browser = await launchBrowser();
  const t = translator('ar');

  const { assertAccessible } = await accessibilityChecker(browser, baseUrl);
  const check = pageChecker(assertAccessible);

  it('pays all violations with the SADAD number at the demo bank; the suspension lifts at once', async () => {
    const person = await onPhone(signedInPage(browser, baseUrl, { login: 'violator', password: PASSWORD, mobile: VIOLATOR_MOBILE }));
    const suspended = await db.selectFrom('service_suspensions').innerJoin('persons', 'persons.id', 'service_suspensions.person_id').select(['service_suspensions.reference', 'service_suspensions.authority']).where('persons.national_id', '=', '1000000032').where('lifted_at', 'is', null).where('lifted_by', '=', 'pay_violations').execute();
    assert.ok(suspended.length > 0, 'the persona starts suspended');
    // Signed in, the home says what needs attention: the suspension first, then the violations.
    assert.equal(new URL(person.url()).pathname, '/');
    const attention = () => person.$$eval('main .attention-list [data-kind]', (items) => items.map((i) => i.getAttribute('data-kind')));
    assert.deepEqual((await attention()).slice(0, 2), ['suspensions', 'violations']);
    assert.ok(await person.isVisible(`main a[href="/violations"]:has-text("${t('dashboard.attention.violations.action')}")`));
    await check(person, 'home with what needs attention');

    await person.click('header a[href="/services"]');
    await person.click('main a[href="/agencies/traffic"]');
    await check(person, 'traffic agency');
    await person.click('main a[href="/violations"]');
    assert.equal(await person.textContent('main h1'), t('payments.violations.title'));
    assert.ok(await person.isVisible(`text=${t('payments.violations.suspension_note')}`));
    await check(person, 'violations');
    await person.click('main form:has(input[name="all"]) button[type="submit"]');
    assert.equal(await person.textContent('main h1'), t('payments.violations.pay_title'));
    await check(person, 'violations bill');
    const billNumber = /\/payments\/bills\/(\d{12})$/.exec(person.url())![1]!;
    const total = (await person.textContent('main table.amounts tfoot td'))!.trim();

    // A bank customer pays the bill number, as at an ATM or in a bank app.
    const bank = await (await phoneContext(browser)).newPage();
    await bank.goto(`${baseUrl}/dev/bank`);
    await check(bank, 'demo bank');
    await bank.fill('#billNumber', billNumber);
    await bank.click('main form button[type="submit"]');
    assert.ok(await bank.isVisible(`main section:has-text("${total}")`), 'the bank shows the amount of the bill');
    await check(bank, 'demo bank bill');
    await bank.click('main section form button[type="submit"]');
    assert.ok(await bank.isVisible('main .notice-success'), 'the bank confirms the payment');
    await check(bank, 'demo bank paid');

    await person.goto(`${baseUrl}/violations`);
    assert.ok(await person.isVisible(`text=${t('payments.violations.none')}`));
    const still = await db.selectFrom('service_suspensions').select('reference').where('reference', 'in', suspended.map((s) => s.reference)).where('lifted_at', 'is', null).execute();
    assert.deepEqual(still, [], 'the suspension lifted as the last violation was paid');
    await person.goto(`${baseUrl}/`);
    assert.ok(!(await attention()).some((kind) => kind === 'suspensions' || kind === 'violations'), 'the home has nothing left of them');

    await person.click(`header a[href="/payments"]`);
    await check(person, 'payments');
    await person.click('main a[href^="/payments/receipts/"]');
    assert.equal(await person.textContent('main h1'), t('payments.receipt_title'));
    assert.ok(await person.isVisible(`main :text("${billNumber}")`));
    await check(person, 'receipt');
    await person.click(`main a:has-text("${t('service_pages.verify_link')}")`);
    assert.ok(await person.isVisible(`text=${t('service_pages.verify_valid')}`));
    await check(person, 'receipt verify page');

    // Told by SMS and in the notices: the violations paid, and each suspension the payment lifted.
    await assertNotified(person, baseUrl, VIOLATOR_MOBILE, t('payments.notice.violations_paid', { bill: billNumber, amount: withoutBidiControls(total) }), 'violations paid');
    for (const { reference, authority } of suspended) {
      await assertNotified(person, baseUrl, VIOLATOR_MOBILE, t('suspensions.notice.lifted', { reference, authority: t(`suspensions.authority.${authority}`) }), `suspension ${reference} lifted`);
    }
  });
});
