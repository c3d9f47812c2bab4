import { sql } from 'kysely';
import type { ImportConflictStatus, RowSource } from '../../db/tables.js';
import { chunks, LOOKUP_KEYS, type Db } from './db.js';

/**
 * Provenance of the registry rows the platform changes (ADR 0013): the stored rows of the kinds
 * it changes, read back as import records (natural keys, the file's field names) so the import
 * can compare a line with what is stored; and the conflicts kept for an operator.
 */

/** The record kinds whose rows the platform changes. */
export const GUARDED_KINDS = ['document', 'sponsorship', 'violation', 'traffic_case', 'suspension'] as const;
export type GuardedKind = (typeof GUARDED_KINDS)[number];

export interface StoredRecord {
  source: RowSource;
  version: number;
  platformChangedAt: Date | null;
  /** The stored row in the shape of an import record of its kind. */
  record: Record<string, unknown>;
}

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** The natural key of a record of a guarded kind, as shown to operators and stored with a conflict. */
export function recordKey(kind: GuardedKind, record: Record<string, unknown>): string {
  switch (kind) {
    case 'document':
      return `${String(record.documentKind)} ${String(record.number)}`;
    case 'sponsorship':
      return String(record.workerNationalId);
    case 'suspension':
      return String(record.reference);
    default:
      return String(record.number);
  }
}

/**
 * The stored rows for these natural keys (sponsorships: the worker's current one), locked until
 * the caller's transaction ends, so no platform change slips in between the comparison and the write.
 */
export async function storedRecordsByKey(db: Db, kind: GuardedKind, keys: readonly string[]): Promise<Map<string, StoredRecord>> {
  const found = new Map<string, StoredRecord>();
  for (const batch of chunks(keys, LOOKUP_KEYS)) {
    for (const stored of await loadBatch(db, kind, batch)) found.set(recordKey(kind, stored.record), stored);
  }
  return found;
}

async function loadBatch(db: Db, kind: GuardedKind, keys: string[]): Promise<StoredRecord[]> {
  const prov = (r: { source: RowSource; version: number; platform_changed_at: Date | null }) => ({ source: r.source, version: r.version, platformChangedAt: r.platform_changed_at });
  switch (kind) {
    case 'document': {
      const wanted = new Set(keys);
      const rows = await db
        .selectFrom('documents')
        .innerJoin('persons', 'persons.id', 'documents.person_id')
        .leftJoin('vehicles', 'vehicles.id', 'documents.vehicle_id')
        .select(['documents.kind', 'documents.number', 'documents.issue_date', 'documents.expiry_date', 'documents.status', 'documents.issuing_country', 'documents.source', 'documents.version', 'documents.platform_changed_at'])
        .select(['persons.national_id', 'vehicles.sequence_number'])
        .where('documents.number', 'in', keys.map((k) => k.slice(k.indexOf(' ') + 1)))
        .forUpdate('documents')
        .execute();
      return rows
        .filter((r) => wanted.has(`${r.kind} ${r.number}`))
        .map((r) => ({
          ...prov(r),
          record: { nationalId: r.national_id, documentKind: r.kind, number: r.number, issueDate: r.issue_date, expiryDate: r.expiry_date, status: r.status, issuingCountry: r.issuing_country, vehicleSequenceNumber: r.sequence_number },
        }));
    }
    case 'sponsorship': {
      const rows = await db
        .selectFrom('sponsorships')
        .innerJoin('persons as worker', 'worker.id', 'sponsorships.worker_id')
        .leftJoin('persons as sponsor', 'sponsor.id', 'sponsorships.sponsor_person_id')
        .leftJoin('establishments', 'establishments.id', 'sponsorships.sponsor_establishment_id')
        .selectAll('sponsorships')
        .select(['worker.national_id as worker_national_id', 'sponsor.national_id as sponsor_national_id', 'establishments.unified_number'])
        .where('worker.national_id', 'in', keys)
        .where('sponsorships.ended_on', 'is', null)
        .forUpdate('sponsorships')
        .execute();
      return rows.map((r) => ({
        ...prov(r),
        record: {
          workerNationalId: r.worker_national_id,
          sponsorNationalId: r.sponsor_national_id,
          sponsorUnifiedNumber: r.unified_number,
          occupationAr: r.occupation_ar,
          occupationEn: r.occupation_en,
          domesticWorker: r.domestic_worker,
          absenceReportedOn: r.absence_reported_on,
          obligationsSettled: r.obligations_settled,
          pastTransfers: r.past_transfers,
          startedOn: r.started_on,
        },
      }));
    }
    case 'violation': {
      const rows = await db
        .selectFrom('traffic_violations')
        .innerJoin('persons', 'persons.id', 'traffic_violations.violator_id')
        .leftJoin('vehicles', 'vehicles.id', 'traffic_violations.vehicle_id')
        .selectAll('traffic_violations')
        .select(['persons.national_id', 'vehicles.sequence_number'])
        .where('traffic_violations.number', 'in', keys)
        .forUpdate('traffic_violations')
        .execute();
      return rows.map((r) => ({
        ...prov(r),
        record: { number: r.number, violatorNationalId: r.national_id, vehicleSequenceNumber: r.sequence_number, typeCode: r.type_code, committedAt: iso(r.committed_at), city: r.city, amount: r.amount, status: r.status, settledAt: iso(r.settled_at) },
      }));
    }
    case 'traffic_case': {
      const cases = await db.selectFrom('traffic_cases').selectAll().where('number', 'in', keys).forUpdate().execute();
      if (cases.length === 0) return [];
      const parties = await db
        .selectFrom('traffic_case_parties')
        .innerJoin('persons', 'persons.id', 'traffic_case_parties.person_id')
        .select(['traffic_case_parties.case_id', 'traffic_case_parties.role', 'traffic_case_parties.in_custody', 'persons.national_id'])
        .where('traffic_case_parties.case_id', 'in', cases.map((c) => c.id))
        .orderBy('persons.national_id')
        .execute();
      return cases.map((c) => ({
        ...prov(c),
        record: {
          number: c.number,
          caseKind: c.kind,
          occurredAt: iso(c.occurred_at),
          city: c.city,
          descriptionAr: c.description_ar,
          descriptionEn: c.description_en,
          status: c.status,
          bailAllowed: c.bail_allowed,
          closedAt: iso(c.closed_at),
          parties: parties.filter((p) => p.case_id === c.id).map((p) => ({ nationalId: p.national_id, role: p.role, inCustody: p.in_custody })),
        },
      }));
    }
    case 'suspension': {
      const rows = await db
        .selectFrom('service_suspensions')
        .innerJoin('persons', 'persons.id', 'service_suspensions.person_id')
        .selectAll('service_suspensions')
        .select('persons.national_id')
        .where('service_suspensions.reference', 'in', keys)
        .forUpdate('service_suspensions')
        .execute();
      return rows.map((r) => ({
        ...prov(r),
        record: {
          reference: r.reference,
          nationalId: r.national_id,
          authority: r.authority,
          legalBasis: r.legal_basis,
          reasonAr: r.reason_ar,
          reasonEn: r.reason_en,
          blockedServices: r.blocked_services,
          liftedBy: r.lifted_by,
          phase: r.phase,
          startsAt: iso(r.starts_at),
          liftedAt: iso(r.lifted_at),
          liftNote: r.lift_note,
        },
      }));
    }
  }
}

