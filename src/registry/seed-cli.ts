import type { Kysely } from 'kysely';
import { UsageError, type Command, type CommandContext, type Terminal } from '../cli/command.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Database } from '../db/tables.js';
import { systemClock } from '../kernel/clock.js';
import { isIsoDate, todayInRiyadh } from '../kernel/dates.js';
import { INSERT_ORDER } from './generator/rows.js';
import { seedPersonas } from './personas.js';
import { seedPopulation, type SeedProgress } from './seed.js';

/**
 * `tayseer seed --people N [--seed S] [--as-of YYYY-MM-DD]`
 *
 * Adds N synthetic people (and the demo personas when missing). Dates are relative to
 * --as-of, by default today in Riyadh, so the data matches what the running platform sees;
 * pass a fixed --as-of for byte-identical reruns.
 * Exit codes: 0 seeded, 2 usage error (printed as one line).
 */

export interface SeedOptions {
  people: number;
  seed: number;
  asOf: string;
}

const WHOLE_NUMBER = /^\d+$/;
const MAX_PEOPLE = 10_000_000;

/** Validates the options before anything is opened; mistakes are UsageErrors. */
export function parseSeedOptions(values: CommandContext['values'], defaults: { seed: () => number; today: () => string }): SeedOptions {
  const people = values.people;
  if (people === undefined) throw new UsageError('Missing --people N: how many synthetic people to add.');
  if (typeof people !== 'string' || !WHOLE_NUMBER.test(people.trim()) || Number(people) > MAX_PEOPLE) {
    throw new UsageError(`--people expects a whole number from 0 to ${MAX_PEOPLE}, got ${JSON.stringify(people)}.`);
  }
  const seedValue = values.seed;
  if (seedValue !== undefined && (typeof seedValue !== 'string' || !WHOLE_NUMBER.test(seedValue.trim()) || !Number.isSafeInteger(Number(seedValue)))) {
    throw new UsageError(`--seed expects a whole number (0 or more), got ${JSON.stringify(seedValue)}.`);
  }
  const asOf = values['as-of'];
  if (asOf !== undefined && (typeof asOf !== 'string' || !isIsoDate(asOf))) {
    throw new UsageError(`--as-of expects a date as YYYY-MM-DD, got ${JSON.stringify(asOf)}.`);
  }
  return {
    people: Number(people),
    seed: seedValue === undefined ? defaults.seed() : Number(seedValue),
    asOf: typeof asOf === 'string' ? asOf : defaults.today(),
  };
}

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Add a deterministic synthetic population to the registry (and the demo personas if missing).',
  usage: 'tayseer seed --people N [--seed S] [--as-of YYYY-MM-DD]',
  options: { people: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' } },
  optionHelp: {
    people: 'How many people to add (0 adds only the missing personas)',
    seed: 'Seed of the population: same seed and count, same people (default: the SEED setting, 1)',
    'as-of': 'Reference date for ages and expiry dates (default: today in Riyadh)',
  },
  run: async (ctx) => {
    const options = parseSeedOptions(ctx.values, { seed: () => ctx.config().seed, today: () => todayInRiyadh(systemClock) });
    const config = ctx.config();
    // Two connections at least: one batch is written while the next one's IDs are checked.
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: Math.max(2, config.databasePoolSize) });
    try {
      await migrateToLatest(database.db);
      return await runSeed({ db: database.db, ...options, terminal: ctx.terminal });
    } finally {
      await database.close();
    }
  },
};

/** The seed and its report on an open database (the command opens it; tests pass their own). */
export async function runSeed(options: SeedOptions & { db: Kysely<Database>; terminal: Terminal }): Promise<number> {
  const { db, terminal } = options;
  const personas = await seedPersonas({ db, asOf: options.asOf });
  const showProgress = terminal.isTTY && options.people > 0;
  const result = await seedPopulation({
    db,
    people: options.people,
    seed: options.seed,
    asOf: options.asOf,
    onProgress: showProgress ? (p) => terminal.progress(progressBar(p)) : undefined,
  });
  if (showProgress) terminal.progress('');

  const rate = result.seconds > 0 ? Math.round(result.people / result.seconds) : result.people;
  const tables = INSERT_ORDER.filter((t) => result.rows[t] > 0).map((t) => `${t} ${result.rows[t]}`);
  const personaNote = personas.groupsAdded > 0 ? `; demo personas added (${personas.rows.persons} persons)` : '';
  const skipped = result.skippedIds > 0 ? `; ${result.skippedIds} national IDs already in the registry were skipped` : '';
  terminal.out(
    `Seeded ${result.people} people (seed ${options.seed}, as of ${options.asOf}) in ${result.seconds.toFixed(1)} s, ` +
      `${rate} people/s${tables.length > 0 ? `: ${tables.join(', ')}` : ''}${personaNote}${skipped}.`,
  );
  return 0;
}

const BAR_WIDTH = 30;

export function progressBar({ people, total }: SeedProgress): string {
  const share = total === 0 ? 1 : people / total;
  const filled = Math.round(share * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${Math.floor(share * 100)}% ${people}/${total} people`;
}
