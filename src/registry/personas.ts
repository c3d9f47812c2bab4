import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { systemClock } from '../kernel/clock.js';
import { todayInRiyadh } from '../kernel/dates.js';
import { existingNationalIds, insertRows, loadViolationTypes } from './generator/bulk-repository.js';
import { dateText, dayNumber } from './generator/dates.js';
import { PERSONA_GROUPS, PERSONA_PEOPLE, personaNationalId, personaTrafficCaseNumber, type PersonaPersonKey } from './generator/persona-households.js';
import { PersonaKit } from './generator/persona-kit.js';
import { rowCounts, type RowCounts } from './generator/rows.js';

/**
 * Demo personas: fixed people a tester signs in as, each set up for one journey.
 *
 * Their national IDs, names and mobiles never change. Their birth dates and document dates
 * are computed from a reference day `asOf`: the server passes the day of its first start, so
 * "a 17-year-old son" and "an iqama expiring within 30 days" are true on the day the demo is
 * first used (they then age with the calendar, as real people do). Seeding is idempotent: a
 * persona's group (the persona and its relatives, workers, vehicles, documents, violations,
 * case and suspension) is written only when the persona is not in the registry yet.
 *
 * Persona national IDs use tails below 10,000 (1000000xxx, 2000000xxx), their mobiles
 * 050000xxxx and their plates the letters أ أ أ (AAA): ranges the generator never uses.
 */

export type PersonaRole = 'individual' | 'business' | 'officer';

export interface DemoPersona {
  key: string;
  role: PersonaRole;
  /** For officers: the agency whose console they work in. */
  agency?: 'passports' | 'traffic' | 'civil-affairs';
  description: { ar: string; en: string };
  nameAr: string;
  nameEn: string;
  nationalId: string;
  /** 'YYYY-MM-DD', Gregorian. */
  dateOfBirth: string;
  mobile: string;
}

interface PersonaEntry extends Omit<DemoPersona, 'nameAr' | 'nameEn' | 'nationalId' | 'dateOfBirth' | 'mobile'> {
  person: PersonaPersonKey;
}

const ENTRIES: PersonaEntry[] = [
  {
    key: 'guardian', person: 'guardian', role: 'individual',
    description: {
      ar: 'أب وولي أمر: ابن عمره 17 سنة تحت ولايته، وابنة متزوجة عمرها 19 سنة، وابن عمره 22 سنة (تصاريح السفر لأفراد الأسرة). أدى الحج قبل 8 سنوات هجرية (مؤهل للحج).',
      en: 'A father and guardian: a 17-year-old son in his guardianship, a married 19-year-old daughter and a 22-year-old son (family travel permits). Performed Hajj 8 Hijri years ago (eligible for Hajj).',
    },
  },
  {
    key: 'sponsor', person: 'sponsor', role: 'individual',
    description: {
      ar: 'كفيل لعاملين منزليين: عاملة منزلية دون نقل سابق وسائق خاص نُقلت خدماته مرة واحدة (نقل الخدمات، تجديد الإقامة). وصلت عاملة منزلية جديدة على تأشيرته قبل 10 أيام (وصول العمال الجدد، طلبات الاستقدام).',
      en: 'Sponsor of two domestic workers: a housemaid with no past transfer and a driver transferred once (transfer of services, iqama renewal). A new housemaid arrived on his work visa 10 days ago (arrival of new workers, recruitment requests).',
    },
  },
  {
    key: 'renewed-passport', person: 'renewedPassport', role: 'individual',
    description: {
      ar: 'مقيم جدد جواز سفره: الجواز القديم ملغى والجديد ساري، ويكفله صاحب المؤسسة (تحديث معلومات الجواز). له تأمين صحي وبصمة وسجل سفر ومعلومات توظيف.',
      en: 'A resident who renewed his passport: the old one cancelled, the new one valid; sponsored by the establishment owner (update passport information). Has health insurance, fingerprints, a travel record and employment information.',
    },
  },
  {
    key: 'violator', person: 'violator', role: 'individual',
    description: {
      ar: 'عليه مخالفات مرورية غير مسددة وإيقاف خدمات المرور من الإدارة العامة للمرور يُرفع بسدادها. أدى الحج قبل سنتين هجريتين (غير مؤهل للحج).',
      en: 'Several unpaid traffic violations and an active suspension of traffic services by the traffic department, lifted by paying them. Performed Hajj 2 Hijri years ago (not eligible for Hajj).',
    },
  },
  {
    key: 'traffic-case', person: 'trafficCase', role: 'individual',
    description: {
      ar: 'طرف متسبب في حادث مروري مفتوح (القضية رقم {caseNumber}) وموقوف، والكفالة مسموحة: يكفله أخوه (شخصية «الكفيل») بخدمة الكفالة.',
      en: 'The driver at fault in an open accident case (number {caseNumber}), in custody; bail is allowed: his brother (the "guarantor" persona) can stand bail for him with the Kafala service.',
    },
  },
  {
    key: 'guarantor', person: 'guarantor', role: 'individual',
    description: {
      ar: 'مواطن داخل المملكة بلا قيود، يكفل أخاه (شخصية «الحادث المروري») من الخدمات العامة ← الكفالة: رقم هويته وتاريخ ميلاده في هذه القائمة، ورقم القضية {caseNumber}. لديه تصريح حج للموسم القادم.',
      en: 'A citizen inside the Kingdom with no restriction, who can stand bail for his brother (the "traffic-case" persona) under General Services -> Kafala: his ID number and date of birth are in this list, and the case number is {caseNumber}. Holds a Hajj permit for the coming season.',
    },
  },
  {
    key: 'establishment-owner', person: 'establishmentOwner', role: 'business',
    description: {
      ar: 'صاحب مؤسسة مقاولات بأربعة عمال (إقامة تنتهي خلال 30 يومًا وأخرى منتهية) وسائق خاص (أبشر أعمال). للمؤسسة تأشيرات عمل وطلبات استقدام، وأحد عمالها خارج المملكة بتأشيرة خروج وعودة سارية.',
      en: 'Owner of a contracting establishment with four workers (one iqama expiring within 30 days, one expired) and a private driver (business portal). The establishment holds work visas and recruitment requests; one worker is abroad on a valid exit/re-entry visa.',
    },
  },
  {
    key: 'officer-passports', person: 'officerPassports', role: 'officer', agency: 'passports',
    description: { ar: 'موظفة في المديرية العامة للجوازات.', en: 'An officer of the General Directorate of Passports.' },
  },
  {
    key: 'officer-traffic', person: 'officerTraffic', role: 'officer', agency: 'traffic',
    description: { ar: 'موظف في الإدارة العامة للمرور.', en: 'An officer of the General Department of Traffic.' },
  },
  {
    key: 'officer-civil-affairs', person: 'officerCivilAffairs', role: 'officer', agency: 'civil-affairs',
    description: { ar: 'موظفة في وكالة الأحوال المدنية.', en: 'An officer of the Civil Affairs agency.' },
  },
];

