import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ensureDemoAccounts, ensureDemoStaff } from '../../src/identity/index.js';
import { seedPersonas } from '../../src/registry/personas.js';
import { engineUnderTest } from '../support/database.js';
import { aRegistryCitizen, identityApp, post, registerBody, signIn } from './support.js';
import { get, staffSignIn } from './staff-support.js';

describe(`demo accounts (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database, clock } = h;

  it('gives every non-officer persona an active account, once, and lists them with their logins', async () => {
    await seedPersonas({ db: database.db, asOf: '2026-11-01' });
    const first = await ensureDemoAccounts({ db: database.db, clock });
    assert.ok(first.created.includes('guardian'));
    assert.ok(!first.created.some((key) => key.startsWith('officer')));
    assert.deepEqual((await ensureDemoAccounts({ db: database.db, clock })).created, []);

    const { personas } = (await app.inject({ url: '/api/v1/dev/personas' })).json() as { personas: Array<{ key: string; role: string; login: string; password: string; mobile: string; signInAt: string }> };
    const guardian = personas.find((p) => p.key === 'guardian')!;
    assert.equal(guardian.login, 'guardian');
    assert.ok(guardian.password);
    assert.equal(personas.find((p) => p.key === 'officer-traffic')!.signInAt, '/staff/login');
    const token = await signIn(h, guardian.login, guardian.password, guardian.mobile);
    const me = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.json().account.status, 'active');
  });

  it('gives each officer persona a staff account of their agency, with a supervisor and an administrator beside them, once', async () => {
    await seedPersonas({ db: database.db, asOf: '2026-11-01' });
    const first = await ensureDemoStaff({ db: database.db, clock });
    assert.deepEqual(first.created.sort(), [
      'admin-civil-affairs', 'admin-passports', 'admin-traffic',
      'kiosk-riyadh-01',
      'officer-civil-affairs', 'officer-passports', 'officer-traffic',
      'supervisor-civil-affairs', 'supervisor-general', 'supervisor-passports', 'supervisor-traffic',
    ]);
    assert.deepEqual((await ensureDemoStaff({ db: database.db, clock })).created, []);

    const { staff } = (await app.inject({ url: '/api/v1/dev/personas' })).json() as { staff: Array<{ login: string; password: string; mobile: string; agency: string; role: string }> };
    assert.equal(staff.length, 11);
    // The self-service kiosk device, signed in to open /staff/kiosk.
    const kiosk = staff.find((s) => s.login === 'kiosk-riyadh-01')!;
    assert.deepEqual([kiosk.role, kiosk.mobile], ['kiosk', '0500000108']);
    const officer = staff.find((s) => s.login === 'officer-civil-affairs')!;
    assert.deepEqual([officer.agency, officer.role, officer.mobile], ['civil-affairs', 'officer', '0500000008']);
    const token = await staffSignIn(h, { username: officer.login, mobile: officer.mobile }, officer.password);
    const me = await get(h, '/api/v1/staff/me', token);
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().agency, 'civil-affairs');
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
