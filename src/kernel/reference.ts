import { randomInt } from 'node:crypto';
import { latinDigits } from './digits.js';

/**
 * Reference numbers that people read aloud over the phone and type from an SMS:
 * `TR-7K4M-9QXP-W` = a prefix naming the kind (`TR`, a request), eight random characters,
 * and one check character.
 *
 * The alphabet leaves out both members of every pair people confuse (0/O, 1/I/L, 2/Z, 5/S,
 * 8/B, U/V), so a reader never has to guess which of a pair was meant. What is left is
 * 5 digits and 18 letters: 23 characters. 23 is prime, which is why the check works:
 * the check character makes  sum(value[i] * 5^(n-1-i)) ≡ 0 (mod 23)  over prefix+body+check.
 * - A single substitution changes the sum by (a-b)·5^k, non-zero mod a prime.
 * - An adjacent transposition changes it by (a-b)·5^k·(5-1), non-zero too.
 * - So are twin errors (aa→bb, factor 5+1) and jump transpositions (abc→cba, 5²-1), because
 *   5 is a primitive root mod 23 (no power of 5 below 22 is 1).
 * And as there are 23 possible check values and 23 characters, the check character is an
 * ordinary character of the alphabet (ISO 7064 MOD 11 needs an extra 'X'; we do not).
 *
 * Uniqueness: the body has 23^8 ≈ 7.8·10^10 values (36 bits). That is not enough to ignore
 * collisions at national scale (there is a 50% chance of one after ~330,000 references of one
 * kind), so the table that stores references must have a unique constraint and the caller
 * retries with a new reference on a violation.
 */

export const REFERENCE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';
const RADIX = REFERENCE_ALPHABET.length; // 23, prime
const WEIGHT_BASE = 5; // a primitive root mod 23
const BODY_LENGTH = 8;
const GROUP = 4;
const MAX_PREFIX = 4;

const LETTERS = REFERENCE_ALPHABET.replace(/[0-9]/g, '');
const PREFIX_SHAPE = new RegExp(`^[${LETTERS}]{1,${MAX_PREFIX}}$`);
const CHAR_SHAPE = new RegExp(`^[${REFERENCE_ALPHABET}]+$`);

function charValue(char: string): number {
  const value = REFERENCE_ALPHABET.indexOf(char);
  if (value < 0) throw new RangeError(`'${char}' is not in the reference alphabet`);
  return value;
}

/** Horner's rule: sum(value[i] * 5^(n-1-i)) mod 23. */
function weightedSum(chars: string): number {
  let sum = 0;
  for (const char of chars) sum = (sum * WEIGHT_BASE + charValue(char)) % RADIX;
  return sum;
}

/** The character that, appended to `chars`, makes the weighted sum 0 mod 23. */
export function referenceCheckCharacter(chars: string): string {
  const value = (RADIX - ((weightedSum(chars) * WEIGHT_BASE) % RADIX)) % RADIX;
  return REFERENCE_ALPHABET[value]!;
}

function assertPrefix(prefix: string): void {
  if (!PREFIX_SHAPE.test(prefix)) {
    throw new RangeError(
      `A reference prefix is 1 to ${MAX_PREFIX} capital letters from ${LETTERS} (no B, I, L, O, S, U, V, Z); got '${prefix}'`,
    );
  }
}

/**
 * A new reference in its canonical (stored) form, without dashes: `TR7K4M9QXPW`.
 * `random(n)` returns an integer in [0, n); tests may pass a deterministic one.
 */
export function newReference(prefix: string, random: (n: number) => number = randomInt): string {
  assertPrefix(prefix);
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) body += REFERENCE_ALPHABET[random(RADIX)]!;
  return prefix + body + referenceCheckCharacter(prefix + body);
}

/**
 * What a person may type or paste around and inside a reference, mapped away:
 * - lower case (upper-cased);
 * - spaces of any kind, hyphens and dashes of any kind, underscores, dots, slashes;
 * - invisible bidi and zero-width marks, and the Arabic tatweel, which come along when a
 *   reference is copied out of Arabic text;
 * - Arabic-Indic (٠-٩) and Persian (۰-۹) digits, which an Arabic phone keyboard types;
 * - full-width forms (NFKC).
 * The excluded Latin characters (0 O 1 I L 2 Z 5 S 8 B U V) are NOT mapped: we removed both
 * sides of each confusion, so there is no one character a typed 'O' or '0' could stand for
 * (Q? D?). Guessing would weaken the check; the reference is refused instead.
 */
export function normaliseReferenceInput(input: string): string {
  return latinDigits(input.normalize('NFKC'))
    .replace(/[\s\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\u061C\u0640]/g, '')
    .replace(/[-‐‑‒–—―−﹣_./\\]/g, '')
    .toUpperCase();
}

/**
 * The canonical form of a reference typed by a person, or null when it is not a valid
 * reference (wrong shape, a character outside the alphabet, or a wrong check character).
 * With `expectedPrefix`, references of another kind are refused too.
 */
export function parseReference(input: string, expectedPrefix?: string): string | null {
  const compact = normaliseReferenceInput(input);
  const prefixLength = compact.length - BODY_LENGTH - 1;
  if (prefixLength < 1 || prefixLength > MAX_PREFIX) return null;
  if (!CHAR_SHAPE.test(compact)) return null;
  const prefix = compact.slice(0, prefixLength);
  if (!PREFIX_SHAPE.test(prefix)) return null;
  if (expectedPrefix !== undefined && prefix !== expectedPrefix) return null;
  return weightedSum(compact) === 0 ? compact : null;
}

export function isValidReference(input: string, expectedPrefix?: string): boolean {
  return parseReference(input, expectedPrefix) !== null;
}

/** For display: `TR-7K4M-9QXP-W`. Accepts any form parseReference accepts; throws otherwise. */
export function formatReference(reference: string): string {
  const compact = parseReference(reference);
  if (compact === null) throw new RangeError(`Not a valid reference: '${reference}'`);
  const prefixLength = compact.length - BODY_LENGTH - 1;
  const groups = [compact.slice(0, prefixLength)];
  for (let i = prefixLength; i < compact.length - 1; i += GROUP) groups.push(compact.slice(i, i + GROUP));
  groups.push(compact.slice(-1));
  return groups.join('-');
}

/** The kind of a valid reference (its prefix), or null. */
export function referencePrefix(input: string): string | null {
  const compact = parseReference(input);
  return compact === null ? null : compact.slice(0, compact.length - BODY_LENGTH - 1);
}
