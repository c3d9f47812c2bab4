import fs from 'node:fs';
import type { Kysely } from 'kysely';
import { UsageError, type Command, type Terminal } from '../cli/command.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Database } from '../db/tables.js';
import { importedCount, importRegistryFile, RECORD_KINDS, type ImportProgress, type ImportSummary } from './import.js';

/** Refused lines printed; the rest are counted (the summary still holds them all). */
export const MAX_PRINTED_INVALID = 100;

/**
 * `tayseer registry import FILE.jsonl [--skip-invalid]`
 *
 * Exit codes:
 *   0  imported: no line refused, or with --skip-invalid the valid records were written
 *   1  a line was refused and nothing was written (or, with --skip-invalid, no line was valid),
 *      or the import failed
 *   2  usage: no file, several files, not a readable file
 *   3  imported, but some lines were not applied: they would undo newer changes the platform
 *      made (ADR 0013); each is listed and kept for an operator (`tayseer registry conflicts`)
 */
export const registryImportCommand: Command = {
  name: 'registry import',
  summary: 'Import persons, families, sponsorships, vehicles, violations... from a JSONL file (docs/registry-import.md)',
  usage: 'tayseer registry import FILE.jsonl [--skip-invalid]',
  options: { 'skip-invalid': { type: 'boolean' } },
  optionHelp: { 'skip-invalid': 'Import the valid lines even if some are refused (they are still listed)' },
  allowPositionals: true,
  run: async (ctx) => {
    const file = importFileArgument(ctx.positionals);
    const config = ctx.config();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize, preparedStatements: config.databasePreparedStatements });
    try {
      await migrateToLatest(database.db);
      return await runRegistryImport({ db: database.db, file, skipInvalid: ctx.values['skip-invalid'] === true, terminal: ctx.terminal });
    } finally {
      await database.close();
    }
  },
};

/** The one file argument, checked before the database is opened. */
function importFileArgument(positionals: readonly string[]): string {
  if (positionals.length === 0) throw new UsageError('Missing the file to import: tayseer registry import FILE.jsonl.');
  if (positionals.length > 1) throw new UsageError(`Expected one file to import, got ${positionals.length}.`);
  const file = positionals[0]!;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`File not found: ${file}.`);
  }
  if (!stat.isFile()) throw new UsageError(`Not a file: ${file}.`);
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw new UsageError(`Cannot read ${file}: permission denied.`);
  }
  return file;
}

/** The import and its report, on an open database (the command opens it; tests pass their own). */
export async function runRegistryImport(options: { db: Kysely<Database>; file: string; skipInvalid: boolean; terminal: Terminal }): Promise<number> {
  const { file, skipInvalid, terminal } = options;
  let summary: ImportSummary;
  try {
    summary = await importRegistryFile({ db: options.db, file, skipInvalid, onProgress: (p) => terminal.progress(progressLine(p)) });
  } catch (error) {
    endProgress(terminal);
    terminal.err(`Import of ${file} failed, nothing was written: ${(error as Error).message}`);
    return 1;
  }
  endProgress(terminal);

  for (const { line, reason } of summary.invalid.slice(0, MAX_PRINTED_INVALID)) terminal.err(`line ${line}: ${reason}`);
  const unprinted = summary.invalid.length - MAX_PRINTED_INVALID;
  if (unprinted > 0) terminal.err(`... and ${unprinted} more refused line${unprinted === 1 ? '' : 's'}.`);

  const refused = summary.invalid.length;
  const written = importedCount(summary);
  if (!summary.committed) {
    terminal.err(`Nothing imported from ${file}: ${plural(refused, 'line')} refused. Fix them, or use --skip-invalid to import the valid lines.`);
    return 1;
  }
  if (refused > 0 && written === 0) {
    terminal.err(`Nothing imported from ${file}: every record was refused.`);
    return 1;
  }
  const byKind = RECORD_KINDS.filter((k) => summary.imported[k] > 0)
    .map((k) => `${k} ${summary.imported[k]}`)
    .join(', ');
  const line = `Imported ${plural(written, 'record')} from ${file}${byKind ? ` (${byKind})` : ''}`;
  terminal.out(refused > 0 ? `${line}; ${plural(refused, 'line')} refused and skipped.` : `${line}.`);
  for (const o of summary.overriding) {
    terminal.out(`line ${o.line}: ${o.kind} ${o.key}: applied over the platform's change of ${o.stored.platformChangedAt.toISOString()}, the source's record being newer (${String(o.record.sourceUpdatedAt)}): ${describeDifferences(o.differences)}.`);
  }
  if (summary.agreeing > 0) terminal.out(`${plural(summary.agreeing, 'line')} already as the platform changed ${summary.agreeing === 1 ? 'it' : 'them'}: left as they are.`);
  for (const c of summary.conflicts) {
    const what = `line ${c.line}: ${c.kind} ${c.key}: not applied, it would undo the platform's change of ${c.stored.platformChangedAt.toISOString()} (${describeDifferences(c.differences)})`;
    terminal.err(c.keptBy !== undefined ? `${what}; the platform's value was kept for this record (conflict ${c.keptBy}).` : `${what}; kept as conflict ${c.conflict}.`);
  }
  const open = summary.conflicts.filter((c) => c.keptBy === undefined).length;
  if (open > 0) {
    terminal.err(`${plural(open, 'line')} not applied: see \`tayseer registry conflicts list\`, then resolve each with \`tayseer registry conflicts resolve N --keep platform|import\`.`);
    return 3;
  }
  return 0;
}

/** "status: platform lost, file valid; expiryDate: ..." */
export function describeDifferences(differences: ReadonlyArray<{ field: string; platform: unknown; file: unknown }>): string {
  return differences.map((d) => `${d.field}: platform ${JSON.stringify(d.platform)}, file ${JSON.stringify(d.file)}`).join('; ');
}

function progressLine(p: ImportProgress): string {
  switch (p.phase) {
    case 'reading':
      return `Reading: ${p.lines} lines`;
    case 'checking':
      return `Checking ${p.records} records`;
    case 'writing':
      return `Writing: ${p.kind} (${p.records})`;
  }
}

function endProgress(terminal: Terminal): void {
  if (terminal.isTTY) terminal.progress('');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
