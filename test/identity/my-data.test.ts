import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineUnderTest } from '../support/database.js';
import { aChild, aVehicle, aViolation } from '../registry/builders.js';
import { addPersons, aRegistryCitizen, GOOD_PASSWORD, identityApp, registerAccount, signIn } from './support.js';

describe(`my data (${engineUnderTest})`, async () => {
  const h = await identityApp();
  const { app, database } = h;

  it('shows documents with Hijri expiry and expired / within-90-days flags, family, vehicles, violations', async () => {
    const person = await aRegistryCitizen(database);
    const child = aChild();
    const doc = (number: string, expiryDate: string, status = 'valid') => ({
      kind: 'document', nationalId: person.nationalId, documentKind: 'passport', number, issueDate: '2020-01-01', expiryDate, status,
    });
    await addPersons(database, [
      child,
      { kind: 'parent_child', parentNationalId: person.nationalId, childNationalId: child.nationalId },
      doc('P1', '2026-10-01'),
      doc('P2', '2027-01-15'),
      doc('P3', '2030-01-01'),
      aVehicle(person),
      aViolation(person),
    ]);
    const { body } = await registerAccount(h, person);
    const token = await signIn(h, body.username, GOOD_PASSWORD, body.mobile);
    const res = await app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 200, res.body);
    const me = res.json();
    const byNumber = Object.fromEntries(me.documents.map((d: { number: string }) => [d.number, d]));
    assert.deepEqual([byNumber.P1.expired, byNumber.P1.expiresWithin90Days], [true, false]);
    assert.deepEqual([byNumber.P2.expired, byNumber.P2.expiresWithin90Days], [false, true]);
    assert.deepEqual([byNumber.P3.expired, byNumber.P3.expiresWithin90Days], [false, false]);
    assert.match(byNumber.P3.expiryHijri, /^14\d\d-\d\d-\d\d$/);
    assert.equal(me.family.children[0].nationalId, child.nationalId);
    assert.equal(me.vehicles.length, 1);
    assert.equal(me.violations.unpaidCount, 1);
    assert.ok(me.violations.unpaidTotal > 0);
    assert.equal(me.person.names.en.first, person.firstNameEn);
  });

  it('refuses a missing or made-up token', async () => {
    assert.equal((await app.inject({ url: '/api/v1/me' })).statusCode, 401);
    const res = await app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' } });
    assert.equal(res.statusCode, 401);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  });

  it('documents the API in OpenAPI', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/auth/register', '/api/v1/auth/login', '/api/v1/auth/challenges/{challengeId}', '/api/v1/me', '/api/v1/partners/bank/activations']) {
      assert.ok(doc.paths[path], path);
    }
  });
});
