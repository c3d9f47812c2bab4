import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { Visitor } from '../support/visitor.js';
import { identityApp } from '../identity/support.js';
import { aSignedInCitizen, LOST_ID, lostIdData, submit, webSignIn } from '../requests/support.js';
import { cardPageLocation, formActionSources } from '../../src/payments/index.js';

/**
 * Card payment with the portal opened at another address than PUBLIC_URL (its IP, from a phone):
 * every redirect the browser follows from a form must be one the page's own
 * Content-Security-Policy allows (`form-action`), or the browser stops on a blank nothing.
 */

/** The form-action sources of a response's Content-Security-Policy header. */
function formAction(csp: unknown): string[] {
  assert.equal(typeof csp, 'string', 'the page carries a Content-Security-Policy');
  const directive = (csp as string).split(';').map((d) => d.trim().split(/\s+/)).find(([name]) => name === 'form-action');
  assert.ok(directive, 'the policy has form-action');
  return directive.slice(1);
}

/** Whether `location`, the answer to a form posted at `pageOrigin`, is allowed by the form-action sources. */
function allowedBy(sources: string[], location: string, pageOrigin: string): boolean {
  const target = new URL(location, pageOrigin).origin;
  return sources.some((source) => (source === "'self'" ? target === pageOrigin : source.replace(/\/$/, '') === target));
}

describe(`card payment at another address than PUBLIC_URL (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app } = h;
  const ADDRESS = '192.168.1.20:3000';
  const ORIGIN = `http://${ADDRESS}`;

  it('sends the browser to the card page and back by paths the policy allows, and the payment completes', async () => {
    assert.notEqual(new URL(app.deps.config.publicUrl).origin, ORIGIN, 'the test opens the portal elsewhere');
    const citizen = await aSignedInCitizen(h, { lostBefore: 1 });
    const created = await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() });
    const reference = created.json().reference as string;
    const v = new Visitor(app, 'ar');
    v.host = ADDRESS;
    await webSignIn(h, v, citizen);

    const page = await v.get(`/requests/${reference}/payment`);
    const number = /action="\/payments\/bills\/(\d{12})\/card"/.exec(page.body)![1]!;
    const started = await v.post(`/payments/bills/${number}/card`, {});
    assert.equal(started.statusCode, 303);
    const toCard = started.headers.location as string;
    assert.ok(allowedBy(formAction(page.headers['content-security-policy']), toCard, ORIGIN), `form-action allows ${toCard}`);
    assert.equal(new URL(toCard, ORIGIN).origin, ORIGIN, 'the card page opens on the address the person is on');

    const form = await v.get(toCard);
    assert.equal(form.statusCode, 200);
    const hosted = new URL(toCard, ORIGIN).pathname;
    const submitted = await v.post(hosted, { name: 'Sara Alharbi', number: '4406470000000007', expiry: '12/30', cvv: '737' });
    const codeUrl = submitted.headers.location as string;
    assert.ok(allowedBy(formAction(form.headers['content-security-policy']), codeUrl, ORIGIN));
    const codePage = await v.get(codeUrl);
    const back = await v.post(codeUrl, { code: '123456' });
    assert.equal(back.statusCode, 303);
    const returned = back.headers.location as string;
    assert.ok(allowedBy(formAction(codePage.headers['content-security-policy']), returned, ORIGIN), `form-action allows the way back, ${returned}`);
    assert.match(new URL(returned, ORIGIN).pathname, /^\/payments\/card\/[0-9a-f-]{36}\/return$/);
    const result = await v.get(returned);
    assert.equal(result.statusCode, 200, 'still signed in: the way back stayed on this address');
    assert.match(result.body, /تم استلام|استلمنا/);
  });

  it('lists an external acquirer\'s hosted-page origin in form-action, and refuses a card page the policy would block', () => {
    const external = { hostedPageOrigins: ['https://pay.acquirer.example/'] };
    assert.deepEqual(formActionSources(external), ["'self'", 'https://pay.acquirer.example']);
    const publicUrl = 'https://tayseer.gov.sa';
    assert.equal(cardPageLocation('https://pay.acquirer.example/checkout/1', { publicUrl, gateway: external }), 'https://pay.acquirer.example/checkout/1');
    assert.equal(cardPageLocation('https://tayseer.gov.sa/sandbox-acquirer/checkout/pay_1?x=1', { publicUrl, gateway: {} }), '/sandbox-acquirer/checkout/pay_1?x=1');
    assert.equal(cardPageLocation('https://elsewhere.example/checkout/1', { publicUrl, gateway: external }), null);
  });
});
