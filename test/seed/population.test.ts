import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ageInGregorianYears, ageInHijriYears } from '../../src/kernel/dates.js';
import { idTypeOf, isValidNationalId } from '../../src/kernel/national-id.js';
import { PLATE_LETTERS } from '../../src/registry/generator/identifiers.js';
import { DEFAULT_AS_OF, seedPopulation, type SeedResult } from '../../src/registry/seed.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';

const PEOPLE = 3000;
const AS_OF = DEFAULT_AS_OF;

describe(`synthetic population (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();
  let result: SeedResult;

  before(async () => {
    result = await seedPopulation({ db, people: PEOPLE, seed: 11 });
  });

  it('writes exactly the requested number of people, with their related rows', async () => {
    assert.equal(result.people, PEOPLE);
    assert.equal(result.rows.persons, PEOPLE);
    const { n } = await db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n), PEOPLE);
    for (const table of ['documents', 'parent_child', 'marriages', 'guardianships', 'sponsorships', 'vehicles', 'traffic_violations', 'establishments'] as const) {
      assert.ok(result.rows[table] > 0, `${table} has rows`);
    }
  });

  it('gives every person a valid, unique identity number whose first digit matches the id type', async () => {
    const people = await db.selectFrom('persons').select(['national_id', 'id_type', 'nationality']).execute();
    assert.equal(new Set(people.map((p) => p.national_id)).size, people.length);
    for (const p of people) {
      assert.ok(isValidNationalId(p.national_id), p.national_id);
      assert.equal(idTypeOf(p.national_id), p.id_type);
      assert.equal(p.id_type === 'national_id', p.nationality === 'SAU');
    }
  });

  it('is about 60% citizens and 40% residents', async () => {
    const rows = await db.selectFrom('persons').select(['id_type', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('id_type').execute();
    const citizens = Number(rows.find((r) => r.id_type === 'national_id')?.n ?? 0);
    const share = citizens / PEOPLE;
    assert.ok(share > 0.5 && share < 0.7, `citizen share ${share}`);
  });

  it('gives every resident exactly one current sponsorship, many of them domestic workers of Saudis', async () => {
    const { rows } = await sql<{ national_id: string; current: number }>`
      SELECT p.national_id, count(s.id)::int8 AS current FROM persons p
      LEFT JOIN sponsorships s ON s.worker_id = p.id AND s.ended_on IS NULL
      WHERE p.id_type = 'iqama' GROUP BY p.national_id`.execute(db);
    assert.ok(rows.length > 0);
    for (const r of rows) assert.equal(Number(r.current), 1, `resident ${r.national_id}`);
    const { rows: domestic } = await sql<{ n: number }>`
      SELECT count(*)::int8 AS n FROM sponsorships s JOIN persons sp ON sp.id = s.sponsor_person_id
      WHERE s.domestic_worker AND sp.nationality = 'SAU'`.execute(db);
    assert.ok(Number(domestic[0]!.n) > PEOPLE * 0.04);
  });

  it('keeps document statuses consistent with expiry dates, with a spread around the reference date', async () => {
    const docs = await db.selectFrom('documents').select(['status', 'expiry_date', 'issue_date']).execute();
    let expired = 0;
    let within30 = 0;
    let within90 = 0;
    for (const d of docs) {
      assert.ok(d.issue_date <= d.expiry_date);
      if (d.status === 'valid') assert.ok(d.expiry_date >= AS_OF, `valid but expired ${d.expiry_date}`);
      if (d.status === 'expired') assert.ok(d.expiry_date < AS_OF, `expired but ${d.expiry_date}`);
      if (d.status === 'valid' || d.status === 'expired') {
        const days = (Date.parse(d.expiry_date) - Date.parse(AS_OF)) / 86_400_000;
        if (days < 0) expired++;
        else if (days <= 30) within30++;
        else if (days <= 90) within90++;
      }
    }
    assert.ok(expired > 0 && within30 > 0 && within90 > 0, `${expired} / ${within30} / ${within90}`);
    assert.ok(expired < docs.length * 0.15);
  });

  it('has children of every age, including both sides of the Hijri age of 21', async () => {
    const children = await sql<{ birth_date: string }>`
      SELECT DISTINCT p.birth_date FROM persons p JOIN parent_child pc ON pc.child_id = p.id`.execute(db);
    const ages = new Set(children.rows.map((c) => ageInGregorianYears(c.birth_date, AS_OF)));
    for (const age of [0, 5, 12, 17, 19, 21, 22]) assert.ok(ages.has(age), `a child aged ${age}`);
    const hijriOnly = children.rows.filter((c) => ageInGregorianYears(c.birth_date, AS_OF) === 20 && ageInHijriYears(c.birth_date, AS_OF) >= 21);
    assert.ok(hijriOnly.length > 0, '21 in Hijri years but 20 in Gregorian years');
  });

  it('puts minors under their father\'s guardianship (or their mother\'s when he died)', async () => {
    const { rows } = await sql<{ basis: string; birth_date: string; is_parent: boolean }>`
      SELECT g.basis, w.birth_date, EXISTS (SELECT 1 FROM parent_child pc WHERE pc.parent_id = g.guardian_id AND pc.child_id = g.ward_id) AS is_parent
      FROM guardianships g JOIN persons w ON w.id = g.ward_id`.execute(db);
    assert.ok(rows.some((r) => r.basis === 'father'));
    for (const r of rows) {
      assert.ok(r.is_parent);
      assert.ok(['father', 'mother'].includes(r.basis));
      assert.ok(ageInGregorianYears(r.birth_date, AS_OF) < 18);
    }
  });

  it('registers vehicles with official plate letters and violations within their type\'s amounts', async () => {
    const letters = new Set(PLATE_LETTERS.map(([, en]) => en));
    const vehicles = await db.selectFrom('vehicles').select(['plate_letters_en', 'plate_digits']).execute();
    for (const v of vehicles) {
      assert.ok([...v.plate_letters_en].every((l) => letters.has(l)), v.plate_letters_en);
      assert.match(v.plate_digits, /^[1-9]\d{0,3}$/);
    }
    const { rows } = await sql<{ bad: number; statuses: number }>`
      SELECT count(*) FILTER (WHERE v.amount < t.min_amount OR v.amount > t.max_amount)::int8 AS bad,
             count(DISTINCT v.status)::int8 AS statuses
      FROM traffic_violations v JOIN violation_types t ON t.code = v.type_code`.execute(db);
    assert.equal(Number(rows[0]!.bad), 0);
    assert.ok(Number(rows[0]!.statuses) >= 3);
  });

  it('suspends about 1% of people; traffic suspensions fall on people with unpaid violations', async () => {
    const suspensions = await db.selectFrom('service_suspensions').selectAll().where('lifted_at', 'is', null).execute();
    assert.ok(suspensions.length > PEOPLE * 0.003 && suspensions.length < PEOPLE * 0.03, `${suspensions.length} active`);
    for (const s of suspensions.filter((x) => x.authority === 'traffic')) {
      assert.equal(s.lifted_by, 'pay_violations');
      assert.deepEqual(s.blocked_services, ['traffic.*']);
      const unpaid = await db.selectFrom('traffic_violations').select('id').where('violator_id', '=', s.person_id).where('status', '=', 'unpaid').execute();
      assert.ok(unpaid.length > 0);
    }
  });

  it('a second run with another seed adds people without colliding', async () => {
    const second = await seedPopulation({ db, people: 500, seed: 12 });
    assert.equal(second.people, 500);
    const again = await seedPopulation({ db, people: 200, seed: 11 });
    assert.equal(again.people, 200);
    assert.ok(again.skippedIds >= 200, 'the first run\'s IDs were skipped');
    const { n } = await db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(n), PEOPLE + 700);
  });
});
