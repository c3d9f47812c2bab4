import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/tables.js';
import { seedPopulation } from '../../src/registry/seed.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';

/** Everything that identifies people and their links, in a stable order, by national ID. */
async function snapshot(db: Kysely<Database>) {
  const people = await db
    .selectFrom('persons')
    .select(['national_id', 'first_name_ar', 'father_name_ar', 'family_name_ar', 'first_name_en', 'family_name_en', 'birth_date', 'sex', 'nationality', 'mobile'])
    .orderBy('national_id')
    .execute();
  const links = await sql<{ link: string }>`
    SELECT 'child ' || p.national_id || ' ' || c.national_id AS link FROM parent_child pc
      JOIN persons p ON p.id = pc.parent_id JOIN persons c ON c.id = pc.child_id
    UNION ALL SELECT 'marriage ' || h.national_id || ' ' || w.national_id FROM marriages m
      JOIN persons h ON h.id = m.husband_id JOIN persons w ON w.id = m.wife_id
    UNION ALL SELECT 'sponsor ' || w.national_id || ' ' || coalesce(sp.national_id, e.unified_number) FROM sponsorships s
      JOIN persons w ON w.id = s.worker_id LEFT JOIN persons sp ON sp.id = s.sponsor_person_id
      LEFT JOIN establishments e ON e.id = s.sponsor_establishment_id
    UNION ALL SELECT 'vehicle ' || plate_letters_en || plate_digits || ' ' || sequence_number FROM vehicles
    ORDER BY 1`.execute(db);
  const ids = await db.selectFrom('persons').select('id').orderBy('id').execute();
  return { people, links: links.rows.map((r) => r.link), ids: ids.map((r) => r.id) };
}

describe(`population determinism (${engineUnderTest})`, async () => {
  const [a, b, c] = await Promise.all([freshDatabase(), freshDatabase(), freshDatabase()]);

  it('gives the same national IDs, names and links for the same seed and count', async () => {
    await seedPopulation({ db: a.db, people: 500, seed: 42 });
    await seedPopulation({ db: b.db, people: 500, seed: 42 });
    const first = await snapshot(a.db);
    const second = await snapshot(b.db);
    assert.equal(first.people.length, 500);
    assert.ok(first.links.length > 500);
    assert.deepEqual(second, first);
  });

  it('gives other people for another seed', async () => {
    await seedPopulation({ db: c.db, people: 500, seed: 43 });
    const first = await snapshot(a.db);
    const other = await snapshot(c.db);
    const shared = other.people.filter((p) => first.people.some((q) => q.national_id === p.national_id));
    assert.ok(shared.length < 10, `${shared.length} IDs shared between seeds`);
  });

  it('moves only dates when the reference date changes', async () => {
    const d = await freshDatabase();
    await seedPopulation({ db: d.db, people: 500, seed: 42, asOf: '2027-03-01' });
    const first = await snapshot(a.db);
    const later = await snapshot(d.db);
    assert.deepEqual(later.people.map((p) => [p.national_id, p.first_name_en, p.family_name_en]), first.people.map((p) => [p.national_id, p.first_name_en, p.family_name_en]));
    assert.deepEqual(later.links, first.links);
    assert.notDeepEqual(later.people.map((p) => p.birth_date), first.people.map((p) => p.birth_date));
  });
});
