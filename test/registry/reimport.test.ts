import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/tables.js';
import {
  findCurrentSponsorship,
  findPersonByNationalId,
  importRegistryFile,
  listActiveSuspensions,
  listOpenTrafficCases,
  listSpouses,
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
  aTrafficCase,
  aVehicle,
  aViolation,
  writeJsonl,
} from './builders.js';

const SAMPLE = path.resolve(import.meta.dirname, '../../docs/examples/registry-sample.jsonl');
const TABLES = [
  'persons',
  'parent_child',
  'marriages',
  'guardianships',
  'establishments',
  'sponsorships',
  'vehicles',
  'vehicle_users',
  'documents',
  'traffic_violations',
  'traffic_cases',
  'traffic_case_parties',
  'service_suspensions',
] as const satisfies ReadonlyArray<keyof Database>;

async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** tables.ts types `Generated<Timestamp>` columns as the ColumnType itself; at run time they are Dates. */
function timeOf(value: unknown): number {
  assert.ok(value instanceof Date);
  return value.getTime();
}

async function importOk(db: Kysely<Database>, lines: ReadonlyArray<object | string>) {
  const summary = await importRegistryFile({ db, file: writeJsonl(lines) });
  assert.deepEqual(summary.invalid, []);
  assert.equal(summary.committed, true);
  return summary;
}

