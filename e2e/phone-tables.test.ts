import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureDemoAccounts, ensureDemoStaff } from '../src/identity/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { translator } from '../src/kernel/i18n/index.js';
import { ensureFirstStartData } from '../src/registry/seed.js';
import { demoPersonas, launchBrowser, noBrowser, signedInPage, startPortal } from './support/browser.js';

/**
 * Every page with a table, on a 360 px phone in Arabic with JavaScript off: the page never
 * scrolls sideways, no table is wider than the screen (it fits, or its rows become cards), and
 * the buttons in a table (pay one violation) are on the screen. PHONE_SHOTS=<dir> also saves
 * a full-page screenshot of each page there, to look at.
 */

const PASSWORD = 'Tayseer#Demo-2026';
const PHONE = { width: 360, height: 740 };
const shots = process.env.PHONE_SHOTS;

/** What a page measures on the phone: the page's width, and each table's and each table button's box. */
interface Measures {
  scrollWidth: number;
  innerWidth: number;
  tables: Array<{ width: number; frame: number; left: number; right: number }>;
  buttons: Array<{ text: string; left: number; right: number }>;
  clipped: string[];
}

async function measure(page: Page): Promise<Measures> {
  // Measured in the page's own font, not the fallback shown while the web font loads.
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => {
    const tables = Array.from(document.querySelectorAll('main table')).map((table) => {
      const box = table.getBoundingClientRect();
      const frame = table.parentElement!;
      return { width: table.scrollWidth, frame: frame.clientWidth, left: box.left, right: box.right };
    });
    const buttons = Array.from(document.querySelectorAll('main table button, main table a.button')).map((b) => {
      const box = b.getBoundingClientRect();
      return { text: (b.textContent ?? '').trim(), left: box.left, right: box.right };
    });
    // A cell whose content is wider than the cell: an amount cut by its frame. (Headings kept
    // only for screen readers, one pixel wide, are not shown.)
    const clipped = Array.from(document.querySelectorAll('main table td, main table th'))
      .filter((cell) => cell.parentElement!.parentElement!.getBoundingClientRect().width > 1 && cell.scrollWidth > cell.clientWidth + 1)
      .map((cell) => (cell.textContent ?? '').trim().slice(0, 40));
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, tables, buttons, clipped };
  });
}

let shotNumber = 0;
async function assertFitsPhone(page: Page, what: string, options: { tables?: boolean } = {}): Promise<void> {
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, `${String(++shotNumber).padStart(2, '0')}-${what.replace(/\W+/g, '-')}.png`), fullPage: true });
  }
  const m = await measure(page);
  if (options.tables !== false) assert.ok(m.tables.length > 0, `${what}: the page has a table`);
  assert.ok(m.scrollWidth <= m.innerWidth, `${what}: the page is ${m.scrollWidth} px wide on a ${m.innerWidth} px screen`);
  for (const table of m.tables) {
    assert.ok(table.width <= table.frame, `${what}: a table is ${table.width} px wide in a ${table.frame} px frame`);
    assert.ok(table.left >= 0 && table.right <= m.innerWidth, `${what}: a table runs off the screen (${table.left}..${table.right})`);
  }
  for (const button of m.buttons) assert.ok(button.left >= 0 && button.right <= m.innerWidth, `${what}: "${button.text}" is off the screen (${button.left}..${button.right})`);
  assert.deepEqual(m.clipped, [], `${what}: cells whose content is cut`);
}

async function onPhone(page: Page): Promise<Page> {
  await page.setViewportSize(PHONE);
  return page;
}

