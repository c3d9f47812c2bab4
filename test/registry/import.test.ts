import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  findCurrentSponsorship,
  findPersonByNationalId,
  importRegistryFile,
  listActiveSuspensions,
  listChildren,
  listDocuments,
  listEstablishmentsOwnedBy,
  listEstablishmentWorkers,
  listGuardians,
  listOpenTrafficCases,
  listParents,
  listSponsoredWorkers,
  listSpouses,
  listVehiclesOfPerson,
  listViolationsOfPerson,
  listWards,
  unpaidViolationsTotal,
} from '../../src/registry/index.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';
import { writeJsonl } from './builders.js';

const root = path.resolve(import.meta.dirname, '../..');
const SAMPLE = path.join(root, 'docs/examples/registry-sample.jsonl');

const FATHER = '1045283619';
const MOTHER = '1045283791';
const SON = '1109372548';
const DAUGHTER = '1109372621';
const HOUSEMAID = '2457810931';
const ENGINEER = '2381645023';

describe(`registry import of every kind (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();
  const summary = await importRegistryFile({ db, file: SAMPLE });
  const idOf = async (nationalId: string) => (await findPersonByNationalId(db, nationalId))!.id;

  it('imports the documented sample file with no refused line', () => {
    assert.deepEqual(summary.invalid, []);
    assert.equal(summary.committed, true);
    assert.equal(summary.lines, 28);
    assert.deepEqual(summary.imported, {
      person: 6,
      establishment: 1,
      vehicle: 1,
      parent_child: 4,
      marriage: 1,
      guardianship: 2,
      document: 6,
      vehicle_user: 1,
      violation: 2,
      traffic_case: 1,
      suspension: 1,
      sponsorship: 2,
      // The records the inquiries read are in docs/examples/registry-inquiries.jsonl (inquiries-data.test.ts).
      work_visa: 0,
      recruitment_request: 0,
      border_crossing: 0,
      biometrics: 0,
      health_insurance: 0,
      employment: 0,
      hajj_performance: 0,
      hajj_permit: 0,
    });
  });

  it('stores persons with every field, the id type taken from the number', async () => {
    const father = await findPersonByNationalId(db, FATHER);
    assert.ok(father);
    assert.equal(father.id_type, 'national_id');
    assert.equal(father.first_name_en, 'Abdullah');
    assert.equal(father.grandfather_name_ar, 'محمد');
    assert.equal(father.birth_date, '1979-03-14');
    assert.equal(father.address_postal_code, '12214');
    assert.equal(father.inside_kingdom, true);
    assert.equal((await findPersonByNationalId(db, HOUSEMAID))!.id_type, 'iqama');
  });

  it('links the family: spouses, parents, children, guardians and wards', async () => {
    const father = await idOf(FATHER);
    const spouses = await listSpouses(db, father);
    assert.deepEqual(spouses.map((s) => [s.national_id, s.contracted_on]), [[MOTHER, '2005-04-10']]);
    assert.deepEqual((await listSpouses(db, await idOf(MOTHER))).map((s) => s.national_id), [FATHER]);

    const children = await listChildren(db, father);
    assert.deepEqual(children.map((c) => [c.national_id, c.birth_date, c.sex, c.marital_status]), [
      [SON, '2009-06-21', 'male', 'single'],
      [DAUGHTER, '2012-01-09', 'female', 'single'],
    ]);
    assert.deepEqual((await listParents(db, await idOf(SON))).map((p) => p.national_id), [FATHER, MOTHER]);
    assert.deepEqual((await listWards(db, { guardianId: father, on: '2025-06-01' })).map((w) => [w.national_id, w.basis]), [
      [SON, 'father'],
      [DAUGHTER, 'father'],
    ]);
    assert.deepEqual((await listGuardians(db, { wardId: await idOf(DAUGHTER), on: '2025-06-01' })).map((g) => g.national_id), [FATHER]);
  });

  it('stores documents, by kind, with the vehicle of a registration and the details', async () => {
    const father = await idOf(FATHER);
    const all = await listDocuments(db, { personId: father });
    assert.deepEqual(all.map((d) => d.kind), ['driving_licence', 'national_id_card', 'vehicle_registration']);
    const [licence] = await listDocuments(db, { personId: father, kind: 'driving_licence' });
    assert.deepEqual(licence!.details, { class: 'private' });
    const [registration] = await listDocuments(db, { personId: father, kind: 'vehicle_registration' });
    assert.ok(registration!.vehicle_id);
    const passports = await listDocuments(db, { personId: await idOf(HOUSEMAID), kind: 'passport' });
    assert.deepEqual(passports.map((p) => [p.number, p.issuing_country]), [['P4521786A', 'PHL']]);
  });

  it('stores sponsorships by a person (domestic worker) and by an establishment', async () => {
    const father = await idOf(FATHER);
    const workers = await listSponsoredWorkers(db, father);
    assert.deepEqual(workers.map((w) => [w.worker.national_id, w.sponsorship.domestic_worker, w.sponsorship.occupation_en]), [
      [HOUSEMAID, true, 'Housemaid'],
    ]);
    const [establishment] = await listEstablishmentsOwnedBy(db, father);
    assert.equal(establishment!.unified_number, '7001234567');
    assert.equal(establishment!.worker_count, 1);
    const staff = await listEstablishmentWorkers(db, establishment!.id);
    assert.deepEqual(staff.map((w) => [w.worker.national_id, w.sponsorship.past_transfers]), [[ENGINEER, 1]]);

    const engineer = await findCurrentSponsorship(db, await idOf(ENGINEER));
    assert.equal(engineer?.sponsor.type, 'establishment');
    assert.equal(engineer?.sponsor.type === 'establishment' && engineer.sponsor.establishment.name_en, 'Al-Qahtani Contracting Est.');
  });

  it('stores the vehicle with its owner and its user', async () => {
    const owned = await listVehiclesOfPerson(db, await idOf(FATHER));
    assert.deepEqual(owned.map((v) => [v.sequence_number, v.relation, v.plate_letters_en, v.plate_digits]), [['123456789', 'owner', 'ABJ', '4521']]);
    const used = await listVehiclesOfPerson(db, await idOf(MOTHER));
    assert.deepEqual(used.map((v) => [v.sequence_number, v.relation]), [['123456789', 'user']]);
  });

  it('stores violations, the traffic case with its parties, and the suspension', async () => {
    const father = await idOf(FATHER);
    const violations = await listViolationsOfPerson(db, { personId: father });
    assert.deepEqual(violations.map((v) => [v.number, v.status, v.type_name_en]), [
      ['2025011500123', 'unpaid', 'Exceeding the speed limit by 20 to 30 km/h'],
      ['2024110300871', 'paid', 'Not wearing a seat belt'],
    ]);
    assert.equal(violations[0]!.committed_at.toISOString(), '2025-01-15T18:40:00.000Z');
    assert.deepEqual(await unpaidViolationsTotal(db, father), { totalHalalas: 30_000, count: 1 });

    const cases = await listOpenTrafficCases(db, await idOf(ENGINEER));
    assert.deepEqual(cases.map((c) => [c.number, c.role, c.in_custody, c.kind]), [['TC-2025-004417', 'driver_at_fault', false, 'accident']]);
    assert.deepEqual((await listOpenTrafficCases(db, father)).map((c) => c.role), ['driver']);

    const suspensions = await listActiveSuspensions(db, father);
    assert.deepEqual(suspensions.map((s) => [s.reference, s.authority, s.blocked_services]), [
      ['SUS-2025-000311', 'traffic', ['traffic.vehicle-registration.renew', 'traffic.vehicle-ownership.transfer']],
    ]);
  });
});

describe(`registry import documentation (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();

  it('the example in docs/registry-import.md imports cleanly', async () => {
    const doc = fs.readFileSync(path.join(root, 'docs/registry-import.md'), 'utf8');
    const blocks = [...doc.matchAll(/```jsonl\n([\s\S]*?)```/g)].map((m) => m[1]!);
    assert.ok(blocks.length > 0, 'the documentation shows an example file');
    assert.equal(blocks[0], fs.readFileSync(SAMPLE, 'utf8'), 'the documented example is docs/examples/registry-sample.jsonl');
    for (const block of blocks) {
      const summary = await importRegistryFile({ db, file: writeJsonl(block.trim().split('\n')) });
      assert.deepEqual(summary.invalid, []);
      assert.equal(summary.committed, true);
    }
  });
});
