import { RECORD_KINDS, type RecordKind, type RecordOf, type RegistryRecord } from './import-schema.js';
import type { InvalidLine, ParsedRecord } from './import-read.js';
import {
  currentSponsorshipsByWorkerNationalId,
  establishmentIdsByUnifiedNumber,
  listViolationTypes,
  personIdsByNationalId,
  plateKey,
  sequenceNumbersByPlate,
  vehicleIdsBySequenceNumber,
  workVisaIdsByNumber,
  type Db,
} from './repository/index.js';

/**
 * The checks that need the whole file or the database: one record per natural key,
 * references to persons, establishments and vehicles that exist (in the registry, or as a
 * valid record anywhere in the file), and rules against what is stored (violation types,
 * plates held by other vehicles, sponsorship dates). A record whose reference is refused is
 * refused too, so nothing is written that would point at nothing.
 */

export type Grouped = { [K in RecordKind]: Array<{ line: number; record: RecordOf<K> }> };

/** Internal ids of the referenced persons, establishments, vehicles and work visas already in the registry, by natural key. */
export interface StoredIds {
  person: Map<string, string>;
  establishment: Map<string, string>;
  vehicle: Map<string, string>;
  work_visa: Map<string, string>;
}

export interface CheckResult {
  accepted: Grouped;
  invalid: InvalidLine[];
  stored: StoredIds;
}

type Target = keyof StoredIds;
interface Reference {
  field: string;
  target: Target;
  key: string;
}

const TARGET_NAMES: Record<Target, string> = {
  person: 'person with this identity number',
  establishment: 'establishment with this unified number',
  vehicle: 'vehicle with this sequence number',
  work_visa: 'work visa with this number',
};

export async function checkRecords(db: Db, records: readonly ParsedRecord[]): Promise<CheckResult> {
  const invalid: InvalidLine[] = [];
  const unique = withoutDuplicates(records, invalid);
  const grouped = groupByKind(unique);

  const referenced = { person: new Set<string>(), establishment: new Set<string>(), vehicle: new Set<string>(), work_visa: new Set<string>() };
  for (const { record } of unique) for (const ref of referencesOf(record)) referenced[ref.target].add(ref.key);
  const stored: StoredIds = {
    person: await personIdsByNationalId(db, [...referenced.person]),
    establishment: await establishmentIdsByUnifiedNumber(db, [...referenced.establishment]),
    vehicle: await vehicleIdsBySequenceNumber(db, [...referenced.vehicle]),
    work_visa: await workVisaIdsByNumber(db, [...referenced.work_visa]),
  };

  // Natural key -> line, for the valid records of the file that others may point at.
  const inFile: Record<Target, Map<string, number>> = {
    person: new Map(grouped.person.map((p) => [p.record.nationalId, p.line])),
    establishment: new Map(grouped.establishment.map((e) => [e.record.unifiedNumber, e.line])),
    vehicle: new Map(grouped.vehicle.map((v) => [v.record.sequenceNumber, v.line])),
    work_visa: new Map(grouped.work_visa.map((v) => [v.record.number, v.line])),
  };
  const refusedAt: Record<Target, Map<string, number>> = { person: new Map(), establishment: new Map(), vehicle: new Map(), work_visa: new Map() };

  const rules = await storedRules(db, grouped);
  const accepted = emptyGroups();
  // Kinds in dependency order: an establishment refused here is already known as refused
  // when the vehicles and sponsorships that name it are checked.
  for (const kind of RECORD_KINDS) {
    for (const item of grouped[kind] as Array<{ line: number; record: RegistryRecord }>) {
      const problems: string[] = [];
      for (const ref of referencesOf(item.record)) {
        if (inFile[ref.target].has(ref.key) || stored[ref.target].has(ref.key)) continue;
        const refused = refusedAt[ref.target].get(ref.key);
        problems.push(
          refused !== undefined
            ? `${ref.field}: the ${ref.target.replace('_', ' ')} on line ${refused} is refused`
            : `${ref.field}: no ${TARGET_NAMES[ref.target]} in the registry or in this file`,
        );
      }
      problems.push(...rules(item.record));
      if (problems.length === 0) {
        (accepted[kind] as Array<{ line: number; record: RegistryRecord }>).push(item);
        continue;
      }
      invalid.push({ line: item.line, reason: problems.join('; ') });
      const defined = definedKey(item.record);
      if (defined) {
        inFile[defined.target].delete(defined.key);
        refusedAt[defined.target].set(defined.key, item.line);
      }
    }
  }
  return { accepted, invalid, stored };
}

