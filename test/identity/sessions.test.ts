import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MINUTE_MS } from '../../src/kernel/clock.js';
import { listSessions, resolveSession, revokeOtherSession, revokeSession, startWebSession } from '../../src/identity/index.js';
import { sha256Hex } from '../../src/identity/secrets.js';
import { engineUnderTest } from '../support/database.js';
import { aRegistryCitizen, identityApp, registerAccount } from './support.js';

describe(`web sessions (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;
  const deps = () => ({ db: database.db, clock, config: app.deps.config });
  const accountOf = async (username: string) =>
    (await database.db.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  it('rotates at every login, keeps only hashes, and ends after 15 idle minutes', async () => {
    const { body } = await registerAccount(h, await aRegistryCitizen(database));
    const accountId = await accountOf(body.username);
    const first = await startWebSession({ ...deps(), accountId, ip: '10.0.0.1', userAgent: 'test' });
    const second = await startWebSession({ ...deps(), accountId, ip: '10.0.0.1', userAgent: 'test' });
    assert.notEqual(first.sessionId, second.sessionId);
    assert.ok(first.csrfToken && first.csrfToken !== first.token);
    const stored = await database.db.selectFrom('sessions').select('token_hash').where('id', '=', first.sessionId).executeTakeFirstOrThrow();
    assert.equal(stored.token_hash, sha256Hex(first.token));

    clock.advance(14 * MINUTE_MS);
    const alive = await resolveSession({ ...deps(), token: first.token });
    assert.equal(alive?.accountId, accountId);
    assert.equal(alive?.accountStatus, 'active');
    clock.advance(14 * MINUTE_MS); // used 14 minutes ago: still alive (sliding)
    assert.ok(await resolveSession({ ...deps(), token: first.token }));
    // The second was idle for 28 minutes.
    assert.equal(await resolveSession({ ...deps(), token: second.token }), undefined);
  });

  it('ends web sessions at the absolute limit even when used', async () => {
    const { body } = await registerAccount(h, await aRegistryCitizen(database));
    const session = await startWebSession({ ...deps(), accountId: await accountOf(body.username) });
    for (let minutes = 10; minutes < 12 * 60; minutes += 10) {
      clock.advance(10 * MINUTE_MS);
      assert.ok(await resolveSession({ ...deps(), token: session.token }), `alive after ${minutes} minutes`);
    }
    clock.advance(10 * MINUTE_MS);
    assert.equal(await resolveSession({ ...deps(), token: session.token }), undefined);
  });

  it('lists and revokes one own session; another account cannot touch it', async () => {
    const { body } = await registerAccount(h, await aRegistryCitizen(database));
    const { body: otherBody } = await registerAccount(h, await aRegistryCitizen(database));
    const accountId = await accountOf(body.username);
    const other = await accountOf(otherBody.username);
    const a = await startWebSession({ ...deps(), accountId });
    const b = await startWebSession({ ...deps(), accountId });
    assert.deepEqual((await listSessions({ ...deps(), accountId })).map((s) => s.sessionId).sort(), [a.sessionId, b.sessionId].sort());
    await assert.rejects(revokeOtherSession({ ...deps(), accountId: other, sessionId: a.sessionId }), { code: 'identity.session_not_found' });
    await revokeOtherSession({ ...deps(), accountId, sessionId: a.sessionId });
    assert.equal(await resolveSession({ ...deps(), token: a.token }), undefined);
    await revokeSession({ ...deps(), token: b.token });
    assert.equal(await resolveSession({ ...deps(), token: b.token }), undefined);
    assert.deepEqual(await listSessions({ ...deps(), accountId }), []);
  });
});