describe('every table on a 360 px phone, in Arabic', { skip: noBrowser }, async () => {
  const { app, baseUrl } = await startPortal();
  const { db } = app.deps.database;
  await ensureFirstStartData({ db, people: 50, seed: 3 });
  await ensureDemoAccounts({ db, clock: systemClock });
  await ensureDemoStaff({ db, clock: systemClock });
  const browser: Browser = await launchBrowser();
  const t = translator('ar');
  const { personas, staff } = await demoPersonas(baseUrl);
  const persona = (key: string) => {
    const found = personas.find((p) => p.key === key);
    assert.ok(found, `the demo has the ${key} persona`);
    return found;
  };

  it('violations: every amount and pay button on the screen; the bill; payments history', async () => {
    const violator = await onPhone(await signedInPage(browser, baseUrl, { login: 'violator', password: PASSWORD, mobile: persona('violator').mobile }));
    await violator.goto(`${baseUrl}/violations`);
    assert.equal(await violator.textContent('main h1'), t('payments.violations.title'));
    const payButtons = await violator.$$('main table button[type="submit"]');
    assert.ok(payButtons.length >= 2, 'the violator has several violations, each with its pay button');
    await assertFitsPhone(violator, 'violations');

    // Pay one, by SADAD at the demo bank: the bill's amounts, then the payments history.
    await payButtons[0]!.click();
    assert.equal(await violator.textContent('main h1'), t('payments.violations.pay_title'));
    await assertFitsPhone(violator, 'violation bill');
    const billNumber = /\/payments\/bills\/(\d{12})$/.exec(violator.url())![1]!;
    const bank = await onPhone(await (await browser.newContext({ locale: 'ar-SA', javaScriptEnabled: false })).newPage());
    await bank.goto(`${baseUrl}/dev/bank`);
    await bank.fill('#billNumber', billNumber);
    await bank.click('main form button[type="submit"]');
    await bank.click('main section form button[type="submit"]');
    assert.ok(await bank.isVisible('main .notice-success'), 'the bank confirms the payment');

    await violator.goto(`${baseUrl}/payments`);
    await assertFitsPhone(violator, 'payments history');
    await violator.goto(`${baseUrl}/violations`);
    await assertFitsPhone(violator, 'violations after paying one');
    // The same cards left to right in English, from the same stylesheet.
    await violator.goto(`${baseUrl}/language?to=en&next=/violations`);
    assert.equal(await violator.textContent('main h1'), translator('en')('payments.violations.title'));
    await assertFitsPhone(violator, 'violations in English');
    await violator.goto(`${baseUrl}/language?to=ar&next=/me/sessions`);
    await assertFitsPhone(violator, 'sessions');
    await violator.goto(`${baseUrl}/inquiries/traffic.violations`);
    await assertFitsPhone(violator, 'violations inquiry', { tables: false });
  });

  it('a request: "check your answers", the person’s requests, the officer’s queue, who viewed my data', async () => {
    const citizen = persona('guardian');
    const person = await onPhone(await signedInPage(browser, baseUrl, { login: citizen.login, password: PASSWORD, mobile: citizen.mobile }));
    await person.goto(`${baseUrl}/services/civil-affairs.national-id.replace-lost/apply`);
    await person.click(`main a:has-text("${t('service_pages.start')}")`);
    await person.fill('[id="field-loss.lostOn"]', new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10));
    await person.selectOption('[id="field-loss.city"]', 'riyadh');
    await person.fill('[id="field-loss.circumstances"]', 'فقدتها في السوق مساء الخميس.');
    await person.check('[id="field-loss.declaration"]');
    await person.click('button[value="next"]');
    await person.check('input[name="delivery.method"][value="national_address"]');
    await person.click('button[value="next"]');
    assert.equal(await person.textContent('main h1'), t('service_pages.check_title'));
    // A first loss is free: the page has no fee table, and still must not scroll sideways.
    await assertFitsPhone(person, 'check your answers', { tables: false });
    await person.click('form[action$="/submit"] button[type="submit"]');
    const reference = /\/requests\/(\w+)/.exec(person.url())![1]!;

    const officerAccount = staff.find((s) => s.agency === 'civil-affairs' && s.role === 'officer');
    assert.ok(officerAccount, 'the demo has a civil-affairs officer');
    const officer = await onPhone(await signedInPage(browser, baseUrl, officerAccount, 'staff'));
    await officer.goto(`${baseUrl}/staff/requests`);
    assert.ok(await officer.isVisible(`main a[href="/staff/requests/${reference}"]`), 'the request is in the queue');
    await assertFitsPhone(officer, 'officer queue');
    await officer.click(`main a[href="/staff/requests/${reference}"]`);
    await assertFitsPhone(officer, 'officer request', { tables: false });

    await person.goto(`${baseUrl}/requests`);
    await assertFitsPhone(person, 'my requests');
    await person.goto(`${baseUrl}/me/viewed`);
    await assertFitsPhone(person, 'who viewed my data');

    const adminAccount = staff.find((s) => s.agency === 'civil-affairs' && s.role === 'admin');
    assert.ok(adminAccount, 'the demo has a civil-affairs staff administrator');
    const admin = await onPhone(await signedInPage(browser, baseUrl, adminAccount, 'staff'));
    await admin.goto(`${baseUrl}/staff/accounts`);
    await assertFitsPhone(admin, 'staff accounts');
  });

  it('the demo pages a tester opens on a phone: the personas, the messages sent', async () => {
    const visitor = await onPhone(await (await browser.newContext({ locale: 'ar-SA', javaScriptEnabled: false })).newPage());
    await visitor.goto(`${baseUrl}/dev/personas`);
    await assertFitsPhone(visitor, 'demo personas');
    await visitor.goto(`${baseUrl}/dev/outbox?to=${persona('violator').mobile}`);
    assert.ok((await visitor.$$('main table tbody tr')).length > 0, 'the violator was sent messages');
    await assertFitsPhone(visitor, 'demo outbox');
  });
});
