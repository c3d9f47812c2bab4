import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * What every page of a journey must be on a phone in Arabic (issue 16): it does not scroll
 * sideways at 360 px, no number-like value is drawn in reverse, and it is Arabic through and
 * through. `assertPhonePage` checks the three on the page as the browser laid it out; a journey
 * calls it after each page it visits.
 */

/** The phone the journeys are run on. */
export const PHONE = { width: 360, height: 740 } as const;

/** A new browser session as a person on a phone uses it: Arabic, 360 × 740, JavaScript off. */
export async function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'ar-SA', javaScriptEnabled: false, viewport: PHONE });
}

/**
 * Latin words an Arabic page may show outside a left-to-right value, each with its reason; every
 * other one found was fixed in the page instead.
 */
export const ENGLISH_ALLOWED: readonly string[] = [
  // File formats, named so on Saudi government portals: they have no Arabic names people know.
  'PDF',
  'JPEG',
  'PNG',
];

/** An element that makes the page wider than the screen: its selector and its box. */
export interface Overflow {
  selector: string;
  left: number;
  right: number;
  width: number;
}

/** The page's width against the screen's and, when wider, the widest elements that stick out. */
export async function sidewaysScroll(page: Page): Promise<{ scrollWidth: number; clientWidth: number; offenders: Overflow[] }> {
  // Measured in the page's own font, not the fallback shown while the web font loads.
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const { scrollWidth, clientWidth } = root;
    const offenders: Array<{ selector: string; left: number; right: number; width: number }> = [];
    if (scrollWidth <= clientWidth) return { scrollWidth, clientWidth, offenders };
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.left >= -0.5 && box.right <= clientWidth + 0.5) continue;
      // Its selector, from the nearest ancestor with an id (no named function here: the page runs this as it is).
      const parts: string[] = [];
      for (let e: Element | null = element; e && e !== document.documentElement; e = e.parentElement) {
        if (e.id) {
          parts.unshift(`#${CSS.escape(e.id)}`);
          break;
        }
        const tag = e.tagName;
        const siblings = e.parentElement ? Array.from(e.parentElement.children).filter((s) => s.tagName === tag) : [];
        const nth = siblings.length > 1 ? `:nth-of-type(${siblings.indexOf(e) + 1})` : '';
        parts.unshift(`${tag.toLowerCase()}${Array.from(e.classList, (c) => `.${CSS.escape(c)}`).join('')}${nth}`);
      }
      offenders.push({ selector: parts.join(' > '), left: Math.round(box.left), right: Math.round(box.right), width: Math.round(box.width) });
    }
    offenders.sort((a, b) => b.width - a.width);
    return { scrollWidth, clientWidth, offenders: offenders.slice(0, 3) };
  });
}

/** A number-like value drawn out of order: its text, and what the eye reads, line by line, from left to right. */
export interface Reversed {
  text: string;
  seen: string;
}

/**
 * Every number-like run of the page's visible text (digit groups, and the Latin letters of a
 * reference like TR-7K4M-9QXP-E, joined by stars, bullets, dashes, slashes, dots, colons, commas,
 * pluses or single spaces: IDs, masked IDs, references, plates, amounts, card digits, mobiles,
 * dates and times in digits) whose characters the browser did not lay out in the order they are
 * written: on each line from left to right, and the lines from top to bottom. Read from each
 * character's box (Range.getClientRects), so what is checked is what the eye sees.
 */
