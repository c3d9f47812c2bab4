import type { MaritalStatus, Sex } from '../../db/tables.js';
import type { Address, Builder, PersonRef } from './builder.js';
import { yearsToDays } from './dates.js';
import { equipCitizen } from './equip.js';
import { linkChild, marry } from './kin.js';
import { SAUDI_NAMES, type Name } from './names.js';
import { addPerson } from './people.js';
import { Weighted, type Random } from './random.js';
import { addDomesticWorkers, addForeignWife, between } from './workers.js';

/**
 * Saudi households: a couple (sometimes widowed, divorced, or a husband with two wives), their
 * children of every age, and for married adult children their spouse and children, so the
 * registry holds three generations. Then the household's domestic workers.
 */

const YEAR = 365.2425;
type Kind = 'married' | 'widowed' | 'divorced' | 'polygamous';
const KINDS = new Weighted<Kind>([['married', 84], ['widowed', 6], ['divorced', 6], ['polygamous', 4]]);
const HEAD_AGE = new Weighted<[number, number]>([[[24, 29], 14], [[30, 39], 28], [[40, 49], 25], [[50, 59], 18], [[60, 69], 10], [[70, 85], 5]]);
const CHILD_COUNT = new Weighted<number>([[0, 6], [1, 10], [2, 15], [3, 18], [4, 17], [5, 13], [6, 9], [7, 7], [8, 5]]);

export const nameOf = (p: PersonRef): Name => ({ ar: p.row.first_name_ar, en: p.row.first_name_en });
const fatherNameOf = (p: PersonRef): Name | null => (p.row.father_name_ar ? { ar: p.row.father_name_ar, en: p.row.father_name_en! } : null);
const familyOf = (p: PersonRef): Name => ({ ar: p.row.family_name_ar, en: p.row.family_name_en });

const birthForAge = (b: Builder, age: number) => b.asOf - Math.floor(age * YEAR);
const firstName = (r: Random, sex: Sex) => r.pick(sex === 'male' ? SAUDI_NAMES.male : SAUDI_NAMES.female);

/** A Saudi adult with no recorded parents: the head of a household or a spouse marrying in. */
function addSaudiAdult(b: Builder, sex: Sex, birthDay: number, marital: MaritalStatus, address: Address, deceased = false): PersonRef {
  const r = b.random;
  const p = addPerson(b, {
    citizen: true, sex, birthDay, nationality: 'SAU', motherNationality: r.chance(0.97) ? 'SAU' : null, marital,
    first: firstName(r, sex), father: r.pick(SAUDI_NAMES.male), grandfather: r.pick(SAUDI_NAMES.male),
    family: r.pick(SAUDI_NAMES.family), address, deceased,
  });
  equipCitizen(b, p);
  return p;
}

/** Marital status of an adult child, by age and sex; minors are single. */
function childMarital(r: Random, age: number, sex: Sex): MaritalStatus {
  if (age < 18) return 'single';
  const female = sex === 'female';
  const married = age < 20 ? (female ? 0.12 : 0.03) : age < 23 ? (female ? 0.3 : 0.1) : age < 27 ? 0.45 : age < 32 ? 0.7 : 0.85;
  if (!r.chance(married)) return 'single';
  const x = r.next();
  return x < 0.07 ? 'divorced' : x < 0.08 ? 'widowed' : 'married';
}

/** Children's ages, oldest first: the first born when the mother was 19-30, then every 1-3 years. */
function planChildren(r: Random, motherAge: number, count: number): number[] {
  const ages: number[] = [];
  let age = motherAge - r.int(19, 30) - r.next();
  while (ages.length < count && age >= 0) {
    ages.push(age);
    age -= 1 + r.next() * 2;
  }
  return ages;
}

interface Parents {
  father: PersonRef;
  mother: PersonRef;
  fatherDiedOn: number | null;
  address: Address;
}

/** A child of `parents`; a married (or once married) adult child brings a spouse and children. */
function addChild(b: Builder, parents: Parents, age: number, extra: number, birthDay = birthForAge(b, age)): PersonRef {
  const r = b.random;
  const sex: Sex = r.chance(0.51) ? 'male' : 'female';
  let marital = childMarital(r, age, sex);
  if (marital !== 'single' && extra < 1) marital = 'single';
  const address = marital === 'single' ? parents.address : b.randomAddress(r.chance(0.8) ? parents.address.city : undefined);
  const father = parents.father;
  const child = addPerson(b, {
    citizen: parents.father.citizen, sex, birthDay, nationality: father.row.nationality, motherNationality: parents.mother.row.nationality,
    marital, first: firstName(r, sex), father: nameOf(father), grandfather: fatherNameOf(father), family: familyOf(father), address,
  });
  linkChild(b, child, father, parents.mother, parents.fatherDiedOn);
  equipCitizen(b, child);
  if (marital !== 'single') addSpouseAndChildren(b, child, marital, age, extra);
  return child;
}

