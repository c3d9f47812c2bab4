import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedPersonas } from '../../src/registry/personas.js';
import { isValidNationalId } from '../../src/kernel/national-id.js';
import { testApp } from '../support/app.js';

describe('demo personas', async () => {
  const { app, database } = await testApp();

  it('answers an empty list before the personas are seeded', async () => {
    const res = await app.inject({ url: '/api/v1/dev/personas' });
    assert.deepEqual(res.json(), { personas: [], unregistered: [], staff: [] });
  });

  it('lists every persona the issue asks for, with the documented fields', async () => {
    await seedPersonas({ db: database.db, asOf: '2026-11-01' });
    const res = await app.inject({ url: '/api/v1/dev/personas', headers: { 'accept-language': 'en' } });
    assert.equal(res.statusCode, 200);
    const { personas } = res.json() as { personas: Array<Record<string, string>> };
    const keys = personas.map((p) => p.key);
    for (const key of ['guardian', 'sponsor', 'renewed-passport', 'violator', 'traffic-case', 'establishment-owner', 'officer-passports', 'officer-traffic', 'officer-civil-affairs']) {
      assert.ok(keys.includes(key), `${key} missing`);
    }
    for (const p of personas) {
      assert.deepEqual(Object.keys(p).sort(), ['dateOfBirth', 'description', 'key', 'login', 'mobile', 'nameAr', 'nameEn', 'nationalId', 'password', 'role', 'signInAt']);
      assert.ok(isValidNationalId(p.nationalId!), p.nationalId);
      assert.match(p.dateOfBirth!, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(p.mobile!, /^05\d{8}$/);
    }
  });

  it('describes the personas in Arabic by default', async () => {
    const { personas } = (await app.inject({ url: '/api/v1/dev/personas' })).json() as { personas: Array<{ description: string }> };
    assert.match(personas[0]!.description, /[\u0600-\u06FF]/);
  });

  it('shows them on a page', async () => {
    const res = await app.inject({ url: '/dev/personas', cookies: { lang: 'en' } });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Demo personas/);
    assert.match(res.body, /guardian/);
  });
});
