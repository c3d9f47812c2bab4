import type { DocumentKind, DocumentStatus } from '../../db/tables.js';
import type { Builder, PersonRef } from './builder.js';
import { addYears, dateText, yearsToDays } from './dates.js';
import { identityDocumentNumber, passportNumber, personScopedNumber, rowId, SAUDI_PASSPORT_PREFIX, TABLE_CODE } from './identifiers.js';
import { LICENCE_CLASSES } from '../import-schema.js';
import type { DocumentRow } from './rows.js';

/**
 * Documents with a spread of expiry dates around the reference date: some expired, some
 * expiring within 30 days, some within 31-90 days, most valid. Status always agrees with the
 * dates: 'expired' exactly when expiry < asOf; 'valid' only when expiry >= asOf; a few valid
 * ones are 'lost'; a deceased person's documents are 'cancelled'.
 */

export interface ExpirySpread {
  expired: number;
  within30: number;
  within90: number;
}

const DEFAULT_SPREAD: ExpirySpread = { expired: 0.06, within30: 0.03, within90: 0.05 };

/**
 * Issue and expiry days for a document valid `validityYears`, or null when not yet eligible.
 * Always three draws, whatever the dates (see yearsToDays).
 */
export function issueAndExpiry(b: Builder, validityYears: number, earliestIssue: number, spread: ExpirySpread = DEFAULT_SPREAD): [number, number] | null {
  const r = b.random;
  const x = r.next();
  let offset: number;
  if (x < spread.expired) offset = -r.int(1, 730);
  else if (x < spread.expired + spread.within30) offset = r.int(0, 30);
  else if (x < spread.expired + spread.within30 + spread.within90) offset = r.int(31, 90);
  else offset = r.int(91, Math.max(91, Math.floor(validityYears * 365) - 1));
  const jitter = r.int(0, 30);
  if (earliestIssue > b.asOf) return null;
  let expiry = b.asOf + offset;
  let issue = addYears(expiry, -validityYears);
  if (issue < earliestIssue) {
    // Too young for that issue date: first issued at eligibility (e.g. the 15th birthday).
    issue = Math.min(b.asOf, earliestIssue + jitter);
    expiry = addYears(issue, validityYears);
  }
  if (issue > b.asOf) issue = b.asOf;
  return [issue, expiry];
}

export function addDocument(
  b: Builder,
  p: PersonRef,
  kind: DocumentKind,
  number: string,
  issueDay: number,
  expiryDay: number,
  options: { country?: string | null; vehicleId?: string | null; lostRate?: number; status?: DocumentStatus } = {},
): DocumentRow {
  // Drawn whatever the status, so that dates never change how many draws a person takes.
  const lost = options.lostRate !== undefined && b.random.chance(options.lostRate);
  let status: DocumentStatus;
  if (options.status) status = options.status;
  else if (p.row.deceased) status = 'cancelled';
  else if (expiryDay < b.asOf) status = 'expired';
  else status = lost ? 'lost' : 'valid';
  const row: DocumentRow = {
    id: rowId(p.time, p.nid9, TABLE_CODE.document, p.slots.document++),
    person_id: p.id,
    kind,
    number,
    issue_date: dateText(issueDay),
    expiry_date: dateText(expiryDay),
    status,
    issuing_country: options.country ?? null,
    vehicle_id: options.vehicleId ?? null,
  };
  b.rows.documents.push(row);
  return row;
}

/** A citizen's national ID card (from 15), valid 10 years; the version counts renewals. */
export function addNationalIdCard(b: Builder, p: PersonRef): void {
  const eligible = p.birthDay + yearsToDays(15);
  const dates = issueAndExpiry(b, 10, eligible, { expired: 0.05, within30: 0.03, within90: 0.05 });
  if (!dates) return;
  const version = 1 + Math.floor((dates[0] - eligible) / 3652);
  addDocument(b, p, 'national_id_card', identityDocumentNumber(p.row.national_id, version), dates[0], dates[1], { country: 'SAU', lostRate: 0.005 });
}

