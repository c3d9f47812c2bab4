import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MINUTE_MS, SECOND_MS, settableClock } from '../../src/kernel/clock.js';
import {
  DeliveryError,
  DemoEmailProvider,
  DemoSmsProvider,
  deliverDueMessages,
  enqueueMessage,
  MAX_ATTEMPTS,
  retryDelayMs,
  type Providers,
  type SmsMessage,
} from '../../src/notifications/index.js';
import { freshDatabase } from '../support/database.js';

describe('delivering the outbox', async () => {
  const database = await freshDatabase();
  const { db } = database;
  const clock = settableClock('2026-11-01T09:00:00Z');

  const enqueue = (to: string, channel: 'sms' | 'email' = 'sms') =>
    db.transaction().execute((trx) =>
      channel === 'sms'
        ? enqueueMessage(trx, { channel, to, locale: 'ar', template: 'otp.login', params: { code: '123456' } }, clock)
        : enqueueMessage(trx, { channel, to, locale: 'en', template: 'account.welcome', params: { name: 'Sara', username: 'sara' } }, clock),
    );
  const row = (id: string) => db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const demo: Providers = { sms: new DemoSmsProvider(), email: new DemoEmailProvider() };
  const failing = (error: Error): Providers => ({ sms: { send: () => Promise.reject(error) }, email: demo.email });

  // Each test starts with nothing due, so counts concern its own messages only.
  const clearOutbox = () => db.deleteFrom('outbox_messages').execute();

  it('marks messages sent through the demo providers, with a demo id', async () => {
    await clearOutbox();
    const sms = await enqueue('0511111111');
    const email = await enqueue('sara@example.com', 'email');
    const counts = await deliverDueMessages({ db, providers: demo, clock });
    assert.deepEqual(counts, { claimed: 2, sent: 2, retrying: 0, failed: 0 });
    for (const id of [sms, email]) {
      const message = await row(id);
      assert.equal(message.status, 'sent');
      assert.equal(message.attempts, 1);
      assert.match(message.provider_message_id ?? '', /^demo-[0-9a-f-]{36}$/);
      assert.equal(message.sent_at?.toISOString(), clock.now().toISOString());
    }
    assert.deepEqual(await deliverDueMessages({ db, providers: demo, clock }), { claimed: 0, sent: 0, retrying: 0, failed: 0 });
  });

  it('fails a message to a bad recipient at once, as a real provider would', async () => {
    await clearOutbox();
    const id = await enqueue('12345');
    assert.equal((await deliverDueMessages({ db, providers: demo, clock })).failed, 1);
    const message = await row(id);
    assert.equal(message.status, 'failed');
    assert.match(message.last_error ?? '', /invalid recipient/);
  });

  it('retries with growing delays and gives up after the last attempt', async () => {
    await clearOutbox();
    const id = await enqueue('0522222222');
    const providers = failing(new DeliveryError('sms gateway answered HTTP 503', true));
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      const counts = await deliverDueMessages({ db, providers, clock });
      assert.equal(counts.retrying, 1, `attempt ${attempt}`);
      const message = await row(id);
      assert.equal(message.attempts, attempt);
      assert.equal(message.status, 'pending');
      assert.equal(message.next_attempt_at.getTime() - clock.now().getTime(), retryDelayMs(attempt));
      assert.equal(message.last_error, 'sms gateway answered HTTP 503');
      // Not due a moment before its time, due at it.
      clock.advance(retryDelayMs(attempt) - 1);
      assert.equal((await deliverDueMessages({ db, providers, clock })).claimed, 0);
      clock.advance(1);
    }
    assert.equal((await deliverDueMessages({ db, providers, clock })).failed, 1);
    const message = await row(id);
    assert.equal(message.status, 'failed');
    assert.equal(message.attempts, MAX_ATTEMPTS);
  });

  it('schedules the first retries after 30 s, 2 min and 10 min', () => {
    assert.equal(retryDelayMs(1), 30 * SECOND_MS);
    assert.equal(retryDelayMs(2), 2 * MINUTE_MS);
    assert.equal(retryDelayMs(3), 10 * MINUTE_MS);
    assert.ok(retryDelayMs(7) > retryDelayMs(6));
  });

  it('fails at once on a permanent error and keeps no personal data in last_error', async () => {
    await clearOutbox();
    const id = await enqueue('0533333333');
    await deliverDueMessages({ db, providers: failing(new DeliveryError('rejected 0533333333 for sara@example.com', false)), clock });
    const message = await row(id);
    assert.equal(message.status, 'failed');
    assert.equal(message.last_error, 'rejected [number] for [address]');
  });

  it('retries after an unexpected error without recording its message', async () => {
    await clearOutbox();
    const id = await enqueue('0544444444');
    await deliverDueMessages({ db, providers: failing(new TypeError('cannot read 0544444444')), clock });
    const message = await row(id);
    assert.equal(message.status, 'pending');
    assert.equal(message.last_error, 'unexpected provider error (TypeError)');
  });

  it('sends each message exactly once when workers run at the same time', async () => {
    await clearOutbox();
    const ids = new Set<string>();
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 120; i++) {
        const to = `05${String(50_000_000 + i)}`;
        ids.add(await enqueueMessage(trx, { channel: 'sms', to, locale: 'en', template: 'otp.login', params: { code: String(100000 + i) } }, clock));
      }
    });
    const sent = new Map<string, number>();
    const slowSms = {
      async send({ to }: SmsMessage) {
        sent.set(to, (sent.get(to) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 2));
        return { providerMessageId: `x-${to}` };
      },
    };
    const worker = async () => {
      let total = 0;
      for (;;) {
        const counts = await deliverDueMessages({ db, providers: { sms: slowSms, email: demo.email }, clock, limit: 10 });
        if (counts.claimed === 0) return total;
        total += counts.sent;
      }
    };
    const totals = await Promise.all([worker(), worker(), worker(), worker()]);
    assert.equal(totals.reduce((a, b) => a + b, 0), 120);
    assert.ok(totals.filter((n) => n > 0).length > 1, `the workers really shared the work: ${totals.join(', ')}`);
    assert.equal(sent.size, 120);
    assert.deepEqual([...sent.values()].filter((n) => n !== 1), []);
    const statuses = await db.selectFrom('outbox_messages').select(['status', 'attempts']).execute();
    assert.ok(statuses.every((s) => s.status === 'sent' && s.attempts === 1));
  });
});
