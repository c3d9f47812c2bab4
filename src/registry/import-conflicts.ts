import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { checkRecords } from './import-check.js';
import type { RegistryRecord } from './import-schema.js';
import { writeRecords } from './import-write.js';
import { listImportConflicts, lockImportConflict, markConflictResolved, storedRecordsByKey, type ConflictRow } from './repository/index.js';

/**
 * An operator's resolution of an import conflict (ADR 0013): keep the platform's value (the row
 * stays as it is; the same stale record imported again is then skipped without a new conflict), or
 * take the import's (the record is checked and written as any import line, and the row is the
 * import's again). Taking the import is refused when the platform changed the row again since the
 * conflict was kept: the operator would be deciding on values that are no longer there.
 */

export type ConflictChoice = 'platform' | 'import';

export type Resolution = { ok: true; conflict: ConflictRow } | { ok: false; reason: string };

export async function listConflicts(db: Kysely<Database>, options: { all?: boolean } = {}): Promise<ConflictRow[]> {
  return listImportConflicts(db, options);
}

export async function resolveConflict(options: { db: Kysely<Database>; number: number; keep: ConflictChoice; now: Date }): Promise<Resolution> {
  return options.db.transaction().execute(async (trx: Transaction<Database>) => {
    const conflict = await lockImportConflict(trx, options.number);
    if (!conflict) return { ok: false, reason: `There is no conflict ${options.number}.` };
    if (conflict.status !== 'open') return { ok: false, reason: `Conflict ${options.number} was resolved already (${conflict.status.replace('_', ' ')}).` };
    if (options.keep === 'platform') {
      await markConflictResolved(trx, { id: conflict.id, status: 'kept_platform', now: options.now });
      return { ok: true, conflict: { ...conflict, status: 'kept_platform', resolved_at: options.now } };
    }
    const stored = (await storedRecordsByKey(trx, conflict.kind, [conflict.record_key])).get(conflict.record_key);
    if (stored && stored.version !== conflict.platform_version) {
      return { ok: false, reason: `The row changed since conflict ${options.number} was kept (version ${conflict.platform_version}, now ${stored.version}); import the line again to see it as it is now.` };
    }
    const checked = await checkRecords(trx, [{ line: conflict.line, record: conflict.record as unknown as RegistryRecord }]);
    if (checked.invalid.length > 0) {
      return { ok: false, reason: `The import's record cannot be applied: ${checked.invalid.map((i) => i.reason).join('; ')}. Keep the platform's value, or correct the record at the source.` };
    }
    await writeRecords(trx, { accepted: checked.accepted, stored: checked.stored });
    await markConflictResolved(trx, { id: conflict.id, status: 'took_import', now: options.now });
    return { ok: true, conflict: { ...conflict, status: 'took_import', resolved_at: options.now } };
  });
}
