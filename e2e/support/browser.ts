import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import { after } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { systemClock } from '../../src/kernel/clock.js';
import { toHijri } from '../../src/kernel/dates.js';
import { freshDatabase } from '../../test/support/database.js';
import { reversedNumbers } from './visual-order.js';

/**
 * Browser journeys drive Debian's Chromium (`apt-get install chromium`) with playwright-core;
 * nothing is downloaded. Without Chromium on the machine they are skipped with a reason.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const noBrowser = fs.existsSync(chromiumPath) ? false : `Chromium not found at ${chromiumPath} (apt-get install chromium)`;

/** A port nobody listens on now, from the system (for a server that must know its URL before it starts). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The portal on a fresh database, listening on 127.0.0.1. With `reachablePublicUrl`, its
 * PUBLIC_URL is the address the browser uses (a free port chosen before the start), for journeys
 * that follow absolute URLs the portal makes: the card acquirer's hosted pages and the way
 * back from them, and the links in QR codes. Otherwise the port is any free one and PUBLIC_URL the default (not this server).
 */
export async function startPortal(env: Record<string, string> = {}, options: { reachablePublicUrl?: boolean } = {}): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const database = await freshDatabase();
  const chosen = options.reachablePublicUrl ? await freePort() : 0;
  const own = options.reachablePublicUrl ? { PORT: String(chosen), PUBLIC_URL: `http://127.0.0.1:${chosen}` } : {};
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', COOKIE_SECURE: 'off', ...own, ...env });
  const app = await buildApp({ config, database, clock: systemClock });
  await app.listen({ port: chosen, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  after(() => app.close());
  return { app, baseUrl: `http://127.0.0.1:${port}` };
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  after(() => browser.close());
  return browser;
}

const axeSource = fs.readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page; returns the violations, described. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return violations;
}

/**
 * Checks pages against WCAG 2.1 AA with axe, and that no number-like value is drawn in reverse. axe runs on a copy of each page's HTML in a context
 * that may inject it (bypassCSP); the journey itself runs under the real Content-Security-Policy
 * with JavaScript off. `axePage` is that spare page, for other in-browser work (drawing a QR code).
 */
export async function accessibilityChecker(browser: Browser, baseUrl: string): Promise<{ assertAccessible: (page: Page, what: string) => Promise<void>; axePage: Page }> {
  const axePage = await (await browser.newContext({ bypassCSP: true })).newPage();
  return {
    axePage,
    async assertAccessible(page, what) {
      // And no number drawn in reverse in Arabic (a masked ID as 016******1): read from the layout.
      assert.deepEqual(await reversedNumbers(page, 'body'), [], `${what}: numbers drawn right to left`);
      await axePage.goto(`${baseUrl}/`);
      await axePage.setContent(await page.content(), { waitUntil: 'load' });
      assert.deepEqual(await accessibilityViolations(axePage), [], what);
    },
  };
}

/** The newest one-time code sent to a mobile, read as a tester would, from the demo outbox. */
export async function codeSentTo(baseUrl: string, mobile: string): Promise<string> {
  const { messages } = (await (await fetch(`${baseUrl}/api/v1/dev/messages?to=${mobile}`)).json()) as { messages: Array<{ text: string }> };
  const code = messages.map((m) => /\b(\d{6})\b/.exec(m.text)?.[1]).find(Boolean);
  assert.ok(code, `no code sent to ${mobile}`);
  return code;
}

/** A demo persona as /api/v1/dev/personas lists it (the fields the journeys read). */
export interface DemoPersona {
  key: string;
  description: string;
  nationalId: string;
  dateOfBirth: string;
  mobile: string | null;
  login: string;
  password: string;
  signInAt: string;
  nameEn: string;
}

/** A demo staff account as /api/v1/dev/personas lists it. */
export interface DemoStaff {
  login: string;
  password: string;
  agency: string;
  role: string;
  mobile: string;
}

/** The demo personas and staff, with the descriptions in Arabic. */
export async function demoPersonas(baseUrl: string): Promise<{ personas: DemoPersona[]; staff: DemoStaff[] }> {
  return (await (await fetch(`${baseUrl}/api/v1/dev/personas`, { headers: { 'accept-language': 'ar' } })).json()) as { personas: DemoPersona[]; staff: DemoStaff[] };
}

/** The badge of a request's state on its page. */
export async function requestStateOf(page: Page): Promise<string | undefined> {
  return (await page.textContent('main .summary-list .badge'))?.trim();
}

/**
 * A new browser session (Arabic, JavaScript off) signed in as a person at /login, or as staff at
 * /staff/login, with the one-time code read from the demo outbox.
 */
export async function signedInPage(browser: Browser, baseUrl: string, who: { login: string; password: string; mobile: string | null }, portal: 'person' | 'staff' = 'person'): Promise<Page> {
  assert.ok(who.mobile, `${who.login} has a mobile for the one-time code`);
  const page = await (await browser.newContext({ locale: 'ar-SA', javaScriptEnabled: false })).newPage();
  await page.goto(`${baseUrl}${portal === 'staff' ? '/staff/login' : '/login'}`);
  await page.fill(portal === 'staff' ? '#field-username' : '#field-login', who.login);
  await page.fill('#field-password', who.password);
  await page.click('main button[type="submit"]');
  await page.fill('#field-code', await codeSentTo(baseUrl, who.mobile));
  await page.click('main form.stack-form button[type="submit"]');
  return page;
}

/**
 * Types a date as on an ID into a service form's date field (`asOnId`): the calendar chosen,
 * the day, the month by its list, the year, as a person does. Hijri by default, as citizens'
 * records are; the date given is the Gregorian one the registry keeps.
 */
export async function fillDateAsOnId(page: Page, name: string, iso: string, calendar: 'hijri' | 'gregorian' = 'hijri'): Promise<void> {
  const parts = calendar === 'hijri' ? toHijri(iso) : { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
  await page.check(`input[name="${name}:calendar"][value="${calendar}"]`);
  await page.fill(`[id="field-${name}"]`, String(parts.day));
  await page.selectOption(`select[name="${name}:${calendar === 'hijri' ? 'monthHijri' : 'monthGregorian'}"]`, String(parts.month));
  await page.fill(`input[name="${name}:year"]`, String(parts.year));
}
