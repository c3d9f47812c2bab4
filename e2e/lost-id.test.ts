import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ensureDemoAccounts, ensureDemoStaff } from '../src/identity/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { translator } from '../src/kernel/i18n/index.js';
import { formatReference } from '../src/kernel/reference.js';
import { ensureFirstStartData } from '../src/registry/seed.js';
import replaceLostId from '../src/services/civil-affairs/replace-lost-id.js';
import { accessibilityChecker, launchBrowser, noBrowser, signedInPage, startPortal } from './support/browser.js';
import { assertNotified, noticeText, onPhone, pageChecker } from './support/phone-checks.js';

/**
 * The lost national ID service in a browser, in Arabic, with JavaScript off: the guardian
 * persona applies (My Services -> Civil Affairs -> the service -> New request), a Civil Affairs
 * officer works the request in a second browser session (queue, assign, approve, courier,
 * delivered), and the guardian follows it to "delivered", prints the proof and checks its QR
 * link on the public verify page. Both sessions are on a 360 px phone: every page is checked
 * there (e2e/support/phone-checks.ts) and with axe-core (WCAG 2.1 AA). At each step the
 * guardian is told, by SMS and in his notices: submitted, approved, with the courier, delivered.
 */

const PASSWORD = 'Tayseer#Demo-2026';
const GUARDIAN_MOBILE = '0500000001';

describe('replace a lost national ID in a browser', { skip: noBrowser }, async () => {
  const { app, baseUrl } = await startPortal();
  const { db } = app.deps.database;
  await ensureFirstStartData({ db, people: 50, seed: 2 });
  await ensureDemoAccounts({ db, clock: systemClock });
  await ensureDemoStaff({ db, clock: systemClock });
  const browser: Browser = await launchBrowser();
  const t = translator('ar');

  const { assertAccessible } = await accessibilityChecker(browser, baseUrl);
  const check = pageChecker(assertAccessible);

  it('goes from login to a delivered card, with the officer in a second session', async () => {
    const citizen = await onPhone(signedInPage(browser, baseUrl, { login: 'guardian', password: PASSWORD, mobile: GUARDIAN_MOBILE }));

    await citizen.click('header a[href="/services"]');
    assert.equal(await citizen.textContent('main h1'), 'خدماتي');
    await check(citizen, 'my services');
    await citizen.click('main a[href="/agencies/civil-affairs"]');
    await citizen.click('main a[href="/services/civil-affairs.national-id.replace-lost"]');
    assert.equal(await citizen.textContent('main h1'), 'إصدار بطاقة هوية وطنية بدل مفقود');
    await check(citizen, 'the service page');
    await citizen.click(`main a:has-text("${t('service_pages.new_request')}")`);
    assert.equal(await citizen.textContent('main h1'), t('service_pages.eligibility_title'));
    await check(citizen, 'eligibility');
    await citizen.click(`main a:has-text("${t('service_pages.start')}")`);

    await citizen.fill('[id="field-loss.lostOn"]', new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10));
    await citizen.selectOption('[id="field-loss.city"]', 'riyadh');
    await citizen.fill('[id="field-loss.circumstances"]', 'فقدتها في السوق مساء الخميس.');
    await citizen.check('[id="field-loss.declaration"]');
    await check(citizen, 'step 1');
    await citizen.click('button[value="next"]');
    await citizen.check('input[name="delivery.method"][value="national_address"]');
    await check(citizen, 'step 2');
    await citizen.click('button[value="next"]');
    assert.equal(await citizen.textContent('main h1'), t('service_pages.check_title'));
    await check(citizen, 'check your answers');
    await citizen.click('form[action$="/submit"] button[type="submit"]');
    assert.ok(await citizen.isVisible(`text=${t('service_pages.submitted_notice')}`));
    await check(citizen, 'request page');
    const reference = /\/requests\/(\w+)/.exec(citizen.url())![1]!;
    const { states, actions } = replaceLostId.workflow;
    const told = (template: Parameters<typeof noticeText>[0], params: Record<string, string> = {}) => noticeText(template, { reference: formatReference(reference), service: replaceLostId.name.ar, ...params });
    // Submitted: "your request … is now under review".
    await assertNotified(citizen, baseUrl, GUARDIAN_MOBILE, told(t('requests.notice.changed'), { state: states.awaiting_review.label.ar }), 'submitted');

    // The officer, in a browser session of their own.
    const officer = await onPhone(signedInPage(browser, baseUrl, { login: 'officer-civil-affairs', password: PASSWORD, mobile: '0500000008' }, 'staff'));
    await officer.goto(`${baseUrl}/staff/requests`);
    await check(officer, 'officer queue');
    await officer.click(`main a[href="/staff/requests/${reference}"]`);
    await check(officer, 'officer request');
    await officer.click(`form[action$="/actions/assign"] button[type="submit"]`);
    await officer.click(`form[action$="/actions/approve"] button[type="submit"]`);
    await check(officer, 'officer request approved');
    await officer.fill('[id="field-handToCourier-trackingNumber"]', 'SPL-778899');
    await officer.click(`form[action$="/actions/handToCourier"] button[type="submit"]`);
    await officer.click(`form[action$="/actions/deliver"] button[type="submit"]`);
    await check(officer, 'officer request delivered');

    // Told at each of the officer's steps: the new card's number, the courier's tracking number, delivered.
    await assertNotified(citizen, baseUrl, GUARDIAN_MOBILE, told(actions.approve.notify, { newCardNumber: '1000000016-2' }), 'approved');
    await assertNotified(citizen, baseUrl, GUARDIAN_MOBILE, told(actions.handToCourier.notify, { trackingNumber: 'SPL-778899' }), 'with the courier');
    await assertNotified(citizen, baseUrl, GUARDIAN_MOBILE, told(t('requests.notice.changed'), { state: states.completed.label.ar }), 'delivered');

    await citizen.goto(`${baseUrl}/requests/${reference}`);
    assert.ok(await citizen.isVisible('main .badge:has-text("تم التسليم")'), 'the citizen sees the card delivered');
    await check(citizen, 'request delivered');
    const details = (await citizen.textContent('#details-title + .summary-list')) ?? '';
    assert.match(details, /SPL-778899/, 'the tracking number');
    assert.match(details, /1000000016-2/, 'the new card number');

    await citizen.click(`main a[href="/requests/${reference}/print"]`);
    await check(citizen, 'print view');
    await citizen.click(`main a:has-text("${t('service_pages.verify_link')}")`);
    assert.ok(await citizen.isVisible(`text=${t('service_pages.verify_valid')}`));
    await check(citizen, 'verify page');
  });
});