/** Rules that compare records with what the registry holds; loaded once for the whole file. */
async function storedRules(db: Db, grouped: Grouped): Promise<(record: RegistryRecord) => string[]> {
  const types = new Map((await listViolationTypes(db)).map((t) => [t.code, t]));

  const plates = grouped.vehicle.map(({ record: v }) => ({ letters: v.plateLettersEn, digits: v.plateDigits }));
  const plateHolders = await sequenceNumbersByPlate(db, plates);

  const current = await currentSponsorshipsByWorkerNationalId(
    db,
    grouped.sponsorship.map((s) => s.record.workerNationalId),
  );

  return (record) => {
    switch (record.kind) {
      case 'violation': {
        const type = types.get(record.typeCode);
        if (!type) return [`typeCode: unknown violation type; expected one of ${[...types.keys()].join(', ')}`];
        if (record.amount < type.min_amount || record.amount > type.max_amount) {
          return [`amount: must be between ${type.min_amount} and ${type.max_amount} halalas for ${record.typeCode}`];
        }
        return [];
      }
      case 'vehicle': {
        // Refused even when this file moves the other vehicle to a new plate: PostgreSQL checks
        // the unique plate row by row, so within one import the order would decide. Re-plate
        // the other vehicle in an earlier import.
        const holder = plateHolders.get(plateKey(record.plateLettersEn, record.plateDigits));
        if (!holder || holder === record.sequenceNumber) return [];
        return [`plateDigits: this plate is registered to another vehicle (sequence number ${holder})`];
      }
      case 'sponsorship': {
        const now = current.get(record.workerNationalId);
        if (!now) return [];
        const sameSponsor = record.sponsorNationalId
          ? now.sponsor_national_id === record.sponsorNationalId
          : now.sponsor_unified_number === record.sponsorUnifiedNumber;
        if (!sameSponsor && record.startedOn < now.started_on) {
          return [`startedOn: before the worker's current sponsorship began (${now.started_on}); a new sponsor cannot start earlier`];
        }
        return [];
      }
      default:
        return [];
    }
  };
}

/** The first record of each natural key is kept; a repeat anywhere in the file is refused. */
function withoutDuplicates(records: readonly ParsedRecord[], invalid: InvalidLine[]): ParsedRecord[] {
  const firstLine = new Map<string, number>();
  return records.filter(({ line, record }) => {
    for (const { key, what } of naturalKeys(record)) {
      const first = firstLine.get(key);
      if (first !== undefined) {
        invalid.push({ line, reason: `duplicate of line ${first}: the same ${what} appears twice in the file` });
        return false;
      }
    }
    for (const { key } of naturalKeys(record)) firstLine.set(key, line);
    return true;
  });
}

/** What identifies a record (two vehicles may not share a plate either). */
function naturalKeys(r: RegistryRecord): Array<{ key: string; what: string }> {
  const key = (...parts: string[]) => [r.kind, ...parts].join('|');
  switch (r.kind) {
    case 'person':
      return [{ key: key(r.nationalId), what: 'person (nationalId)' }];
    case 'establishment':
      return [{ key: key(r.unifiedNumber), what: 'establishment (unifiedNumber)' }];
    case 'vehicle':
      return [
        { key: key(r.sequenceNumber), what: 'vehicle (sequenceNumber)' },
        { key: key('plate', r.plateLettersEn, r.plateDigits), what: 'plate (plateLettersEn and plateDigits)' },
      ];
    case 'parent_child':
      return [{ key: key(r.parentNationalId, r.childNationalId), what: 'parent and child' }];
    case 'marriage':
      return [{ key: key(r.husbandNationalId, r.wifeNationalId, r.contractedOn), what: 'marriage (husband, wife and contractedOn)' }];
    case 'guardianship':
      return [{ key: key(r.guardianNationalId, r.wardNationalId), what: 'guardian and ward' }];
    case 'document':
      return [{ key: key(r.documentKind, r.number), what: 'document (documentKind and number)' }];
    case 'vehicle_user':
      return [{ key: key(r.sequenceNumber, r.nationalId), what: 'vehicle and user' }];
    case 'violation':
      return [{ key: key(r.number), what: 'violation number' }];
    case 'traffic_case':
      return [{ key: key(r.number), what: 'traffic case number' }];
    case 'suspension':
      return [{ key: key(r.reference), what: 'suspension reference' }];
    case 'sponsorship':
      return [{ key: key(r.workerNationalId), what: 'worker (one current sponsorship per worker)' }];
    case 'work_visa':
      return [{ key: key(r.number), what: 'work visa number' }];
    case 'recruitment_request':
      return [{ key: key(r.number), what: 'recruitment request number' }];
    case 'border_crossing':
      // The same instant however its time zone is written.
      return [{ key: key(r.nationalId, String(Date.parse(r.crossedAt))), what: 'border crossing (nationalId and crossedAt)' }];
    case 'biometrics':
      return [{ key: key(r.nationalId), what: 'person\'s biometrics (nationalId)' }];
    case 'health_insurance':
      return [{ key: key(r.nationalId, r.policyNumber), what: 'health insurance policy (nationalId and policyNumber)' }];
    case 'employment':
      return [{ key: key(r.nationalId, r.startedOn), what: 'employment (nationalId and startedOn)' }];
    case 'hajj_performance':
      return [{ key: key(r.nationalId, String(r.hijriYear)), what: 'Hajj performance (nationalId and hijriYear)' }];
    case 'hajj_permit':
      return [{ key: key(r.number), what: 'Hajj permit number' }];
  }
}