/** A resident's iqama, renewed yearly since arrival. */
export function addIqama(b: Builder, p: PersonRef, arrivalDay: number): void {
  // Every resident holds an iqama, even one who arrived (or was born) today.
  const earliest = Math.min(b.asOf, Math.max(arrivalDay, p.birthDay));
  const dates = issueAndExpiry(b, 1, earliest, { expired: 0.08, within30: 0.05, within90: 0.1 })!;
  const version = 1 + Math.max(0, Math.floor((dates[0] - arrivalDay) / 365));
  addDocument(b, p, 'iqama', identityDocumentNumber(p.row.national_id, version), dates[0], dates[1], { country: 'SAU', lostRate: 0.003 });
}

/**
 * A passport (and sometimes the one it replaced, recorded as cancelled). Citizens' passports
 * are issued by SAU with prefix 'A'; residents' by their country.
 */
export function addPassport(b: Builder, p: PersonRef, prefix: string = SAUDI_PASSPORT_PREFIX, renewedShare = 0.05): { current: DocumentRow; previous: DocumentRow | null } | undefined {
  const r = b.random;
  const adult = b.ageYears(p.birthDay) >= 18;
  const validity = adult && r.chance(0.6) ? 10 : 5;
  const dates = issueAndExpiry(b, validity, p.birthDay + r.int(30, 400), p.citizen ? { expired: 0.1, within30: 0.02, within90: 0.05 } : { expired: 0.04, within30: 0.02, within90: 0.05 });
  const renewed = r.chance(renewedShare);
  const renewedEarlier = r.int(0, 200);
  if (!dates) return undefined;
  const country = p.citizen ? 'SAU' : p.row.nationality;
  let previous: DocumentRow | null = null;
  if (!p.row.deceased && renewed && dates[0] - yearsToDays(5) > p.birthDay) {
    const oldIssue = addYears(dates[0], -5) - renewedEarlier;
    previous = addDocument(b, p, 'passport', passportNumber(prefix, p.nid9, 1), oldIssue, addYears(oldIssue, 5), { country, status: 'cancelled' });
  }
  const current = addDocument(b, p, 'passport', passportNumber(prefix, p.nid9, 0), dates[0], dates[1], { country, lostRate: 0.005 });
  return { current, previous };
}

/** A driving licence from 18 (private unless said otherwise): 10 years for citizens, 5 for residents. */
export function addDrivingLicence(b: Builder, p: PersonRef, licenceClass: LicenceClass = 'private'): boolean {
  const dates = issueAndExpiry(b, p.citizen ? 10 : 5, p.birthDay + yearsToDays(18), { expired: 0.07, within30: 0.03, within90: 0.05 });
  if (!dates) return false;
  const licence = addDocument(b, p, 'driving_licence', identityDocumentNumber(p.row.national_id, 1 + b.random.int(0, 2)), dates[0], dates[1], { country: 'SAU', lostRate: 0.003 });
  licence.details = LICENCE_DETAILS[licenceClass];
  p.licensed = !p.row.deceased;
  if (p.licensed) b.drivers.push(p);
  return true;
}

/**
 * An exit and re-entry visa: residents travelling (outside the Kingdom) hold a valid one. Its
 * details (type, duration, use) are filled in by residency.ts, which knows whether they left.
 */
export function addExitReentryVisa(b: Builder, p: PersonRef): DocumentRow {
  const r = b.random;
  const issue = b.asOf - r.int(3, 80);
  const expiry = issue + r.int(60, 180);
  return addDocument(b, p, 'exit_reentry_visa', personScopedNumber('exit_reentry_visa', p.nid9, 0), issue, expiry, { country: 'SAU' });
}

/** A driving licence's class, as `details.class` (docs/registry-import.md). */
export type LicenceClass = (typeof LICENCE_CLASSES)[number];
/** The details text of each class, made once: millions of licences share them. */
const LICENCE_DETAILS = Object.fromEntries(LICENCE_CLASSES.map((c) => [c, JSON.stringify({ class: c })])) as Record<LicenceClass, string>;
