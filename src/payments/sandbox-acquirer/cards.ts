import type { CardScheme } from '../gateway.js';
import type { SandboxOutcome } from './tables.js';

/**
 * Card numbers as an acquirer sees them: the Luhn check, the scheme from the BIN, and the test
 * cards whose outcome the sandbox plays back. A card number lives only in the request that
 * carries it: nothing here stores or logs one.
 */

/** True when the digits pass the Luhn (mod 10) check. */
export function passesLuhn(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * mada BIN prefixes, as Saudi acquirers publish them (a sandbox's copy, not the authoritative
 * table). mada cards are co-badged with Visa or Mastercard, so a mada BIN wins over the
 * international scheme its first digits suggest.
 */
export const MADA_BINS: ReadonlySet<string> = new Set([
  '400861', '401757', '407197', '407395', '409201', '410685', '412565', '417633', '419593', '422817',
  '422818', '422819', '428331', '428671', '428672', '428673', '431361', '432328', '434107', '439954',
  '440533', '440647', '440795', '445564', '446393', '446404', '446672', '455036', '455708', '457865',
  '457997', '458456', '462220', '468540', '468541', '468542', '468543', '474491', '483010', '483011',
  '483012', '484783', '486094', '486095', '486096', '489317', '489318', '489319', '504300', '508160',
  '513213', '520058', '521076', '524130', '524514', '529415', '529741', '530060', '530906', '531095',
  '531196', '532013', '535825', '535989', '536023', '537767', '539931', '543085', '543357', '549760',
  '554180', '585265', '588845', '588847', '588848', '588849', '588850', '588851', '588982', '588983',
  '589005', '589206', '604906', '605141', '636120', '968201', '968202', '968203', '968204', '968205',
  '968206', '968207', '968208', '968209', '968211',
]);

/** The scheme of a card number by its BIN, or null for a scheme this acquirer does not take (Amex, UnionPay...). */
export function schemeOf(digits: string): CardScheme | null {
  if (MADA_BINS.has(digits.slice(0, 6))) return 'mada';
  if (digits.startsWith('4')) return 'visa';
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  return null;
}

export interface TestCard {
  number: string;
  scheme: CardScheme;
  outcome: SandboxOutcome;
}

/**
 * The documented test cards (docs/payments-sandbox.md). Any other card of an accepted scheme
 * that passes Luhn is approved.
 */
export const TEST_CARDS: readonly TestCard[] = [
  { number: '4406470000000007', scheme: 'mada', outcome: 'approved' },
  { number: '5433570000000008', scheme: 'mada', outcome: 'approved' },
  { number: '4111111111111111', scheme: 'visa', outcome: 'approved' },
  { number: '5555555555554444', scheme: 'mastercard', outcome: 'approved' },
  { number: '2223000048400011', scheme: 'mastercard', outcome: 'approved' },
  { number: '4406470000000015', scheme: 'mada', outcome: 'declined' },
  { number: '4000000000000002', scheme: 'visa', outcome: 'declined' },
  { number: '4406470000000023', scheme: 'mada', outcome: 'insufficient_funds' },
  { number: '4000000000009995', scheme: 'visa', outcome: 'insufficient_funds' },
  { number: '4000000000000069', scheme: 'visa', outcome: 'expired_card' },
  { number: '4000000000003063', scheme: 'visa', outcome: 'three_ds_failed' },
  { number: '5105105105105100', scheme: 'mastercard', outcome: 'no_answer' },
];

/** A card of a scheme the sandbox refuses, for the docs and tests (American Express). */
export const UNSUPPORTED_TEST_CARD = '378282246310005';

/** What a card (already valid, of an accepted scheme) will do. */
export function plannedOutcome(digits: string): SandboxOutcome {
  return TEST_CARDS.find((card) => card.number === digits)?.outcome ?? 'approved';
}

/** `4111 1111 1111 1111`: groups of four, for display. */
export function groupDigits(digits: string): string {
  return digits.replace(/(.{4})(?=.)/g, '$1 ');
}
