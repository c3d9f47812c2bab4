import type { Bilingual } from '../catalogue/define.js';
import type { Person, DocumentStatus, Vehicle } from '../db/tables.js';
import { countryName } from '../identity/pages/display.js';
import { listEstablishmentsOwnedBy, personName, vehicleName as registryVehicleName, type ArabicGender, type Db, type Sponsor, type SponsorRef } from '../registry/index.js';
import { addDays, type IsoDate } from '../kernel/dates.js';
import { v, type InquiryValue } from './define.js';

/** Parts several inquiries share: a document's validity, a vehicle's name and plate. */

/** Days before an expiry from which a document is said to expire soon. */
export const EXPIRES_SOON_DAYS = 30;

type Status = Extract<InquiryValue, { kind: 'status' }>;

/** The words of a state, agreeing with the gender of what it is said of (جواز السفر ساري، الإقامة سارية). */
const STATE_WORDS: Record<'lost' | 'cancelled' | 'none' | 'expired' | 'soon' | 'valid', Record<ArabicGender, string>> = {
  lost: { masculine: 'مُبلّغ عن فقده', feminine: 'مُبلّغ عن فقدها' },
  cancelled: { masculine: 'ملغى', feminine: 'ملغاة' },
  none: { masculine: 'لا يوجد', feminine: 'لا توجد' },
  expired: { masculine: 'منتهي', feminine: 'منتهية' },
  soon: { masculine: 'ينتهي قريبًا', feminine: 'تنتهي قريبًا' },
  valid: { masculine: 'ساري', feminine: 'سارية' },
};

/**
 * A document's validity today: valid, expires soon, expired, or its registry state (lost,
 * cancelled), in words that agree with the document's Arabic name (`DOCUMENT_GENDER` for a
 * registry document; masculine for التأمين, feminine for وثيقة or رخصة السير).
 */
export function validity(expiry: IsoDate | null, today: IsoDate, gender: ArabicGender, status: DocumentStatus = 'valid'): Status {
  const ar = (state: keyof typeof STATE_WORDS) => STATE_WORDS[state][gender];
  if (status === 'lost') return v.status('bad', { ar: ar('lost'), en: 'Reported lost' });
  if (status === 'cancelled') return v.status('neutral', { ar: ar('cancelled'), en: 'Cancelled' });
  if (expiry === null) return v.status('bad', { ar: ar('none'), en: 'None' });
  if (status === 'expired' || expiry < today) return v.status('bad', { ar: ar('expired'), en: 'Expired' });
  if (expiry <= addDays(today, EXPIRES_SOON_DAYS)) return v.status('warning', { ar: ar('soon'), en: 'Expires soon' });
  return v.status('ok', { ar: ar('valid'), en: 'Valid' });
}

/** "تويوتا كامري 2021" and "Toyota Camry 2021": the vehicle's name in each language. */
export function vehicleName(vehicle: Pick<Vehicle, 'make' | 'model' | 'year'>): Bilingual {
  return { ar: registryVehicleName(vehicle, 'ar'), en: registryVehicleName(vehicle, 'en') };
}

/** The plate: Arabic letters and digits on Arabic pages, Latin letters on English ones. */
export function plate(vehicle: Pick<Vehicle, 'plate_letters_ar' | 'plate_letters_en' | 'plate_digits'>): InquiryValue {
  return v.words({ ar: `${vehicle.plate_letters_ar} ${vehicle.plate_digits}`, en: `${vehicle.plate_letters_en} ${vehicle.plate_digits}` });
}

export const LABELS = {
  plate: { ar: 'رقم اللوحة', en: 'Plate' },
  sequenceNumber: { ar: 'الرقم التسلسلي', en: 'Sequence number' },
  vehicle: { ar: 'المركبة', en: 'Vehicle' },
  relation: { ar: 'صفتك', en: 'You are' },
  expiry: { ar: 'تاريخ الانتهاء', en: 'Expiry date' },
  issue: { ar: 'تاريخ الإصدار', en: 'Issue date' },
  status: { ar: 'الحالة', en: 'Status' },
  number: { ar: 'الرقم', en: 'Number' },
} satisfies Record<string, Bilingual>;

export const RELATION: Record<'owner' | 'user', Bilingual> = {
  owner: { ar: 'المالك', en: 'Owner' },
  user: { ar: 'مستخدم فعلي', en: 'Authorised user' },
};

/** A person's name in both languages. */
export function nameOf(p: Parameters<typeof personName>[0]): InquiryValue {
  return v.words({ ar: personName(p, 'ar'), en: personName(p, 'en') });
}

/** A nationality (ISO 3166 alpha-3) by its name in both languages. */
export function nationalityOf(alpha3: string): InquiryValue {
  return v.words({ ar: countryName(alpha3, 'ar'), en: countryName(alpha3, 'en') });
}

/** Who sponsors or employs: a person (by name) or an establishment (by its name). */
export function sponsorName(sponsor: Sponsor): InquiryValue {
  return sponsor.type === 'person' ? nameOf(sponsor.person) : v.words({ ar: sponsor.establishment.name_ar, en: sponsor.establishment.name_en });
}

/** The sponsors an asker acts as: themself, and each establishment they own (for its workers and visas). */
export async function sponsorsOf(db: Db, asker: Person): Promise<Array<{ ref: SponsorRef; name: InquiryValue }>> {
  const establishments = await listEstablishmentsOwnedBy(db, asker.id);
  return [
    { ref: { personId: asker.id }, name: v.words({ ar: 'أنت', en: 'You' }) },
    ...establishments.map((e) => ({ ref: { establishmentId: e.id }, name: v.words({ ar: e.name_ar, en: e.name_en }) })),
  ];
}

/** For inquiries about residents only: what a citizen is told instead. */
export const RESIDENTS_ONLY: Bilingual = {
  ar: 'هذا الاستعلام خاص بالمقيمين (حاملي هوية مقيم)، ولا ينطبق على المواطنين.',
  en: 'This inquiry is for residents (iqama holders); it does not apply to citizens.',
};