/** The personas as they are (or would be) seeded with reference day `asOf` ('YYYY-MM-DD'). */
export function demoPersonas(asOf: string): DemoPersona[] {
  const kit = new PersonaKit(dayNumber(asOf), []);
  const caseNumber = personaTrafficCaseNumber();
  const filled = (text: string) => text.replaceAll('{caseNumber}', caseNumber);
  return ENTRIES.map(({ person, ...entry }) => {
    const p = PERSONA_PEOPLE[person];
    return {
      ...entry,
      description: { ar: filled(entry.description.ar), en: filled(entry.description.en) },
      nameAr: [p.first.ar, p.father?.ar, p.family.ar].filter(Boolean).join(' '),
      nameEn: [p.first.en, p.father?.en, p.family.en].filter(Boolean).join(' '),
      nationalId: personaNationalId(person),
      dateOfBirth: dateText(kit.born(p.age[0], p.age[1])),
      mobile: p.mobile,
    };
  });
}

export interface PersonaSeeding {
  /** Groups written now; 0 when every persona was already there. */
  groupsAdded: number;
  rows: RowCounts;
}

/**
 * Writes the personas that are missing, in one transaction (or in the caller's). `asOf`
 * defaults to today in Riyadh. Calling it again changes nothing.
 */
export async function seedPersonas(options: { db: Kysely<Database>; asOf?: string }): Promise<PersonaSeeding> {
  const asOf = options.asOf ?? todayInRiyadh(systemClock);
  const run = async (db: Kysely<Database>): Promise<PersonaSeeding> => {
    const present = await existingNationalIds(db, PERSONA_GROUPS.map((g) => g.anchor));
    const missing = PERSONA_GROUPS.filter((g) => !present.has(g.anchor));
    const kit = new PersonaKit(dayNumber(asOf), await loadViolationTypes(db));
    for (const group of missing) group.build(kit);
    await insertRows(db, kit.rows);
    return { groupsAdded: missing.length, rows: rowCounts(kit.rows) };
  };
  return options.db.isTransaction ? run(options.db) : options.db.transaction().execute(run);
}
