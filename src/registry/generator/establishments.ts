import type { Sex } from '../../db/tables.js';
import type { Builder, PersonRef } from './builder.js';
import { ACTIVITIES, ESTABLISHMENT_OCCUPATIONS } from './data/catalogue.js';
import { rowId, TABLE_CODE, unifiedNumber } from './identifiers.js';
import { parsePairs } from './names.js';
import { Weighted } from './random.js';
import { addEstablishmentRecruitment } from './recruitment.js';
import { addVehicle, addVehicleUser } from './vehicles.js';
import { addResident, addResidentFamily, recruitFrom, workerDates, workerMarital } from './workers.js';

/**
 * An establishment owned by a Saudi of the same batch, with its resident workforce: mostly
 * single men housed together, professionals sometimes with their families, and a few company
 * vehicles driven by its drivers.
 */

const OCCUPATIONS = new Weighted(ESTABLISHMENT_OCCUPATIONS);
const ACTIVITY_NAMES = parsePairs(ACTIVITIES);
const WORKFORCE = new Weighted<[number, number]>([[[1, 3], 30], [[4, 10], 35], [[11, 30], 25], [[31, 80], 10]]);

export function addEstablishment(b: Builder, owner: PersonRef, budget: number): void {
  if (owner.slots.establishment > 4 || budget < 1) return;
  const r = b.random;
  const start = b.people;
  const slot = owner.slots.establishment++;
  const id = rowId(owner.time, owner.nid9, TABLE_CODE.establishment, slot);
  const activity = r.pick(ACTIVITY_NAMES);
  const o = owner.row;
  const company = r.chance(0.3);
  b.rows.establishments.push({
    id,
    unified_number: unifiedNumber(owner.nid9, slot),
    name_ar: company ? `شركة ${o.family_name_ar} ${activity.ar}` : `مؤسسة ${o.first_name_ar} ${o.family_name_ar} ${activity.ar}`,
    name_en: company ? `${o.family_name_en} ${activity.en} Company` : `${o.first_name_en} ${o.family_name_en} ${activity.en} Est.`,
    owner_id: owner.id,
    city: owner.city.nameAr,
  });

  const [min, max] = WORKFORCE.pick(r);
  const size = Math.min(budget, r.int(min, max));
  const housing = b.randomAddress(owner.city);
  const drivers: PersonRef[] = [];
  while (b.people - start < size) {
    const occupation = OCCUPATIONS.pick(r);
    const sex: Sex = occupation.sex === 'any' ? (r.chance(0.7) ? 'male' : 'female') : occupation.sex;
    const nat = recruitFrom(r, occupation.from);
    const { birthDay, arrivalDay } = workerDates(b, 21, 58);
    const marital = workerMarital(r);
    const left = size - (b.people - start);
    const withFamily = occupation.professional === true && sex === 'male' && marital === 'married' && left >= 2 && r.chance(0.45);
    const address = withFamily ? b.randomAddress(owner.city) : housing;
    const worker = addResident(b, {
      nat, sex, birthDay, marital, address, arrivalDay, sponsorEstablishmentId: id, establishmentOwner: owner, occupation,
      domestic: false, drives: occupation.drives ?? false, pastTransfers: r.chance(0.1) ? 1 : 0,
    });
    if (worker.licensed && occupation.drives) drivers.push(worker);
    if (withFamily) addResidentFamily(b, worker, nat, address, arrivalDay, size - (b.people - start));
  }

  addEstablishmentRecruitment(b, owner, id);

  const vehicles = size >= 4 ? r.int(0, Math.min(3, 1 + Math.floor(size / 10))) : 0;
  for (let i = 0; i < vehicles; i++) {
    const vehicle = addVehicle(b, owner, id);
    if (vehicle && drivers.length > 0) addVehicleUser(b, vehicle, r.pick(drivers));
  }
}
