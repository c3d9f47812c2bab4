import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ensureDemoAccounts } from '../../src/identity/index.js';
import { seedPersonas } from '../../src/registry/personas.js';
import { engineUnderTest } from '../support/database.js';
import { aRegistryCitizen, identityApp, post, registerBody, signIn } from './support.js';

describe(`demo accounts (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;

  it('gives every non-officer persona an active account, once, and lists them with their logins', async () => {
    await seedPersonas({ db: database.db, asOf: '2026-11-01' });
    const first = await ensureDemoAccounts({ db: database.db, clock });
    assert.ok(first.created.includes('guardian'));
    assert.ok(!first.created.some((key) => key.startsWith('officer')));
    assert.deepEqual((await ensureDemoAccounts({ db: database.db, clock })).created, []);

    const { personas } = (await app.inject({ url: '/api/v1/dev/personas' })).json() as { personas: Array<{ key: string; role: string; login: string | null; password: string | null; mobile: string }> };
    const guardian = personas.find((p) => p.key === 'guardian')!;
    assert.equal(guardian.login, 'guardian');
    assert.ok(guardian.password);
    assert.equal(personas.find((p) => p.role === 'officer')!.login, null);
    const token = await signIn(h, guardian.login!, guardian.password!, guardian.mobile);
    const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.json().account.status, 'active');
  });

  it('lists registry people without an account, who can register with their registry mobile', async () => {
    for (let i = 0; i < 3; i++) await aRegistryCitizen(database);
    const { unregistered } = (await app.inject({ url: '/api/v1/dev/personas' })).json() as { unregistered: Array<{ nationalId: string; dateOfBirth: string; mobile: string }> };
    assert.ok(unregistered.length >= 3 && unregistered.length <= 5);
    const someone = unregistered[0]!;
    const res = await post(app, '/api/v1/auth/register', registerBody({ kind: 'person', nationalId: someone.nationalId, birthDate: someone.dateOfBirth, mobile: someone.mobile } as never));
    assert.equal(res.statusCode, 202);
  });
});
