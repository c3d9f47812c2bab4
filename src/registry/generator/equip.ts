import type { Builder, PersonRef } from './builder.js';
import { addDrivingLicence, addExitReentryVisa, addIqama, addNationalIdCard, addPassport } from './documents.js';
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
  if (r.chance(age >= 18 ? 0.62 : 0.4)) addPassport(b, p);
  if (age < 18 || p.row.deceased) return;
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
}

export function equipResident(b: Builder, p: PersonRef, plan: ResidentPlan): void {
  const r = b.random;
  const age = b.ageYears(p.birthDay);
  addIqama(b, p, plan.arrivalDay);
  addPassport(b, p, plan.passportPrefix, 0.06);
  if (!p.row.inside_kingdom || r.chance(0.01)) addExitReentryVisa(b, p);
  if (age < 18 || p.row.deceased) return;
  if (plan.drives || r.chance(p.sex === 'male' ? 0.32 : 0.05)) addDrivingLicence(b, p);
  if (p.licensed && !plan.domestic && r.chance(0.45)) addVehicle(b, p);
  drivingRecord(b, p);
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
