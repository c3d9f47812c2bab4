import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessibilityViolations, launchBrowser, noBrowser, startPortal } from './support/browser.js';

describe('the portal in a browser', { skip: noBrowser }, async () => {
  const { baseUrl } = await startPortal();
  const browser = await launchBrowser();

  it('opens in Arabic, right to left, and switches to English and back without JavaScript', async () => {
    const context = await browser.newContext({ locale: 'ar-SA', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await page.textContent('h1'), 'خدماتك الحكومية في مكان واحد');
    await page.click('a.lang-switch');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.textContent('h1'), 'Your government services in one place');
    await page.click('a[href="/agencies/civil-affairs"]');
    assert.equal(await page.textContent('main h1'), 'Civil Affairs');
    await page.click('a.lang-switch');
    assert.equal(await page.textContent('main h1'), 'الأحوال المدنية');
    await context.close();
  });

  it('lets a keyboard user skip to the content', async () => {
    const page = await browser.newPage({ locale: 'ar-SA' });
    await page.goto(`${baseUrl}/`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
    await page.keyboard.press('Enter');
    assert.match(page.url(), /#main$/);
    await page.close();
  });

  it('has no WCAG 2.1 AA violations on the home, agency and personas pages, in both languages', async () => {
    for (const locale of ['ar-SA', 'en-GB']) {
      // bypassCSP only lets the test inject axe-core; the pages themselves run no inline script.
      const page = await browser.newPage({ locale, bypassCSP: true });
      for (const path of ['/', '/agencies/traffic', '/dev/personas', '/no-such-page']) {
        await page.goto(`${baseUrl}${path}`);
        assert.deepEqual(await accessibilityViolations(page), [], `${locale} ${path}`);
      }
      await page.close();
    }
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await browser.newPage({ locale: 'ar-SA', viewport: { width: 360, height: 740 } });
    await page.goto(`${baseUrl}/`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    await page.close();
  });
});
