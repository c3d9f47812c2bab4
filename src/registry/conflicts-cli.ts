import type { Kysely } from 'kysely';
import { UsageError, type Command, type Terminal } from '../cli/command.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Database } from '../db/tables.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import { describeDifferences } from './cli.js';
import { differences } from './import-guard.js';
import { listConflicts, resolveConflict, type ConflictChoice } from './import-conflicts.js';

/**
 * `tayseer registry conflicts [list [--all] | resolve N --keep platform|import]`: the import lines
 * held back because they would undo a newer platform change (ADR 0013), and their resolution.
 *
 * Exit codes: 0 done; 1 the resolution was refused; 2 usage.
 */
export const registryConflictsCommand: Command = {
  name: 'registry conflicts',
  summary: 'List the import lines held back because they would undo a platform change, and resolve them (keep the platform\'s value or take the import\'s)',
  usage: 'tayseer registry conflicts [list [--all] | resolve N --keep platform|import]',
  options: { all: { type: 'boolean' }, keep: { type: 'string' } },
  optionHelp: { all: 'list: the resolved conflicts too', keep: 'resolve: platform (the row stays as the platform left it) or import (the line is applied)' },
  allowPositionals: true,
  run: async (ctx) => {
    const parsed = parseConflictsArguments(ctx.positionals, ctx.values);
    const config = ctx.config();
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
    try {
      await migrateToLatest(database.db);
      return await runRegistryConflicts({ db: database.db, ...parsed, terminal: ctx.terminal });
    } finally {
      await database.close();
    }
  },
};

type Parsed = { action: 'list'; all: boolean } | { action: 'resolve'; number: number; keep: ConflictChoice };

function parseConflictsArguments(positionals: readonly string[], values: Record<string, unknown>): Parsed {
  const [action = 'list', ...rest] = positionals;
  if (action === 'list') {
    if (rest.length > 0 || values.keep !== undefined) throw new UsageError('list takes no argument but --all.');
    return { action, all: values.all === true };
  }
  if (action !== 'resolve') throw new UsageError(`Unknown action "${action}": expected list or resolve.`);
  if (rest.length !== 1 || !/^[1-9][0-9]{0,8}$/.test(rest[0]!)) throw new UsageError('resolve expects the number of one conflict, e.g. resolve 3 --keep platform.');
  if (values.keep !== 'platform' && values.keep !== 'import') throw new UsageError('resolve expects --keep platform or --keep import.');
  return { action, number: Number(rest[0]), keep: values.keep };
}

export async function runRegistryConflicts(options: { db: Kysely<Database>; terminal: Terminal; clock?: Clock } & Parsed): Promise<number> {
  const { db, terminal } = options;
  if (options.action === 'resolve') {
    const result = await resolveConflict({ db, number: options.number, keep: options.keep, now: (options.clock ?? systemClock).now() });
    if (!result.ok) {
      terminal.err(result.reason);
      return 1;
    }
    const c = result.conflict;
    terminal.out(
      options.keep === 'platform'
        ? `Conflict ${c.number} resolved: ${c.kind} ${c.record_key} keeps the platform's value; the same record imported again will be skipped.`
        : `Conflict ${c.number} resolved: ${c.kind} ${c.record_key} now holds the import's record (line ${c.line} of ${c.file}).`,
    );
    return 0;
  }
  const conflicts = await listConflicts(db, { all: options.all });
  const open = conflicts.filter((c) => c.status === 'open').length;
  terminal.out(`${open} open conflict(s)${options.all ? `, ${conflicts.length - open} resolved` : ''}.`);
  for (const c of conflicts) {
    const state = c.status === 'open' ? 'open' : `${c.status.replace('_', ' ')} ${c.resolved_at?.toISOString() ?? ''}`.trim();
    terminal.out(
      `${c.number}  ${state}  ${c.kind} ${c.record_key}  line ${c.line} of ${c.file} (seen ${c.seen}x, last ${c.last_seen_at.toISOString()}); platform changed it ${c.platform_changed_at.toISOString()}` +
        `${c.source_updated_at ? `, the source's record is of ${c.source_updated_at.toISOString()}` : ''}: ${describeDifferences(differences(c.kind, c.platform, c.record))}`,
    );
  }
  return 0;
}
