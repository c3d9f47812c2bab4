import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/kernel/clock.js';
import type { CardGateway, CheckoutRequest } from '../../src/payments/gateway.js';
import { createSandboxAcquirer, type PostCallback } from '../../src/payments/sandbox-acquirer/index.js';
import { testApp } from '../support/app.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';
import { Visitor } from '../support/visitor.js';

/*
 * Callbacks: signed, sent after the browser's redirect, retried on failure; and
 * verifyCallback. The acquirer here is built with an injected `post` (recording calls) and
 * mounted on a bare Fastify app, as a separate system would be; the last test goes through the
 * real app and the default fetch delivery.
 */

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const NOW = '2026-11-01T09:00:00Z';
const NOW_SECONDS = String(Date.parse(NOW) / 1000);

interface Call {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A `post` that records its calls and answers from a script (a status, or 'throw'); each call resolves the next waiter. */
function recordingPost(script: Array<number | 'throw' | 'hang'> = []) {
  const calls: Call[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const post: PostCallback = async (url, headers, body) => {
    calls.push({ url, headers, body });
    for (const waiter of waiters.filter((w) => calls.length >= w.count)) waiter.resolve();
    const answer = script[calls.length - 1] ?? 200;
    if (answer === 'throw') throw new Error('connection refused');
    if (answer === 'hang') return new Promise<number>(() => {});
    return answer;
  };
  /** Resolves once `count` calls have been made. */
  const callsReach = (count: number) =>
    calls.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }));
  return { post, calls, callsReach };
}

async function acquirerApp(post: PostCallback, extra: { onCallbackFailure?: Parameters<typeof createSandboxAcquirer>[0]['onCallbackFailure'] } = {}) {
  const database = await freshDatabase();
  const { gateway, routes } = createSandboxAcquirer({
    db: database.db,
    clock: fixedClock(NOW),
    secret: SECRET,
    publicUrl: 'http://localhost:3000',
    post,
    callbackRetryDelaysMs: [1, 1, 1],
    cookieSecure: false,
    ...extra,
  });
  const app = Fastify();
  await app.register(cookie);
  await app.register(formbody);
  await app.register(routes);
  await app.ready();
  after(() => app.close());
  return { app, gateway };
}

function checkoutRequest(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  const reference = `cs_${randomUUID()}`;
  return {
    merchantReference: reference,
    amount: 9_900,
    currency: 'SAR',
    description: { ar: 'رسوم', en: 'Fee' },
    locale: 'ar',
    returnUrl: `http://localhost:3000/payments/card/return/${reference}`,
    callbackUrl: 'http://localhost:3000/api/v1/payments/card/callback',
    ...overrides,
  };
}

/** The merchant's return address on this app, as the sandbox sends the browser there: by path. */
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

async function pay(app: FastifyInstance, gateway: CardGateway, number: string, request = checkoutRequest()) {
  const checkout = await gateway.createCheckout(request);
  const path = new URL(checkout.redirectUrl).pathname;
  const v = new Visitor(app);
  await v.get(path);
  const submitted = await v.post(path, { name: 'Sara Alharbi', number, expiry: '12/30', cvv: '737' });
  assert.equal(submitted.statusCode, 303, submitted.body);
  const codeUrl = submitted.headers.location as string;
  await v.get(codeUrl);
  const done = await v.post(codeUrl, { code: '123456' });
  return { id: checkout.gatewayPaymentId, done, request };
}

