import type { ViolationStatus } from '../../db/tables.js';
import type { Builder, PersonRef } from './builder.js';
import { COLOURS, ESTABLISHMENT_MODELS, INSURERS, VEHICLE_MODELS } from './data/catalogue.js';
import { VEHICLE_INSURERS } from './data/inquiries.js';
import { addYears, dateText, timestampText } from './dates.js';
import { addDocument, issueAndExpiry } from './documents.js';
import { personScopedNumber, plateAt, rowId, TABLE_CODE, vehicleSequenceNumber } from './identifiers.js';
import { Weighted } from './random.js';

const split = (s: string, sep: string) => s.split(sep) as [string, string];
const PRIVATE_MODELS = new Weighted(VEHICLE_MODELS.map(([m, w]) => [split(m, '|'), w] as const));
const COMPANY_MODELS = new Weighted(ESTABLISHMENT_MODELS.map(([m, w]) => [split(m, '|'), w] as const));
const COLOUR_NAMES = new Weighted(COLOURS.map(([c, w]) => [split(c, '='), w] as const));
const VEHICLE_AGE = new Weighted<number>([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20].map((age, i) => [age, 13 - i]));
const VIOLATION_STATUS = new Weighted<ViolationStatus>([['unpaid', 45], ['paid', 45], ['objected', 5], ['cancelled', 5]]);
const VIOLATION_COUNT = new Weighted<number>([[1, 50], [2, 25], [3, 15], [4, 7], [5, 3]]);

/**
 * A vehicle owned by a person, or by an establishment (`establishmentId`, with the owner as
 * the person the registration card is filed under). Returns its id, or null when the person has
 * no vehicle slot left or the batch ran out of checked plates.
 */
export function addVehicle(b: Builder, owner: PersonRef, establishmentId: string | null = null): string | null {
  if (owner.slots.vehicle > 4 || b.plates.available === 0) return null;
  const r = b.random;
  const slot = owner.slots.vehicle++;
  const id = rowId(owner.time, owner.nid9, TABLE_CODE.vehicle, slot);
  const plate = plateAt(b.plates.take());
  const [make, model] = (establishmentId ? COMPANY_MODELS : PRIVATE_MODELS).pick(r);
  const [colourAr, colourEn] = COLOUR_NAMES.pick(r);
  const asOfYear = Number(dateText(b.asOf).slice(0, 4));
  const year = asOfYear + 1 - VEHICLE_AGE.pick(r);
  const firstRegistration = Date.UTC(year - 1, 9, 1) / 86_400_000;
  const registration = issueAndExpiry(b, 3, firstRegistration, { expired: 0.08, within30: 0.04, within90: 0.06 }) ?? [b.asOf, addYears(b.asOf, 3)];
  const x = r.next();
  const insured = x < 0.92;
  const insuranceExpiry = x < 0.83 ? b.asOf + r.int(1, 365) : insured ? b.asOf - r.int(1, 300) : null;
  const impounded = !establishmentId && r.chance(0.004);
  // Drawn in the order the row's fields drew them before the insurer's name was kept.
  const insurer = insured ? r.pick(INSURERS) : null;
  const policy = insured ? `${insurer}-${r.int(10_000_000, 99_999_999)}` : null;
  const insurerName = insurer === null ? null : VEHICLE_INSURERS[insurer]!;
  b.rows.vehicles.push({
    id,
    sequence_number: vehicleSequenceNumber(owner.nid9, slot),
    plate_letters_ar: plate.lettersAr,
    plate_letters_en: plate.lettersEn,
    plate_digits: plate.digits,
    make,
    model,
    year,
    colour_ar: colourAr,
    colour_en: colourEn,
    owner_person_id: establishmentId ? null : owner.id,
    owner_establishment_id: establishmentId,
    registration_expiry: dateText(registration[1]),
    insurance_policy: policy,
    insurance_expiry: insuranceExpiry === null ? null : dateText(insuranceExpiry),
    impounded,
    impounded_on: impounded ? dateText(b.asOf - r.int(1, 60)) : null,
    impound_location: impounded ? `حجز المرور - ${owner.city.nameAr}` : null,
    insurer_ar: insurerName?.ar ?? null,
    insurer_en: insurerName?.en ?? null,
    insurance_coverage: insurerName === null ? null : b.extra.chance(0.35) ? 'comprehensive' : 'third_party',
  });
  addDocument(b, owner, 'vehicle_registration', vehicleSequenceNumber(owner.nid9, slot), registration[0], registration[1], {
    country: 'SAU',
    vehicleId: id,
  });
  if (!establishmentId) owner.vehicleIds.push(id);
  return id;
}

export function addVehicleUser(b: Builder, vehicleId: string, person: PersonRef): void {
  b.rows.vehicle_users.push({ vehicle_id: vehicleId, person_id: person.id });
}

/**
 * One to five violations of types read from the registry, amounts within each type's bounds
 * (whole riyals), mostly unpaid or paid; objections are recent (within the 30-day window).
 */
export function addViolations(b: Builder, p: PersonRef, vehicleId: string | null): void {
  const r = b.random;
  const count = Math.min(VIOLATION_COUNT.pick(r), 5 - p.slots.violation);
  for (let i = 0; i < count; i++) {
    const type = r.pick(b.violationTypes);
    const steps = Math.floor((type.maxAmount - type.minAmount) / 100);
    const amount = type.minAmount + 100 * r.int(0, steps);
    const status = VIOLATION_STATUS.pick(r);
    const day = status === 'objected' ? b.asOf - r.int(1, 29) : b.asOf - r.int(1, 730);
    const minute = r.int(0, 1439);
    const slot = p.slots.violation++;
    b.rows.traffic_violations.push({
      id: rowId(p.time, p.nid9, TABLE_CODE.violation, slot),
      number: personScopedNumber('violation', p.nid9, slot),
      violator_id: p.id,
      vehicle_id: vehicleId,
      type_code: type.code,
      committed_at: timestampText(day, minute),
      city: r.chance(0.85) ? p.city.nameAr : b.cities.pick(r).nameAr,
      amount,
      status,
      settled_at: status === 'paid' ? timestampText(Math.min(b.asOf, day + r.int(0, 60)), r.int(0, 1439)) : null,
    });
    if (status === 'unpaid') p.hasUnpaidViolations = true;
  }
}
