import { ID_BLOCK, PERSONA_PLATE_LIMIT, PERSONA_TAIL_LIMIT, PLATE_SPACE, nationalIdOf, plateAt, plateKey, type Nid9 } from './identifiers.js';
import { BlockPermutation, mix32 } from './random.js';

/** Looks up which of the given keys the registry already holds. */
export type FindExisting = (keys: string[]) => Promise<Set<string>>;

/**
 * Unique values drawn from a seeded permutation, checked against the registry in bulk before
 * use. On an empty registry nothing is skipped, so a seed always yields the same values; on a
 * registry that already holds some of them (a second run, imported data) the taken ones are
 * skipped and counted, and the run still succeeds.
 */
export class CheckedPool {
  private readonly ready: number[] = [];
  private head = 0;
  private counter = 0;
  /** Candidates skipped because the registry already had them. */
  skipped = 0;

  constructor(
    private readonly permutation: { size: number; at(index: number): number },
    private readonly isReserved: (value: number) => boolean,
    private readonly keyOf: (value: number) => string,
    private readonly what: string,
  ) {}

  get available(): number {
    return this.ready.length - this.head;
  }

  /** Makes sure at least `count` checked values are ready. */
  async ensure(count: number, findExisting: FindExisting): Promise<void> {
    if (this.head > 0) {
      this.ready.splice(0, this.head);
      this.head = 0;
    }
    while (this.available < count) {
      const candidates: number[] = [];
      const wanted = count - this.available;
      while (candidates.length < wanted) {
        if (this.counter >= this.permutation.size) throw new Error(`No ${this.what} left for this seed; use another seed.`);
        const value = this.permutation.at(this.counter++);
        if (!this.isReserved(value)) candidates.push(value);
      }
      const existing = await findExisting(candidates.map(this.keyOf));
      for (const value of candidates) {
        if (existing.has(this.keyOf(value))) this.skipped++;
        else this.ready.push(value);
      }
    }
  }

  take(): number {
    if (this.head >= this.ready.length) throw new Error(`${this.what} pool is empty: ensure() a larger batch first`);
    return this.ready[this.head++]!;
  }
}

const TAILS = 100_000_000;

/** National IDs of one type (1 citizens, 2 residents); values are Nid9 (the first nine digits). */
export function nationalIdPool(typeDigit: 1 | 2, seed: number): CheckedPool {
  return new CheckedPool(
    new BlockPermutation(TAILS, ID_BLOCK, mix32(seed, typeDigit)),
    (tail) => tail < PERSONA_TAIL_LIMIT,
    (tail) => nationalIdOf(typeDigit * TAILS + tail),
    typeDigit === 1 ? 'national IDs' : 'iqama numbers',
  );
}

/** Converts a value taken from nationalIdPool into a Nid9. */
export const toNid9 = (typeDigit: 1 | 2 | 3 | 4, tail: number): Nid9 => typeDigit * TAILS + tail;

export function platePool(seed: number): CheckedPool {
  return new CheckedPool(
    new BlockPermutation(PLATE_SPACE, 9999, mix32(seed, 0x91a7e)),
    (index) => index < PERSONA_PLATE_LIMIT,
    (index) => {
      const plate = plateAt(index);
      return plateKey(plate.lettersEn, plate.digits);
    },
    'plates',
  );
}
