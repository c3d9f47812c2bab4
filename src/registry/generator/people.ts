import type { MaritalStatus, Sex } from '../../db/tables.js';
import { newSlots, type Address, type Builder, type PersonRef } from './builder.js';
import { dateText } from './dates.js';
import type { Name } from './names.js';
import type { PersonRow } from './rows.js';

/** Everything that makes one person; flags and contact details are drawn in addPerson. */
export interface PersonSpec {
  citizen: boolean;
  sex: Sex;
  birthDay: number;
  nationality: string;
  motherNationality: string | null;
  marital: MaritalStatus;
  first: Name;
  father: Name | null;
  grandfather: Name | null;
  family: Name;
  address: Address;
  deceased?: boolean;
  /** Forced when the caller knows (e.g. a worker on leave); otherwise drawn. */
  insideKingdom?: boolean;
}

const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

/** Reserved example domains only: seeded people must never receive real e-mail. */
function emailFor(first: Name, family: Name, nationalId: string, domain: string): string {
  const local = `${first.en}.${family.en}`.toLowerCase().replace(/[^a-z.]/g, '');
  return `${local}${nationalId.slice(-3)}@${domain}`;
}

export function addPerson(b: Builder, spec: PersonSpec): PersonRef {
  const r = b.random;
  const identity = b.nextIdentity(spec.citizen);
  const age = b.ageYears(spec.birthDay);
  const deceased = spec.deceased ?? false;
  const adult = age >= 18;
  const insideKingdom = deceased ? true : (spec.insideKingdom ?? !(adult && r.chance(spec.citizen ? 0.02 : 0.03)));
  const mobile = !deceased && age >= 15 && r.chance(0.96) ? b.mobiles.next() : null;
  const email = mobile !== null && adult && r.chance(0.35) ? emailFor(spec.first, spec.family, identity.nationalId, r.pick(EMAIL_DOMAINS)) : null;
  const a = spec.address;

  const row: PersonRow = {
    id: identity.id,
    national_id: identity.nationalId,
    id_type: spec.citizen ? 'national_id' : 'iqama',
    first_name_ar: spec.first.ar,
    father_name_ar: spec.father?.ar ?? null,
    grandfather_name_ar: spec.grandfather?.ar ?? null,
    family_name_ar: spec.family.ar,
    first_name_en: spec.first.en,
    father_name_en: spec.father?.en ?? null,
    grandfather_name_en: spec.grandfather?.en ?? null,
    family_name_en: spec.family.en,
    sex: spec.sex,
    birth_date: dateText(spec.birthDay),
    nationality: spec.nationality,
    mother_nationality: spec.motherNationality,
    marital_status: spec.marital,
    mobile,
    email,
    address_building_number: a.building,
    address_street: a.street,
    address_district: a.district,
    address_city: a.city.nameAr,
    address_postal_code: a.postalCode,
    address_additional_number: a.additional,
    deceased,
    inside_kingdom: insideKingdom,
    criminal_case: adult && !deceased && r.chance(0.002),
    security_restriction: adult && !deceased && r.chance(0.001),
  };
  b.rows.persons.push(row);
  b.people++;
  if (!spec.citizen) b.residents++;

  return {
    row,
    id: identity.id,
    nid9: identity.nid9,
    time: identity.time,
    citizen: spec.citizen,
    sex: spec.sex,
    birthDay: spec.birthDay,
    city: a.city,
    slots: newSlots(),
    licensed: false,
    vehicleIds: [],
    hasUnpaidViolations: false,
  };
}
