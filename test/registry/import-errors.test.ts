import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/tables.js';
import { findPersonByNationalId, importRegistryFile, type ImportSummary } from '../../src/registry/index.js';
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
  withWrongCheckDigit,
  writeJsonl,
} from './builders.js';

async function count(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The reason given for one line (fails when the line was not refused). */
function reasonFor(summary: ImportSummary, line: number): string {
  const found = summary.invalid.find((i) => i.line === line);
  assert.ok(found, `line ${line} should be refused; refused: ${JSON.stringify(summary.invalid)}`);
  return found.reason;
}

describe(`registry import: refused lines (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();

  it('reports a bad line with its number and reason, and commits nothing from the file', async () => {
    const good = aCitizen();
    const file = writeJsonl([good, aCitizen({ birthDate: '2023-02-29' }), aCitizen()]);
    const summary = await importRegistryFile({ db, file });
    assert.equal(summary.committed, false);
    assert.deepEqual(summary.invalid, [{ line: 2, reason: 'birthDate: not a real calendar date' }]);
    assert.equal(Object.values(summary.imported).reduce((a, b) => a + b, 0), 0);
    assert.equal(await findPersonByNationalId(db, good.nationalId), undefined);
    assert.equal(await count(db, 'persons'), 0);
  });

  it('reports every bad line, not only the first, and names the fields', async () => {
    const file = writeJsonl([
      '{"kind":"person",',
      '',
      '[1,2]',
      { nationalId: aCitizen().nationalId },
      { kind: 'passport' },
      { ...aCitizen(), mobile: '+966551234567', sex: 'M', birthdate: '1980-01-01' },
      { ...aCitizen(), firstNameAr: undefined, familyNameEn: '  ' },
      aCitizen(),
    ]);
    const summary = await importRegistryFile({ db, file });
    assert.equal(summary.lines, 8);
    assert.deepEqual(
      summary.invalid.map((i) => i.line),
      [1, 3, 4, 5, 6, 7],
    );
    assert.match(reasonFor(summary, 1), /^not valid JSON/);
    assert.match(reasonFor(summary, 3), /expected a JSON object/);
    assert.match(reasonFor(summary, 4), /^missing field kind \(one of person, /);
    assert.match(reasonFor(summary, 5), /^kind: unknown kind; expected one of person, establishment/);
    const six = reasonFor(summary, 6);
    assert.match(six, /sex: expected one of male, female/);
    assert.match(six, /mobile: expected a Saudi mobile number as 05XXXXXXXX/);
    assert.match(six, /unknown field birthdate/);
    const seven = reasonFor(summary, 7);
    assert.match(seven, /missing field firstNameAr/);
    assert.match(seven, /familyNameEn: must not be empty/);
  });

  it('refuses a national ID with a wrong check digit and says so', async () => {
    const person = aCitizen();
    const file = writeJsonl([{ ...person, nationalId: withWrongCheckDigit(person.nationalId) }]);
    const summary = await importRegistryFile({ db, file });
    assert.match(reasonFor(summary, 1), /^nationalId: not a valid identity number: wrong check digit/);
    // The refused number itself is not repeated in the message (personal data).
    assert.doesNotMatch(reasonFor(summary, 1), /\d{10}/);
  });

  it('refuses identity numbers of the wrong shape, wrong dates, amounts and enums', async () => {
    const person = aCitizen();
    const file = writeJsonl([
      person,
      aCitizen({ nationalId: '12345' }),
      aCitizen({ nationalId: '5000000000' }),
      aResident({ nationality: 'SAU' }),
      aCitizen({ birthDate: '1980-3-4' }),
      aCitizen({ birthDate: '2999-01-01' }),
      aViolation(person, { amount: 300.5 }),
      aViolation(person, { amount: '30000' as unknown as number }),
      aViolation(person, { committedAt: '2025-01-15 21:40' }),
      aViolation(person, { status: 'paid' }),
      aViolation(person, { typeCode: 'flying' }),
      aViolation(person, { typeCode: 'red_light', amount: 100 }),
    ]);
    const summary = await importRegistryFile({ db, file });
    assert.match(reasonFor(summary, 2), /nationalId: .*expected 10 digits/);
    assert.match(reasonFor(summary, 3), /nationalId: .*first digit must be 1/);
    assert.match(reasonFor(summary, 4), /nationality: SAU needs a national ID starting with 1/);
    assert.match(reasonFor(summary, 5), /birthDate: expected a date as YYYY-MM-DD/);
    assert.match(reasonFor(summary, 6), /birthDate: must not be in the future/);
    assert.match(reasonFor(summary, 7), /amount: expected a whole number of halalas/);
    assert.match(reasonFor(summary, 8), /amount: expected a whole number of halalas/);
    assert.match(reasonFor(summary, 9), /committedAt: expected a date and time with a time zone/);
    assert.match(reasonFor(summary, 10), /settledAt: required when status is paid/);
    assert.match(reasonFor(summary, 11), /typeCode: unknown violation type; expected one of .*red_light/);
    assert.match(reasonFor(summary, 12), /amount: must be between 300000 and 600000 halalas for red_light/);
    assert.equal(summary.invalid.length, 11);
  });

  it('refuses references to persons, establishments and vehicles that are nowhere', async () => {
    const stranger = aCitizen();
    const known = aCitizen();
    const worker = aResident();
    const file = writeJsonl([
      known,
      worker,
      { kind: 'parent_child', parentNationalId: known.nationalId, childNationalId: stranger.nationalId },
      aDomesticWorkerSponsorship(worker, stranger),
      { ...aDomesticWorkerSponsorship(aResident(), known), sponsorNationalId: null, sponsorUnifiedNumber: '7999999999', domesticWorker: false },
      { kind: 'vehicle_user', sequenceNumber: '999999999', nationalId: known.nationalId },
      aTrafficCase([
        { nationalId: known.nationalId, role: 'driver' },
        { nationalId: stranger.nationalId, role: 'injured' },
      ]),
    ]);
    const summary = await importRegistryFile({ db, file });
    assert.equal(reasonFor(summary, 3), 'childNationalId: no person with this identity number in the registry or in this file');
    assert.equal(reasonFor(summary, 4), 'sponsorNationalId: no person with this identity number in the registry or in this file');
    assert.match(reasonFor(summary, 5), /workerNationalId: no person .*; sponsorUnifiedNumber: no establishment with this unified number/);
    assert.equal(reasonFor(summary, 6), 'sequenceNumber: no vehicle with this sequence number in the registry or in this file');
    assert.equal(reasonFor(summary, 7), 'parties[1].nationalId: no person with this identity number in the registry or in this file');
    assert.equal(summary.committed, false);
    assert.equal(await count(db, 'persons'), 0);
  });

  it('refuses what points at a refused record, naming its line', async () => {
    const owner = aCitizen();
    const establishment = anEstablishment(aCitizen()); // its owner is nowhere
    const vehicle = aVehicle(owner, { ownerNationalId: null, ownerUnifiedNumber: establishment.unifiedNumber });
    const file = writeJsonl([owner, establishment, vehicle, aViolation(owner, { vehicleSequenceNumber: vehicle.sequenceNumber })]);
    const summary = await importRegistryFile({ db, file, skipInvalid: true });
    assert.match(reasonFor(summary, 2), /^ownerNationalId: no person/);
    assert.equal(reasonFor(summary, 3), 'ownerUnifiedNumber: the establishment on line 2 is refused');
    assert.equal(reasonFor(summary, 4), 'vehicleSequenceNumber: the vehicle on line 3 is refused');
    assert.equal(summary.imported.person, 1);
    assert.equal(await count(db, 'vehicles'), 0);
    await db.deleteFrom('persons').execute();
  });

  it('refuses a natural key repeated in the file, keeping the first', async () => {
    const person = aCitizen();
    const vehicle = aVehicle(person);
    const file = writeJsonl([
      person,
      { ...person, firstNameEn: 'Other' },
      vehicle,
      aVehicle(person, { plateLettersEn: vehicle.plateLettersEn, plateDigits: vehicle.plateDigits }),
    ]);
    const summary = await importRegistryFile({ db, file });
    assert.equal(reasonFor(summary, 2), 'duplicate of line 1: the same person (nationalId) appears twice in the file');
    assert.equal(reasonFor(summary, 4), 'duplicate of line 3: the same plate (plateLettersEn and plateDigits) appears twice in the file');
  });

  it('checks rules across fields of one record', async () => {
    const a = aCitizen();
    const b = aCitizen({ sex: 'female' });
    const worker = aResident();
    const file = writeJsonl([
      a,
      b,
      worker,
      { kind: 'marriage', husbandNationalId: a.nationalId, wifeNationalId: b.nationalId, contractedOn: '2010-01-01', endedOn: '2009-01-01' },
      { kind: 'parent_child', parentNationalId: a.nationalId, childNationalId: a.nationalId },
      aDomesticWorkerSponsorship(worker, a, { sponsorUnifiedNumber: '7000000001' }),
      aDomesticWorkerSponsorship(a, b),
      aVehicle(a, { ownerUnifiedNumber: '7000000001' }),
      aTrafficCase([{ nationalId: a.nationalId, role: 'driver' }], { status: 'closed' }),
      aSuspension(a, { blockedServices: [] }),
      { kind: 'document', nationalId: a.nationalId, documentKind: 'passport', number: 'A1', issueDate: '2020-01-02', expiryDate: '2020-01-01', status: 'valid' },
    ]);
    const summary = await importRegistryFile({ db, file });
    assert.equal(reasonFor(summary, 4), 'endedOn: must not be before contractedOn');
    assert.equal(reasonFor(summary, 5), 'childNationalId: a person cannot be their own parent');
    assert.match(reasonFor(summary, 6), /give exactly one sponsor/);
    assert.match(reasonFor(summary, 7), /workerNationalId: citizens .* are not sponsored/);
    assert.match(reasonFor(summary, 8), /ownerNationalId: give exactly one owner/);
    assert.equal(reasonFor(summary, 9), 'closedAt: required when status is closed');
    assert.equal(reasonFor(summary, 10), 'blockedServices: at least one blocked service');
    assert.equal(reasonFor(summary, 11), 'expiryDate: must not be before issueDate');
  });
});

describe(`registry import --skip-invalid (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();

  it('commits the good lines and lists the bad ones', async () => {
    const father = aCitizen();
    const child = aChild();
    const file = writeJsonl([
      father,
      { ...aCitizen(), nationalId: withWrongCheckDigit(aCitizen().nationalId) },
      child,
      { kind: 'parent_child', parentNationalId: father.nationalId, childNationalId: child.nationalId },
      { kind: 'parent_child', parentNationalId: father.nationalId, childNationalId: aChild().nationalId },
    ]);
    const summary = await importRegistryFile({ db, file, skipInvalid: true });
    assert.equal(summary.committed, true);
    assert.deepEqual(summary.invalid.map((i) => i.line), [2, 5]);
    assert.equal(summary.imported.person, 2);
    assert.equal(summary.imported.parent_child, 1);
    assert.equal(await count(db, 'persons'), 2);
    assert.equal(await count(db, 'parent_child'), 1);
  });
});
