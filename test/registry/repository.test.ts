import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  findCurrentSponsorship,
  findPersonByNationalId,
  getPerson,
  importRegistryFile,
  listActiveSuspensions,
  listEstablishmentsOwnedBy,
  listGuardians,
  listSponsoredWorkers,
  listSpouses,
  listVehiclesOfPerson,
  listViolationsOfPerson,
  listWards,
  unpaidViolationsTotal,
} from '../../src/registry/index.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';
import {
  aChild,
  aCitizen,
  aDomesticWorkerSponsorship,
  anEstablishment,
  aResident,
  aSuspension,
  aVehicle,
  aViolation,
  writeJsonl,
} from './builders.js';

describe(`registry reads (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();

  const husband = aCitizen();
  const firstWife = aCitizen({ sex: 'female', firstNameEn: 'Noura' });
  const secondWife = aCitizen({ sex: 'female', firstNameEn: 'Sara' });
  const formerWife = aCitizen({ sex: 'female', firstNameEn: 'Huda', maritalStatus: 'divorced' });
  const minor = aChild({ birthDate: '2015-01-01' });
  const grownUp = aChild({ birthDate: '2001-01-01' });
  const nephew = aChild({ birthDate: '2013-01-01' });
  const maid = aResident();
  const formerDriver = aResident({ sex: 'male', firstNameEn: 'Ali' });
  const car = aVehicle(husband);
  const borrowed = aVehicle(firstWife);
  const company = anEstablishment(husband);

  const summary = await importRegistryFile({
    db,
    file: writeJsonl([
      husband,
      firstWife,
      secondWife,
      formerWife,
      minor,
      grownUp,
      nephew,
      maid,
      formerDriver,
      car,
      borrowed,
      company,
      { kind: 'marriage', husbandNationalId: husband.nationalId, wifeNationalId: firstWife.nationalId, contractedOn: '2000-01-01' },
      { kind: 'marriage', husbandNationalId: husband.nationalId, wifeNationalId: secondWife.nationalId, contractedOn: '2012-01-01' },
      { kind: 'marriage', husbandNationalId: husband.nationalId, wifeNationalId: formerWife.nationalId, contractedOn: '1998-01-01', endedOn: '1999-01-01' },
      { kind: 'guardianship', guardianNationalId: husband.nationalId, wardNationalId: minor.nationalId, basis: 'father', startsOn: '2015-01-01' },
      { kind: 'guardianship', guardianNationalId: husband.nationalId, wardNationalId: grownUp.nationalId, basis: 'father', startsOn: '2001-01-01', endsOn: '2019-01-01' },
      { kind: 'guardianship', guardianNationalId: husband.nationalId, wardNationalId: nephew.nationalId, basis: 'court_order', startsOn: '2026-01-01' },
      { kind: 'vehicle_user', sequenceNumber: borrowed.sequenceNumber, nationalId: husband.nationalId },
      { kind: 'vehicle_user', sequenceNumber: car.sequenceNumber, nationalId: husband.nationalId },
      aDomesticWorkerSponsorship(maid, husband),
      aDomesticWorkerSponsorship(formerDriver, husband, { occupationEn: 'Driver', startedOn: '2020-01-01' }),
      aViolation(husband, { number: 'V-OLD', committedAt: '2023-01-01T10:00:00+03:00', amount: 15_000, typeCode: 'seat_belt' }),
      aViolation(husband, { number: 'V-NEW', committedAt: '2025-01-01T10:00:00+03:00', amount: 50_000, typeCode: 'mobile_phone' }),
      aViolation(husband, { number: 'V-PAID', committedAt: '2024-01-01T10:00:00+03:00', status: 'paid', settledAt: '2024-02-01T10:00:00+03:00' }),
      aViolation(husband, { number: 'V-OBJ', committedAt: '2024-06-01T10:00:00+03:00', status: 'objected' }),
      aSuspension(husband, { reference: 'S-ACTIVE' }),
      aSuspension(husband, { reference: 'S-LIFTED', liftedAt: '2025-04-02T00:00:00+03:00' }),
    ]),
  });
  assert.deepEqual(summary.invalid, [], 'the fixture file is valid');
  // A file holds one sponsorship per worker (the current one): the transfer comes in a later file.
  const transfer = await importRegistryFile({
    db,
    file: writeJsonl([aDomesticWorkerSponsorship(formerDriver, firstWife, { occupationEn: 'Driver', startedOn: '2023-01-01' })]),
  });
  assert.deepEqual(transfer.invalid, []);
  const idOf = async (nationalId: string) => (await findPersonByNationalId(db, nationalId))!.id;
  const husbandId = await idOf(husband.nationalId);

  it('finds persons by national ID and by id, and says when there is none', async () => {
    const person = await getPerson(db, husbandId);
    assert.equal(person?.national_id, husband.nationalId);
    assert.equal(await findPersonByNationalId(db, aCitizen().nationalId), undefined);
    assert.equal(await getPerson(db, '01900000-0000-7000-8000-000000000000'), undefined);
  });

  it('lists current spouses only, from either side', async () => {
    const spouses = await listSpouses(db, husbandId);
    assert.deepEqual(spouses.map((s) => s.first_name_en), ['Noura', 'Sara']);
    assert.deepEqual(await listSpouses(db, await idOf(formerWife.nationalId)), []);
  });

  it('lists the wards and guardians of a given day', async () => {
    const wards = async (on: string) => (await listWards(db, { guardianId: husbandId, on })).map((w) => w.national_id);
    assert.deepEqual(await wards('2025-06-01'), [minor.nationalId]);
    assert.deepEqual(await wards('2018-12-31'), [grownUp.nationalId, minor.nationalId]);
    assert.deepEqual(await wards('2026-01-01'), [nephew.nationalId, minor.nationalId], 'eldest first');
    assert.deepEqual(await listGuardians(db, { wardId: await idOf(grownUp.nationalId), on: '2025-06-01' }), []);
  });

  it('lists the vehicles a person owns, then those they use, each once', async () => {
    const vehicles = await listVehiclesOfPerson(db, husbandId);
    assert.deepEqual(vehicles.map((v) => [v.sequence_number, v.relation]), [
      [car.sequenceNumber, 'owner'],
      [borrowed.sequenceNumber, 'user'],
    ]);
  });

  it('lists current sponsored workers with the domestic-worker flag', async () => {
    const workers = await listSponsoredWorkers(db, husbandId);
    assert.deepEqual(workers.map((w) => [w.worker.national_id, w.sponsorship.domestic_worker]), [[maid.nationalId, true]]);
    const driver = await findCurrentSponsorship(db, await idOf(formerDriver.nationalId));
    assert.equal(driver?.sponsor.type === 'person' && driver.sponsor.person.national_id, firstWife.nationalId);
    assert.equal(await findCurrentSponsorship(db, husbandId), undefined);
    const [establishment] = await listEstablishmentsOwnedBy(db, husbandId);
    assert.equal(establishment?.worker_count, 0);
  });

  it('lists violations newest first, filters them, and totals the unpaid ones', async () => {
    const all = await listViolationsOfPerson(db, { personId: husbandId });
    assert.deepEqual(all.map((v) => v.number), ['V-NEW', 'V-OBJ', 'V-PAID', 'V-OLD']);
    assert.equal(all[0]!.type_name_ar, 'استخدام الهاتف المحمول أثناء القيادة');
    const unpaid = await listViolationsOfPerson(db, { personId: husbandId, status: 'unpaid', limit: 1 });
    assert.deepEqual(unpaid.map((v) => v.number), ['V-NEW']);
    assert.deepEqual(await unpaidViolationsTotal(db, husbandId), { totalHalalas: 65_000, count: 2 });
    assert.deepEqual(await unpaidViolationsTotal(db, await idOf(maid.nationalId)), { totalHalalas: 0, count: 0 });
  });

  it('lists the suspensions not lifted', async () => {
    const active = await listActiveSuspensions(db, husbandId);
    assert.deepEqual(active.map((s) => s.reference), ['S-ACTIVE']);
    assert.ok(active[0]!.starts_at instanceof Date);
  });
});
