import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main } from '../../src/cli.js';
import { runDueWork } from '../../src/jobs/worker.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { DemoEmailProvider, DemoSmsProvider } from '../../src/notifications/index.js';
import { engineUnderTest } from '../support/database.js';
import { identityApp } from '../identity/support.js';
import { aSignedInCitizen, LOST_ID, lostIdData, submit } from './support.js';
import { captureTerminal } from '../support/terminal.js';

describe(`the worker (${engineUnderTest})`, async () => {
  const h = await identityApp();

  it('runs what is due at a given time once: an unpaid request expires and its notice is sent', async () => {
    const citizen = await aSignedInCitizen(h, { lostBefore: 1 });
    const reference = (await submit(h, citizen.token, { serviceId: LOST_ID, data: lostIdData() })).json().reference as string;
    const providers = { sms: new DemoSmsProvider(), email: new DemoEmailProvider() };
    const deps = { db: h.database.db, catalogue: h.app.catalogue, providers, gateway: h.app.cardGateway, publicUrl: 'http://localhost:3000' };

    const early = await runDueWork({ ...deps, clock: fixedClock(new Date(h.clock.now().getTime() + 2 * 86_400_000)) });
    assert.equal(early.deadlines.timedOut, 0, 'two days on, the fee may still be paid');
    const later = await runDueWork({ ...deps, clock: fixedClock(new Date(h.clock.now().getTime() + 4 * 86_400_000)) });
    assert.equal(later.deadlines.timedOut, 1);
    assert.ok(later.messages.sent >= 1);
    const row = await h.database.db.selectFrom('service_requests').select('state').where('reference', '=', reference).executeTakeFirstOrThrow();
    assert.equal(row.state, 'expired');
  });

  it('refuses --now without --once, and a time that is not ISO, in one line', async () => {
    const alone = captureTerminal();
    assert.equal(await main(['worker', '--now', '2026-12-01T09:00:00Z'], alone), 2);
    assert.match(alone.errors[0]!, /--now needs --once/);
    const bad = captureTerminal();
    assert.equal(await main(['worker', '--once', '--now', 'tomorrow'], bad), 2);
    assert.match(bad.errors[0]!, /ISO time/);
  });
});
