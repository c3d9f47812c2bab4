import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, isCommonPassword, passwordProblems, verifyPassword } from '../../src/identity/index.js';

describe('password policy and hashing', () => {
  it('ships the most common passwords, whatever the case or digits', () => {
    for (const p of ['123456789', 'password1', 'qwerty123', '11111111', '12345678', 'iloveyou', 'Aa123456', 'P@ssw0rd', 'PASSWORD1', '١٢٣٤٥٦٧٨', 'حشسسصخقي']) {
      assert.ok(isCommonPassword(p), p);
    }
    assert.equal(isCommonPassword('Quiet-Harbour-42'), false);
  });

  it('names each broken rule', () => {
    const keys = (p: string) => passwordProblems(p, { username: 'Salem.Q', nationalId: '1000000016' }).map((e) => e.key);
    assert.deepEqual(keys('short'), ['identity.password.too_short']);
    assert.deepEqual(keys('my-salem.q-secret'), ['identity.password.contains_username']);
    assert.deepEqual(keys('x1000000016x'), ['identity.password.contains_national_id']);
    assert.deepEqual(keys('12345678'), ['identity.password.common']);
    assert.deepEqual(keys('x'.repeat(129)), ['identity.password.too_long']);
    assert.deepEqual(keys('Tayseer@2026'), ['identity.password.common']);
    assert.deepEqual(keys('Tayseer#Demo-2026'), []);
    assert.deepEqual(keys('Quiet-Harbour-42'), []);
  });

  it('hashes with argon2id and verifies', async () => {
    const stored = await hashPassword('Quiet-Harbour-42');
    assert.match(stored, /^\$argon2id\$/);
    assert.equal(await verifyPassword(stored, 'Quiet-Harbour-42'), true);
    assert.equal(await verifyPassword(stored, 'quiet-harbour-42'), false);
    assert.equal(await verifyPassword('not a hash', 'x'), false);
  });
});
