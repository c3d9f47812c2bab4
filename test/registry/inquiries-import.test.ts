import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { migrationNames } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/tables.js';
import {
  biometricsOf,
  employmentOf,
  findPersonByNationalId,
  hajjRecordOf,
  healthInsuranceOf,
  importRegistryFile,
  listArrivedWorkers,
  listBorderCrossings,
  listDocuments,
  listEmployeesOf,
  listEstablishmentsOwnedBy,
  listExitReentryVisas,
  listHajjPermits,
  listRecruitmentRequests,
  listVehiclesOfPerson,
  listWorkVisasOfSponsor,
  returnStatusOf,
  type ImportSummary,
} from '../../src/registry/index.js';
import { engineUnderTest, freshDatabase } from '../support/database.js';
import { aCitizen, anEstablishment, aResident, aVehicle, writeJsonl } from './builders.js';

const root = path.resolve(import.meta.dirname, '../..');
const SAMPLE = path.join(root, 'docs/examples/registry-sample.jsonl');
const INQUIRIES = path.join(root, 'docs/examples/registry-inquiries.jsonl');

const FATHER = '1045283619';
const MOTHER = '1045283791';
const HOUSEMAID = '2457810931';
const ENGINEER = '2381645023';
const NEW_HOUSEMAID = '3104578236';
const ESTABLISHMENT = '7001234567';

function reasonFor(summary: ImportSummary, line: number): string {
  const found = summary.invalid.find((i) => i.line === line);
  assert.ok(found, `line ${line} should be refused; refused: ${JSON.stringify(summary.invalid)}`);
  return found.reason;
}

