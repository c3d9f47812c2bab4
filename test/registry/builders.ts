import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import type { Terminal } from '../../src/cli/command.js';
import { withCheckDigit } from '../../src/kernel/national-id.js';
import type { RecordOf } from '../../src/registry/index.js';

/**
 * Builders for import records (the JSON of one line). Every builder returns a complete,
 * valid record; tests override what they are about.
 */

let serial = 0;
const nextSerial = () => ++serial + (process.pid % 1000) * 10_000;

/** A fresh valid identity number: 1… citizen, 2… resident. */
export function aNationalId(prefix: '1' | '2' = '1'): string {
  return withCheckDigit(`${prefix}${String(nextSerial()).padStart(8, '0')}`);
}

/** The same number with a wrong last digit. */
export function withWrongCheckDigit(nationalId: string): string {
  return nationalId.slice(0, 9) + String((Number(nationalId[9]) + 1) % 10);
}

export function aCitizen(overrides: Partial<RecordOf<'person'>> = {}): RecordOf<'person'> {
  return {
    kind: 'person',
    nationalId: aNationalId('1'),
    firstNameAr: 'عبدالله',
    fatherNameAr: 'سعد',
    familyNameAr: 'القحطاني',
    firstNameEn: 'Abdullah',
    fatherNameEn: 'Saad',
    familyNameEn: 'Al-Qahtani',
    sex: 'male',
    birthDate: '1980-03-14',
    nationality: 'SAU',
    maritalStatus: 'married',
    mobile: '0551234567',
    ...overrides,
  };
}

export function aResident(overrides: Partial<RecordOf<'person'>> = {}): RecordOf<'person'> {
  return aCitizen({
    nationalId: aNationalId('2'),
    firstNameAr: 'ماريا',
    fatherNameAr: null,
    familyNameAr: 'رييس',
    firstNameEn: 'Maria',
    fatherNameEn: null,
    familyNameEn: 'Reyes',
    sex: 'female',
    birthDate: '1990-05-17',
    nationality: 'PHL',
    maritalStatus: 'single',
    mobile: null,
    ...overrides,
  });
}

export function aChild(overrides: Partial<RecordOf<'person'>> = {}): RecordOf<'person'> {
  return aCitizen({ firstNameAr: 'فيصل', firstNameEn: 'Faisal', birthDate: '2012-06-21', maritalStatus: 'single', mobile: null, ...overrides });
}

export function anEstablishment(owner: { nationalId: string }, overrides: Partial<RecordOf<'establishment'>> = {}): RecordOf<'establishment'> {
  return {
    kind: 'establishment',
    unifiedNumber: `7${String(nextSerial()).padStart(9, '0')}`,
    nameAr: 'مؤسسة القحطاني للمقاولات',
    nameEn: 'Al-Qahtani Contracting',
    ownerNationalId: owner.nationalId,
    city: 'Riyadh',
    ...overrides,
  };
}

export function aDomesticWorkerSponsorship(
  worker: { nationalId: string },
  sponsor: { nationalId: string },
  overrides: Partial<RecordOf<'sponsorship'>> = {},
): RecordOf<'sponsorship'> {
  return {
    kind: 'sponsorship',
    workerNationalId: worker.nationalId,
    sponsorNationalId: sponsor.nationalId,
    occupationAr: 'عاملة منزلية',
    occupationEn: 'Housemaid',
    domesticWorker: true,
    startedOn: '2022-09-01',
    ...overrides,
  };
}

export function aVehicle(owner: { nationalId: string }, overrides: Partial<RecordOf<'vehicle'>> = {}): RecordOf<'vehicle'> {
  const n = nextSerial();
  return {
    kind: 'vehicle',
    sequenceNumber: String(100_000_000 + n),
    plateLettersAr: 'ا ب ح',
    plateLettersEn: 'ABJ',
    plateDigits: String(n % 10_000),
    make: 'Toyota',
    model: 'Camry',
    year: 2021,
    colourAr: 'أبيض',
    colourEn: 'White',
    ownerNationalId: owner.nationalId,
    registrationExpiry: '2027-04-30',
    ...overrides,
  };
}

export function aViolation(violator: { nationalId: string }, overrides: Partial<RecordOf<'violation'>> = {}): RecordOf<'violation'> {
  return {
    kind: 'violation',
    number: `V${nextSerial()}`,
    violatorNationalId: violator.nationalId,
    typeCode: 'speeding_20_30',
    committedAt: '2025-01-15T21:40:00+03:00',
    city: 'Riyadh',
    amount: 30_000,
    status: 'unpaid',
    ...overrides,
  };
}

export function aTrafficCase(parties: RecordOf<'traffic_case'>['parties'], overrides: Partial<RecordOf<'traffic_case'>> = {}): RecordOf<'traffic_case'> {
  return {
    kind: 'traffic_case',
    number: `TC${nextSerial()}`,
    caseKind: 'accident',
    occurredAt: '2025-03-02T08:15:00+03:00',
    city: 'Riyadh',
    descriptionAr: 'حادث تصادم عند تقاطع',
    descriptionEn: 'Collision at a junction',
    status: 'open',
    parties,
    ...overrides,
  };
}

export function aSuspension(person: { nationalId: string }, overrides: Partial<RecordOf<'suspension'>> = {}): RecordOf<'suspension'> {
  return {
    kind: 'suspension',
    reference: `SUS${nextSerial()}`,
    nationalId: person.nationalId,
    authority: 'traffic',
    legalBasis: 'Traffic Law: violations unpaid after the deadline',
    reasonAr: 'مخالفات مرورية غير مسددة',
    reasonEn: 'Unpaid traffic violations',
    blockedServices: ['traffic.vehicle-registration.renew'],
    liftedBy: 'pay_violations',
    startsAt: '2025-04-01T00:00:00+03:00',
    ...overrides,
  };
}

/** Write records (or raw lines) as a JSONL file under the system temp directory, removed after the test file. */
export function writeJsonl(lines: ReadonlyArray<object | string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tayseer-import-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'registry.jsonl');
  fs.writeFileSync(file, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return file;
}

export interface RecordingTerminal extends Terminal {
  outLines: string[];
  errLines: string[];
}

export function recordingTerminal(): RecordingTerminal {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l), isTTY: false, progress: () => {} };
}
