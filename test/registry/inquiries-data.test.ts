import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/tables.js';
import { toHijri } from '../../src/kernel/dates.js';
import { dayNumber, hajjSeasonOn } from '../../src/registry/generator/dates.js';
import { HAJJ_EVERY_HIJRI_YEARS } from '../../src/registry/index.js';
import {
  biometricsOf,
  employmentOf,
  findPersonByNationalId,
  hajjRecordOf,
  healthInsuranceOf,
  listArrivedWorkers,
  listBorderCrossings,
  listDocuments,
  listEmployeesOf,
  listEstablishmentsOwnedBy,
  listExitReentryVisas,
  listHajjPermits,
  listRecruitmentRequests,
  listSponsoredWorkers,
  listVehiclesOfPerson,
  listWorkVisasOfSponsor,
  returnStatusOf,
} from '../../src/registry/index.js';
import { demoPersonas, seedPersonas } from '../../src/registry/personas.js';
import { seedPopulation } from '../../src/registry/seed.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';

const AS_OF = '2026-11-23';
const personas = demoPersonas(AS_OF);
const nationalIdOf = (key: string) => personas.find((p) => p.key === key)!.nationalId;
const HIJRI_YEAR = toHijri(AS_OF).year;
const SEASON = hajjSeasonOn(dayNumber(AS_OF));

async function personId(db: Kysely<Database>, nationalId: string): Promise<string> {
  return (await findPersonByNationalId(db, nationalId))!.id;
}

async function count(db: Kysely<Database>, query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  return Number((await query.execute(db)).rows[0]!.n);
}

