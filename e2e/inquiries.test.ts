import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { ensureDemoAccounts } from '../src/identity/index.js';
import violations from '../src/inquiries/traffic/violations.js';
import { vehicleRegistrations } from '../src/inquiries/traffic/vehicles.js';
import drivingLicence from '../src/inquiries/traffic/driving-licence.js';
import { systemClock } from '../src/kernel/clock.js';
import { translator } from '../src/kernel/i18n/index.js';
import { ensureFirstStartData } from '../src/registry/seed.js';
import { accessibilityChecker, demoPersonas, launchBrowser, noBrowser, signedInPage, startPortal } from './support/browser.js';

/**
 * The traffic inquiries in a browser, with JavaScript off, in Arabic and then in English: the
 * violator persona opens My Services -> Traffic, finds the inquiries, reads their violations
 * (with Hijri dates), switches to English, prints the answer, and looks at their vehicles; the
 * sponsor persona chooses a worker in an inquiry's person chooser. Every page is checked with
 * axe-core (WCAG 2.1 AA).
 */

describe('traffic inquiries in a browser, in Arabic and English', { skip: noBrowser }, async () => {
  const { app, baseUrl } = await startPortal();
  const { db } = app.deps.database;
  await ensureFirstStartData({ db, people: 50, seed: 3 });
  await ensureDemoAccounts({ db, clock: systemClock });
  const browser: Browser = await launchBrowser();
  const ar = translator('ar');
  const en = translator('en');
  const { assertAccessible } = await accessibilityChecker(browser, baseUrl);

  it('reads the violations and vehicles of the violator persona in Arabic, then in English, and prints them', async () => {
    const { personas } = await demoPersonas(baseUrl);
    const violator = personas.find((p) => p.key === 'violator')!;
    const page = await signedInPage(browser, baseUrl, violator);
    await page.click('header a[href="/services"]');
    await page.click('main a[href="/agencies/traffic"]');
    assert.ok(await page.isVisible(`main h2:has-text("${ar('inquiries.title')}")`), 'the traffic page lists its inquiries');
    await page.click(`main a[href="/inquiries/${violations.id}"]`);
    assert.equal(await page.textContent('main h1'), violations.name.ar);
    const items = await page.locator('main .inquiry-item').count();
    assert.ok(items > 0, 'the persona has violations');
    assert.ok(await page.isVisible('main .inquiry-summary'), 'the amount due is summed up');
    // Dates in Gregorian and, beside them, Hijri.
    assert.match((await page.textContent('main .inquiry-items')) ?? '', /هـ/);
    await assertAccessible(page, 'violations inquiry (ar)');

    // English, from the language switch: the same answer.
    await page.click('header a.lang-switch');
    assert.equal(await page.textContent('main h1'), violations.name.en);
    assert.equal(await page.locator('main .inquiry-item').count(), items);
    assert.ok(await page.isVisible('main .inquiry-item .badge'), 'each violation shows its status');
    await assertAccessible(page, 'violations inquiry (en)');

    // The print view: the platform, the inquiry, the person with the ID masked.
    await page.click(`main a[href="/inquiries/${violations.id}/print"]`);
    assert.ok(await page.isVisible(`main .proof-header:has-text("${violations.name.en}")`));
    assert.ok(!((await page.content()).includes(violator.nationalId)), 'the ID number is masked on the print view');
    assert.ok(await page.isVisible(`text=${en('inquiries.print_note')}`));
    await assertAccessible(page, 'violations inquiry print view');

    await page.goto(`${baseUrl}/inquiries/${vehicleRegistrations.id}`);
    assert.equal(await page.textContent('main h1'), vehicleRegistrations.name.en);
    assert.ok((await page.locator('main .inquiry-item, main .notice').count()) > 0, 'the vehicles, or why there are none');
    await assertAccessible(page, 'vehicle registrations (en)');
  });

  it("lets the sponsor persona choose a worker in an inquiry's person chooser", async () => {
    const { personas } = await demoPersonas(baseUrl);
    const sponsor = personas.find((p) => p.key === 'sponsor')!;
    const page = await signedInPage(browser, baseUrl, sponsor);
    await page.goto(`${baseUrl}/inquiries/${drivingLicence.id}`);
    const options = await page.locator('main select#subject option').count();
    assert.ok(options >= 2, 'the sponsor and their workers are offered');
    const worker = await page.locator('main select#subject option').nth(1).getAttribute('value');
    await page.selectOption('main select#subject', worker!);
    await page.click(`main form.subject-form button:has-text("${ar('inquiries.show')}")`);
    assert.ok(page.url().endsWith(`subject=${worker}`));
    assert.equal(await page.locator(`main select#subject option[value="${worker}"][selected]`).count(), 1, 'the answer is about the chosen worker');
    await assertAccessible(page, 'inquiry about a worker (ar)');
  });
});
