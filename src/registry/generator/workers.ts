import type { MaritalStatus, Sex } from '../../db/tables.js';
import type { Address, Builder, PersonRef } from './builder.js';
import { DEPENDANT_OCCUPATION, DOMESTIC_OCCUPATIONS, HOUSEWIFE_OCCUPATION, type Occupation } from './data/catalogue.js';
import { dateText, yearsToDays } from './dates.js';
import { equipResident } from './equip.js';
import { rowId, TABLE_CODE } from './identifiers.js';
import { linkChild, marry } from './kin.js';
import { nationality, type Name, type Nationality } from './names.js';
import { addPerson } from './people.js';
import { Weighted, type Random } from './random.js';
import { addHouseholdRecruitment } from './recruitment.js';
import { addResidencyRecords } from './residency.js';
import { addVehicleUser } from './vehicles.js';

/**
 * Residents: domestic workers of Saudi households, foreign wives of Saudis, and (through
 * establishments.ts) establishment workers with the families some bring. Every resident has
 * exactly one current sponsorship: a Saudi person, an establishment, or for dependants the
 * resident head of the family.
 */

const YEAR = 365.2425;
const DOMESTIC = new Weighted(DOMESTIC_OCCUPATIONS);
const HOUSEMAID = DOMESTIC_OCCUPATIONS[0]![0];
const DOMESTIC_COUNT = new Weighted<number>([[0, 45], [1, 25], [2, 18], [3, 9], [4, 3]]);
const TRANSFERS = new Weighted<number>([[0, 70], [1, 20], [2, 7], [3, 3]]);
const FOREIGN_WIFE = new Weighted<string>([['EGY', 30], ['YEM', 20], ['SDN', 15], ['PHL', 15], ['IDN', 10], ['ETH', 5], ['PAK', 5]]);

/** A day in [from, to], or `from` when the range is empty; always exactly one draw (see yearsToDays). */
export const between = (r: Random, from: number, to: number) => r.int(from, Math.max(from, to));

/** A nationality for an occupation: the first listed are the most common. */
export function recruitFrom(r: Random, from: string[]): Nationality {
  return nationality(from[Math.floor(Math.pow(r.next(), 1.6) * from.length)]!);
}

export function workerMarital(r: Random): MaritalStatus {
  const x = r.next();
  return x < 0.55 ? 'married' : x < 0.93 ? 'single' : 'divorced';
}

interface ResidentNames {
  first: Name;
  father: Name | null;
  grandfather: Name | null;
  family: Name;
}

/** Names as on the passport: four parts for Arab nationalities, given and family name otherwise. */
export function residentNames(r: Random, nat: Nationality, sex: Sex): ResidentNames {
  const first = r.pick(sex === 'male' ? nat.male : nat.female);
  if (nat.arabicNaming) return { first, father: r.pick(nat.male), grandfather: r.pick(nat.male), family: r.pick(nat.family) };
  return { first, father: r.chance(0.35) ? r.pick(nat.male) : null, grandfather: null, family: r.pick(nat.family) };
}

export interface ResidentSpec {
  nat: Nationality;
  sex: Sex;
  birthDay: number;
  marital: MaritalStatus;
  names?: ResidentNames;
  address: Address;
  arrivalDay: number;
  sponsorPerson?: PersonRef;
  sponsorEstablishmentId?: string;
  /** The owner of the sponsoring establishment: its work visas are numbered after the owner. */
  establishmentOwner?: PersonRef;
  occupation: Pick<Occupation, 'ar' | 'en'> & Partial<Occupation>;
  /** Sponsored as family (a wife or child), not as a worker: no absence report, nothing owed. */
  family?: boolean;
  domestic: boolean;
  drives: boolean;
  pastTransfers: number;
}

export function addResident(b: Builder, spec: ResidentSpec): PersonRef {
  const r = b.random;
  const names = spec.names ?? residentNames(r, spec.nat, spec.sex);
  const p = addPerson(b, {
    citizen: false, sex: spec.sex, birthDay: spec.birthDay, nationality: spec.nat.code, motherNationality: spec.nat.code,
    marital: spec.marital, ...names, address: spec.address,
  });
  const started = spec.pastTransfers > 0 ? between(r, spec.arrivalDay + 180 * spec.pastTransfers, b.asOf - 20) : spec.arrivalDay;
  const worker = !spec.family;
  const absent = worker && p.row.inside_kingdom && r.chance(spec.domestic ? 0.02 : 0.01);
  const sponsoredSince = Math.min(started, b.asOf);
  b.rows.sponsorships.push({
    id: rowId(p.time, p.nid9, TABLE_CODE.sponsorship, 0),
    worker_id: p.id,
    sponsor_person_id: spec.sponsorPerson?.id ?? null,
    sponsor_establishment_id: spec.sponsorEstablishmentId ?? null,
    occupation_ar: spec.occupation.ar,
    occupation_en: spec.occupation.en,
    domestic_worker: spec.domestic,
    absence_reported_on: absent ? dateText(between(r, Math.max(started, b.asOf - 300), b.asOf - 3)) : null,
    obligations_settled: !(worker && r.chance(0.04)),
    past_transfers: spec.pastTransfers,
    started_on: dateText(sponsoredSince),
    ended_on: null,
  });
  const documents = equipResident(b, p, {
    passportPrefix: spec.nat.passportPrefix, arrivalDay: spec.arrivalDay, drives: spec.drives, domestic: spec.domestic, licenceClass: spec.occupation.licence,
  });
  const owner = spec.sponsorPerson ?? spec.establishmentOwner;
  addResidencyRecords(b, p, {
    arrivalDay: spec.arrivalDay, sponsoredSince, worker, domestic: spec.domestic, occupation: spec.occupation, pastTransfers: spec.pastTransfers, absent,
    sponsor: owner && { owner, establishmentId: spec.sponsorEstablishmentId }, ...documents,
  });
  return p;
}

