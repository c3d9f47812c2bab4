import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { freshDatabase, engineUnderTest } from './support/database.js';

describe(`database (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();

  it('is migrated and returns the same JavaScript types on both engines', async () => {
    const { rows } = await sql<{ d: string; n: number; t: Date }>`SELECT '2024-02-29'::date AS d, 9007199254740::int8 AS n, now() AS t`.execute(db);
    assert.equal(rows[0]!.d, '2024-02-29');
    assert.equal(rows[0]!.n, 9007199254740);
    assert.ok(rows[0]!.t instanceof Date);
  });

  it('keeps concurrent transactions apart: one rolls back, the other commits', async () => {
    const insert = (code: string) => ({ code, name_ar: 'اختبار', name_en: 'test', min_amount: 100, max_amount: 200 });
    const results = await Promise.allSettled([
      db.transaction().execute(async (trx) => {
        await trx.insertInto('violation_types').values(insert('tx_rollback')).execute();
        await new Promise((r) => setTimeout(r, 30));
        throw new Error('roll back');
      }),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('violation_types').values(insert('tx_commit')).execute();
      }),
      (async () => {
        // A reader outside both transactions never sees the uncommitted row.
        await new Promise((r) => setTimeout(r, 10));
        return db.selectFrom('violation_types').select('code').where('code', '=', 'tx_rollback').execute();
      })(),
    ]);
    assert.equal(results[0].status, 'rejected');
    assert.equal(results[1].status, 'fulfilled');
    assert.deepEqual(results[2].status === 'fulfilled' ? results[2].value : 'failed', []);
    const codes = await db.selectFrom('violation_types').select('code').where('code', 'like', 'tx_%').orderBy('code').execute();
    assert.deepEqual(codes.map((r) => r.code), ['tx_commit']);
  });
});
