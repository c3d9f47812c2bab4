import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../src/kernel/clock.js';
import { DemoEmailProvider, enqueueMessage, OutboxDoorbell, startOutboxWorker, type SmsMessage } from '../../src/notifications/index.js';
import { freshDatabase } from '../support/database.js';

const clock = fixedClock('2026-11-01T09:00:00Z');

function recordingLog() {
  const errors: string[] = [];
  return { errors, info: () => {}, error: (_details: object, message: string) => void errors.push(message) };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('the outbox worker', async () => {
  const { db } = await freshDatabase();

  it('sends a message as soon as it is nudged, never two runs at once, and stops cleanly', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const sent: string[] = [];
    const sms = {
      async send({ to }: SmsMessage) {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        sent.push(to);
        return { providerMessageId: null };
      },
    };
    const log = recordingLog();
    // A long interval: only the first run and the nudges can deliver within the test.
    const worker = startOutboxWorker({ db, providers: { sms, email: new DemoEmailProvider() }, clock, intervalMs: 60_000, log, batchSize: 1 });
    const doorbell = new OutboxDoorbell();
    doorbell.connect(worker);
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const to of ['0561111111', '0562222222', '0563333333']) {
      await db.transaction().execute((trx) => enqueueMessage(trx, { channel: 'sms', to, locale: 'ar', template: 'otp.login', params: { code: '1' } }, clock));
      doorbell.nudge();
      doorbell.nudge();
    }
    await until(() => sent.length === 3);
    await worker.stop();
    assert.deepEqual(sent.sort(), ['0561111111', '0562222222', '0563333333']);
    assert.equal(maxInFlight, 1, 'a batch of one at a time: runs never overlapped');
    assert.deepEqual(log.errors, []);
    worker.nudge(); // after stop: ignored
  });

  it('logs a failing run and keeps going', async () => {
    const log = recordingLog();
    const broken = { ...db, updateTable: () => { throw new Error('database gone'); } } as unknown as typeof db;
    const worker = startOutboxWorker({ db: broken, providers: { sms: { send: async () => ({ providerMessageId: null }) }, email: new DemoEmailProvider() }, clock, intervalMs: 10, log });
    await until(() => log.errors.length >= 2);
    await worker.stop();
    assert.equal(log.errors[0], 'outbox delivery run failed');
  });

  it('does nothing on a nudge when no worker is connected (tests, CLI)', () => {
    const { nudge } = new OutboxDoorbell();
    assert.doesNotThrow(() => nudge());
  });
});
