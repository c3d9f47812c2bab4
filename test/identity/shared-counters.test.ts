import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { settableClock } from '../../src/kernel/clock.js';
import { testApp } from '../support/app.js';
import { engineUnderTest } from '../support/database.js';
import { aRegistryCitizen, anIp, post, registerAccount, START, type IdentityHarness } from './support.js';

/**
 * Two app nodes over one database count the same hits: a limit cannot be doubled by spreading
 * requests over nodes (ADR 0008). Two buildApp() instances stand in for two nodes.
 */

describe(`rate limits shared by every node (${engineUnderTest})`, async () => {
  const clock = settableClock(START);
  const one = await testApp({ clock });
  const two = await testApp({ clock, database: one.database });
  const nodes = [one.app, two.app];
  const h: IdentityHarness = { app: one.app, database: one.database, clock };

  it("counts a route's per-IP limit across both nodes", async () => {
    const ip = anIp();
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(nodes[i % 2]!, '/api/v1/auth/login', { login: `someone_${i}`, password: 'Whatever-123' }, { ip })).statusCode);
    // 10 a minute per address: the 11th is refused though each node saw only 5 or 6.
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
  });

  it('counts the sign-in throttle across both nodes', async () => {
    const person = await aRegistryCitizen(one.database);
    const { body } = await registerAccount(h, person);
    const ip = anIp();
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(nodes[i % 2]!, '/api/v1/auth/login', { login: body.username, password: `Wrong-Password-${i}` }, { ip })).statusCode);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
  });

  it('counts one-time codes sent across both nodes', async () => {
    const person = await aRegistryCitizen(one.database);
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      clock.advance(1000);
      const res = await post(nodes[i % 2]!, '/api/v1/auth/register', { nationalId: person.nationalId, dateOfBirth: person.birthDate, mobile: person.mobile, email: `n${i}@example.test`, username: `node_user_${process.pid}_${i}`, password: 'Quiet-Harbour-42', language: 'en' });
      statuses.push(res.statusCode);
    }
    // 5 registration codes an hour per ID number, wherever they were asked for.
    assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429]);
  });
});