/** A worker's birth and arrival: aged `minAge`-`maxAge`, arrived as an adult within 12 years. */
export function workerDates(b: Builder, minAge: number, maxAge: number): { birthDay: number; arrivalDay: number } {
  const r = b.random;
  const birthDay = b.asOf - Math.floor((minAge + r.next() * (maxAge - minAge)) * YEAR);
  const arrivalDay = between(r, Math.max(birthDay + yearsToDays(21), b.asOf - 12 * 365), b.asOf - 30);
  return { birthDay, arrivalDay };
}

/** 0-4 domestic workers sponsored by the household; drivers may drive its vehicles. */
export function addDomesticWorkers(b: Builder, sponsor: PersonRef, address: Address, budget: number, vehicles: string[], youngChildren: boolean): void {
  const r = b.random;
  const count = Math.min(DOMESTIC_COUNT.pick(r), budget);
  for (let i = 0; i < count; i++) {
    let occupation: Occupation = DOMESTIC.pick(r);
    if (occupation.en === 'Nanny' && !youngChildren) occupation = HOUSEMAID;
    const sex: Sex = occupation.sex === 'any' ? (r.chance(0.6) ? 'male' : 'female') : occupation.sex;
    const { birthDay, arrivalDay } = workerDates(b, 22, 48);
    const worker = addResident(b, {
      nat: recruitFrom(r, occupation.from), sex, birthDay, marital: workerMarital(r), address, arrivalDay,
      sponsorPerson: sponsor, occupation, domestic: true, drives: occupation.drives ?? false, pastTransfers: TRANSFERS.pick(r),
    });
    if (occupation.drives) for (const vehicle of vehicles.slice(0, 2)) addVehicleUser(b, vehicle, worker);
  }
  if (count > 0) addHouseholdRecruitment(b, sponsor);
}

/** A Saudi's foreign wife: a resident whose iqama is sponsored by her husband. */
export function addForeignWife(b: Builder, husband: PersonRef, birthDay: number, marital: MaritalStatus, address: Address, contracted: number): PersonRef {
  const r = b.random;
  return addResident(b, {
    nat: nationality(FOREIGN_WIFE.pick(r)), sex: 'female', birthDay, marital, address, arrivalDay: contracted,
    sponsorPerson: husband, occupation: HOUSEWIFE_OCCUPATION, family: true, domestic: false, drives: false, pastTransfers: 0,
  });
}

/** A resident's wife and up to three children, dependants sponsored by him. */
export function addResidentFamily(b: Builder, husband: PersonRef, nat: Nationality, address: Address, arrivalDay: number, budget: number): void {
  if (budget < 1) return;
  const r = b.random;
  const husbandAge = b.ageYears(husband.birthDay);
  const wifeBirth = b.asOf - Math.floor(Math.max(19, husbandAge - r.int(0, 8) - r.next()) * YEAR);
  const wifeNames = residentNames(r, nat, 'female');
  if (!nat.arabicNaming) wifeNames.family = { ar: husband.row.family_name_ar, en: husband.row.family_name_en };
  const wife = addResident(b, {
    nat, sex: 'female', birthDay: wifeBirth, marital: 'married', names: wifeNames, address, arrivalDay: between(r, arrivalDay, b.asOf - 30),
    sponsorPerson: husband, occupation: DEPENDANT_OCCUPATION, family: true, domestic: false, drives: false, pastTransfers: 0,
  });
  const adultSince = Math.max(husband.birthDay, wifeBirth) + yearsToDays(18);
  const contracted = between(r, adultSince, Math.min(arrivalDay, b.asOf - 30));
  marry(b, husband, wife, contracted);
  const children = Math.min(budget - 1, r.int(0, 3));
  for (let i = 0; i < children; i++) {
    const birthDay = between(r, Math.max(contracted + 300, b.asOf - 20 * 365), b.asOf - 1);
    if (birthDay >= b.asOf) break;
    const sex: Sex = r.chance(0.51) ? 'male' : 'female';
    const father = { ar: husband.row.first_name_ar, en: husband.row.first_name_en };
    const names: ResidentNames = nat.arabicNaming
      ? { first: r.pick(sex === 'male' ? nat.male : nat.female), father, grandfather: husband.row.father_name_ar ? { ar: husband.row.father_name_ar, en: husband.row.father_name_en! } : null, family: { ar: husband.row.family_name_ar, en: husband.row.family_name_en } }
      : { first: r.pick(sex === 'male' ? nat.male : nat.female), father: null, grandfather: null, family: { ar: husband.row.family_name_ar, en: husband.row.family_name_en } };
    const child = addResident(b, {
      nat, sex, birthDay, marital: 'single', names, address, arrivalDay: Math.max(birthDay, arrivalDay),
      sponsorPerson: husband, occupation: DEPENDANT_OCCUPATION, family: true, domestic: false, drives: false, pastTransfers: 0,
    });
    linkChild(b, child, husband, wife);
  }
}
