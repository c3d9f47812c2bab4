import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { systemClock } from '../kernel/clock.js';
import { todayInRiyadh } from '../kernel/dates.js';
import {
  existingNationalIds, existingPlates, insertRows, loadViolationTypes, lockFirstStartSeeding, registryIsEmpty, relaxCommitDurability,
} from './generator/bulk-repository.js';
import { dayNumber } from './generator/dates.js';
import { generatePopulation, type GenerationStats } from './generator/population.js';
import { addCounts, INSERT_ORDER, rowCounts, type RowCounts, type RowSet } from './generator/rows.js';
import { seedPersonas, type PersonaSeeding } from './personas.js';

/**
 * Seeding the registry with synthetic data.
 *
 * `seedPopulation` adds `people` generated persons with their families, sponsors, documents,
 * vehicles and records. It is deterministic: the same seed and count give the same national
 * IDs, names and links on an empty registry. Dates are drawn relative to `asOf`, which
 * defaults to the fixed DEFAULT_AS_OF so that tests and benchmarks are reproducible; a running
 * demo passes today instead, so "expires within 30 days" is true when people look.
 *
 * Batches of 5,000 people are built and written one transaction each; the next batch is built
 * while the previous one is being written. A second run (another seed, or the same one) into the
 * same registry succeeds: national IDs and plates the registry already holds are skipped
 * (counted in `skippedIds` / `skippedPlates`), and every other unique number derives from the
 * person's national ID.
 */

export const DEFAULT_AS_OF = '2026-11-01';
/** Batch transactions in flight at once (each on its own connection). */
const WRITERS = 2;

export interface SeedProgress {
  people: number;
  total: number;
}

export interface SeedResult {
  people: number;
  rows: RowCounts;
  /** Candidate national IDs / plates skipped because the registry already held them. */
  skippedIds: number;
  skippedPlates: number;
  seconds: number;
}

export interface SeedPopulationOptions {
  db: Kysely<Database>;
  people: number;
  seed: number;
  /** Reference day, 'YYYY-MM-DD'; default DEFAULT_AS_OF. */
  asOf?: string;
  onProgress?: (progress: SeedProgress) => void;
}

export async function seedPopulation(options: SeedPopulationOptions): Promise<SeedResult> {
  const { db, people, seed } = options;
  if (!Number.isSafeInteger(people) || people < 0) throw new RangeError(`people must be a whole number >= 0, got ${people}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  const started = performance.now();
  const rows = Object.fromEntries(INSERT_ORDER.map((t) => [t, 0])) as RowCounts;
  const stats: GenerationStats = { skippedIds: 0, skippedPlates: 0 };
  let written = 0;

  const batches = generatePopulation(
    {
      people,
      seed,
      asOf: dayNumber(options.asOf ?? DEFAULT_AS_OF),
      violationTypes: await loadViolationTypes(db),
      findExistingNationalIds: (ids) => existingNationalIds(db, ids),
      findExistingPlates: (plates) => existingPlates(db, plates),
    },
    stats,
  );

  const write = async (batch: RowSet, count: number) => {
    await db.transaction().execute(async (trx) => {
      await relaxCommitDurability(trx);
      await insertRows(trx, batch);
    });
    addCounts(rows, rowCounts(batch));
    written += count;
    options.onProgress?.({ people: written, total: people });
  };

  // Up to WRITERS batches are written at once while the next is generated, so JavaScript and
  // several database backends work in parallel (batches never share a unique value, so their
  // transactions cannot conflict). On PGlite the writes simply queue on its one connection.
  // A failed write stops the loop at the next await; later batches are not started.
  const pending = new Set<Promise<void>>();
  try {
    for await (const batch of batches) {
      while (pending.size >= WRITERS) await Promise.race(pending);
      const p: Promise<void> = write(batch.rows, batch.people).finally(() => pending.delete(p));
      p.catch(() => undefined);
      pending.add(p);
    }
    await Promise.all(pending);
  } finally {
    // On failure, let the other writes finish before the caller may close the database.
    await Promise.allSettled(pending);
  }

  return { people: written, rows, skippedIds: stats.skippedIds, skippedPlates: stats.skippedPlates, seconds: (performance.now() - started) / 1000 };
}

export interface FirstStartSeeding {
  personas: PersonaSeeding;
  population: SeedResult;
}

/**
 * First start of a demo: when the registry is empty, seed the personas and `people` synthetic
 * persons; otherwise do nothing and return null (one index probe).
 *
 * Nodes starting together take an advisory lock; the first writes the personas in the same
 * transaction as its emptiness check, so the others then see a non-empty registry and skip.
 * If that node dies while the population is being added, the registry keeps the personas and
 * part of the population; `tayseer seed` adds more.
 */
export async function ensureFirstStartData(options: {
  db: Kysely<Database>;
  people: number;
  seed: number;
  /** Reference day for dates; default today in Riyadh. */
  asOf?: string;
}): Promise<FirstStartSeeding | null> {
  const { db } = options;
  if (!(await registryIsEmpty(db))) return null;
  const asOf = options.asOf ?? todayInRiyadh(systemClock);
  const personas = await db.transaction().execute(async (trx) => {
    await lockFirstStartSeeding(trx);
    if (!(await registryIsEmpty(trx))) return null;
    return seedPersonas({ db: trx, asOf });
  });
  if (!personas) return null;
  const population = await seedPopulation({ db, people: options.people, seed: options.seed, asOf });
  return { personas, population };
}