// ---- conflicts ------------------------------------------------------------------------------

export interface NewConflict {
  id: string;
  kind: GuardedKind;
  recordKey: string;
  file: string;
  line: number;
  record: Record<string, unknown>;
  platform: Record<string, unknown>;
  platformVersion: number;
  platformChangedAt: Date;
  sourceUpdatedAt: string | null;
  now: Date;
}

/** Keeps a conflict: a new open one, or the open one of the same row seen again (its line and values refreshed). Returns its number. */
export async function upsertOpenConflict(db: Db, c: NewConflict): Promise<number> {
  const values = {
    id: c.id,
    kind: c.kind,
    record_key: c.recordKey,
    file: c.file,
    line: c.line,
    record: JSON.stringify(c.record),
    platform: JSON.stringify(c.platform),
    platform_version: c.platformVersion,
    platform_changed_at: c.platformChangedAt,
    source_updated_at: c.sourceUpdatedAt,
    created_at: c.now,
    last_seen_at: c.now,
  };
  const row = await db
    .insertInto('registry_import_conflicts')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['kind', 'record_key'])
        // Inline, not a parameter: PostgreSQL must see the partial index's own predicate.
        .where(sql<boolean>`status = 'open'`)
        .doUpdateSet({
          file: values.file,
          line: values.line,
          record: values.record,
          platform: values.platform,
          platform_version: values.platform_version,
          platform_changed_at: values.platform_changed_at,
          source_updated_at: values.source_updated_at,
          last_seen_at: values.last_seen_at,
          seen: sql`registry_import_conflicts.seen + 1`,
        }),
    )
    .returning('number')
    .executeTakeFirstOrThrow();
  return row.number;
}

/**
 * The number of a conflict an operator resolved by keeping the platform's value against this very
 * record, while the row is still at the version they kept: the same stale line again is not a new conflict.
 */
export async function keptDecisionFor(db: Db, options: { kind: GuardedKind; recordKey: string; record: Record<string, unknown>; version: number }): Promise<number | undefined> {
  const row = await db
    .selectFrom('registry_import_conflicts')
    .select('number')
    .where('kind', '=', options.kind)
    .where('record_key', '=', options.recordKey)
    .where('status', '=', 'kept_platform')
    .where('platform_version', '=', options.version)
    .where(sql<boolean>`record = ${JSON.stringify(options.record)}::jsonb`)
    .orderBy('number', 'desc')
    .executeTakeFirst();
  return row?.number;
}

export interface ConflictRow {
  id: string;
  number: number;
  kind: GuardedKind;
  record_key: string;
  file: string;
  line: number;
  record: Record<string, unknown>;
  platform: Record<string, unknown>;
  platform_version: number;
  platform_changed_at: Date;
  source_updated_at: Date | null;
  status: ImportConflictStatus;
  seen: number;
  created_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
}

/** Conflicts, oldest first; the open ones only unless `all`. */
export async function listImportConflicts(db: Db, options: { all?: boolean } = {}): Promise<ConflictRow[]> {
  let query = db.selectFrom('registry_import_conflicts').selectAll().orderBy('number');
  if (!options.all) query = query.where('status', '=', 'open');
  return (await query.execute()) as ConflictRow[];
}

/** One conflict by its number, locked for its resolution. */
export async function lockImportConflict(db: Db, number: number): Promise<ConflictRow | undefined> {
  return (await db.selectFrom('registry_import_conflicts').selectAll().where('number', '=', number).forUpdate().executeTakeFirst()) as ConflictRow | undefined;
}

export async function markConflictResolved(db: Db, options: { id: string; status: Exclude<ImportConflictStatus, 'open'>; now: Date }): Promise<void> {
  await db.updateTable('registry_import_conflicts').set({ status: options.status, resolved_at: options.now }).where('id', '=', options.id).where('status', '=', 'open').execute();
}