async function count(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe(`registry: the records the inquiries read, imported (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();
  const sample = await importRegistryFile({ db, file: SAMPLE });
  const summary = await importRegistryFile({ db, file: INQUIRIES });
  const idOf = async (nationalId: string) => (await findPersonByNationalId(db, nationalId))!.id;

  it('the migration is applied: its tables and the vehicle insurance columns exist', async () => {
    assert.ok(migrationNames.includes('0009_registry_inquiries'));
    const { rows } = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN
        ('border_crossings', 'biometrics', 'health_insurance', 'employments', 'work_visas', 'recruitment_requests', 'hajj_performances', 'hajj_permits')
      ORDER BY table_name`.execute(db);
    assert.equal(rows.length, 8);
    const { rows: columns } = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'vehicles' AND column_name IN ('insurer_ar', 'insurer_en', 'insurance_coverage')`.execute(db);
    assert.equal(columns.length, 3);
  });

  it('imports the documented example with no refused line, as the doc says', () => {
    assert.deepEqual(sample.invalid, []);
    assert.deepEqual(summary.invalid, []);
    assert.equal(summary.lines, 19);
    const written = Object.fromEntries(Object.entries(summary.imported).filter(([, n]) => n > 0));
    assert.deepEqual(written, {
      person: 1, document: 2, work_visa: 2, recruitment_request: 1, border_crossing: 3, biometrics: 2, health_insurance: 2, employment: 3,
      hajj_performance: 2, hajj_permit: 1,
    });
  });

  it('a sponsor sees the worker who arrived on his visa, with the entry, and the request behind the visa', async () => {
    const father = await idOf(FATHER);
    const arrived = await listArrivedWorkers(db, { personId: father });
    assert.equal(arrived.length, 1);
    assert.equal(arrived[0]!.worker.national_id, NEW_HOUSEMAID);
    assert.equal(arrived[0]!.worker.id_type, 'border_number');
    assert.equal(arrived[0]!.visa.used_on, '2026-11-20');
    assert.equal(arrived[0]!.entry?.port_en, 'King Khalid International Airport');
    assert.deepEqual(await listArrivedWorkers(db, { personId: father }, { since: '2026-12-01' }), []);
    const requests = await listRecruitmentRequests(db, { personId: father });
    assert.deepEqual(requests.map((r) => [r.number, r.status, r.work_visa_number]), [['RR-2026-000731', 'completed', '4012345678']]);
    const visas = await listWorkVisasOfSponsor(db, { personId: father });
    assert.deepEqual(visas.map((v) => [v.visa.number, v.visa.status, v.worker?.national_id]), [['4012345678', 'used', NEW_HOUSEMAID]]);
  });

  it('an establishment sees its visas and employees; the employee sees the employer', async () => {
    const [establishment] = await listEstablishmentsOwnedBy(db, await idOf(FATHER));
    assert.equal(establishment?.unified_number, ESTABLISHMENT);
    const visas = await listWorkVisasOfSponsor(db, { establishmentId: establishment!.id });
    assert.deepEqual(visas.map((v) => [v.visa.status, v.visa.occupation_en, v.worker]), [['issued', 'Civil engineer', null]]);
    assert.deepEqual(await listWorkVisasOfSponsor(db, { establishmentId: establishment!.id }, { statuses: ['used'] }), []);
    const employees = await listEmployeesOf(db, { establishmentId: establishment!.id });
    assert.deepEqual(employees.map((e) => [e.employee.national_id, e.employment.monthly_wage]), [[ENGINEER, 1_200_000]]);
    const [job] = await employmentOf(db, await idOf(ENGINEER));
    assert.equal(job?.employer.type, 'establishment');
    assert.equal(job?.employer.type === 'establishment' && job.employer.establishment.unified_number, ESTABLISHMENT);
  });

  it('a resident\'s travel record, return, biometrics and insurance', async () => {
    const maid = await idOf(HOUSEMAID);
    const crossings = await listBorderCrossings(db, maid);
    assert.deepEqual(crossings.map((c) => c.direction), ['entry', 'exit'], 'the latest first');
    assert.ok(crossings.every((c) => c.person_id === maid && c.passport_number === 'P4521786A'));
    assert.equal((await listBorderCrossings(db, maid, { limit: 1 })).length, 1);
    const [visa] = await listExitReentryVisas(db, maid);
    assert.deepEqual(visa?.details, { visaType: 'single', durationDays: 90, visaStatus: 'returned' });
    assert.equal(visa?.exit?.crossed_at.toISOString(), '2025-06-04T23:10:00.000Z');
    assert.equal(visa?.return?.direction, 'entry');
    assert.equal(returnStatusOf(visa!, '2026-12-04'), 'returned');
    assert.equal((await biometricsOf(db, maid))?.status, 'registered');
    assert.equal((await biometricsOf(db, await idOf(NEW_HOUSEMAID)))?.status, 'incomplete');
    assert.equal(await biometricsOf(db, await idOf(FATHER)), undefined);
    const [policy] = await healthInsuranceOf(db, maid);
    assert.deepEqual([policy?.class, policy?.ends_on, policy?.insurer_en], ['C', '2027-08-31', 'Bupa Arabia for Cooperative Insurance']);
  });

  it('Hajj performed and permits, vehicle insurance and the licence class', async () => {
    assert.deepEqual((await hajjRecordOf(db, await idOf(FATHER))).map((h) => h.hijri_year), [1438]);
    assert.deepEqual((await hajjRecordOf(db, await idOf(MOTHER))).map((h) => h.hijri_year), [1447]);
    assert.deepEqual((await listHajjPermits(db, await idOf(MOTHER))).map((p) => [p.season_hijri_year, p.status]), [[1447, 'used']]);
    assert.deepEqual(await listHajjPermits(db, await idOf(FATHER)), []);
    const [car] = await listVehiclesOfPerson(db, await idOf(FATHER));
    assert.deepEqual([car?.insurer_en, car?.insurance_coverage, car?.insurance_policy], ['Tawuniya', 'comprehensive', 'TAW-2025-778812']);
    const [licence] = await listDocuments(db, { personId: await idOf(FATHER), kind: 'driving_licence' });
    assert.deepEqual(licence?.details, { class: 'private' });
  });

  it('importing the file again changes nothing: natural keys, no duplicates, "last changed" kept', async () => {
    const tables = ['border_crossings', 'biometrics', 'health_insurance', 'employments', 'work_visas', 'recruitment_requests', 'hajj_performances', 'hajj_permits'] as const;
    const before = await Promise.all(tables.map((t) => count(db, t)));
    const stamp = await db.selectFrom('work_visas').select(['number', 'updated_at']).orderBy('number').execute();
    const again = await importRegistryFile({ db, file: INQUIRIES });
    assert.deepEqual(again.invalid, []);
    assert.deepEqual(await Promise.all(tables.map((t) => count(db, t))), before);
    assert.deepEqual(await db.selectFrom('work_visas').select(['number', 'updated_at']).orderBy('number').execute(), stamp);
  });

  it('a record replaces its row: a visa cancelled, a crossing at the same instant written in another time zone', async () => {
    const file = writeJsonl([
      {
        kind: 'work_visa', number: '4012345679', sponsorUnifiedNumber: ESTABLISHMENT, occupationAr: 'مهندس مدني', occupationEn: 'Civil engineer',
        nationality: 'EGY', status: 'cancelled', issuedOn: '2026-10-15', expiresOn: '2027-10-14',
      },
      {
        kind: 'border_crossing', nationalId: HOUSEMAID, direction: 'exit', crossedAt: '2025-06-04T23:10:00Z', portAr: 'جسر الملك فهد',
        portEn: 'King Fahd Causeway', passportNumber: 'P4521786A', visaKind: 'exit_reentry', visaNumber: '8123456701',
      },
    ]);
    const result = await importRegistryFile({ db, file });
    assert.deepEqual(result.invalid, []);
    const visa = await db.selectFrom('work_visas').select('status').where('number', '=', '4012345679').executeTakeFirstOrThrow();
    assert.equal(visa.status, 'cancelled');
    const crossings = await listBorderCrossings(db, await idOf(HOUSEMAID));
    assert.equal(crossings.length, 2);
    assert.equal(crossings[1]!.port_en, 'King Fahd Causeway');
  });
});

describe(`registry import: refused records the inquiries read (${engineUnderTest})`, async () => {
  const { db } = await freshDatabase();

  it('names the field and what is wrong for each new kind, and in document details', async () => {
    const sponsor = aCitizen();
    const worker = aResident();
    const company = anEstablishment(sponsor);
    const car = aVehicle(sponsor);
    const visa = {
      kind: 'work_visa', number: 'WV-1', sponsorNationalId: sponsor.nationalId, occupationAr: 'عامل', occupationEn: 'Labourer', nationality: 'BGD',
      status: 'issued', issuedOn: '2026-01-01', expiresOn: '2026-12-31',
    };
    const crossing = {
      kind: 'border_crossing', nationalId: worker.nationalId, direction: 'entry', crossedAt: '2026-01-02T10:00:00+03:00', portAr: 'مطار الملك خالد الدولي',
      portEn: 'King Khalid International Airport', passportNumber: 'BG123',
    };
    const file = writeJsonl([
      sponsor, // 1
      worker, // 2
      company, // 3
      car, // 4
      { ...visa, status: 'used', workerNationalId: aResident().nationalId, usedOn: '2026-01-05' }, // 5: names no registered person
      { ...visa, number: 'WV-4', status: 'used' }, // 6
      { ...visa, number: 'WV-2', sponsorUnifiedNumber: company.unifiedNumber }, // 7
      { ...visa, number: 'WV-3', expiresOn: '2025-01-01' }, // 8
      {
        kind: 'recruitment_request', number: 'RR-1', sponsorNationalId: sponsor.nationalId, officeAr: 'مكتب', officeEn: 'Office', nationality: 'BGD',
        occupationAr: 'عامل', occupationEn: 'Labourer', status: 'submitted', submittedOn: '2026-01-01', workVisaNumber: 'WV-9',
      }, // 9
      {
        kind: 'recruitment_request', number: 'RR-2', sponsorNationalId: sponsor.nationalId, officeAr: 'مكتب', officeEn: 'Office', nationality: 'BGD',
        occupationAr: 'عامل', occupationEn: 'Labourer', status: 'submitted', submittedOn: '2026-01-01', workVisaNumber: 'WV-1',
      }, // 10
      crossing, // 11
      { ...crossing, crossedAt: '2026-01-02T07:00:00Z' }, // 12: the same instant
      { ...crossing, crossedAt: '2026-01-03T10:00:00+03:00', visaNumber: 'WV-1' }, // 13
      { kind: 'biometrics', nationalId: worker.nationalId, status: 'registered', placeAr: 'الرياض' }, // 14
      { kind: 'health_insurance', nationalId: worker.nationalId, insurerAr: 'بوبا', insurerEn: 'Bupa', policyNumber: 'P1', class: 'C', startsOn: '2026-02-01', endsOn: '2026-01-01' }, // 15
      {
        kind: 'employment', nationalId: worker.nationalId, employerNationalId: sponsor.nationalId, occupationAr: 'عامل', occupationEn: 'Labourer',
        startedOn: '2025-01-01', contractStatus: 'ended', monthlyWage: 150_000,
      }, // 16
      { kind: 'hajj_performance', nationalId: sponsor.nationalId, hijriYear: 1490 }, // 17
      {
        kind: 'hajj_permit', number: 'HP-1', nationalId: sponsor.nationalId, seasonHijriYear: 1448, campaignAr: 'حملة', campaignEn: 'Campaign',
        status: 'booked', issuedOn: '2026-01-01',
      }, // 18
      { kind: 'document', nationalId: worker.nationalId, documentKind: 'exit_reentry_visa', number: 'ERV-1', issueDate: '2026-01-01', expiryDate: '2026-03-31', status: 'valid' }, // 19
      {
        kind: 'document', nationalId: worker.nationalId, documentKind: 'exit_reentry_visa', number: 'ERV-2', issueDate: '2026-01-01', expiryDate: '2026-03-31',
        status: 'valid', details: { visaType: 'double', visaStatus: 'used' },
      }, // 20
      { kind: 'document', nationalId: sponsor.nationalId, documentKind: 'driving_licence', number: 'DL-1', issueDate: '2026-01-01', expiryDate: '2036-01-01', status: 'valid', details: { class: 'lorry' } }, // 21
      { ...aVehicle(sponsor), insurerAr: 'التعاونية', insuranceCoverage: 'comprehensive' }, // 22
    ]);
    const summary = await importRegistryFile({ db, file });
    assert.equal(summary.committed, false);
    assert.equal(reasonFor(summary, 5), 'workerNationalId: no person with this identity number in the registry or in this file');
    assert.equal(reasonFor(summary, 6), 'workerNationalId: required when status is used: the worker who entered on it; usedOn: required when status is used');
    assert.equal(reasonFor(summary, 7), 'sponsorNationalId: give exactly one sponsor: sponsorNationalId (a person) or sponsorUnifiedNumber (an establishment)');
    assert.equal(reasonFor(summary, 8), 'expiresOn: must not be before issuedOn');
    assert.equal(reasonFor(summary, 9), 'workVisaNumber: no work visa with this number in the registry or in this file');
    assert.equal(reasonFor(summary, 10), 'workVisaNumber: the work visa on line 5 is refused');
    assert.equal(reasonFor(summary, 12), 'duplicate of line 11: the same border crossing (nationalId and crossedAt) appears twice in the file');
    assert.equal(reasonFor(summary, 13), 'visaKind: required with visaNumber');
    assert.equal(reasonFor(summary, 14), 'fingerprintsOn: required when status is registered; faceOn: required when status is registered; placeEn: give the place in both languages');
    assert.equal(reasonFor(summary, 15), 'endsOn: must not be before startsOn');
    assert.equal(reasonFor(summary, 16), 'endedOn: required when contractStatus is ended');
    assert.equal(reasonFor(summary, 17), 'hijriYear: must not be after the current Hijri year');
    assert.equal(reasonFor(summary, 18), 'status: expected one of issued, used, cancelled');
    assert.equal(reasonFor(summary, 19), 'details: required for an exit_reentry_visa (visaType, durationDays, visaStatus)');
    assert.equal(reasonFor(summary, 20), 'missing field details.durationDays; details.visaType: expected one of single, multiple');
    assert.equal(reasonFor(summary, 21), 'details.class: expected one of private, public, heavy_transport, motorcycle, public_works_equipment, temporary');
    assert.equal(reasonFor(summary, 22), 'insurancePolicy: insurerAr, insurerEn and insuranceCoverage need insurancePolicy; insurerEn: give the insurer in both languages');
    assert.deepEqual(
      summary.invalid.map((i) => i.line),
      [5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22],
      'the valid records (persons, the establishment, the car, a crossing) are not refused',
    );
    assert.equal(await count(db, 'work_visas'), 0);
  });
});