const hmac = (secret: string, timestamp: string, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

describe(`sandbox acquirer callbacks (${engineUnderTest})`, () => {
  it('sends a signed callback to the callbackUrl after redirecting the browser', async () => {
    const recorder = recordingPost();
    const { app, gateway } = await acquirerApp(recorder.post);
    const { id, done, request } = await pay(app, gateway, '4111111111111111');
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, pathOf(request.returnUrl));
    await recorder.callsReach(1);
    const [call] = recorder.calls;
    assert.equal(call!.url, request.callbackUrl);
    assert.deepEqual(JSON.parse(call!.body), { paymentId: id, merchantReference: request.merchantReference, status: 'captured' });
    assert.equal(call!.headers['content-type'], 'application/json');
    assert.equal(call!.headers['x-acquirer-timestamp'], NOW_SECONDS);
    assert.equal(call!.headers['x-acquirer-signature'], hmac(SECRET, NOW_SECONDS, call!.body));
    assert.deepEqual(gateway.verifyCallback(call!.headers, call!.body), { gatewayPaymentId: id });
  });

  it('does not hold the browser while the callback is delivered', async () => {
    const recorder = recordingPost(['hang']);
    const { app, gateway } = await acquirerApp(recorder.post);
    const { done, request } = await pay(app, gateway, '4111111111111111');
    // The merchant's endpoint never answers, and the browser is still sent back.
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, pathOf(request.returnUrl));
    await recorder.callsReach(1);
  });

  it('retries a failed or refused callback, signing each try, and stops after the first success', async () => {
    const recorder = recordingPost([500, 'throw', 204]);
    const failures: Array<{ attempt: number; status: number | null; final: boolean }> = [];
    const { app, gateway } = await acquirerApp(recorder.post, { onCallbackFailure: (e) => failures.push({ attempt: e.attempt, status: e.status, final: e.final }) });
    const { id } = await pay(app, gateway, '4000000000000002');
    await recorder.callsReach(3);
    assert.equal(recorder.calls.length, 3);
    for (const call of recorder.calls) {
      assert.deepEqual(JSON.parse(call.body), { paymentId: id, merchantReference: JSON.parse(call.body).merchantReference, status: 'declined' });
      assert.deepEqual(gateway.verifyCallback(call.headers, call.body), { gatewayPaymentId: id });
    }
    assert.deepEqual(failures, [
      { attempt: 1, status: 500, final: false },
      { attempt: 2, status: null, final: false },
    ]);
  });

  it('gives up quietly after the last retry', async () => {
    const recorder = recordingPost([503, 503, 503, 503, 503, 503]);
    let gaveUp!: () => void;
    const finalFailure = new Promise<void>((resolve) => (gaveUp = resolve));
    const { app, gateway } = await acquirerApp(recorder.post, { onCallbackFailure: (e) => e.final && gaveUp() });
    const { id } = await pay(app, gateway, '4111111111111111');
    await finalFailure;
    assert.equal(recorder.calls.length, 4, 'one try and three retries');
    assert.equal((await gateway.getPayment(id)).status, 'captured', 'the payment stands; the platform polls');
  });

  it('sends no callback for a payment the issuer never answers', async () => {
    const recorder = recordingPost();
    const { app, gateway } = await acquirerApp(recorder.post);
    const silent = await pay(app, gateway, '5105105105105100');
    assert.equal(silent.done.statusCode, 303);
    assert.equal(silent.done.headers.location, pathOf(silent.request.returnUrl));
    // A later payment's callback arrives; none ever came for the silent one.
    const later = await pay(app, gateway, '4111111111111111');
    await recorder.callsReach(1);
    assert.deepEqual(recorder.calls.map((c) => JSON.parse(c.body).paymentId), [later.id]);
  });

  it('sends a signed callback when the person cancels, once however often they click', async () => {
    const recorder = recordingPost();
    const { app, gateway } = await acquirerApp(recorder.post);
    const request = checkoutRequest();
    const checkout = await gateway.createCheckout(request);
    const path = new URL(checkout.redirectUrl).pathname;
    const v = new Visitor(app);
    await v.get(path);
    const cancelled = await v.post(`${path}/cancel`, {});
    assert.equal(cancelled.statusCode, 303);
    assert.equal(cancelled.headers.location, pathOf(request.returnUrl), 'the browser first, then the callback');
    await recorder.callsReach(1);
    const [call] = recorder.calls;
    assert.equal(call!.url, request.callbackUrl);
    assert.deepEqual(JSON.parse(call!.body), { paymentId: checkout.gatewayPaymentId, merchantReference: request.merchantReference, status: 'cancelled' });
    assert.equal(call!.headers['x-acquirer-timestamp'], NOW_SECONDS);
    assert.equal(call!.headers['x-acquirer-signature'], hmac(SECRET, NOW_SECONDS, call!.body));
    assert.deepEqual(gateway.verifyCallback(call!.headers, call!.body), { gatewayPaymentId: checkout.gatewayPaymentId });
    const payment = await gateway.getPayment(checkout.gatewayPaymentId);
    assert.deepEqual([payment.status, payment.declineCode], ['failed', 'cancelled'], 'what the platform reads when it asks');

    // A second click is sent back too, with no second callback: the next one is another payment's.
    assert.equal((await v.post(`${path}/cancel`, {})).headers.location, pathOf(request.returnUrl));
    const later = await pay(app, gateway, '4111111111111111');
    await recorder.callsReach(2);
    assert.deepEqual(recorder.calls.map((c) => JSON.parse(c.body).paymentId), [checkout.gatewayPaymentId, later.id]);
  });

  it('verifyCallback refuses a forged signature, an altered body, a stale or future timestamp and malformed headers', async () => {
    const { gateway } = await acquirerApp(recordingPost().post);
    const body = JSON.stringify({ paymentId: 'pay_ABCDEFGHIJKLMNOPQRSTUVWX', merchantReference: 'cs_1', status: 'captured' });
    const signed = (timestamp: string, secret = SECRET, text = body) => ({ 'x-acquirer-timestamp': timestamp, 'x-acquirer-signature': hmac(secret, timestamp, text) });
    assert.deepEqual(gateway.verifyCallback(signed(NOW_SECONDS), body), { gatewayPaymentId: 'pay_ABCDEFGHIJKLMNOPQRSTUVWX' });
    // Header names in any case, as some proxies pass them.
    const upper = signed(NOW_SECONDS);
    assert.deepEqual(gateway.verifyCallback({ 'X-Acquirer-Timestamp': upper['x-acquirer-timestamp'], 'X-Acquirer-Signature': upper['x-acquirer-signature'].toUpperCase() }, body), {
      gatewayPaymentId: 'pay_ABCDEFGHIJKLMNOPQRSTUVWX',
    });
    assert.equal(gateway.verifyCallback(signed(NOW_SECONDS, 'another-secret-of-at-least-thirty-two-chars'), body), null, 'forged');
    assert.equal(gateway.verifyCallback(signed(NOW_SECONDS), body.replace('captured', 'declined')), null, 'altered body');
    assert.equal(gateway.verifyCallback(signed(NOW_SECONDS), `${body} `), null, 'one byte more');
    const fiveMinutes = 5 * 60;
    assert.deepEqual(gateway.verifyCallback(signed(String(Number(NOW_SECONDS) - fiveMinutes)), body), { gatewayPaymentId: 'pay_ABCDEFGHIJKLMNOPQRSTUVWX' }, 'just fresh');
    assert.equal(gateway.verifyCallback(signed(String(Number(NOW_SECONDS) - fiveMinutes - 1)), body), null, 'stale');
    assert.equal(gateway.verifyCallback(signed(String(Number(NOW_SECONDS) + fiveMinutes + 1)), body), null, 'from the future');
    const replayedTimestamp = { ...signed(NOW_SECONDS), 'x-acquirer-timestamp': String(Number(NOW_SECONDS) + 1) };
    assert.equal(gateway.verifyCallback(replayedTimestamp, body), null, 'the timestamp is signed too');
    assert.equal(gateway.verifyCallback({}, body), null);
    assert.equal(gateway.verifyCallback({ ...signed(NOW_SECONDS), 'x-acquirer-signature': 'zz' }, body), null);
    assert.equal(gateway.verifyCallback({ ...signed(NOW_SECONDS), 'x-acquirer-signature': [signed(NOW_SECONDS)['x-acquirer-signature']] }, body), null);
    const notJson = 'paymentId=pay_ABCDEFGHIJKLMNOPQRSTUVWX';
    assert.equal(gateway.verifyCallback(signed(NOW_SECONDS, SECRET, notJson), notJson), null);
  });
});

describe(`sandbox acquirer callbacks through the app (${engineUnderTest})`, () => {
  it('delivers the callback over HTTP with the configured secret, which app.cardGateway verifies', async () => {
    const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
    let arrived!: () => void;
    const first = new Promise<void>((resolve) => (arrived = resolve));
    const server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
        arrived();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;

    const secret = 'the-secret-the-platform-and-acquirer-share-0123';
    const { app } = await testApp({ env: { CARD_GATEWAY_SECRET: secret } });
    const request = checkoutRequest({ callbackUrl: `http://127.0.0.1:${port}/api/v1/payments/card/callback` });
    const { id, done } = await pay(app, app.cardGateway, '4406470000000007', request);
    assert.equal(done.headers.location, pathOf(request.returnUrl));
    await first;
    const [callback] = received;
    assert.equal(callback!.headers['x-acquirer-signature'], hmac(secret, String(callback!.headers['x-acquirer-timestamp']), callback!.body));
    assert.deepEqual(app.cardGateway.verifyCallback(callback!.headers, callback!.body), { gatewayPaymentId: id });
    assert.equal(JSON.parse(callback!.body).status, 'captured');
  });
});
