import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countRows } from '../../src/registry/generator/bulk-repository.js';
import { demoPersonas } from '../../src/registry/personas.js';
import { ensureFirstStartData } from '../../src/registry/seed.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';

describe(`first start (${engineUnderTest})`, async () => {
  it('seeds the personas and the population once, then does nothing', async () => {
    const { db } = await freshDatabase();
    const asOf = '2026-11-23';
    const first = await ensureFirstStartData({ db, people: 300, seed: 1, asOf });
    assert.ok(first);
    assert.equal(first.population.people, 300);
    assert.equal(first.personas.groupsAdded, 8);
    const counts = await countRows(db);
    assert.equal(counts.persons, 300 + first.personas.rows.persons);
    const guardian = demoPersonas(asOf).find((p) => p.key === 'guardian')!;
    const stored = await db.selectFrom('persons').select('birth_date').where('national_id', '=', guardian.nationalId).executeTakeFirstOrThrow();
    assert.equal(stored.birth_date, guardian.dateOfBirth);

    assert.equal(await ensureFirstStartData({ db, people: 300, seed: 1, asOf: '2026-12-01' }), null);
    assert.deepEqual(await countRows(db), counts);
  });

  it('seeds only once when two nodes start at the same time', async () => {
    const { db } = await freshDatabase();
    const results = await Promise.all([
      ensureFirstStartData({ db, people: 100, seed: 1, asOf: '2026-11-23' }),
      ensureFirstStartData({ db, people: 100, seed: 1, asOf: '2026-11-23' }),
    ]);
    assert.equal(results.filter((r) => r !== null).length, 1);
    const counts = await countRows(db);
    assert.equal(counts.persons, 100 + results.find((r) => r !== null)!.personas.rows.persons);
  });

  it('does not touch a registry that already has people', async () => {
    const { db } = await freshDatabase();
    await ensureFirstStartData({ db, people: 0, seed: 1, asOf: '2026-11-23' });
    const counts = await countRows(db);
    assert.equal(await ensureFirstStartData({ db, people: 50, seed: 2 }), null);
    assert.deepEqual(await countRows(db), counts);
  });
});
