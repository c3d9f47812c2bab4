import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import { checkRecords } from './import-check.js';
import { guardPlatformChanges, type GuardedLine } from './import-guard.js';
import { upsertOpenConflict } from './repository/index.js';
import { uuidv7 } from '../kernel/uuid.js';
import { readRegistryFile, type InvalidLine } from './import-read.js';
import { RECORD_KINDS, type RecordKind } from './import-schema.js';
import { writeRecords } from './import-write.js';

export type { InvalidLine } from './import-read.js';
export { RECORD_KINDS, type RecordKind } from './import-schema.js';

export type ImportProgress =
  | { phase: 'reading'; lines: number }
  | { phase: 'checking'; records: number }
  | { phase: 'writing'; kind: RecordKind; records: number };

export interface ImportOptions {
  /** A database handle (the import runs in its own transaction) or the caller's open transaction. */
  db: Kysely<Database>;
  /** Path of a JSONL file: one record a line (docs/registry-import.md). */
  file: string;
  /** Import the valid records even when some lines are refused. Default: all or nothing. */
  skipInvalid?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** "Now" for the rules that look at it (no birth date in the future). */
  clock?: Clock;
}

export interface ImportSummary {
  /** Lines in the file, blank ones included. */
  lines: number;
  /** Records written, by kind: inserted, updated or already as given. */
  imported: Record<RecordKind, number>;
  /** Every refused line, in line order. */
  invalid: InvalidLine[];
  /** True when the valid records were written; false when a refused line stopped the import. */
  committed: boolean;
  /**
   * Lines not applied because they would undo a newer change the platform made (ADR 0013), in
   * line order. Each is kept as an open conflict (`conflict` is its number) unless an operator
   * already kept the platform's value against this same record (`keptBy`).
   */
  conflicts: Array<GuardedLine & { conflict?: number; keptBy?: number }>;
  /** Lines applied over a platform change because the source's own time (`sourceUpdatedAt`) is later. */
  overriding: GuardedLine[];
  /** Lines that say what the platform already wrote: left as they are. */
  agreeing: number;
}

/**
 * Import a registry file: validate every line, check references and natural keys against
 * the file and the registry, then write everything in one transaction.
 *
 * Without `skipInvalid`, one refused line means nothing is written (every refused line is
 * still reported). With it, the valid records are written and the refused ones listed.
 * Importing the same record again updates it in place (natural keys, never duplicates).
 */
export async function importRegistryFile(options: ImportOptions): Promise<ImportSummary> {
  const { db, file, skipInvalid = false, onProgress } = options;
  const now = (options.clock ?? systemClock).now();

  const read = await readRegistryFile({ file, now, onLines: (lines) => onProgress?.({ phase: 'reading', lines }) });
  onProgress?.({ phase: 'checking', records: read.records.length });

  const run = async (trx: Transaction<Database> | Kysely<Database>) => {
    // The platform's changes first: a line that would undo one is held back before the checks
    // (a stale sponsorship would otherwise be refused as "starting before the current one").
    const guard = await guardPlatformChanges(trx, read.records);
    const checked = await checkRecords(trx, guard.records);
    const invalid = [...read.invalid, ...checked.invalid].sort((a, b) => a.line - b.line);
    const conflicts: ImportSummary['conflicts'] = guard.conflicts;
    const outcome = { conflicts, overriding: guard.overriding, agreeing: guard.agreeing };
    if (invalid.length > 0 && !skipInvalid) return { imported: noneImported(), invalid, committed: false, ...outcome };
    const imported = await writeRecords(trx, {
      accepted: checked.accepted,
      stored: checked.stored,
      onKind: (kind, records) => onProgress?.({ phase: 'writing', kind, records }),
    });
    // Conflicts are kept only with an import that commits: a refused file changes nothing.
    for (const c of conflicts) {
      if (c.keptBy !== undefined) continue;
      c.conflict = await upsertOpenConflict(trx, {
        id: uuidv7(),
        kind: c.kind,
        recordKey: c.key,
        file,
        line: c.line,
        record: c.record,
        platform: c.stored.record,
        platformVersion: c.stored.version,
        platformChangedAt: c.stored.platformChangedAt,
        sourceUpdatedAt: typeof c.record.sourceUpdatedAt === 'string' ? c.record.sourceUpdatedAt : null,
        now,
      });
    }
    return { imported, invalid, committed: true, ...outcome };
  };

  // A caller's transaction is theirs to commit; otherwise the import is its own transaction.
  const result = db.isTransaction ? await run(db) : await db.transaction().execute(run);
  return { lines: read.lines, ...result };
}

function noneImported(): Record<RecordKind, number> {
  return Object.fromEntries(RECORD_KINDS.map((kind) => [kind, 0])) as Record<RecordKind, number>;
}

/** Total records written. */
export function importedCount(summary: Pick<ImportSummary, 'imported'>): number {
  return Object.values(summary.imported).reduce((a, b) => a + b, 0);
}