describe(`registry re-import (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();

  it('imports the same file twice without a duplicate, leaving unchanged rows untouched', async () => {
    await importRegistryFile({ db, file: SAMPLE });
    const before = await rowCounts(db);
    const stamp = (await findPersonByNationalId(db, '1045283619'))!.updated_at;
    const again = await importRegistryFile({ db, file: SAMPLE });
    assert.deepEqual(again.invalid, []);
    assert.deepEqual(await rowCounts(db), before);
    assert.equal(before.persons, 6);
    assert.deepEqual((await findPersonByNationalId(db, '1045283619'))!.updated_at, stamp);
  });

  it('updates every kind in place by its natural key', async () => {
    const husband = aCitizen();
    const wife = aCitizen({ sex: 'female', firstNameEn: 'Noura' });
    const vehicle = aVehicle(husband);
    const violation = aViolation(husband, { vehicleSequenceNumber: vehicle.sequenceNumber });
    const accident = aTrafficCase([{ nationalId: husband.nationalId, role: 'driver_at_fault' }]);
    const suspension = aSuspension(husband);
    const marriage = { kind: 'marriage', husbandNationalId: husband.nationalId, wifeNationalId: wife.nationalId, contractedOn: '2010-05-01' };
    await importOk(db, [husband, wife, vehicle, violation, accident, suspension, marriage]);
    const before = await rowCounts(db);
    const stampOf = async (nationalId: string) => timeOf((await findPersonByNationalId(db, nationalId))!.updated_at);
    const [husbandStamp, wifeStamp] = [await stampOf(husband.nationalId), await stampOf(wife.nationalId)];

    const witness = aCitizen();
    await importOk(db, [
      { ...husband, mobile: null, firstNameEn: 'Abdallah' },
      wife,
      witness,
      { ...vehicle, plateDigits: '9', impounded: true, impoundedOn: '2025-05-01' },
      { ...violation, status: 'paid', settledAt: '2025-05-02T09:00:00+03:00' },
      { ...accident, parties: [{ nationalId: witness.nationalId, role: 'witness' }] },
      { ...suspension, liftedAt: '2025-05-03T09:00:00+03:00', liftNote: 'Violations paid' },
      { ...marriage, endedOn: '2024-01-01' },
    ]);

    const after = await rowCounts(db);
    assert.deepEqual({ ...after, persons: after.persons! - 1 }, before, 'only the witness is new');
    const person = (await findPersonByNationalId(db, husband.nationalId))!;
    assert.equal(person.first_name_en, 'Abdallah');
    assert.equal(person.mobile, null, 'a field left out is cleared: the record is the whole row');
    assert.ok(timeOf(person.updated_at) > husbandStamp, 'a changed row gets a new updated_at');
    assert.equal(await stampOf(wife.nationalId), wifeStamp, 'an unchanged row keeps its updated_at');
    const stored = await db.selectFrom('vehicles').selectAll().where('sequence_number', '=', vehicle.sequenceNumber).executeTakeFirstOrThrow();
    assert.deepEqual([stored.plate_digits, stored.impounded, stored.impounded_on], ['9', true, '2025-05-01']);
    assert.deepEqual(await unpaidViolationsTotal(db, person.id), { totalHalalas: 0, count: 0 });
    assert.deepEqual(await listOpenTrafficCases(db, person.id), [], 'the parties were replaced');
    const witnessId = (await findPersonByNationalId(db, witness.nationalId))!.id;
    assert.deepEqual((await listOpenTrafficCases(db, witnessId)).map((c) => c.role), ['witness']);
    assert.deepEqual(await listActiveSuspensions(db, person.id), []);
    assert.deepEqual(await listSpouses(db, person.id), []);
  });

  it('resolves references regardless of the order of lines', async () => {
    const father = aCitizen();
    const child = aChild();
    const owner = aCitizen();
    const establishment = anEstablishment(owner);
    const vehicle = aVehicle(owner, { ownerNationalId: null, ownerUnifiedNumber: establishment.unifiedNumber });
    const summary = await importOk(db, [
      { kind: 'parent_child', parentNationalId: father.nationalId, childNationalId: child.nationalId },
      { kind: 'vehicle_user', sequenceNumber: vehicle.sequenceNumber, nationalId: father.nationalId },
      vehicle,
      establishment,
      child,
      owner,
      father,
    ]);
    assert.equal(summary.imported.parent_child, 1);
    assert.equal(summary.imported.vehicle_user, 1);
  });

  it('writes files larger than one batch, and re-imports them without duplicates', async () => {
    // Past BATCH_ROWS (500) and past the ~250 pairs where a row IN list broke PGlite.
    const parent = aCitizen();
    const children = Array.from({ length: 1_201 }, () => aChild());
    const links = children.map((c) => ({ kind: 'parent_child', parentNationalId: parent.nationalId, childNationalId: c.nationalId }));
    const vehicles = children.slice(0, 600).map((c, i) => aVehicle(c, { plateLettersEn: 'XYZ', plateDigits: String(i) }));
    const workers = Array.from({ length: 600 }, () => aResident());
    const sponsorships = workers.map((w) => aDomesticWorkerSponsorship(w, parent, { startedOn: '2020-01-01' }));
    const lines = [parent, ...children, ...links, ...vehicles, ...workers, ...sponsorships];
    const first = await importOk(db, lines);
    assert.equal(first.imported.person, 1_802);
    assert.equal(first.imported.vehicle, 600);
    const before = await rowCounts(db);
    await importOk(db, lines);
    assert.deepEqual(await rowCounts(db), before);

    // Every worker moves to another sponsor at once: 600 sponsorships end, 600 begin.
    const newSponsor = children[0]!;
    await importOk(db, workers.map((w) => aDomesticWorkerSponsorship(w, newSponsor, { startedOn: '2024-01-01' })));
    const after = await rowCounts(db);
    assert.equal(after.sponsorships, before.sponsorships! + 600);
    const ended = await db.selectFrom('sponsorships').select('id').where('ended_on', '=', '2024-01-01').execute();
    assert.equal(ended.length, 600);
  });

  it("works inside a caller's transaction, which the caller may roll back", async () => {
    const person = aCitizen();
    const file = writeJsonl([person]);
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        const summary = await importRegistryFile({ db: trx, file });
        assert.equal(summary.committed, true);
        assert.ok(await findPersonByNationalId(trx, person.nationalId));
        throw new Error('caller rolls back');
      }),
      /caller rolls back/,
    );
    assert.equal(await findPersonByNationalId(db, person.nationalId), undefined);
  });
});

describe(`registry re-import of sponsorships (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();
  const worker = aResident();
  const first = aCitizen();
  const second = aCitizen();
  const owner = aCitizen();
  const company = anEstablishment(owner);
  await importOk(db, [worker, first, second, owner, company, aDomesticWorkerSponsorship(worker, first, { startedOn: '2022-09-01' })]);
  const workerId = (await findPersonByNationalId(db, worker.nationalId))!.id;
  const sponsorshipsOfWorker = () =>
    db.selectFrom('sponsorships').selectAll().where('worker_id', '=', workerId).orderBy('started_on').execute();

  it('updates the current sponsorship when the sponsor is the same', async () => {
    await importOk(db, [aDomesticWorkerSponsorship(worker, first, { startedOn: '2022-09-01', occupationEn: 'Cook', absenceReportedOn: '2024-01-01' })]);
    const rows = await sponsorshipsOfWorker();
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0]!.occupation_en, rows[0]!.absence_reported_on, rows[0]!.ended_on], ['Cook', '2024-01-01', null]);
  });

  it('ends the current sponsorship on the day a new sponsor starts', async () => {
    await importOk(db, [aDomesticWorkerSponsorship(worker, second, { startedOn: '2024-03-15', pastTransfers: 1 })]);
    const rows = await sponsorshipsOfWorker();
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.ended_on, '2024-03-15');
    assert.equal(rows[1]!.ended_on, null);
    const current = await findCurrentSponsorship(db, workerId);
    assert.equal(current?.sponsor.type === 'person' && current.sponsor.person.national_id, second.nationalId);
    assert.equal(current?.sponsorship.past_transfers, 1);
  });

  it('moves a worker from a person to an establishment', async () => {
    await importOk(db, [
      { ...aDomesticWorkerSponsorship(worker, second), sponsorNationalId: null, sponsorUnifiedNumber: company.unifiedNumber, domesticWorker: false, startedOn: '2025-01-01' },
    ]);
    const current = await findCurrentSponsorship(db, workerId);
    assert.equal(current?.sponsor.type, 'establishment');
    assert.equal((await sponsorshipsOfWorker()).filter((s) => s.ended_on === null).length, 1);
  });

  it('refuses a new sponsor starting before the current sponsorship', async () => {
    const summary = await importRegistryFile({ db, file: writeJsonl([aDomesticWorkerSponsorship(worker, first, { startedOn: '2024-12-31' })]) });
    assert.equal(summary.committed, false);
    assert.match(summary.invalid[0]!.reason, /^startedOn: before the worker's current sponsorship began \(2025-01-01\)/);
    assert.equal((await sponsorshipsOfWorker()).length, 3);
  });
});
