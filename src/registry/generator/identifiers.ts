import { withCheckDigit } from '../../kernel/national-id.js';
import { BlockPermutation, mix32 } from './random.js';

/**
 * Every unique number the generator writes, and why it cannot collide.
 *
 * - National IDs: a seeded permutation of a counter (unique within a run); before a batch is
 *   built, candidates already in the registry are skipped (unique across runs and imports).
 *   Tails below PERSONA_TAIL_LIMIT are reserved for the demo personas.
 * - Everything owned by one person (row keys, document numbers, vehicle sequence numbers,
 *   violation numbers...) is a fixed bijection of (the owner's national ID, a slot), so it is
 *   unique because the national ID is.
 * - Plates: 17 letters cubed times 9,999 numbers is too small to derive from national IDs, so
 *   plates come from a seeded permutation (letters by batch, as real plates are issued) and are
 *   checked against the registry like IDs.
 *   Plates with letters index 0 ("أ أ أ" / AAA) are reserved for personas.
 * - Mobiles are not unique in the registry; a permutation avoids accidental repeats within a
 *   run, and 050000xxxx is reserved for personas.
 */

export const PERSONA_TAIL_LIMIT = 10_000;
const TAILS = 100_000_000;

/** The first nine digits of a national ID, as a number (type digit then an 8-digit tail). */
export type Nid9 = number;

export function nationalIdOf(nid9: Nid9): string {
  return withCheckDigit(String(nid9));
}

export function nid9Of(nationalId: string): Nid9 {
  return Number(nationalId.slice(0, 9));
}

const typeIndex = (nid9: Nid9) => Math.floor(nid9 / TAILS) - 1; // 0 citizen, 1 resident...
const tailOf = (nid9: Nid9) => nid9 % TAILS;

// ---------------------------------------------------------------------------------------------
// Row keys: UUIDv7 laid out so that (owner, table, slot) alone makes them unique.

/** Table codes inside row keys (4 bits). */
export const TABLE_CODE = {
  person: 0,
  marriage: 1,
  establishment: 2,
  sponsorship: 3,
  vehicle: 4,
  document: 5,
  violation: 6,
  trafficCase: 7,
  suspension: 8,
  borderCrossing: 9,
  /** Biometrics (slot 0) and health insurance policies (slots 1...). */
  residency: 10,
  employment: 11,
  workVisa: 12,
  recruitmentRequest: 13,
  hajjPerformance: 14,
  hajjPermit: 15,
} as const;

/** Generated row keys start here (ms); the time part then grows by 1 ms per person. */
export const ROW_TIME_EPOCH_MS = Date.UTC(2026, 0, 1);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex16 = (v: number) => HEX[(v >>> 8) & 255]! + HEX[v & 255]!;
const hex32 = (v: number) => hex16(v >>> 16) + hex16(v & 0xffff);

/**
 * A UUIDv7 (RFC 9562): 48 bits of time, version 7, then 12 bits of table code and slot, the
 * variant, and 62 bits holding a bijective scramble of the owner's nine ID digits (29 bits) and
 * filler. Written by hand rather than with kernel/uuid.ts because the generator makes millions
 * of them and this layout guarantees uniqueness without randomness.
 */
export function rowId(timeMs: number, owner: Nid9, table: number, slot: number): string {
  if (slot > 255) throw new Error('rowId slot out of range');
  const scrambled = ((Math.imul(owner, 0x2c9277b5) ^ 0x15a4e35) & 0x1fffffff) >>> 0;
  const filler = mix32(scrambled, (table << 8) | slot);
  const hi = Math.floor(timeMs / 65536);
  const lo = timeMs % 65536;
  return (
    hex32(hi) +
    '-' +
    hex16(lo) +
    '-' +
    hex16(0x7000 | (table << 8) | slot) +
    '-' +
    hex16(0x8000 | (scrambled >>> 15)) +
    '-' +
    hex16(((scrambled & 0x7fff) << 1) | (filler & 1)) +
    hex32(filler)
  );
}

// ---------------------------------------------------------------------------------------------
// Numbers derived from the owner's ID. Keys are fixed (not seeded) so every run agrees.

// Block-local (see BlockPermutation): owners with neighbouring IDs get neighbouring numbers.
export const ID_BLOCK = 10_000;
const passportDigits = new BlockPermutation(10 * TAILS, ID_BLOCK, 0x5a11_0001);
const vehicleSequence = new BlockPermutation(10 * TAILS, ID_BLOCK, 0x5a11_0002);
const unifiedNumbers = new BlockPermutation(10 * TAILS, ID_BLOCK, 0x5a11_0003);
const PERSON_SCOPED_SLOTS = 20;
const personScoped = new BlockPermutation(PERSON_SCOPED_SLOTS * 5 * TAILS, ID_BLOCK, 0x5a11_0004);

export const SAUDI_PASSPORT_PREFIX = 'A';

/**
 * Passport numbers: a prefix and nine digits. Citizens' prefix is 'A'; residents use their
 * country's prefix (never exactly 'A'), so the shared tail space cannot collide across types.
 * `generation` 0 is the current passport, 1.. older ones.
 */
export function passportNumber(prefix: string, owner: Nid9, generation: number): string {
  return prefix + String(passportDigits.at(generation * TAILS + tailOf(owner))).padStart(9, '0');
}

/** National ID cards, iqamas and driving licences are numbered after the ID and a version. */
export function identityDocumentNumber(nationalId: string, version: number): string {
  return `${nationalId}-${version}`;
}

