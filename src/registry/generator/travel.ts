import type { CrossingDirection, CrossingVisaKind } from '../../db/tables.js';
import type { Builder, PersonRef } from './builder.js';
import { PORTS, type Named } from './data/inquiries.js';
import { dateText, dayNumber, timestampText } from './dates.js';
import { addDocument } from './documents.js';
import { personScopedNumber, rowId, TABLE_CODE } from './identifiers.js';
import { Weighted } from './random.js';
import type { DocumentRow } from './rows.js';

/**
 * The border record: entries and exits with the passport used, and the exit/re-entry visas
 * residents travel on. Everything here draws from `b.extra` (see Builder).
 */

const PORT = new Weighted(PORTS);
const DURATIONS = [60, 90, 120, 180];

/** The passports a person holds: the current one and the one it replaced, if recorded. */
export interface Passports {
  current: DocumentRow;
  previous: DocumentRow | null;
}

/** The number of the passport a person travelled on that day: the one issued by then. */
export function passportOn(passports: Passports, day: number): string {
  const { current, previous } = passports;
  return previous && current.issue_date > dateText(day) ? previous.number : current.number;
}

export function pickPort(b: Builder): Named {
  return PORT.pick(b.extra);
}

export function addCrossing(
  b: Builder,
  p: PersonRef,
  crossing: { direction: CrossingDirection; day: number; passport: string; visaKind: CrossingVisaKind | null; visaNumber?: string | null; port?: Named },
): void {
  if (p.slots.crossing > 255) return;
  const port = crossing.port ?? pickPort(b);
  b.rows.border_crossings.push({
    id: rowId(p.time, p.nid9, TABLE_CODE.borderCrossing, p.slots.crossing++),
    person_id: p.id,
    direction: crossing.direction,
    crossed_at: timestampText(crossing.day, b.extra.int(0, 1439)),
    port_ar: port.ar,
    port_en: port.en,
    passport_number: crossing.passport,
    visa_kind: crossing.visaKind,
    visa_number: crossing.visaNumber ?? null,
  });
}

export type VisaStatus = 'issued' | 'used' | 'returned' | 'expired';

/** An exit/re-entry visa's details as the import takes them (docs/registry-import.md). */
export function visaDetails(visaType: 'single' | 'multiple', durationDays: number, visaStatus: VisaStatus): string {
  return JSON.stringify({ visaType, durationDays, visaStatus });
}

/**
 * A trip abroad on an exit/re-entry visa (slot 1; slot 0 is the current visa) between
 * `earliest` and 90 days ago: the visa, the exit and the return. False when no such trip fits.
 */
export function addPastTrip(b: Builder, p: PersonRef, passports: Passports, earliest: number): boolean {
  const x = b.extra;
  const latest = b.asOf - 90;
  if (earliest > latest) return false;
  const issue = x.int(earliest, latest);
  const duration = DURATIONS[x.int(0, DURATIONS.length - 1)]!;
  const multiple = x.chance(0.15);
  const exit = issue + x.int(1, 20);
  const back = Math.min(b.asOf - 1, exit + x.int(10, duration - 25));
  const number = personScopedNumber('exit_reentry_visa', p.nid9, 1);
  const visa = addDocument(b, p, 'exit_reentry_visa', number, issue, issue + duration, { country: 'SAU' });
  visa.details = visaDetails(multiple ? 'multiple' : 'single', duration, 'returned');
  const port = pickPort(b);
  addCrossing(b, p, { direction: 'exit', day: exit, passport: passportOn(passports, exit), visaKind: 'exit_reentry', visaNumber: number, port });
  addCrossing(b, p, { direction: 'entry', day: back, passport: passportOn(passports, back), visaKind: 'exit_reentry', visaNumber: number, port });
  return true;
}

/**
 * The details of a resident's current exit/re-entry visa (documents.ts), and their exit on it
 * when they are outside the Kingdom: still due back, or late when the visa has expired.
 */
export function useCurrentVisa(b: Builder, p: PersonRef, visa: DocumentRow, passports: Passports | undefined): void {
  const x = b.extra;
  const issue = dayNumber(visa.issue_date);
  const expiry = dayNumber(visa.expiry_date);
  const multiple = x.chance(0.2);
  const expired = expiry < b.asOf;
  const outside = !p.row.inside_kingdom;
  visa.details = visaDetails(multiple ? 'multiple' : 'single', expiry - issue, expired ? 'expired' : outside ? 'used' : 'issued');
  if (!outside || !passports) return;
  const exit = issue + x.int(0, Math.max(0, Math.min(15, b.asOf - issue - 1)));
  addCrossing(b, p, { direction: 'exit', day: exit, passport: passportOn(passports, exit), visaKind: 'exit_reentry', visaNumber: visa.number });
}

/** A citizen's travel: those abroad left on their passport; some others made a trip in the last two years. */
export function addCitizenTravel(b: Builder, p: PersonRef, passports: Passports | undefined): void {
  if (!passports || p.row.deceased) return;
  const x = b.extra;
  if (!p.row.inside_kingdom) {
    const exit = b.asOf - x.int(3, 150);
    addCrossing(b, p, { direction: 'exit', day: exit, passport: passportOn(passports, exit), visaKind: null });
    return;
  }
  if (!x.chance(0.12)) return;
  const exit = b.asOf - x.int(15, 700);
  const back = Math.min(b.asOf - 1, exit + x.int(2, 30));
  const port = pickPort(b);
  addCrossing(b, p, { direction: 'exit', day: exit, passport: passportOn(passports, exit), visaKind: null, port });
  addCrossing(b, p, { direction: 'entry', day: back, passport: passportOn(passports, back), visaKind: null, port });
}
