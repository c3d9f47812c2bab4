import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/tables.js';
import { ageInGregorianYears, ageInHijriYears } from '../../src/kernel/dates.js';
import { isValidNationalId } from '../../src/kernel/national-id.js';
import { countRows } from '../../src/registry/generator/bulk-repository.js';
import { demoPersonas, seedPersonas, type DemoPersona } from '../../src/registry/personas.js';
import { seedPopulation } from '../../src/registry/seed.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';

const AS_OF = '2026-11-23';
const personas = demoPersonas(AS_OF);
const persona = (key: string): DemoPersona => {
  const found = personas.find((p) => p.key === key);
  assert.ok(found, `persona ${key}`);
  return found;
};

async function personByNid(db: Kysely<Database>, nationalId: string) {
  return db.selectFrom('persons').selectAll().where('national_id', '=', nationalId).executeTakeFirstOrThrow();
}

async function documentsOf(db: Kysely<Database>, personId: string) {
  return db.selectFrom('documents').selectAll().where('person_id', '=', personId).orderBy('issue_date').execute();
}

describe(`demo personas (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();
  const first = await seedPersonas({ db, asOf: AS_OF });

  it('lists the required personas with valid IDs and distinct, recognisable mobiles', () => {
    const keys = personas.map((p) => p.key);
    for (const key of ['guardian', 'sponsor', 'renewed-passport', 'violator', 'traffic-case', 'establishment-owner', 'officer-passports', 'officer-traffic', 'officer-civil-affairs']) {
      assert.ok(keys.includes(key), key);
    }
    for (const p of personas) {
      assert.ok(isValidNationalId(p.nationalId), p.nationalId);
      assert.match(p.mobile, /^050000000\d$/);
      assert.ok(p.nameAr && p.nameEn && p.description.ar && p.description.en);
    }
    assert.equal(new Set(personas.map((p) => p.mobile)).size, personas.length);
    assert.equal(new Set(personas.map((p) => p.nationalId)).size, personas.length);
  });

  it('stores each persona as listed', async () => {
    for (const p of personas) {
      const row = await personByNid(db, p.nationalId);
      assert.equal(row.birth_date, p.dateOfBirth);
      assert.equal(row.mobile, p.mobile);
    }
  });

  it('guardian: three children aged 17 (in his guardianship), 19 (married) and 22, with ID cards and passports', async () => {
    const father = await personByNid(db, persona('guardian').nationalId);
    const { rows: children } = await sql<{ id: string; birth_date: string; marital_status: string }>`
      SELECT p.id, p.birth_date, p.marital_status FROM parent_child pc JOIN persons p ON p.id = pc.child_id
      WHERE pc.parent_id = ${father.id} ORDER BY p.birth_date`.execute(db);
    assert.deepEqual(children.map((c) => ageInGregorianYears(c.birth_date, AS_OF)), [22, 19, 17]);
    assert.deepEqual(children.map((c) => c.marital_status), ['single', 'married', 'single']);
    // The Hijri ages the travel-permit rule reads: 19 stays under 21, 22 is over it.
    assert.ok(ageInHijriYears(children[1]!.birth_date, AS_OF) < 21);
    assert.ok(ageInHijriYears(children[0]!.birth_date, AS_OF) >= 21);
    const wards = await db.selectFrom('guardianships').selectAll().where('guardian_id', '=', father.id).execute();
    assert.deepEqual(wards.map((w) => [w.ward_id, w.basis]), [[children[2]!.id, 'father']]);
    const marriage = await db.selectFrom('marriages').selectAll().where('wife_id', '=', children[1]!.id).executeTakeFirstOrThrow();
    assert.equal(marriage.ended_on, null);
    for (const child of children) {
      const kinds = (await documentsOf(db, child.id)).filter((d) => d.status === 'valid').map((d) => d.kind).sort();
      assert.deepEqual(kinds, ['national_id_card', 'passport']);
    }
  });

  it('sponsor: two domestic workers with valid iqamas and passports, 0 and 1 past transfers', async () => {
    const sponsor = await personByNid(db, persona('sponsor').nationalId);
    const workers = await db.selectFrom('sponsorships').selectAll().where('sponsor_person_id', '=', sponsor.id).where('ended_on', 'is', null).orderBy('past_transfers').execute();
    assert.equal(workers.length, 2);
    assert.deepEqual(workers.map((w) => [w.domestic_worker, w.past_transfers]), [[true, 0], [true, 1]]);
    for (const w of workers) {
      const valid = (await documentsOf(db, w.worker_id)).filter((d) => d.status === 'valid' && d.expiry_date >= AS_OF).map((d) => d.kind);
      assert.ok(valid.includes('iqama') && valid.includes('passport'));
    }
  });

  it('renewed-passport: a sponsored resident with an old cancelled passport and a new valid one', async () => {
    const resident = await personByNid(db, persona('renewed-passport').nationalId);
    assert.equal(resident.id_type, 'iqama');
    const passports = (await documentsOf(db, resident.id)).filter((d) => d.kind === 'passport');
    assert.deepEqual(passports.map((d) => d.status), ['cancelled', 'valid']);
    assert.notEqual(passports[0]!.number, passports[1]!.number);
    const sponsorship = await db.selectFrom('sponsorships').selectAll().where('worker_id', '=', resident.id).executeTakeFirstOrThrow();
    assert.ok(sponsorship.sponsor_person_id);
  });

  it('violator: unpaid violations and an active traffic suspension lifted by paying them', async () => {
    const violator = await personByNid(db, persona('violator').nationalId);
    const unpaid = await db.selectFrom('traffic_violations').selectAll().where('violator_id', '=', violator.id).where('status', '=', 'unpaid').execute();
    assert.ok(unpaid.length >= 3);
    const suspension = await db.selectFrom('service_suspensions').selectAll().where('person_id', '=', violator.id).where('lifted_at', 'is', null).executeTakeFirstOrThrow();
    assert.equal(suspension.authority, 'traffic');
    assert.equal(suspension.lifted_by, 'pay_violations');
    assert.deepEqual(suspension.blocked_services, ['traffic.*']);
    assert.match(suspension.legal_basis, /\d{4}\/\d+/);
  });

  it('traffic-case: an open accident case, the persona in custody, and another party', async () => {
    const driver = await personByNid(db, persona('traffic-case').nationalId);
    const { rows } = await sql<{ status: string; role: string; in_custody: boolean; person_id: string }>`
      SELECT c.status, p.role, p.in_custody, p.person_id FROM traffic_case_parties mine
      JOIN traffic_cases c ON c.id = mine.case_id JOIN traffic_case_parties p ON p.case_id = c.id
      WHERE mine.person_id = ${driver.id} ORDER BY p.role`.execute(db);
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.status === 'open'));
    const mine = rows.find((r) => r.person_id === driver.id)!;
    assert.deepEqual([mine.role, mine.in_custody], ['driver_at_fault', true]);
    assert.ok(rows.some((r) => r.person_id !== driver.id && !r.in_custody));
  });

  it('establishment-owner: an establishment with a few workers; officers are registered citizens', async () => {
    const owner = await personByNid(db, persona('establishment-owner').nationalId);
    const establishment = await db.selectFrom('establishments').selectAll().where('owner_id', '=', owner.id).executeTakeFirstOrThrow();
    assert.match(establishment.unified_number, /^7\d{9}$/);
    const workers = await db.selectFrom('sponsorships').select('id').where('sponsor_establishment_id', '=', establishment.id).execute();
    assert.ok(workers.length >= 3);
    for (const key of ['officer-passports', 'officer-traffic', 'officer-civil-affairs']) {
      const officer = await personByNid(db, persona(key).nationalId);
      assert.equal(officer.nationality, 'SAU');
    }
  });

  it('is idempotent: seeding again, even on a later day, changes nothing', async () => {
    assert.equal(first.groupsAdded, 8);
    const before = await countRows(db);
    const again = await seedPersonas({ db, asOf: '2027-01-15' });
    assert.equal(again.groupsAdded, 0);
    assert.deepEqual(await countRows(db), before);
  });

  it('never collides with generated people, seeded before or after the personas', async () => {
    const population = await seedPopulation({ db, people: 600, seed: 3, asOf: AS_OF });
    assert.equal(population.people, 600);
    const other = await freshDatabase();
    await seedPopulation({ db: other.db, people: 600, seed: 3, asOf: AS_OF });
    const late = await seedPersonas({ db: other.db, asOf: AS_OF });
    assert.equal(late.groupsAdded, 8);
  });
});
