import type { HealthInsuranceClass } from '../../db/tables.js';
import type { Builder, PersonRef } from './builder.js';
import type { Occupation } from './data/catalogue.js';
import { HEALTH_INSURERS, passportsOffice } from './data/inquiries.js';
import { dateText, yearsToDays } from './dates.js';
import { recordNumber, rowId, TABLE_CODE } from './identifiers.js';
import { Weighted } from './random.js';
import { addWorkVisa, type VisaSponsor } from './recruitment.js';
import type { DocumentRow } from './rows.js';
import { addCrossing, addPastTrip, passportOn, useCurrentVisa, type Passports } from './travel.js';

/**
 * What the passports inquiries read about a resident: the entry into the Kingdom (on a work
 * visa of the sponsor for workers who arrived within a year), trips on exit/re-entry visas,
 * biometrics, health insurance and, for workers, the employment contract. Everything here
 * draws from `b.extra` (see Builder).
 */

const HEALTH = new Weighted(HEALTH_INSURERS);

export interface ResidencyPlan {
  arrivalDay: number;
  /** The day the current sponsorship started. */
  sponsoredSince: number;
  /** A worker (not sponsored as family). */
  worker: boolean;
  domestic: boolean;
  occupation: Pick<Occupation, 'ar' | 'en'> & Partial<Occupation>;
  pastTransfers: number;
  absent: boolean;
  /** The sponsor, for the visa a recent worker entered on and for the employer. */
  sponsor?: VisaSponsor;
  passports?: Passports;
  /** The exit/re-entry visa documents.ts gave them (travellers hold one). */
  visa?: DocumentRow;
}

export function addResidencyRecords(b: Builder, p: PersonRef, plan: ResidencyPlan): void {
  const x = b.extra;
  const bornHere = plan.arrivalDay <= p.birthDay;
  const passports = plan.passports;

  // The entry: workers who arrived within a year came on a visa of their current sponsor.
  if (!bornHere && passports) {
    const recent = plan.worker && plan.pastTransfers === 0 && plan.arrivalDay >= b.asOf - 365 && plan.sponsor;
    const visa = recent
      ? addWorkVisa(b, plan.sponsor!, {
          occupation: plan.occupation, nationality: p.row.nationality, status: 'used', issuedDay: plan.arrivalDay - x.int(20, 150), worker: p, usedDay: plan.arrivalDay,
        })
      : null;
    addCrossing(b, p, { direction: 'entry', day: plan.arrivalDay, passport: passportOn(passports, plan.arrivalDay), visaKind: plan.worker ? 'work' : 'family', visaNumber: visa?.number });
  }

  // Travel on exit/re-entry visas: the current one, or a past trip for some adults.
  if (plan.visa) useCurrentVisa(b, p, plan.visa, passports);
  else if (passports && p.row.inside_kingdom && b.ageYears(p.birthDay) >= 18 && x.chance(0.2)) {
    addPastTrip(b, p, passports, Math.max(plan.arrivalDay + 30, b.asOf - 700));
  }

  addBiometrics(b, p, plan.arrivalDay, bornHere);
  addHealthInsurance(b, p, plan);
  if (plan.worker && plan.sponsor) addEmployment(b, p, plan);
}

/** Fingerprints and face from the age of 6, at the passports office soon after arrival; new arrivals not yet. */
function addBiometrics(b: Builder, p: PersonRef, arrivalDay: number, bornHere: boolean): void {
  const x = b.extra;
  const sixth = p.birthDay + yearsToDays(6);
  if (sixth > b.asOf) return;
  const pending = !bornHere && arrivalDay > b.asOf - 14 && x.chance(0.7);
  const day = Math.min(b.asOf, Math.max(bornHere ? sixth : arrivalDay, sixth) + x.int(0, 20));
  const place = passportsOffice({ ar: p.city.nameAr, en: p.city.nameEn });
  b.rows.biometrics.push({
    id: rowId(p.time, p.nid9, TABLE_CODE.residency, 0),
    person_id: p.id,
    status: pending ? 'incomplete' : 'registered',
    fingerprints_on: pending ? null : dateText(day),
    face_on: pending ? null : dateText(day),
    place_ar: pending ? null : place.ar,
    place_en: pending ? null : place.en,
  });
}

function insuranceClass(b: Builder, plan: ResidencyPlan): HealthInsuranceClass {
  const x = b.extra;
  if (plan.domestic) return 'C';
  if (!plan.worker) return x.chance(0.5) ? 'B' : 'C';
  if (plan.occupation.professional) return x.chance(0.15) ? 'VIP' : x.chance(0.6) ? 'A' : 'B';
  return x.chance(0.8) ? 'C' : 'B';
}

/** A yearly policy: most valid, a few ending within 30 days, 5% lapsed; a new arrival's starts on arrival. */
function addHealthInsurance(b: Builder, p: PersonRef, plan: ResidencyPlan): void {
  const x = b.extra;
  const insurer = HEALTH.pick(x);
  const y = x.next();
  let ends = y < 0.05 ? b.asOf - x.int(1, 200) : y < 0.09 ? b.asOf + x.int(0, 30) : b.asOf + x.int(31, 364);
  const since = Math.max(plan.arrivalDay, p.birthDay);
  if (ends < since + 30) ends = since + 364;
  const slot = p.slots.insurance++;
  b.rows.health_insurance.push({
    id: rowId(p.time, p.nid9, TABLE_CODE.residency, slot),
    person_id: p.id,
    insurer_ar: insurer.ar,
    insurer_en: insurer.en,
    policy_number: recordNumber('health_policy', p.nid9, slot - 1),
    class: insuranceClass(b, plan),
    starts_on: dateText(Math.max(since, ends - 364)),
    ends_on: dateText(ends),
  });
}

/** Monthly wage in halalas by occupation, in steps of 50 SAR; 5% not reported. */
function monthlyWage(b: Builder, plan: ResidencyPlan): number | null {
  const x = b.extra;
  if (x.chance(0.05)) return null;
  const o = plan.occupation;
  const [from, to] = plan.domestic ? (o.drives ? [1800, 2800] : [1500, 2200]) : o.professional ? [6000, 20000] : o.drives ? [2000, 3500] : [1200, 3000];
  return (from + 50 * x.int(0, (to - from) / 50)) * 100;
}

/** The worker's contract with the sponsor, since the sponsorship began; suspended after an absence report. */
function addEmployment(b: Builder, p: PersonRef, plan: ResidencyPlan): void {
  const sponsor = plan.sponsor!;
  b.rows.employments.push({
    id: rowId(p.time, p.nid9, TABLE_CODE.employment, p.slots.employment++),
    person_id: p.id,
    employer_person_id: sponsor.establishmentId ? null : sponsor.owner.id,
    employer_establishment_id: sponsor.establishmentId ?? null,
    occupation_ar: plan.occupation.ar,
    occupation_en: plan.occupation.en,
    started_on: dateText(plan.sponsoredSince),
    ended_on: null,
    contract_status: plan.absent ? 'suspended' : 'active',
    monthly_wage: monthlyWage(b, plan),
  });
}
