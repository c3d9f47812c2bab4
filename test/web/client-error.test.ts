import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { testApp } from '../support/app.js';

/** Requests the HTTP parser refuses before any route runs still answer problem+json. */

async function rawRequest(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

describe('requests refused by the HTTP parser', () => {
  it('answers raw non-ASCII bytes in the query and a broken request line with problem+json', async () => {
    const { app } = await testApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as net.AddressInfo;
    const arabicQuery = Buffer.concat([Buffer.from('GET /api/v1/search?q='), Buffer.from('مخالفات', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]);
    for (const request of [arabicQuery, Buffer.from('GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n'), Buffer.from('NOT-HTTP\r\n\r\n')]) {
      const answer = await rawRequest(port, request);
      assert.match(answer, /^HTTP\/1\.1 400 /);
      assert.match(answer, /content-type: application\/problem\+json/i);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { code: string; detail: string };
      assert.equal(body.code, 'http.bad_request');
      assert.match(body.detail, /الطلب غير صحيح/);
    }
    const healthy = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(healthy.statusCode, 200);
  });
});
