import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DeliveryError, HttpSmsGateway } from '../../src/notifications/index.js';

interface Received {
  body: string;
  authorization: string | undefined;
  contentType: string | undefined;
}

/** A fake gateway on 127.0.0.1 whose answer each test chooses. */
describe('the HTTP SMS gateway', () => {
  let server: http.Server;
  let url = '';
  let received: Received[] = [];
  let answer: (res: http.ServerResponse) => void = (res) => res.end();

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        received.push({ body, authorization: req.headers.authorization, contentType: req.headers['content-type'] });
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const gateway = (options: Partial<ConstructorParameters<typeof HttpSmsGateway>[0]> = {}) =>
    new HttpSmsGateway({
      url,
      username: 'tayseer',
      password: 's3cret:pass',
      bodyTemplate: '{"to":"{{to}}","text":"{{text}}","sender":"{{sender}}"}',
      senderName: 'Tayseer',
      ...options,
    });

  async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
    const error = await promise.then(
      () => assert.fail('expected the send to fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof DeliveryError, String(error));
    return error;
  }

  it('posts the filled, JSON-escaped template with basic auth and reads the id of the answer', async () => {
    received = [];
    answer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"messageId":"gw-42"}');
    const text = 'رمز "الدخول" 123456\nline two \\ end';
    const receipt = await gateway().send({ to: '0512345678', text });
    assert.deepEqual(receipt, { providerMessageId: 'gw-42' });
    assert.equal(received.length, 1);
    const request = received[0]!;
    assert.deepEqual(JSON.parse(request.body), { to: '966512345678', text, sender: 'Tayseer' });
    assert.equal(request.authorization, `Basic ${Buffer.from('tayseer:s3cret:pass').toString('base64')}`);
    assert.match(request.contentType ?? '', /application\/json/);
  });

  it('sends no authorization header without credentials, and accepts an answer without an id', async () => {
    received = [];
    answer = (res) => res.writeHead(202).end('queued');
    const receipt = await gateway({ username: undefined, password: undefined }).send({ to: '0512345678', text: 'hi' });
    assert.deepEqual(receipt, { providerMessageId: null });
    assert.equal(received[0]!.authorization, undefined);
  });

  it('treats a 500 and a 429 as retryable', async () => {
    answer = (res) => res.writeHead(500).end('oops 0512345678');
    const serverError = await failure(gateway().send({ to: '0512345678', text: 'x' }));
    assert.equal(serverError.retryable, true);
    assert.equal(serverError.message, 'sms gateway answered HTTP 500');
    answer = (res) => res.writeHead(429).end();
    assert.equal((await failure(gateway().send({ to: '0512345678', text: 'x' }))).retryable, true);
  });

  it('treats a 400 as permanent', async () => {
    answer = (res) => res.writeHead(400).end('{"error":"bad number"}');
    const error = await failure(gateway().send({ to: '0512345678', text: 'x' }));
    assert.equal(error.retryable, false);
  });

  it('gives up on a slow gateway after its time-out, as retryable', async () => {
    answer = (res) => setTimeout(() => res.writeHead(200).end('{}'), 1000).unref();
    const error = await failure(gateway({ timeoutMs: 100 }).send({ to: '0512345678', text: 'x' }));
    assert.equal(error.retryable, true);
    assert.match(error.message, /timed out after 100 ms/);
  });

  it('treats an unreachable gateway as retryable', async () => {
    const error = await failure(gateway({ url: 'http://127.0.0.1:1/send' }).send({ to: '0512345678', text: 'x' }));
    assert.equal(error.retryable, true);
  });

  it('refuses a number that is not a Saudi mobile without calling the gateway', async () => {
    received = [];
    const error = await failure(gateway().send({ to: '+1555123', text: 'x' }));
    assert.equal(error.retryable, false);
    assert.equal(received.length, 0);
  });
});