/** The person, establishment or vehicle a record defines, for records that others may reference. */
function definedKey(r: RegistryRecord): { target: Target; key: string } | undefined {
  if (r.kind === 'person') return { target: 'person', key: r.nationalId };
  if (r.kind === 'establishment') return { target: 'establishment', key: r.unifiedNumber };
  if (r.kind === 'vehicle') return { target: 'vehicle', key: r.sequenceNumber };
  if (r.kind === 'work_visa') return { target: 'work_visa', key: r.number };
  return undefined;
}

function referencesOf(r: RegistryRecord): Reference[] {
  const person = (field: string, key: string | null | undefined): Reference[] => (key ? [{ field, target: 'person', key }] : []);
  const establishment = (field: string, key: string | null | undefined): Reference[] => (key ? [{ field, target: 'establishment', key }] : []);
  const vehicle = (field: string, key: string | null | undefined): Reference[] => (key ? [{ field, target: 'vehicle', key }] : []);
  const workVisa = (field: string, key: string | null | undefined): Reference[] => (key ? [{ field, target: 'work_visa', key }] : []);
  switch (r.kind) {
    case 'person':
      return [];
    case 'establishment':
      return person('ownerNationalId', r.ownerNationalId);
    case 'vehicle':
      return [...person('ownerNationalId', r.ownerNationalId), ...establishment('ownerUnifiedNumber', r.ownerUnifiedNumber)];
    case 'parent_child':
      return [...person('parentNationalId', r.parentNationalId), ...person('childNationalId', r.childNationalId)];
    case 'marriage':
      return [...person('husbandNationalId', r.husbandNationalId), ...person('wifeNationalId', r.wifeNationalId)];
    case 'guardianship':
      return [...person('guardianNationalId', r.guardianNationalId), ...person('wardNationalId', r.wardNationalId)];
    case 'document':
      return [...person('nationalId', r.nationalId), ...vehicle('vehicleSequenceNumber', r.vehicleSequenceNumber)];
    case 'vehicle_user':
      return [...vehicle('sequenceNumber', r.sequenceNumber), ...person('nationalId', r.nationalId)];
    case 'violation':
      return [...person('violatorNationalId', r.violatorNationalId), ...vehicle('vehicleSequenceNumber', r.vehicleSequenceNumber)];
    case 'traffic_case':
      return r.parties.flatMap((p, i) => person(`parties[${i}].nationalId`, p.nationalId));
    case 'suspension':
      return person('nationalId', r.nationalId);
    case 'sponsorship':
      return [
        ...person('workerNationalId', r.workerNationalId),
        ...person('sponsorNationalId', r.sponsorNationalId),
        ...establishment('sponsorUnifiedNumber', r.sponsorUnifiedNumber),
      ];
    case 'work_visa':
      return [
        ...person('sponsorNationalId', r.sponsorNationalId),
        ...establishment('sponsorUnifiedNumber', r.sponsorUnifiedNumber),
        ...person('workerNationalId', r.workerNationalId),
      ];
    case 'recruitment_request':
      return [
        ...person('sponsorNationalId', r.sponsorNationalId),
        ...establishment('sponsorUnifiedNumber', r.sponsorUnifiedNumber),
        ...workVisa('workVisaNumber', r.workVisaNumber),
      ];
    case 'employment':
      return [
        ...person('nationalId', r.nationalId),
        ...person('employerNationalId', r.employerNationalId),
        ...establishment('employerUnifiedNumber', r.employerUnifiedNumber),
      ];
    case 'border_crossing':
    case 'biometrics':
    case 'health_insurance':
    case 'hajj_performance':
    case 'hajj_permit':
      return person('nationalId', r.nationalId);
  }
}

function emptyGroups(): Grouped {
  return Object.fromEntries(RECORD_KINDS.map((k) => [k, []])) as unknown as Grouped;
}

function groupByKind(records: readonly ParsedRecord[]): Grouped {
  const groups = emptyGroups();
  for (const item of records) (groups[item.record.kind] as ParsedRecord[]).push(item);
  return groups;
}
