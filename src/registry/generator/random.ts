/**
 * Seeded randomness for the synthetic population. Never Math.random: the same seed must give
 * the same people on every machine and every run.
 *
 * `Random` is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128 bits of state),
 * seeded through splitmix32 so that nearby seeds (1, 2, 3...) give unrelated streams.
 * `Permutation` is a keyed bijection on [0, size): it turns a counter into a number that looks
 * random but never repeats, which is how national IDs, plates and mobiles stay unique.
 */

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A 32-bit mix of two integers (for keys derived from a seed and a purpose). */
export function mix32(a: number, b: number): number {
  let h = Math.imul((a >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul((b >>> 0) + 0x632be59b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    const next = splitmix32(mix32(seed, stream));
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = 1;
    // Discard the first outputs: sfc32's state needs a few rounds to mix.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/**
 * A weighted choice prepared once: `pick(random)` costs one random number and a short scan.
 * Hot loops call this millions of times, so the cumulative table is built up front.
 */
export class Weighted<T> {
  private readonly values: T[];
  private readonly cumulative: number[];

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    this.values = entries.map((e) => e[0]);
    let sum = 0;
    this.cumulative = entries.map((e) => (sum += e[1]));
    for (let i = 0; i < this.cumulative.length; i++) this.cumulative[i]! /= sum;
  }

  pick(random: Random): T {
    const r = random.next();
    const c = this.cumulative;
    for (let i = 0; i < c.length; i++) if (r < c[i]!) return this.values[i]!;
    return this.values[this.values.length - 1]!;
  }
}

/**
 * A keyed bijection on [0, size): a balanced Feistel network over the smallest even power of
 * two that covers `size`, with cycle-walking to stay inside the range. Four rounds are plenty
 * to make consecutive counters look unrelated; this is not cryptography.
 */
export class Permutation {
  private readonly halfBits: number;
  private readonly halfSize: number;
  private readonly mask: number;
  private readonly keys: number[];

  constructor(
    readonly size: number,
    key: number,
  ) {
    if (!(size >= 2 && size <= 2 ** 52)) throw new Error('Permutation size must be between 2 and 2^52');
    let bits = Math.ceil(Math.log2(size));
    if (bits % 2 === 1) bits++;
    this.halfBits = bits / 2;
    this.halfSize = 2 ** this.halfBits;
    // Round outputs are 32-bit; halves wider than 26 bits would need wider rounds.
    if (this.halfBits > 26) throw new Error('Permutation size too large');
    this.mask = this.halfSize - 1;
    this.keys = [0, 1, 2, 3].map((round) => mix32(key, round));
  }

  private round(value: number, key: number): number {
    let h = Math.imul(value ^ key, 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    // Masking a 32-bit value to at most 26 bits: exact in a double.
    return (h >>> 0) % this.halfSize;
  }

  at(index: number): number {
    if (!(index >= 0 && index < this.size)) throw new Error(`Permutation index ${index} out of range`);
    let x = index;
    do {
      let left = Math.floor(x / this.halfSize);
      let right = x % this.halfSize;
      for (const key of this.keys) {
        const next = (left ^ this.round(right, key)) & this.mask;
        left = right;
        right = next;
      }
      x = left * this.halfSize + right;
    } while (x >= this.size);
    return x;
  }
}

/**
 * A keyed bijection on [0, size) that keeps neighbours together: blocks of `blockSize`
 * consecutive inputs map, shuffled inside, onto one (shuffled) block of outputs.
 *
 * Why: a batch of people takes consecutive counters, so its national IDs, mobiles, plates and
 * document numbers fall in a few narrow ranges. Inserting them touches a few index pages
 * instead of one random page per row, which keeps the B-trees in cache and is what makes a
 * million people load in minutes. Numbers issued in blocks are also how real registries look.
 */
export class BlockPermutation {
  private readonly outer: Permutation;
  private readonly inner: Permutation;

  constructor(
    readonly size: number,
    readonly blockSize: number,
    key: number,
  ) {
    if (size % blockSize !== 0) throw new Error('BlockPermutation size must be a multiple of the block size');
    this.outer = new Permutation(size / blockSize, mix32(key, 0x0b10c));
    this.inner = new Permutation(blockSize, mix32(key, 0x1a7e2));
  }

  at(index: number): number {
    const block = Math.floor(index / this.blockSize);
    return this.outer.at(block) * this.blockSize + this.inner.at(index - block * this.blockSize);
  }
}