describe(`the generated population's inquiry records (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();
  const result = await seedPopulation({ db, people: 3000, seed: 21, asOf: AS_OF });

  it('writes rows to every new table', () => {
    for (const table of ['border_crossings', 'biometrics', 'health_insurance', 'employments', 'work_visas', 'recruitment_requests', 'hajj_performances', 'hajj_permits'] as const) {
      assert.ok(result.rows[table] > 0, `${table} has rows`);
    }
  });

  it('gives every resident one health policy and every worker a contract with the sponsor', async () => {
    assert.equal(await count(db, sql`SELECT count(*) AS n FROM persons p WHERE p.id_type = 'iqama' AND NOT EXISTS (SELECT 1 FROM health_insurance h WHERE h.person_id = p.id)`), 0);
    assert.equal(
      await count(db, sql`SELECT count(*) AS n FROM sponsorships s WHERE s.occupation_en NOT IN ('Dependant', 'Housewife') AND NOT EXISTS (
        SELECT 1 FROM employments e WHERE e.person_id = s.worker_id AND e.started_on = s.started_on
          AND e.employer_person_id IS NOT DISTINCT FROM s.sponsor_person_id AND e.employer_establishment_id IS NOT DISTINCT FROM s.sponsor_establishment_id)`),
      0,
    );
    assert.ok(await count(db, sql`SELECT count(*) AS n FROM health_insurance WHERE ends_on < ${AS_OF}`) > 0, 'some policies lapsed');
  });

  it('records every adult worker\'s entry; used visas name the worker, who entered on them', async () => {
    assert.equal(
      await count(db, sql`SELECT count(*) AS n FROM sponsorships s JOIN persons p ON p.id = s.worker_id
        WHERE s.occupation_en NOT IN ('Dependant', 'Housewife') AND NOT EXISTS (SELECT 1 FROM border_crossings c WHERE c.person_id = p.id AND c.direction = 'entry')`),
      0,
    );
    const used = await db.selectFrom('work_visas').selectAll().where('status', '=', 'used').execute();
    assert.ok(used.length > 0);
    for (const visa of used.slice(0, 50)) {
      const entry = await db.selectFrom('border_crossings').selectAll().where('person_id', '=', visa.worker_id!).where('visa_number', '=', visa.number).executeTakeFirst();
      assert.equal(entry?.direction, 'entry');
      assert.equal(entry.crossed_at.toISOString().slice(0, 10), visa.used_on);
    }
    const statuses = await db.selectFrom('work_visas').select('status').distinct().execute();
    assert.ok(statuses.length >= 3, JSON.stringify(statuses));
  });

  it('residents abroad left on their exit/re-entry visa; its details agree with the border record', async () => {
    const visas = await db.selectFrom('documents').select(['person_id', 'number', 'details', 'expiry_date']).where('kind', '=', 'exit_reentry_visa').execute();
    assert.ok(visas.length > 0);
    const statuses = new Set<string>();
    for (const visa of visas) {
      const details = visa.details as { visaType?: string; visaStatus?: string; durationDays?: number };
      assert.ok(details.visaType === 'single' || details.visaType === 'multiple', JSON.stringify(details));
      assert.ok(Number.isInteger(details.durationDays));
      statuses.add(details.visaStatus!);
      const [mine] = (await listExitReentryVisas(db, visa.person_id)).filter((v) => v.document.number === visa.number);
      const status = returnStatusOf(mine!, AS_OF);
      if (details.visaStatus === 'returned') assert.equal(status, 'returned');
      if (details.visaStatus === 'used') assert.equal(status, 'outside');
      if (details.visaStatus === 'issued') assert.equal(status, 'not_used');
    }
    assert.ok(statuses.has('returned') && statuses.has('used'), [...statuses].join());
    const abroad = await count(db, sql`SELECT count(*) AS n FROM persons p WHERE p.id_type = 'iqama' AND NOT p.inside_kingdom
      AND NOT EXISTS (SELECT 1 FROM border_crossings c WHERE c.person_id = p.id AND c.direction = 'exit' AND c.visa_kind = 'exit_reentry')`);
    assert.equal(abroad, 0);
  });

  it('holds the driving licence class, biometrics, Hajj and permits for the season to come, and vehicle insurers', async () => {
    assert.equal(await count(db, sql`SELECT count(*) AS n FROM documents WHERE kind = 'driving_licence' AND NOT details ? 'class'`), 0);
    assert.ok(await count(db, sql`SELECT count(*) AS n FROM documents WHERE details->>'class' = 'heavy_transport'`) > 0);
    assert.ok(await count(db, sql`SELECT count(*) AS n FROM biometrics WHERE status = 'registered'`) > 0);
    assert.equal(await count(db, sql`SELECT count(*) AS n FROM biometrics WHERE status = 'registered' AND fingerprints_on > ${AS_OF}`), 0);
    assert.equal(await count(db, sql`SELECT count(*) AS n FROM hajj_performances WHERE hijri_year >= ${SEASON}`), 0);
    // A permit for the coming season only for those the eligibility inquiry lets go: performed
    // in Y, eligible from the season Y + 5.
    assert.equal(
      await count(db, sql`SELECT count(*) AS n FROM hajj_permits p WHERE p.season_hijri_year = ${SEASON}
        AND EXISTS (SELECT 1 FROM hajj_performances h WHERE h.person_id = p.person_id AND h.hijri_year > ${SEASON - HAJJ_EVERY_HIJRI_YEARS})`),
      0,
    );
    assert.ok(await count(db, sql`SELECT count(*) AS n FROM hajj_permits WHERE season_hijri_year = ${SEASON}`) > 0);
    assert.equal(await count(db, sql`SELECT count(*) AS n FROM vehicles WHERE (insurance_policy IS NULL) <> (insurer_en IS NULL) OR (insurer_en IS NULL) <> (insurance_coverage IS NULL)`), 0);
  });

  it('is deterministic: the same seed gives the same records', async () => {
    const other = await freshDatabase();
    await seedPopulation({ db: other.db, people: 3000, seed: 21, asOf: AS_OF });
    const snapshot = async (d: Kysely<Database>) => ({
      visas: await d.selectFrom('work_visas').select(['id', 'number', 'status', 'worker_id']).orderBy('id').execute(),
      crossings: await d.selectFrom('border_crossings').select(['id', 'crossed_at', 'port_en']).orderBy('id').execute(),
      hajj: await d.selectFrom('hajj_performances').select(['id', 'hijri_year']).orderBy('id').execute(),
    });
    assert.deepEqual(await snapshot(other.db), await snapshot(db));
  });
});

describe(`the personas' inquiry records (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();
  await seedPersonas({ db, asOf: AS_OF });
  // Other people around them, so that "the person's rows only" means something.
  await seedPopulation({ db, people: 500, seed: 5, asOf: AS_OF });

  it('sponsor: a newly arrived housemaid with her entry, biometrics, insurance and contract; still two sponsored workers', async () => {
    const sponsor = await personId(db, nationalIdOf('sponsor'));
    assert.equal((await listSponsoredWorkers(db, sponsor)).length, 2);
    const [arrival, ...others] = await listArrivedWorkers(db, { personId: sponsor }, { since: '2026-11-01' });
    assert.equal(others.length, 0);
    assert.equal(arrival?.worker.id_type, 'border_number');
    assert.equal(arrival.visa.used_on, '2026-11-13');
    assert.equal(arrival.entry?.crossed_at.toISOString().slice(0, 10), '2026-11-13');
    const worker = arrival.worker.id;
    assert.deepEqual((await listBorderCrossings(db, worker)).map((c) => [c.direction, c.visa_kind, c.visa_number]), [['entry', 'work', arrival.visa.number]]);
    assert.equal((await biometricsOf(db, worker))?.status, 'registered');
    const [policy] = await healthInsuranceOf(db, worker);
    assert.ok(policy && policy.ends_on > AS_OF);
    const [job] = await employmentOf(db, worker);
    assert.equal(job?.employer.type === 'person' && job.employer.person.id, sponsor);
    const requests = await listRecruitmentRequests(db, { personId: sponsor });
    assert.deepEqual(requests.map((r) => [r.status, r.work_visa_number]), [['in_progress', null], ['completed', arrival.visa.number]]);
    assert.equal((await listEmployeesOf(db, { personId: sponsor })).length, 3);
    // His housemaid went home and came back.
    const maid = (await listSponsoredWorkers(db, sponsor)).find((w) => w.sponsorship.past_transfers === 0)!.worker.id;
    const [trip] = await listExitReentryVisas(db, maid);
    assert.equal(returnStatusOf(trip!, AS_OF), 'returned');
    assert.deepEqual(await hajjRecordOf(db, sponsor), []);
    assert.deepEqual(await listHajjPermits(db, sponsor), []);
  });

  it('establishment-owner: visas used, issued and cancelled, recruitment requests, contracts; a worker abroad and not back', async () => {
    const owner = await personId(db, nationalIdOf('establishment-owner'));
    const [establishment] = await listEstablishmentsOwnedBy(db, owner);
    const sponsor = { establishmentId: establishment!.id };
    const visas = await listWorkVisasOfSponsor(db, sponsor);
    assert.deepEqual(visas.map((v) => v.visa.status).sort(), ['cancelled', 'issued', 'issued', 'used']);
    assert.equal(visas.find((v) => v.visa.status === 'used')?.worker?.first_name_en, 'Shahidul');
    assert.deepEqual((await listRecruitmentRequests(db, sponsor)).map((r) => r.status), ['in_progress', 'completed']);
    const employees = await listEmployeesOf(db, sponsor);
    assert.equal(employees.length, 4);
    assert.ok(employees.every((e) => e.employment.contract_status === 'active' && e.employment.monthly_wage! > 0));
    const electrician = employees.find((e) => e.employee.first_name_en === 'Anil')!.employee;
    assert.equal(electrician.inside_kingdom, false);
    const [visa] = await listExitReentryVisas(db, electrician.id);
    assert.ok(visa && visa.document.status === 'valid' && visa.exit && !visa.return);
    assert.equal(returnStatusOf(visa, AS_OF), 'outside');
    const truckDriver = employees.find((e) => e.employee.first_name_en === 'Zahid')!.employee;
    const [licence] = await listDocuments(db, { personId: truckDriver.id, kind: 'driving_licence' });
    assert.deepEqual(licence?.details, { class: 'heavy_transport' });
    assert.deepEqual(await listArrivedWorkers(db, sponsor, { since: '2026-01-01' }), [], 'no arrival this year');
  });

  it('renewed-passport: insurance, biometrics, employment and a travel record on his old passport', async () => {
    const resident = await personId(db, nationalIdOf('renewed-passport'));
    const [policy] = await healthInsuranceOf(db, resident);
    assert.ok(policy && policy.starts_on <= AS_OF && policy.ends_on >= AS_OF);
    assert.equal((await biometricsOf(db, resident))?.status, 'registered');
    const [job] = await employmentOf(db, resident);
    assert.equal(job?.employer.type === 'person' && job.employer.person.national_id, nationalIdOf('establishment-owner'));
    const crossings = await listBorderCrossings(db, resident);
    assert.deepEqual(crossings.map((c) => c.direction), ['entry', 'exit', 'entry']);
    const passports = await listDocuments(db, { personId: resident, kind: 'passport' });
    const old = passports.find((p) => p.status === 'cancelled')!;
    assert.ok(crossings.every((c) => c.passport_number === old.number));
    const [trip] = await listExitReentryVisas(db, resident);
    assert.equal(returnStatusOf(trip!, AS_OF), 'returned');
  });

  it('Hajj: guardian performed it 8 Hijri years ago, violator 2; the guarantor holds a permit for the season to come', async () => {
    assert.deepEqual((await hajjRecordOf(db, await personId(db, nationalIdOf('guardian')))).map((h) => h.hijri_year), [HIJRI_YEAR - 8]);
    assert.deepEqual((await hajjRecordOf(db, await personId(db, nationalIdOf('violator')))).map((h) => h.hijri_year), [HIJRI_YEAR - 2]);
    const guarantor = await personId(db, nationalIdOf('guarantor'));
    assert.deepEqual((await listHajjPermits(db, guarantor)).map((p) => [p.season_hijri_year, p.status]), [[SEASON, 'issued']]);
    assert.deepEqual(await hajjRecordOf(db, guarantor), []);
  });

  it('empty states: a citizen with no travel record, insurance, biometrics, visas or arrivals', async () => {
    const guardian = await personId(db, nationalIdOf('guardian'));
    assert.deepEqual(await listBorderCrossings(db, guardian), []);
    assert.deepEqual(await healthInsuranceOf(db, guardian), []);
    assert.equal(await biometricsOf(db, guardian), undefined);
    assert.deepEqual(await employmentOf(db, guardian), []);
    assert.deepEqual(await listWorkVisasOfSponsor(db, { personId: guardian }), []);
    assert.deepEqual(await listRecruitmentRequests(db, { personId: guardian }), []);
    assert.deepEqual(await listArrivedWorkers(db, { personId: guardian }), []);
    assert.deepEqual(await listExitReentryVisas(db, guardian), []);
    const [car] = await listVehiclesOfPerson(db, guardian);
    assert.deepEqual([car?.insurer_en, car?.insurance_coverage], ['Tawuniya', 'comprehensive']);
  });

  it('each read returns the person\'s (or the sponsor\'s) rows only', async () => {
    const { rows } = await sql<{ person_id: string }>`SELECT DISTINCT person_id FROM border_crossings ORDER BY person_id LIMIT 40`.execute(db);
    assert.ok(rows.length > 10);
    for (const { person_id } of rows) {
      for (const c of await listBorderCrossings(db, person_id)) assert.equal(c.person_id, person_id);
      for (const h of await healthInsuranceOf(db, person_id)) assert.equal(h.person_id, person_id);
      const b = await biometricsOf(db, person_id);
      if (b) assert.equal(b.person_id, person_id);
      for (const e of await employmentOf(db, person_id)) assert.equal(e.employment.person_id, person_id);
      for (const v of await listExitReentryVisas(db, person_id)) {
        assert.equal(v.document.person_id, person_id);
        for (const c of [v.exit, v.return]) if (c) assert.equal(c.person_id, person_id);
      }
    }
    const { rows: sponsors } = await sql<{ sponsor_person_id: string | null; sponsor_establishment_id: string | null }>`
      SELECT DISTINCT sponsor_person_id, sponsor_establishment_id FROM work_visas LIMIT 20`.execute(db);
    for (const s of sponsors) {
      const ref = s.sponsor_person_id ? { personId: s.sponsor_person_id } : { establishmentId: s.sponsor_establishment_id! };
      for (const { visa } of await listWorkVisasOfSponsor(db, ref)) {
        assert.equal(visa.sponsor_person_id ?? visa.sponsor_establishment_id, s.sponsor_person_id ?? s.sponsor_establishment_id);
      }
      for (const { visa, worker } of await listArrivedWorkers(db, ref)) assert.equal(visa.worker_id, worker.id);
      for (const r of await listRecruitmentRequests(db, ref)) assert.equal(r.sponsor_person_id ?? r.sponsor_establishment_id, s.sponsor_person_id ?? s.sponsor_establishment_id);
    }
    const { rows: pilgrims } = await sql<{ person_id: string }>`SELECT DISTINCT person_id FROM hajj_performances LIMIT 20`.execute(db);
    for (const { person_id } of pilgrims) {
      for (const h of await hajjRecordOf(db, person_id)) assert.equal(h.person_id, person_id);
      for (const p of await listHajjPermits(db, person_id)) assert.equal(p.person_id, person_id);
    }
  });
});
