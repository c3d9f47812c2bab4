import { z } from 'zod';
import type { CardScheme } from '../gateway.js';
import { latinDigits } from '../../kernel/digits.js';
import { riyadhDate } from '../../kernel/dates.js';
import { passesLuhn, plannedOutcome, schemeOf } from './cards.js';
import type { SandboxOutcome } from './tables.js';

/**
 * The hosted card form, checked on the server. What comes out is only what the acquirer may
 * keep (scheme, last four, expiry, planned outcome); the card number and CVV go no further than
 * this function, and an error never carries them back to the page.
 */

export type CardField = 'name' | 'number' | 'expiry' | 'cvv';

export interface CardFieldError {
  field: CardField;
  /** Catalogue key of the message. */
  key: string;
}

export interface AcceptedCard {
  scheme: CardScheme;
  last4: string;
  expiryMonth: number;
  expiryYear: number;
  outcome: SandboxOutcome;
}

export type CardFormResult =
  | { ok: true; card: AcceptedCard }
  | { ok: false; errors: CardFieldError[]; kept: { name: string; expiry: string } };

const formSchema = z.object({
  name: z.string().max(200).optional().default(''),
  number: z.string().max(100).optional().default(''),
  expiry: z.string().max(20).optional().default(''),
  cvv: z.string().max(20).optional().default(''),
});

// Letters of any script, with the spaces, dots, apostrophes and hyphens of names.
const NAME = /^\p{L}[\p{L}\p{M} .'-]*$/u;
const EXPIRY = /^(\d{1,2})\s*[/-]?\s*(\d{2}|\d{4})$/;

function checkNumber(raw: string): { error?: string; digits?: string; scheme?: CardScheme } {
  const digits = latinDigits(raw).replace(/[\s-]/g, '');
  if (digits === '') return { error: 'acquirer.errors.number_required' };
  if (!/^[0-9]{12,19}$/.test(digits)) return { error: 'acquirer.errors.number_format' };
  if (!passesLuhn(digits)) return { error: 'acquirer.errors.number_luhn' };
  const scheme = schemeOf(digits);
  if (!scheme) return { error: 'acquirer.errors.number_not_accepted' };
  return { digits, scheme };
}

function checkExpiry(raw: string, now: Date): { error?: string; month?: number; year?: number } {
  const value = latinDigits(raw).trim();
  if (value === '') return { error: 'acquirer.errors.expiry_required' };
  const match = EXPIRY.exec(value);
  if (!match) return { error: 'acquirer.errors.expiry_invalid' };
  const month = Number(match[1]);
  const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return { error: 'acquirer.errors.expiry_invalid' };
  // A card is valid to the end of its expiry month, in the cardholder's (Riyadh) calendar.
  const [thisYear, thisMonth] = riyadhDate(now).split('-').map(Number) as [number, number];
  if (year * 12 + month < thisYear * 12 + thisMonth) return { error: 'acquirer.errors.expiry_past' };
  if (year > thisYear + 20) return { error: 'acquirer.errors.expiry_invalid' };
  return { month, year };
}

/** Checks the posted card form at `now`. */
export function checkCardForm(body: unknown, now: Date): CardFormResult {
  const parsed = formSchema.safeParse(body ?? {});
  const form = parsed.success ? parsed.data : { name: '', number: '', expiry: '', cvv: '' };
  const errors: CardFieldError[] = [];

  const name = form.name.trim().replace(/\s+/g, ' ');
  if (name === '') errors.push({ field: 'name', key: 'acquirer.errors.name_required' });
  else if (name.length > 100 || !NAME.test(name)) errors.push({ field: 'name', key: 'acquirer.errors.name_invalid' });

  const number = checkNumber(form.number);
  if (number.error) errors.push({ field: 'number', key: number.error });

  const expiry = checkExpiry(form.expiry, now);
  if (expiry.error) errors.push({ field: 'expiry', key: expiry.error });

  const cvv = latinDigits(form.cvv).trim();
  if (cvv === '') errors.push({ field: 'cvv', key: 'acquirer.errors.cvv_required' });
  else if (!/^[0-9]{3}$/.test(cvv)) errors.push({ field: 'cvv', key: 'acquirer.errors.cvv_invalid' });

  if (errors.length > 0 || !number.digits || !number.scheme || !expiry.month || !expiry.year) {
    // The name and expiry go back to the page; the card number and the CVV never do.
    return { ok: false, errors, kept: { name: form.name.slice(0, 100), expiry: form.expiry.slice(0, 7) } };
  }
  return {
    ok: true,
    card: {
      scheme: number.scheme,
      last4: number.digits.slice(-4),
      expiryMonth: expiry.month,
      expiryYear: expiry.year,
      outcome: plannedOutcome(number.digits),
    },
  };
}

/** The 3-D Secure code field: six digits (Arabic-Indic digits read as Latin). */
export function checkCodeForm(body: unknown): { code: string } | { error: string } {
  const raw = (body as Record<string, unknown> | undefined)?.code;
  const code = typeof raw === 'string' ? latinDigits(raw).replace(/\s/g, '') : '';
  if (code === '') return { error: 'acquirer.errors.code_required' };
  if (!/^[0-9]{6}$/.test(code)) return { error: 'acquirer.errors.code_invalid' };
  return { code };
}
