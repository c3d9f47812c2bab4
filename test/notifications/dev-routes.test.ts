import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settableClock } from '../../src/kernel/clock.js';
import { enqueueMessage } from '../../src/notifications/index.js';
import { testApp } from '../support/app.js';

describe('the demo outbox', async () => {
  const { app, database } = await testApp();
  const { db } = database;
  const clock = settableClock('2026-11-01T09:00:00Z');

  await db.transaction().execute(async (trx) => {
    await enqueueMessage(trx, { channel: 'sms', to: '0571234567', locale: 'en', template: 'otp.register', params: { code: '111111' } }, clock);
    clock.advance(1000);
    await enqueueMessage(trx, { channel: 'sms', to: '0571234567', locale: 'ar', template: 'otp.login', params: { code: '222222' } }, clock);
    await enqueueMessage(trx, { channel: 'sms', to: '0579999999', locale: 'en', template: 'otp.login', params: { code: '333333' } }, clock);
    await enqueueMessage(trx, { channel: 'email', to: 'sara@example.com', locale: 'en', template: 'account.welcome', params: { name: 'Sara', username: 'sara' } }, clock);
  });

  it("answers a recipient's messages, newest first, in the documented shape", async () => {
    const res = await app.inject({ url: '/api/v1/dev/messages?to=0571234567' });
    assert.equal(res.statusCode, 200);
    const { messages } = res.json() as { messages: Array<Record<string, string>> };
    assert.equal(messages.length, 2);
    for (const m of messages) assert.deepEqual(Object.keys(m).sort(), ['channel', 'createdAt', 'text', 'to']);
    assert.match(messages[0]!.text!, /222222/);
    assert.match(messages[1]!.text!, /111111/);
    assert.equal(messages[0]!.createdAt, '2026-11-01T09:00:01.000Z');
    assert.equal(messages[0]!.channel, 'sms');
    assert.equal(messages[0]!.to, '0571234567');
  });

  it('answers e-mails by address', async () => {
    const { messages } = (await app.inject({ url: '/api/v1/dev/messages?to=sara@example.com' })).json() as { messages: Array<Record<string, string>> };
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.channel, 'email');
    assert.match(messages[0]!.text!, /Dear Sara/);
  });

  it('requires a valid recipient', async () => {
    for (const url of ['/api/v1/dev/messages', '/api/v1/dev/messages?to=12345', '/api/v1/dev/messages?to=%27%20OR%201%3D1']) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 422, url);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    }
  });

  it('shows the messages on a page, filtered by recipient', async () => {
    const all = await app.inject({ url: '/dev/outbox', cookies: { lang: 'en' } });
    assert.equal(all.statusCode, 200);
    assert.match(all.body, /Demo message outbox/);
    for (const code of ['111111', '222222', '333333']) assert.match(all.body, new RegExp(code));
    const one = await app.inject({ url: '/dev/outbox?to=0579999999' });
    assert.match(one.body, /dir="rtl"/);
    assert.match(one.body, /333333/);
    assert.doesNotMatch(one.body, /222222/);
    const bad = await app.inject({ url: '/dev/outbox?to=nonsense', cookies: { lang: 'en' } });
    assert.equal(bad.statusCode, 200);
    assert.match(bad.body, /Enter a mobile number/);
  });

  it('does not exist when demo mode is off', async () => {
    const { app: production } = await testApp({ env: { DEMO_MODE: 'off' }, database });
    assert.equal((await production.inject({ url: '/api/v1/dev/messages?to=0571234567' })).statusCode, 404);
    assert.equal((await production.inject({ url: '/dev/outbox' })).statusCode, 404);
  });
});