export async function reversedValues(page: Page): Promise<Reversed[]> {
  return page.evaluate(() => {
    const found: Array<{ text: string; seen: string }> = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const value = /(?<![A-Za-z0-9*•])\+?[A-Za-z0-9*•]+(?:[-/.:,+]+[A-Za-z0-9*•]+| (?=[0-9*•])[A-Za-z0-9*•]+)*/g;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      for (const match of node.data.matchAll(value)) {
        const run = match[0];
        // Words (joined by a dash) are not numbers; digits and letters alone keep their order.
        if (!/[0-9]/.test(run) || /^[A-Za-z0-9]+$/.test(run)) continue;
        const boxes: Array<{ char: string; x: number; top: number; height: number }> = [];
        for (let i = 0; i < run.length; i++) {
          if (run[i] === ' ') continue;
          const range = document.createRange();
          range.setStart(node, match.index + i);
          range.setEnd(node, match.index + i + 1);
          const rect = range.getClientRects()[0];
          if (rect && rect.width > 0) boxes.push({ char: run[i]!, x: rect.left + rect.width / 2, top: rect.top, height: rect.height });
        }
        if (boxes.length < 2) continue; // not shown
        // Lines: a box more than half a line below the previous one starts a new line.
        let inOrder = true;
        for (let i = 1; i < boxes.length; i++) {
          const [a, b] = [boxes[i - 1]!, boxes[i]!];
          const sameLine = Math.abs(b.top - a.top) < Math.max(a.height, b.height) / 2;
          if (sameLine ? b.x <= a.x : b.top < a.top) inOrder = false;
        }
        if (!inOrder) {
          const lines = [...boxes].sort((a, b) => (Math.abs(a.top - b.top) < a.height / 2 ? a.x - b.x : a.top - b.top));
          found.push({ text: run, seen: lines.map((b) => b.char).join('') });
        }
      }
    }
    return found;
  });
}

/** A Latin word an Arabic page shows outside a left-to-right value, and where. */
export interface EnglishWord {
  word: string;
  where: string;
}

/**
 * The Latin words of the page's visible text (and of the title, the placeholders, the alt texts
 * and the accessible names given in aria-label) that are not inside a left-to-right value: a
 * <bdi>, an element with dir="ltr", or text isolated left to right (LRI … PDI, kernel/bidi.ts);
 * nor in an element that says it is in another language (the link to the English pages).
 */
export async function englishWords(page: Page, allowed: readonly string[] = ENGLISH_ALLOWED): Promise<EnglishWord[]> {
  return page.evaluate((allowList: string[]) => {
    // No named functions in here: the page runs this code as it is written.
    const found: Array<{ word: string; where: string }> = [];
    // A value laid out left to right, or text that says it is in another language (the switch to English, lang="en").
    const ltrValue = 'bdi, [dir="ltr"], script, style, template, svg';
    const texts: Array<{ text: string; where: string }> = [{ text: document.title, where: 'title' }];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const parent = node.parentElement;
      if (!parent || !/[A-Za-z]/.test(node.data) || parent.closest(ltrValue) || (parent.closest('[lang]')?.getAttribute('lang') ?? 'ar') !== 'ar') continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (range.getClientRects().length === 0) continue; // not shown (display: none, a closed <details>)
      texts.push({ text: node.data, where: `${parent.tagName.toLowerCase()}${Array.from(parent.classList, (c) => `.${c}`).join('')}` });
    }
    for (const element of Array.from(document.body.querySelectorAll('[placeholder], [alt], [aria-label], [title]'))) {
      if (element.closest(ltrValue) || (element.closest('[lang]')?.getAttribute('lang') ?? 'ar') !== 'ar') continue;
      for (const attribute of ['placeholder', 'alt', 'aria-label', 'title']) {
        const text = element.getAttribute(attribute);
        if (text) texts.push({ text, where: `${element.tagName.toLowerCase()}[${attribute}]` });
      }
    }
    for (const { text, where } of texts) {
      // Text isolated left to right is a value, whatever its letters.
      const outside = text.replace(/\u2066[^\u2069]*\u2069/g, ' ');
      // Letters written with digits are a value or its pattern (TR-7K4M-9QXP-E, 05XXXXXXXX), and so
      // are capitals joined by dashes (a reference drawn without digits, TR-PJEA-JEGF-G): not words.
      for (const run of outside.matchAll(/[A-Za-z0-9'’]+(?:[-/.:][A-Za-z0-9'’]+)*/g)) {
        if (/[0-9]/.test(run[0]) || /^[A-Z]+(?:-[A-Z]+)+$/.test(run[0])) continue;
        for (const match of run[0].matchAll(/[A-Za-z][A-Za-z'’]*/g)) {
          if (!allowList.includes(match[0])) found.push({ word: match[0], where: `${where}: “${text.trim().slice(0, 60)}”` });
        }
      }
    }
    return found;
  }, [...allowed]);
}

