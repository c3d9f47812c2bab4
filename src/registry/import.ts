import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import { checkRecords } from './import-check.js';
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
    const checked = await checkRecords(trx, read.records);
    const invalid = [...read.invalid, ...checked.invalid].sort((a, b) => a.line - b.line);
    if (invalid.length > 0 && !skipInvalid) return { imported: noneImported(), invalid, committed: false };
    const imported = await writeRecords(trx, {
      accepted: checked.accepted,
      stored: checked.stored,
      onKind: (kind, records) => onProgress?.({ phase: 'writing', kind, records }),
    });
    return { imported, invalid, committed: true };
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
