import type { ParsedRecord } from './import-read.js';
import { GUARDED_KINDS, keptDecisionFor, recordKey, storedRecordsByKey, type Db, type GuardedKind, type StoredRecord } from './repository/index.js';

/**
 * The import's guard over the platform's changes (ADR 0013). A row the platform changed last
 * (`source = 'platform'`) is not replaced by an import line unless
 *  - the line says the same in every compared field (nothing to apply: the row is left as the
 *    platform wrote it, with its notes in `details`), or
 *  - the line carries `sourceUpdatedAt` later than the platform's change: the source decided
 *    after us, and the source is the system of record; the line applies and is reported.
 * Otherwise the line is a conflict: not applied, reported by line, kept for an operator (unless
 * an operator already kept the platform's value against this very record).
 */

type Field = { name: string; type: 'value' | 'instant' | 'list' | 'parties'; default?: unknown };
const v = (name: string, defaultValue: unknown = null): Field => ({ name, type: 'value', default: defaultValue });
const t = (name: string): Field => ({ name, type: 'instant' });

/** The fields compared per kind: every field the import would write, except `details` (the platform notes its changes there). */
const COMPARED: Record<GuardedKind, Field[]> = {
  document: [v('nationalId'), v('issueDate'), v('expiryDate'), v('status'), v('issuingCountry'), v('vehicleSequenceNumber')],
  sponsorship: [
    v('sponsorNationalId'),
    v('sponsorUnifiedNumber'),
    v('occupationAr'),
    v('occupationEn'),
    v('domesticWorker'),
    v('absenceReportedOn'),
    v('obligationsSettled', true),
    v('pastTransfers', 0),
    v('startedOn'),
  ],
  violation: [v('violatorNationalId'), v('vehicleSequenceNumber'), v('typeCode'), t('committedAt'), v('city'), v('amount'), v('status'), t('settledAt')],
  traffic_case: [v('caseKind'), t('occurredAt'), v('city'), v('descriptionAr'), v('descriptionEn'), v('status'), v('bailAllowed', true), t('closedAt'), { name: 'parties', type: 'parties' }],
  suspension: [v('nationalId'), v('authority'), v('legalBasis'), v('reasonAr'), v('reasonEn'), { name: 'blockedServices', type: 'list' }, v('liftedBy'), v('phase', 1), t('startsAt'), t('liftedAt'), v('liftNote')],
};

function normalised(field: Field, value: unknown): string {
  const given = value ?? field.default ?? null;
  if (given === null) return 'null';
  switch (field.type) {
    case 'instant':
      return String(new Date(String(given)).getTime());
    case 'list':
      return JSON.stringify([...(given as string[])].sort());
    case 'parties':
      return JSON.stringify(
        (given as Array<{ nationalId: string; role: string; inCustody?: boolean }>).map((p) => [p.nationalId, p.role, p.inCustody ?? false]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
    default:
      return JSON.stringify(given);
  }
}

/** The compared fields whose values differ, with both values as stored and as in the file. */
export function differences(kind: GuardedKind, stored: Record<string, unknown>, incoming: Record<string, unknown>): Array<{ field: string; platform: unknown; file: unknown }> {
  return COMPARED[kind]
    .filter((f) => normalised(f, stored[f.name]) !== normalised(f, incoming[f.name]))
    .map((f) => ({ field: f.name, platform: stored[f.name] ?? f.default ?? null, file: incoming[f.name] ?? f.default ?? null }));
}

export interface GuardedLine {
  line: number;
  kind: GuardedKind;
  key: string;
  record: Record<string, unknown>;
  stored: StoredRecord & { platformChangedAt: Date };
  differences: Array<{ field: string; platform: unknown; file: unknown }>;
}

export interface GuardResult {
  /** The records to check and write as before. */
  records: ParsedRecord[];
  /** Lines that would undo a newer platform change: not applied. `keptBy` names an operator's earlier decision. */
  conflicts: Array<GuardedLine & { keptBy?: number }>;
  /** Lines newer (by the source's own time) than the platform's change: applied over it. */
  overriding: GuardedLine[];
  /** Lines that say what the platform already wrote: nothing to apply. */
  agreeing: number;
}

export async function guardPlatformChanges(db: Db, records: readonly ParsedRecord[]): Promise<GuardResult> {
  const guarded = new Set<string>(GUARDED_KINDS);
  const byKind = new Map<GuardedKind, ParsedRecord[]>();
  for (const item of records) {
    if (guarded.has(item.record.kind)) byKind.set(item.record.kind as GuardedKind, [...(byKind.get(item.record.kind as GuardedKind) ?? []), item]);
  }
  const held = new Set<ParsedRecord>();
  const result: GuardResult = { records: [], conflicts: [], overriding: [], agreeing: 0 };
  for (const [kind, items] of byKind) {
    const stored = await storedRecordsByKey(db, kind, items.map((i) => recordKey(kind, i.record as Record<string, unknown>)));
    for (const item of items) {
      const record = item.record as Record<string, unknown>;
      const key = recordKey(kind, record);
      const row = stored.get(key);
      if (!row || row.source !== 'platform' || !row.platformChangedAt) continue;
      const line: GuardedLine = { line: item.line, kind, key, record, stored: { ...row, platformChangedAt: row.platformChangedAt }, differences: differences(kind, row.record, record) };
      if (line.differences.length === 0) {
        result.agreeing++;
        held.add(item);
        continue;
      }
      const sourceTime = typeof record.sourceUpdatedAt === 'string' ? Date.parse(record.sourceUpdatedAt) : Number.NaN;
      if (sourceTime > row.platformChangedAt.getTime()) {
        result.overriding.push(line);
        continue;
      }
      held.add(item);
      const keptBy = await keptDecisionFor(db, { kind, recordKey: key, record, version: row.version });
      result.conflicts.push(keptBy === undefined ? line : { ...line, keptBy });
    }
  }
  result.records = records.filter((r) => !held.has(r));
  result.conflicts.sort((a, b) => a.line - b.line);
  return result;
}
