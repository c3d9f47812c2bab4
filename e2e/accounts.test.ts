import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureDemoAccounts } from '../src/identity/index.js';
import { systemClock } from '../src/kernel/clock.js';
import { toHijri } from '../src/kernel/dates.js';
import { translator } from '../src/kernel/i18n/index.js';
import { ensureFirstStartData } from '../src/registry/seed.js';
import { accessibilityChecker, codeSentTo, launchBrowser, noBrowser, startPortal } from './support/browser.js';
import { PHONE, assertPhonePage, smsSentTo } from './support/phone-checks.js';

/**
 * Accounts in a browser, with JavaScript off (the portal must not need it): register and
 * activate by code -> log in -> code -> my data, in Arabic and in English; a demo persona's login.
 * Every page on the way is checked with axe-core (WCAG 2.1 AA); in Arabic the journey is made on
 * a 360 px phone, every page checked there (e2e/support/phone-checks.ts), and the codes arrive
 * by SMS in Arabic.
 */

interface Personas {
  personas: Array<{ key: string; login: string | null; password: string | null; mobile: string | null; nameEn: string }>;
  unregistered: Array<{ nationalId: string; dateOfBirth: string; mobile: string }>;
}

describe('accounts in a browser', { skip: noBrowser }, async () => {
  const { app, baseUrl } = await startPortal();
  // startPortal gives an empty database: seed a small demo registry and the demo accounts.
  await ensureFirstStartData({ db: app.deps.database.db, people: 50, seed: 1 });
  await ensureDemoAccounts({ db: app.deps.database.db, clock: systemClock });
  const browser: Browser = await launchBrowser();

  const { assertAccessible } = await accessibilityChecker(browser, baseUrl);

  async function personas(): Promise<Personas> {
    return (await (await fetch(`${baseUrl}/api/v1/dev/personas`)).json()) as Personas;
  }

  // The same journey in each language, with the page texts taken from that language's catalogue.
  for (const [index, locale] of (['ar', 'en'] as const).entries()) {
    it(`registers, activates by code, logs in and shows my data, in ${locale === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const t = translator(locale);
      // In Arabic, on a phone, each page also checked there; in English, the desktop default.
      const check = async (page: Page, what: string) => {
        if (locale === 'ar') await assertPhonePage(page, what);
        await assertAccessible(page, what);
      };
      const someone = (await personas()).unregistered[index];
      assert.ok(someone, 'the demo registry has people without an account');
      const context = await browser.newContext({ locale: locale === 'ar' ? 'ar-SA' : 'en-GB', javaScriptEnabled: false, ...(locale === 'ar' ? { viewport: PHONE } : {}) });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/`);
      await page.click('header a[href="/register"]');
      assert.equal(await page.textContent('main h1'), t('pages.register.title'));
      assert.equal(await page.getAttribute('html', 'lang'), locale);
      await check(page, `register (${locale})`);

      // An empty form first: the error summary and the field errors must be accessible too.
      await page.click('main button[type="submit"]');
      assert.ok(await page.isVisible('.error-summary'));
      await check(page, `register with errors (${locale})`);

      const username = `e2e_${locale}_${Date.now().toString(36)}`;
      await page.fill('#field-nationalId', someone.nationalId);
      // The date of birth: in Hijri on the Arabic run (the default calendar), in Gregorian on the English one.
      const [year, month, day] = someone.dateOfBirth.split('-').map(Number) as [number, number, number];
      if (locale === 'ar') {
        const hijri = toHijri(someone.dateOfBirth);
        await page.check('input[name="dobCalendar"][value="hijri"]');
        await page.fill('#field-dateOfBirth', String(hijri.day));
        await page.selectOption('select[name="dobMonthHijri"]', String(hijri.month));
        await page.fill('#field-dateOfBirth-year', String(hijri.year));
      } else {
        await page.check('input[name="dobCalendar"][value="gregorian"]');
        assert.equal(await page.isVisible('select[name="dobMonthHijri"]'), false, 'only the chosen calendar\'s months are shown');
        await page.fill('#field-dateOfBirth', String(day));
        await page.selectOption('select[name="dobMonthGregorian"]', String(month));
        await page.fill('#field-dateOfBirth-year', String(year));
      }
      await page.fill('#field-mobile', someone.mobile);
      await page.fill('#field-email', `${username}@example.test`);
      await page.fill('#field-username', username);
      await page.fill('#field-password', 'Quiet-Harbour-42');
      await page.fill('#field-passwordConfirm', 'Quiet-Harbour-42');
      await page.click('main form.stack-form button[type="submit"]');
      assert.match(page.url(), /\/codes\/[0-9a-f-]{36}$/);
      assert.equal(await page.textContent('main h1'), t('pages.code.title'));
      await check(page, `registration code (${locale})`);

      // The code came by SMS, in the language of the pages the person registered in.
      const registerCode = await codeSentTo(baseUrl, someone.mobile);
      assert.equal((await smsSentTo(baseUrl, someone.mobile))[0], t('notifications.otp.register', { code: registerCode }));
      await page.fill('#field-code', registerCode);
      await page.click('main form.stack-form button[type="submit"]');
      assert.equal(await page.textContent('main h1'), t('pages.registered.title_active'));
      await check(page, `registered (${locale})`);

      await page.click('main a[href="/login"]');
      await check(page, `login (${locale})`);
      await page.fill('#field-login', username);
      await page.fill('#field-password', 'Quiet-Harbour-42');
      await page.click('main button[type="submit"]');
      assert.match(page.url(), /\/codes\//);
      await check(page, `login code (${locale})`);
      const loginCode = await codeSentTo(baseUrl, someone.mobile);
      assert.equal((await smsSentTo(baseUrl, someone.mobile))[0], t('notifications.otp.login', { code: loginCode }));
      await page.fill('#field-code', loginCode);
      await page.click('main form.stack-form button[type="submit"]');
      // Signed in, the person lands on their home: the greeting and what needs their attention.
      assert.equal(new URL(page.url()).pathname, '/');
      assert.match((await page.textContent('main h1')) ?? '', new RegExp(t('dashboard.greeting', { name: '' }).trim()));
      assert.ok(await page.isVisible(`main h2 >> text=${t('dashboard.attention.title')}`));
      await check(page, `home (${locale})`);
      await page.click('header a[href="/me"]');
      assert.equal(await page.textContent('main h1'), t('pages.me.title'));
      assert.equal(await page.getAttribute('html', 'dir'), locale === 'ar' ? 'rtl' : 'ltr');
      await check(page, `my data (${locale})`);

      await page.click('main a[href="/me/sessions"] >> nth=0');
      assert.equal(await page.textContent('main h1'), t('pages.sessions.title'));
      assert.ok(await page.isVisible(`text=${t('pages.sessions.this_device')}`));
      await check(page, `my sessions (${locale})`);

      await page.click('header button[type="submit"]');
      assert.equal(new URL(page.url()).pathname, '/');
      assert.ok(await page.isVisible('header a[href="/login"]'));
      await context.close();
    });
  }

  it('logs a demo persona in and shows my data, in English', async () => {
    const persona = (await personas()).personas.find((p) => p.login && p.mobile);
    assert.ok(persona, 'a demo persona with a login');
    const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/me`);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await page.textContent('main h1'), 'Log in');
    await assertAccessible(page, 'login (en)');

    await page.fill('#field-login', persona.login!);
    await page.fill('#field-password', 'not-the-password');
    await page.click('main button[type="submit"]');
    assert.ok(await page.isVisible('.error-summary'));
    await assertAccessible(page, 'login refused (en)');

    await page.fill('#field-password', persona.password!);
    await page.click('main button[type="submit"]');
    assert.equal(await page.textContent('main h1'), 'Enter the verification code');
    await assertAccessible(page, 'login code (en)');
    await page.fill('#field-code', await codeSentTo(baseUrl, persona.mobile!));
    await page.click('main form.stack-form button[type="submit"]');
    // Back where they were going before logging in.
    assert.equal(new URL(page.url()).pathname, '/me');
    assert.equal(await page.textContent('main h1'), 'My data');
    assert.ok(await page.isVisible(`header >> text=${persona.nameEn.split(' ')[0]}`));
    await assertAccessible(page, 'my data (en)');
    await page.goto(`${baseUrl}/me/sessions`);
    await assertAccessible(page, 'my sessions (en)');
    await page.click('header a[href="/"]');
    assert.equal(await page.textContent('main h1'), `Welcome, ${persona.nameEn.split(' ')[0]}`);
    await assertAccessible(page, 'home (en)');
    await context.close();
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await browser.newPage({ locale: 'ar-SA', viewport: { width: 360, height: 740 } });
    for (const path of ['/register', '/login']) {
      await page.goto(`${baseUrl}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, path);
    }
    await page.close();
  });
});