/**
 * The three checks of a page on the phone, in Arabic: (a) no sideways scroll, naming the widest
 * element that sticks out; (b) no number-like value drawn in reverse; (c) lang="ar" dir="rtl"
 * and no Latin word outside a left-to-right value.
 */
export async function assertPhonePage(page: Page, what: string, options: { allowEnglish?: readonly string[] } = {}): Promise<void> {
  const viewport = page.viewportSize();
  assert.equal(viewport?.width, PHONE.width, `${what}: the page is looked at on a ${PHONE.width} px phone`);
  const scroll = await sidewaysScroll(page);
  assert.ok(
    scroll.scrollWidth <= scroll.clientWidth,
    `${what} (${page.url()}): the page is ${scroll.scrollWidth} px wide on a ${scroll.clientWidth} px screen; widest sticking out: ${scroll.offenders.map((o) => `${o.selector} (${o.left}..${o.right})`).join('; ')}`,
  );
  assert.deepEqual(await reversedValues(page), [], `${what} (${page.url()}): numbers drawn out of order`);
  assert.equal(await page.getAttribute('html', 'lang'), 'ar', `${what}: lang="ar"`);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl', `${what}: dir="rtl"`);
  assert.deepEqual(await englishWords(page, [...ENGLISH_ALLOWED, ...(options.allowEnglish ?? [])]), [], `${what} (${page.url()}): Latin words outside a left-to-right value`);
}

/** Right-to-left and left-to-right marks and isolates, which a text read back carries and a comparison ignores. */
export function withoutBidiControls(text: string): string {
  return text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** The SMS texts sent to a mobile, newest first, from the demo SMS provider's outbox. */
export async function smsSentTo(baseUrl: string, mobile: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/api/v1/dev/messages?to=${mobile}`);
  assert.equal(response.status, 200);
  const { messages } = (await response.json()) as { messages: Array<{ channel: string; text: string }> };
  return messages.filter((m) => m.channel === 'sms').map((m) => withoutBidiControls(m.text));
}

/** Fills a notice written in a service's definition ("طلبك {reference} …", in Arabic) as the portal does. */
export function noticeText(notice: string | { ar: string } | false | undefined, params: Record<string, string | number>): string {
  assert.ok(notice, 'the action has a notice of its own');
  const template = typeof notice === 'string' ? notice : notice.ar;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] !== undefined ? String(params[name]) : whole));
}

/**
 * That a notice reached the person both ways: by SMS to their mobile (the demo provider's
 * outbox, "تيسير: …") and in their inbox on the portal (/inbox, opened in `page`, which is then
 * checked on the phone like any other page). `page` is left on the inbox.
 */
export async function assertNotified(page: Page, baseUrl: string, mobile: string, notice: string, what: string): Promise<void> {
  const sms = await smsSentTo(baseUrl, mobile);
  assert.ok(sms.includes(`تيسير: ${notice}`), `${what}: the SMS to ${mobile} «${notice}» among:\n${sms.join('\n')}`);
  await page.goto(`${baseUrl}/inbox`);
  const inbox = (await page.locator('main ol.inbox li').allTextContents()).map(withoutBidiControls);
  assert.ok(inbox.some((item) => item.includes(notice)), `${what}: «${notice}» in the inbox among:\n${inbox.join('\n')}`);
  await assertPhonePage(page, `${what}: the inbox`);
}

/**
 * The journey's check of a page: on the phone (assertPhonePage), then axe's WCAG 2.1 AA rules
 * (`assertAccessible` from accessibilityChecker in e2e/support/browser.ts).
 */
export function pageChecker(assertAccessible: (page: Page, what: string) => Promise<void>): (page: Page, what: string) => Promise<void> {
  return async (page, what) => {
    await assertPhonePage(page, what);
    await assertAccessible(page, what);
  };
}

/** A page signed in as `signedInPage` makes it (e2e/support/browser.ts), turned into a phone. */
export async function onPhone(page: Page | Promise<Page>): Promise<Page> {
  const ready = await page;
  await ready.setViewportSize(PHONE);
  return ready;
}