/** Vehicle sequence numbers (9 digits): up to 5 vehicles per citizen or resident owner. */
export function vehicleSequenceNumber(owner: Nid9, slot: number): string {
  if (slot > 4) throw new Error('At most 5 vehicles per owner');
  return String(vehicleSequence.at((typeIndex(owner) * 5 + slot) * TAILS + tailOf(owner))).padStart(9, '0');
}

/** Establishment unified numbers: 7 and nine digits, up to 5 establishments per owner. */
export function unifiedNumber(owner: Nid9, slot: number): string {
  if (slot > 4) throw new Error('At most 5 establishments per owner');
  return '7' + String(unifiedNumbers.at((typeIndex(owner) * 5 + slot) * TAILS + tailOf(owner))).padStart(9, '0');
}

export type ScopedKind = 'violation' | 'traffic_case' | 'suspension' | 'exit_reentry_visa';
const SCOPED_OFFSET: Record<ScopedKind, number> = { violation: 0, traffic_case: 5, suspension: 10, exit_reentry_visa: 15 };

/**
 * Ten-digit numbers owned by one person: violations, traffic cases, suspensions and visas each
 * get five slots per person (slot 0-4) within one bijection.
 */
export function personScopedNumber(kind: ScopedKind, owner: Nid9, slot: number): string {
  if (slot > 4) throw new Error(`At most 5 ${kind} numbers per person`);
  return String(personScoped.at((SCOPED_OFFSET[kind] + slot) * 5 * TAILS + owner)).padStart(10, '0');
}

export type RecordNumberKind = 'work_visa' | 'recruitment_request' | 'hajj_permit' | 'health_policy';
/** Slots per owner and kind: work visas and recruitment requests are per sponsor (a person, or an establishment's owner). */
export const RECORD_NUMBER_SLOTS = 20;
const recordNumbers: Record<RecordNumberKind, BlockPermutation> = {
  work_visa: new BlockPermutation(RECORD_NUMBER_SLOTS * 5 * TAILS, ID_BLOCK, 0x5a11_0005),
  recruitment_request: new BlockPermutation(RECORD_NUMBER_SLOTS * 5 * TAILS, ID_BLOCK, 0x5a11_0006),
  hajj_permit: new BlockPermutation(RECORD_NUMBER_SLOTS * 5 * TAILS, ID_BLOCK, 0x5a11_0007),
  health_policy: new BlockPermutation(RECORD_NUMBER_SLOTS * 5 * TAILS, ID_BLOCK, 0x5a11_0008),
};

/**
 * Ten-digit numbers of the records the inquiries read (work visas, recruitment requests, Hajj
 * permits, health policies): one bijection per kind of (owner, slot), slots 0-19.
 */
export function recordNumber(kind: RecordNumberKind, owner: Nid9, slot: number): string {
  if (slot >= RECORD_NUMBER_SLOTS) throw new Error(`At most ${RECORD_NUMBER_SLOTS} ${kind} numbers per owner`);
  return String(recordNumbers[kind].at(slot * 5 * TAILS + owner)).padStart(10, '0');
}

// ---------------------------------------------------------------------------------------------
// Plates

/** The official plate letters: Arabic and the Latin letter shown beside it. */
export const PLATE_LETTERS: ReadonlyArray<readonly [string, string]> = [
  ['أ', 'A'], ['ب', 'B'], ['ح', 'J'], ['د', 'D'], ['ر', 'R'], ['س', 'S'], ['ص', 'X'], ['ط', 'T'], ['ع', 'E'],
  ['ق', 'G'], ['ك', 'K'], ['ل', 'L'], ['م', 'Z'], ['ن', 'N'], ['هـ', 'H'], ['و', 'U'], ['ى', 'V'],
];
const LETTER_COUNT = PLATE_LETTERS.length;
export const PLATE_SPACE = LETTER_COUNT ** 3 * 9999;
/** Plate indexes below this (letters AAA) are reserved for personas. */
export const PERSONA_PLATE_LIMIT = 9999;

export interface Plate {
  lettersAr: string;
  lettersEn: string;
  digits: string;
}

export function plateAt(index: number): Plate {
  const digits = (index % 9999) + 1;
  const letters = Math.floor(index / 9999);
  const a = PLATE_LETTERS[Math.floor(letters / (LETTER_COUNT * LETTER_COUNT))]!;
  const b = PLATE_LETTERS[Math.floor(letters / LETTER_COUNT) % LETTER_COUNT]!;
  const c = PLATE_LETTERS[letters % LETTER_COUNT]!;
  return { lettersAr: `${a[0]} ${b[0]} ${c[0]}`, lettersEn: a[1] + b[1] + c[1], digits: String(digits) };
}

export const plateKey = (lettersEn: string, digits: string) => `${lettersEn} ${digits}`;

// ---------------------------------------------------------------------------------------------
// Mobiles

const MOBILE_PREFIXES = ['0', '3', '4', '5', '6', '8', '9'];

/** Mobiles 05X XXXXXXX from a seeded permutation; 050000xxxx is left to personas. */
export class MobileNumbers {
  private readonly permutation: BlockPermutation;
  private counter = 0;

  constructor(seed: number) {
    this.permutation = new BlockPermutation(MOBILE_PREFIXES.length * 10_000_000, ID_BLOCK, mix32(seed, 0x0b11e));
  }

  next(): string {
    for (;;) {
      const x = this.permutation.at(this.counter++ % this.permutation.size);
      const prefix = Math.floor(x / 10_000_000);
      const rest = x % 10_000_000;
      if (prefix === 0 && rest < 10_000) continue;
      return '05' + MOBILE_PREFIXES[prefix]! + String(rest).padStart(7, '0');
    }
  }
}