/** The spouse of a married adult child, their marriage and up to three children of their own. */
function addSpouseAndChildren(b: Builder, child: PersonRef, marital: MaritalStatus, age: number, budget: number): void {
  const r = b.random;
  const male = child.sex === 'male';
  const spouseAge = male ? Math.max(18, age - r.int(0, 6) - r.next()) : age + r.int(0, 8) + r.next();
  const spouseBirth = birthForAge(b, spouseAge);
  const spouseAddress = marital === 'divorced' ? b.randomAddress(child.city) : addressOf(child);
  const spouse = addSaudiAdult(b, male ? 'female' : 'male', spouseBirth, marital === 'widowed' ? 'married' : marital, spouseAddress, marital === 'widowed');
  const [husband, wife] = male ? [child, spouse] : [spouse, child];
  const adultSince = Math.max(child.birthDay, spouseBirth) + yearsToDays(18);
  const contracted = between(r, adultSince, b.asOf - 30);
  const ended = marital === 'married' ? null : between(r, Math.min(b.asOf - 1, contracted + 100), b.asOf - 1);
  marry(b, husband, wife, contracted, ended);
  const room = Math.min(budget - 1, Math.floor(((ended ?? b.asOf) - contracted) / (1.5 * YEAR)), r.int(0, 3));
  const parents: Parents = { father: husband, mother: wife, fatherDiedOn: husband.row.deceased ? ended : null, address: addressOf(wife) };
  for (let i = 0; i < room; i++) {
    const birthDay = between(r, contracted + 300, (ended ?? b.asOf) - 1);
    if (birthDay >= b.asOf) break;
    addChild(b, parents, (b.asOf - birthDay) / YEAR, 0, birthDay);
  }
}

/** The address a person was given (every generated person has one). */
function addressOf(p: PersonRef): Address {
  const row = p.row;
  return {
    building: row.address_building_number!, street: row.address_street!, district: row.address_district!,
    postalCode: row.address_postal_code!, additional: row.address_additional_number!, city: p.city,
  };
}

/** A young Saudi living alone (a student or a new employee), or an older single person. */
function addSingleAdult(b: Builder): void {
  const r = b.random;
  const sex: Sex = r.chance(0.7) ? 'male' : 'female';
  const p = addSaudiAdult(b, sex, birthForAge(b, 19 + r.next() * 20), 'single', b.randomAddress());
  if (sex === 'male' && b.ageYears(p.birthDay) >= 28) b.ownerCandidates.push(p);
}

/** One Saudi household of at most `budget` people. */
export function addSaudiHousehold(b: Builder, budget: number): void {
  const r = b.random;
  const start = b.people;
  let kind = KINDS.pick(r);
  if (budget < 2 || r.chance(0.07)) return addSingleAdult(b);
  if (kind === 'polygamous' && budget < 3) kind = 'married';
  const address = b.randomAddress();
  const [minAge, maxAge] = HEAD_AGE.pick(r);
  const headAge = (kind === 'polygamous' ? Math.max(minAge, 40) : minAge) + r.next() * (maxAge - minAge);
  const wifeAge = Math.max(18 + r.next(), headAge - r.int(0, 10) - r.next());
  const ages = planChildren(r, wifeAge, CHILD_COUNT.pick(r)).slice(0, budget - (kind === 'polygamous' ? 3 : 2));

  const headBirth = birthForAge(b, headAge);
  const wifeBirth = birthForAge(b, wifeAge);
  const adultSince = Math.max(headBirth, wifeBirth) + yearsToDays(18);
  const oldestBirth = ages.length ? birthForAge(b, ages[0]!) : b.asOf;
  const contracted = ages.length ? Math.max(adultSince, oldestBirth - r.int(300, 1100)) : between(r, adultSince, b.asOf - 30);
  const youngestBirth = ages.length ? birthForAge(b, ages[ages.length - 1]!) : contracted;
  const ended = kind === 'widowed' || kind === 'divorced' ? between(r, Math.max(youngestBirth, contracted + 1), b.asOf - 1) : null;

  const head = addSaudiAdult(b, 'male', headBirth, kind === 'divorced' ? 'divorced' : 'married', address, kind === 'widowed');
  const wifeMarital: MaritalStatus = kind === 'widowed' ? 'widowed' : kind === 'divorced' ? 'divorced' : 'married';
  const wifeAddress = kind === 'divorced' ? b.randomAddress(address.city) : address;
  // A deceased or former husband cannot sponsor a foreign wife's iqama, so only current marriages.
  const foreign = (kind === 'married' || kind === 'polygamous') && r.chance(0.03);
  const wife = foreign
    ? addForeignWife(b, head, wifeBirth, wifeMarital, wifeAddress, contracted)
    : addSaudiAdult(b, 'female', wifeBirth, wifeMarital, wifeAddress);
  marry(b, head, wife, contracted, ended);

  const parents: Parents = { father: head, mother: wife, fatherDiedOn: kind === 'widowed' ? ended : null, address };
  ages.forEach((age, i) => {
    const extra = budget - (b.people - start) - (ages.length - i) - (kind === 'polygamous' ? 1 : 0);
    addChild(b, parents, age, extra);
  });

  if (kind === 'polygamous') {
    const secondBirth = birthForAge(b, 20 + r.next() * Math.max(1, headAge - 35));
    const since = between(r, Math.max(contracted + 365, secondBirth + yearsToDays(18)), b.asOf - 30);
    const second = addSaudiAdult(b, 'female', secondBirth, 'married', b.randomAddress(address.city));
    marry(b, head, second, since);
    const secondParents: Parents = { father: head, mother: second, fatherDiedOn: null, address: addressOf(second) };
    const count = Math.min(budget - (b.people - start), r.int(0, 3));
    for (let i = 0; i < count; i++) {
      const birthDay = between(r, since + 300, b.asOf - 1);
      if (birthDay >= b.asOf) break;
      addChild(b, secondParents, (b.asOf - birthDay) / YEAR, 0, birthDay);
    }
  }

  const sponsor = head.row.deceased ? wife : head;
  const anyMinor = ages.some((age) => age < 12);
  addDomesticWorkers(b, sponsor, address, budget - (b.people - start), head.vehicleIds.concat(wife.vehicleIds), anyMinor);
  if (!head.row.deceased && head.row.inside_kingdom && headAge >= 28 && headAge < 70) b.ownerCandidates.push(head);
}
