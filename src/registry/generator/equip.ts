import type { Builder, PersonRef } from './builder.js';
import { addDrivingLicence, addExitReentryVisa, addIqama, addNationalIdCard, addPassport, type LicenceClass } from './documents.js';
import { addHajjRecord } from './hajj.js';
import type { DocumentRow } from './rows.js';
import { addCitizenTravel, type Passports } from './travel.js';
import { addSuspension, pickOtherAuthority } from './incidents.js';
import { addVehicle, addViolations } from './vehicles.js';

/**
 * Gives a person what their status calls for: identity documents, and for drivers a licence,
 * vehicles, violations and, for a few, suspensions. Shares below are per person and were tuned
 * so that about a third of adults own a vehicle and a fifth of drivers have violations.
 */

export function equipCitizen(b: Builder, p: PersonRef): void {
  const r = b.random;
  const age = b.ageYears(p.birthDay);
  addNationalIdCard(b, p);
  const passports = r.chance(age >= 18 ? 0.62 : 0.4) ? addPassport(b, p) : undefined;
  if (age < 18 || p.row.deceased) return;
  // From the second stream: the population drawn from \`r\` stays as it was before these records.
  addCitizenTravel(b, p, passports);
  addHajjRecord(b, p);
  const licenceShare = (p.sex === 'male' ? 0.82 : 0.38) * (age > 75 ? 0.5 : 1);
  if (r.chance(licenceShare)) addDrivingLicence(b, p);
  if (p.licensed) {
    if (r.chance(p.sex === 'male' ? 0.75 : 0.6)) {
      addVehicle(b, p);
      if (r.chance(0.15)) addVehicle(b, p);
    }
  }
  drivingRecord(b, p);
}

export interface ResidentPlan {
  passportPrefix: string;
  arrivalDay: number;
  /** Drivers by occupation always hold a licence. */
  drives: boolean;
  /** Domestic workers drive their sponsor's car, not their own. */
  domestic: boolean;
  licenceClass?: LicenceClass;
}

/** The travel documents a resident was given, for their border record (residency.ts). */
export interface ResidentDocuments {
  passports: Passports | undefined;
  visa: DocumentRow | undefined;
}

export function equipResident(b: Builder, p: PersonRef, plan: ResidentPlan): ResidentDocuments {
  const r = b.random;
  const age = b.ageYears(p.birthDay);
  addIqama(b, p, plan.arrivalDay);
  const passports = addPassport(b, p, plan.passportPrefix, 0.06);
  const visa = !p.row.inside_kingdom || r.chance(0.01) ? addExitReentryVisa(b, p) : undefined;
  if (age < 18 || p.row.deceased) return { passports, visa };
  if (plan.drives || r.chance(p.sex === 'male' ? 0.32 : 0.05)) addDrivingLicence(b, p, plan.licenceClass);
  if (p.licensed && !plan.domestic && r.chance(0.45)) addVehicle(b, p);
  drivingRecord(b, p);
  return { passports, visa };
}

/** Violations for a fifth of drivers; suspensions for about 1% of adults. */
function drivingRecord(b: Builder, p: PersonRef): void {
  const r = b.random;
  if (p.licensed && r.chance(0.2)) addViolations(b, p, p.vehicleIds[0] ?? null);
  if (p.row.deceased) return;
  if (p.hasUnpaidViolations && r.chance(0.15)) addSuspension(b, p, 'traffic');
  else if (r.chance(0.006)) addSuspension(b, p, pickOtherAuthority(b));
  if (r.chance(0.002)) addSuspension(b, p, r.chance(0.5) ? 'traffic' : pickOtherAuthority(b), true);
}
