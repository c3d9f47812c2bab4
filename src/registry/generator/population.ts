import { Builder, type ViolationType } from './builder.js';
import { addEstablishment } from './establishments.js';
import { addSaudiHousehold } from './families.js';
import { MobileNumbers } from './identifiers.js';
import { addTrafficCase } from './incidents.js';
import { nationalIdPool, platePool, type FindExisting } from './pools.js';
import { Random } from './random.js';
import type { RowSet } from './rows.js';

/**
 * The synthetic population, produced as a stream of self-contained batches: every row of a
 * batch refers only to rows of the same batch, so each batch can be written in its own
 * transaction while the next one is being built.
 *
 * Determinism: everything follows from (seed, people) and the registry's existing IDs; on an
 * empty registry the same seed and count give the same people, names and links every run.
 * The reference date `asOf` only shifts dates: ages, validity and statuses are drawn as
 * offsets from it, so a different asOf gives the same people with dates moved along.
 */

/** People per batch (one transaction). Part of the output's definition: changing it changes the data. */
export const BATCH_PEOPLE = 5000;
/** Share of residents the generator steers towards (citizens about 60%). */
export const RESIDENT_SHARE = 0.4;
/** Traffic accident cases per person. */
const CASES_PER_PERSON = 0.0008;

export interface GenerateOptions {
  people: number;
  seed: number;
  /** Reference day number (see dates.ts). */
  asOf: number;
  violationTypes: ViolationType[];
  findExistingNationalIds: FindExisting;
  findExistingPlates: FindExisting;
}

export interface Batch {
  rows: RowSet;
  people: number;
  residents: number;
}

export interface GenerationStats {
  /** Candidate national IDs and plates skipped because the registry already held them. */
  skippedIds: number;
  skippedPlates: number;
}

export async function* generatePopulation(options: GenerateOptions, stats: GenerationStats = { skippedIds: 0, skippedPlates: 0 }): AsyncGenerator<Batch> {
  if (options.violationTypes.length === 0) throw new Error('The registry has no violation types; run the migrations first.');
  const random = new Random(options.seed);
  const citizens = nationalIdPool(1, options.seed);
  const residents = nationalIdPool(2, options.seed);
  const plates = platePool(options.seed);
  const b = new Builder(random, options.asOf, citizens, residents, plates, new MobileNumbers(options.seed), options.violationTypes, new Random(options.seed, 1));
  let made = 0;
  let madeResidents = 0;

  while (made < options.people) {
    const target = Math.min(BATCH_PEOPLE, options.people - made);
    await citizens.ensure(target, options.findExistingNationalIds);
    await residents.ensure(target, options.findExistingNationalIds);
    await plates.ensure(Math.ceil(target / 2), options.findExistingPlates);
    b.startBatch();

    while (b.people < target) {
      const budget = target - b.people;
      const residentShare = (madeResidents + b.residents) / Math.max(1, made + b.people);
      const owner = residentShare < RESIDENT_SHARE ? b.ownerCandidates.pop() : undefined;
      if (owner) addEstablishment(b, owner, budget);
      else addSaudiHousehold(b, budget);
    }
    addTrafficCases(b, target);

    made += b.people;
    madeResidents += b.residents;
    stats.skippedIds = citizens.skipped + residents.skipped;
    stats.skippedPlates = plates.skipped;
    yield { rows: b.rows, people: b.people, residents: b.residents };
  }
}

/** Accidents between two drivers of the batch; about a third are still open. */
function addTrafficCases(b: Builder, people: number): void {
  const r = b.random;
  const expected = people * CASES_PER_PERSON;
  const count = Math.floor(expected) + (r.chance(expected - Math.floor(expected)) ? 1 : 0);
  const drivers = b.drivers.filter((d) => d.row.inside_kingdom);
  if (drivers.length < 2) return;
  for (let i = 0; i < count; i++) {
    const atFault = r.pick(drivers);
    let other = r.pick(drivers);
    if (other === atFault) other = drivers[(drivers.indexOf(atFault) + 1) % drivers.length]!;
    addTrafficCase(b, atFault, other, r.chance(0.35));
  }
}
