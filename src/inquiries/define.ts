import type { Kysely } from 'kysely';
import type { AgencyId } from '../catalogue/agencies.js';
import type { ServiceCatalogue } from '../catalogue/catalogue.js';
import type { Bilingual } from '../catalogue/define.js';
import type { Database, Person } from '../db/tables.js';
import type { IsoDate } from '../kernel/dates.js';

/**
 * What an inquiry declares. An inquiry (استعلام) is a read-only service: one file in
 * src/inquiries/<agency>/ says what it is called, whom it may be about, and how it reads the
 * registry into a result of labelled values. The module does the rest: the list under each
 * agency, the page (with the person chooser, print view, Gregorian and Hijri dates, empty state)
 * and the API (`GET /api/v1/inquiries/{inquiryId}`), the same for every inquiry.
 */

/** Whom an inquiry may be about: the person themself, their dependants, their domestic workers. */
export type InquirySubjectKind = 'self' | 'family' | 'workers';

/** A value in a result, typed so that pages, print and the API show each kind the same way. */
export type InquiryValue =
  /** Words in both languages (a violation's type, a city). */
  | { kind: 'words'; ar: string; en: string }
  /** A number, a plate, an ID, a code: shown left to right as it is. */
  | { kind: 'code'; text: string }
  /** A name or text in one script, shown in its own direction. */
  | { kind: 'text'; text: string }
  /** A calendar day: Gregorian and Hijri. */
  | { kind: 'date'; date: IsoDate }
  /** An instant: date and time in Riyadh. */
  | { kind: 'datetime'; at: string }
  | { kind: 'money'; halalas: number }
  | { kind: 'count'; count: number }
  /** A state with its tone (valid, expires soon, expired): a tag. */
  | { kind: 'status'; tone: StatusTone; ar: string; en: string };

export type StatusTone = 'ok' | 'warning' | 'bad' | 'neutral';

export interface InquiryField {
  label: Bilingual;
  value: InquiryValue;
}

/** One thing found (a violation, a vehicle, a visa), with its fields. */
export interface InquiryItem {
  title: InquiryValue;
  /** The item's state at a glance (unpaid, valid, impounded), shown beside its title. */
  status?: Extract<InquiryValue, { kind: 'status' }>;
  fields: InquiryField[];
}

export interface InquiryResult {
  /** Totals or a verdict above the items ("3 unpaid violations, 1,500 SAR"). */
  summary?: InquiryField[];
  items: InquiryItem[];
  /** When there are no items and no summary: why, in the person's words ("You have no traffic violations."). */
  empty?: Bilingual;
}

export interface InquiryContext {
  /** Reads only: a handle on the database (the registry's read functions take it). */
  db: Kysely<Database>;
  /** The person asking (the account's registry record). */
  asker: Person;
  /** Whom the inquiry is about: the asker, or one of their dependants or workers. */
  subject: Person;
  today: IsoDate;
  now: Date;
  /** The e-services, for an inquiry that names them (ongoing transactions). */
  services: ServiceCatalogue;
}

export interface InquiryDefinition {
  /** `<agency>.<inquiry>`, stable: links and the API name it. */
  id: string;
  agency: AgencyId;
  name: Bilingual;
  description: Bilingual;
  keywords?: { ar?: readonly string[]; en?: readonly string[] };
  /** Whom it may be about (default: only the asker). */
  subjects?: readonly InquirySubjectKind[];
  /** What the page says when the result has nothing to show. */
  empty: Bilingual;
  run(ctx: InquiryContext): Promise<InquiryResult>;
}

export function defineInquiry(definition: InquiryDefinition): InquiryDefinition {
  return definition;
}

/** Builders for result values, so definitions read as what they show. */
export const v = {
  words: (words: Bilingual): InquiryValue => ({ kind: 'words', ar: words.ar, en: words.en }),
  code: (text: string | number): InquiryValue => ({ kind: 'code', text: String(text) }),
  text: (text: string): InquiryValue => ({ kind: 'text', text }),
  date: (date: IsoDate): InquiryValue => ({ kind: 'date', date }),
  datetime: (at: Date | string): InquiryValue => ({ kind: 'datetime', at: at instanceof Date ? at.toISOString() : at }),
  money: (halalas: number): InquiryValue => ({ kind: 'money', halalas }),
  count: (count: number): InquiryValue => ({ kind: 'count', count }),
  status: (tone: StatusTone, words: Bilingual): Extract<InquiryValue, { kind: 'status' }> => ({ kind: 'status', tone, ar: words.ar, en: words.en }),
};

/** A labelled field. */
export function f(label: Bilingual, value: InquiryValue): InquiryField {
  return { label, value };
}
