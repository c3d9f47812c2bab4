import type { Document } from '../db/tables.js';
import { AppError } from '../kernel/errors.js';
import { addDays, todayInRiyadh, toHijri, type HijriDate } from '../kernel/dates.js';
import {
  getPerson,
  listChildren,
  listDocuments,
  listParents,
  listSponsoredWorkers,
  listSpouses,
  listVehiclesOfPerson,
  listWards,
  personName,
  unpaidViolationsTotal,
  type PersonSummary,
} from '../registry/index.js';
import type { IdentityDeps } from './deps.js';
import type { MyData } from './my-data-schema.js';
import { findAccountById } from './repository/index.js';

/**
 * "My data": what the registry holds about the signed-in person. The account decides whose
 * data is read, never a parameter from the request, so no one can read another person's.
 */

export const EXPIRY_WARNING_DAYS = 90;

function hijriText({ year, month, day }: HijriDate): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 05XXXXX123: enough to recognise one's number, not enough to read it off a screen. */
export function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 2)}${'X'.repeat(mobile.length - 5)}${mobile.slice(-3)}`;
}

function relative(p: PersonSummary): MyData['family']['parents'][number] {
  return {
    nationalId: p.national_id,
    nameAr: personName(p, 'ar', 'short'),
    nameEn: personName(p, 'en', 'short'),
    sex: p.sex,
    birthDate: p.birth_date,
    deceased: p.deceased,
  };
}

type PermitView = MyData['travelPermits'][number];

function permitView(d: Document, today: string): PermitView {
  // The countries and trips are written by the travel permits service (its details).
  const details = d.details as { countries?: unknown; trips?: unknown };
  return {
    number: d.number,
    validFrom: d.issue_date,
    validTo: d.expiry_date,
    status: d.status === 'valid' && d.expiry_date < today ? ('expired' as const) : d.status,
    countries: Array.isArray(details.countries) ? details.countries.filter((c): c is string => typeof c === 'string') : [],
    trips: details.trips === 'single' || details.trips === 'multiple' ? details.trips : null,
  };
}

/**
 * The travel permits of the family members the person is guardian of, so a guardian finds the
 * permits he issued in "My data": all of his wards' (the registry's guardianships), and those of
 * his other children that he issued himself (the permit names its guardian), never a permit
 * another guardian gave a child he is not guardian of.
 */
async function familyTravelPermits(db: IdentityDeps['db'], guardianNationalId: string, wards: readonly PersonSummary[], children: readonly PersonSummary[], today: string): Promise<MyData['familyTravelPermits']> {
  const wardIds = new Set(wards.map((w) => w.id));
  const members = [...wards, ...children.filter((c) => !wardIds.has(c.id))];
  const permits = await Promise.all(members.map((m) => listDocuments(db, { personId: m.id, kind: 'travel_permit' })));
  return members.flatMap((m, i) =>
    (permits[i] ?? [])
      .filter((d) => wardIds.has(m.id) || (d.details as { guardianNationalId?: unknown }).guardianNationalId === guardianNationalId)
      .map((d) => ({ member: { nationalId: m.national_id, nameAr: personName(m, 'ar', 'short'), nameEn: personName(m, 'en', 'short') }, ...permitView(d, today) })),
  );
}

export async function getMyData(options: IdentityDeps & { accountId: string }): Promise<MyData> {
  const { db, clock } = options;
  const account = await findAccountById(db, options.accountId);
  if (!account) throw new AppError('identity.unauthenticated');
  const person = await getPerson(db, account.person_id);
  if (!person) throw new AppError('registry.person_not_found');
  const today = todayInRiyadh(clock);
  const warnUntil = addDays(today, EXPIRY_WARNING_DAYS);

  const [documents, parents, children, spouses, wards, vehicles, workers, unpaid] = await Promise.all([
    listDocuments(db, { personId: person.id }),
    listParents(db, person.id),
    listChildren(db, person.id),
    listSpouses(db, person.id),
    listWards(db, { guardianId: person.id, on: today }),
    listVehiclesOfPerson(db, person.id),
    listSponsoredWorkers(db, person.id),
    unpaidViolationsTotal(db, person.id),
  ]);

  const names = (lang: 'ar' | 'en') => {
    const first = lang === 'ar' ? person.first_name_ar : person.first_name_en;
    const father = lang === 'ar' ? person.father_name_ar : person.father_name_en;
    const grandfather = lang === 'ar' ? person.grandfather_name_ar : person.grandfather_name_en;
    const family = lang === 'ar' ? person.family_name_ar : person.family_name_en;
    return { first, father, grandfather, family, full: personName(person, lang) };
  };
  const hasAddress = person.address_city !== null || person.address_street !== null || person.address_postal_code !== null;

  return {
    account: {
      username: account.username,
      status: account.status,
      activationMethod: account.activation_method,
      language: account.language,
      mobile: account.mobile ? maskMobile(account.mobile) : null,
      email: account.email,
    },
    person: {
      nationalId: person.national_id,
      idType: person.id_type,
      names: { ar: names('ar'), en: names('en') },
      sex: person.sex,
      birthDate: person.birth_date,
      birthDateHijri: hijriText(toHijri(person.birth_date)),
      nationality: person.nationality,
      maritalStatus: person.marital_status,
      address: hasAddress
        ? {
            buildingNumber: person.address_building_number,
            street: person.address_street,
            district: person.address_district,
            city: person.address_city,
            postalCode: person.address_postal_code,
            additionalNumber: person.address_additional_number,
          }
        : null,
    },
    travelPermits: documents.filter((d) => d.kind === 'travel_permit').map((d) => permitView(d, today)),
    familyTravelPermits: await familyTravelPermits(db, person.national_id, wards, children, today),
    documents: documents.map((d) => {
      const expired = d.status === 'expired' || d.expiry_date < today;
      return {
        kind: d.kind,
        number: d.number,
        issueDate: d.issue_date,
        expiryDate: d.expiry_date,
        expiryHijri: hijriText(toHijri(d.expiry_date)),
        status: d.status,
        expired,
        expiresWithin90Days: !expired && d.expiry_date <= warnUntil,
      };
    }),
    family: {
      parents: parents.map(relative),
      children: children.map(relative),
      spouses: spouses.map((s) => ({ ...relative(s), contractedOn: s.contracted_on })),
      wards: wards.map((w) => ({ ...relative(w), basis: w.basis, startsOn: w.starts_on, endsOn: w.ends_on })),
    },
    vehicles: vehicles.map((v) => ({
      sequenceNumber: v.sequence_number,
      relation: v.relation,
      plate: { lettersAr: v.plate_letters_ar, lettersEn: v.plate_letters_en, digits: v.plate_digits },
      make: v.make,
      model: v.model,
      year: v.year,
      registrationExpiry: v.registration_expiry,
      registrationExpired: v.registration_expiry < today,
      insuranceExpiry: v.insurance_expiry,
      impounded: v.impounded,
    })),
    workers: workers.map(({ sponsorship, worker }) => {
      const { nationalId, nameAr, nameEn } = relative(worker);
      return {
        nationalId,
        nameAr,
        nameEn,
        nationality: worker.nationality,
        occupationAr: sponsorship.occupation_ar,
        occupationEn: sponsorship.occupation_en,
        domesticWorker: sponsorship.domestic_worker,
        since: sponsorship.started_on,
      };
    }),
    violations: { unpaidCount: unpaid.count, unpaidTotal: unpaid.totalHalalas },
  };
}
