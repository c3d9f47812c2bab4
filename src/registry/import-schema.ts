import { z } from 'zod';
import { riyadhDate } from '../kernel/dates.js';
import {
  countryCode,
  enumOf,
  expected,
  flag,
  halalas,
  instant,
  isoDate,
  nationalId,
  pattern,
  sequenceNumber,
  text,
  unifiedNumber,
  wholeNumber,
} from './import-fields.js';
import { inquiryRecordSchemas } from './import-schema-inquiries.js';

/**
 * The records of a registry import file (JSONL, one record a line, `kind` says which).
 * docs/registry-import.md documents every field; keep the two in step.
 * Field types and their messages are in import-fields.ts.
 */

/** Every kind, in the order the import writes them: a record's references come first. */
export const RECORD_KINDS = [
  'person',
  'establishment',
  'vehicle',
  'parent_child',
  'marriage',
  'guardianship',
  'document',
  'vehicle_user',
  'violation',
  'traffic_case',
  'suspension',
  'sponsorship',
  'work_visa',
  'recruitment_request',
  'border_crossing',
  'biometrics',
  'health_insurance',
  'employment',
  'hajj_performance',
  'hajj_permit',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

// ---- records --------------------------------------------------------------------------------

const nationalAddress = z.strictObject({
  buildingNumber: pattern(/^\d{4}$/, 'expected a building number of 4 digits'),
  street: text(100),
  district: text(100),
  city: text(100),
  postalCode: pattern(/^\d{5}$/, 'expected a postal code of 5 digits'),
  additionalNumber: pattern(/^\d{4}$/, 'expected an additional number of 4 digits').nullish(),
});

/** Licence classes a `driving_licence` document's `details.class` may hold. */
export const LICENCE_CLASSES = ['private', 'public', 'heavy_transport', 'motorcycle', 'public_works_equipment', 'temporary'] as const;

/**
 * What a document's `details` must hold for the kinds an inquiry reads: a driving licence's
 * class; an exit/re-entry visa's type, duration and where it stands (its `expiryDate` is the
 * day to return by). Other keys are kept as given.
 */
const DOCUMENT_DETAILS = {
  driving_licence: z.looseObject({ class: enumOf(LICENCE_CLASSES) }),
  exit_reentry_visa: z.looseObject({
    visaType: enumOf(['single', 'multiple']),
    durationDays: wholeNumber.min(1, 'must be 1 or more').max(3650, 'must be at most 3650'),
    visaStatus: enumOf(['issued', 'used', 'returned', 'expired']),
  }),
} satisfies Partial<Record<string, z.ZodType>>;

/** Schemas that compare with the day of the import (no birth in the future). */
export function recordSchemas(now: Date) {
  const today = riyadhDate(now);
  const notAfterNow = (value: string) => Date.parse(value) <= now.getTime();
  const notAfterToday = (value: string) => value <= today;

  const person = z
    .strictObject({
      kind: z.literal('person'),
      nationalId,
      firstNameAr: text(100),
      fatherNameAr: text(100).nullish(),
      grandfatherNameAr: text(100).nullish(),
      familyNameAr: text(100),
      firstNameEn: text(100),
      fatherNameEn: text(100).nullish(),
      grandfatherNameEn: text(100).nullish(),
      familyNameEn: text(100),
      sex: enumOf(['male', 'female']),
      birthDate: isoDate.refine((d) => d <= today, 'must not be in the future'),
      nationality: countryCode,
      motherNationality: countryCode.nullish(),
      maritalStatus: enumOf(['single', 'married', 'divorced', 'widowed']),
      mobile: pattern(/^05\d{8}$/, 'expected a Saudi mobile number as 05XXXXXXXX').nullish(),
      email: z.email({ error: expected('expected an e-mail address') }).max(254).nullish(),
      address: nationalAddress.nullish(),
      deceased: flag.optional(),
      insideKingdom: flag.optional(),
      criminalCase: flag.optional(),
      securityRestriction: flag.optional(),
    })
    .superRefine((p, ctx) => {
      // Only citizens hold a national ID (1…); a citizen never holds an iqama or border number.
      const citizenNumber = p.nationalId.startsWith('1');
      if (citizenNumber !== (p.nationality === 'SAU')) {
        ctx.addIssue({
          code: 'custom',
          path: ['nationality'],
          message: citizenNumber ? 'a national ID (starting with 1) belongs to a Saudi citizen: expected SAU' : 'SAU needs a national ID starting with 1',
        });
      }
    });

  const parentChild = z
    .strictObject({ kind: z.literal('parent_child'), parentNationalId: nationalId, childNationalId: nationalId })
    .refine((r) => r.parentNationalId !== r.childNationalId, { path: ['childNationalId'], message: 'a person cannot be their own parent' });

  const marriage = z
    .strictObject({
      kind: z.literal('marriage'),
      husbandNationalId: nationalId,
      wifeNationalId: nationalId,
      contractedOn: isoDate,
      endedOn: isoDate.nullish(),
    })
    .refine((r) => r.husbandNationalId !== r.wifeNationalId, { path: ['wifeNationalId'], message: 'husband and wife must be two persons' })
    .refine((r) => !r.endedOn || r.endedOn >= r.contractedOn, { path: ['endedOn'], message: 'must not be before contractedOn' });

  const guardianship = z
    .strictObject({
      kind: z.literal('guardianship'),
      guardianNationalId: nationalId,
      wardNationalId: nationalId,
      basis: enumOf(['father', 'mother', 'court_order', 'relative']),
      startsOn: isoDate,
      endsOn: isoDate.nullish(),
    })
    .refine((r) => r.guardianNationalId !== r.wardNationalId, { path: ['wardNationalId'], message: 'a person cannot be their own guardian' })
    .refine((r) => !r.endsOn || r.endsOn >= r.startsOn, { path: ['endsOn'], message: 'must not be before startsOn' });

  const establishment = z.strictObject({
    kind: z.literal('establishment'),
    unifiedNumber,
    nameAr: text(200),
    nameEn: text(200),
    ownerNationalId: nationalId,
    city: text(100).nullish(),
  });

  const sponsorship = z
    .strictObject({
      kind: z.literal('sponsorship'),
      // The source system's own time for this record (ADR 0013): newer than a platform change, it applies over it.
      sourceUpdatedAt: instant.refine(notAfterNow, 'must not be in the future').nullish(),
      workerNationalId: nationalId,
      sponsorNationalId: nationalId.nullish(),
      sponsorUnifiedNumber: unifiedNumber.nullish(),
      occupationAr: text(100),
      occupationEn: text(100),
      domesticWorker: flag,
      absenceReportedOn: isoDate.nullish(),
      obligationsSettled: flag.optional(),
      pastTransfers: wholeNumber.min(0, 'must be 0 or more').optional(),
      startedOn: isoDate,
    })
    .superRefine((r, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (Boolean(r.sponsorNationalId) === Boolean(r.sponsorUnifiedNumber)) {
        issue('sponsorNationalId', 'give exactly one sponsor: sponsorNationalId (a person) or sponsorUnifiedNumber (an establishment)');
      }
      if (r.workerNationalId.startsWith('1')) issue('workerNationalId', 'citizens (national IDs starting with 1) are not sponsored');
      if (r.sponsorNationalId && r.sponsorNationalId === r.workerNationalId) issue('sponsorNationalId', 'a worker cannot sponsor themselves');
      if (r.domesticWorker && r.sponsorUnifiedNumber) issue('sponsorUnifiedNumber', 'a domestic worker is sponsored by a person, not an establishment');
    });

  const document = z
    .strictObject({
      kind: z.literal('document'),
      // The source system's own time for this record (ADR 0013): newer than a platform change, it applies over it.
      sourceUpdatedAt: instant.refine(notAfterNow, 'must not be in the future').nullish(),
      nationalId,
      documentKind: enumOf(['national_id_card', 'iqama', 'passport', 'driving_licence', 'vehicle_registration', 'exit_reentry_visa', 'travel_permit']),
      number: text(40),
      issueDate: isoDate,
      expiryDate: isoDate,
      status: enumOf(['valid', 'expired', 'lost', 'cancelled']),
      issuingCountry: countryCode.nullish(),
      vehicleSequenceNumber: sequenceNumber.nullish(),
      details: z.record(z.string(), z.unknown(), { error: expected('expected a JSON object') }).optional(),
    })
    .superRefine((d, ctx) => {
      if (d.expiryDate < d.issueDate) ctx.addIssue({ code: 'custom', path: ['expiryDate'], message: 'must not be before issueDate' });
      const registration = d.documentKind === 'vehicle_registration';
      if (registration && !d.vehicleSequenceNumber) {
        ctx.addIssue({ code: 'custom', path: ['vehicleSequenceNumber'], message: 'required for a vehicle_registration' });
      }
      if (!registration && d.vehicleSequenceNumber) {
        ctx.addIssue({ code: 'custom', path: ['vehicleSequenceNumber'], message: 'only a vehicle_registration names a vehicle' });
      }
      const detailsSchema = d.documentKind in DOCUMENT_DETAILS ? DOCUMENT_DETAILS[d.documentKind as keyof typeof DOCUMENT_DETAILS] : undefined;
      if (detailsSchema) {
        if (!d.details) ctx.addIssue({ code: 'custom', path: ['details'], message: `required for ${/^[aeiou]/.test(d.documentKind) ? 'an' : 'a'} ${d.documentKind} (${Object.keys(detailsSchema.shape).join(', ')})` });
        else for (const issue of detailsSchema.safeParse(d.details).error?.issues ?? []) ctx.addIssue({ code: 'custom', path: ['details', ...issue.path], message: issue.message });
      }
    });

  const vehicle = z
    .strictObject({
      kind: z.literal('vehicle'),
      sequenceNumber,
      plateLettersAr: text(10),
      plateLettersEn: pattern(/^[A-Z]{1,3}$/, 'expected 1 to 3 capital Latin letters'),
      plateDigits: pattern(/^\d{1,4}$/, 'expected 1 to 4 digits'),
      make: text(50),
      model: text(50),
      year: wholeNumber.min(1950, 'expected a year from 1950 to 2100').max(2100, 'expected a year from 1950 to 2100'),
      colourAr: text(30),
      colourEn: text(30),
      ownerNationalId: nationalId.nullish(),
      ownerUnifiedNumber: unifiedNumber.nullish(),
      registrationExpiry: isoDate,
      insurancePolicy: text(50).nullish(),
      insuranceExpiry: isoDate.nullish(),
      impounded: flag.optional(),
      impoundedOn: isoDate.nullish(),
      impoundLocation: text(200).nullish(),
      insurerAr: text(100).nullish(),
      insurerEn: text(100).nullish(),
      insuranceCoverage: enumOf(['comprehensive', 'third_party']).nullish(),
    })
    .superRefine((v, ctx) => {
      if (!v.insurancePolicy && (v.insurerAr || v.insurerEn || v.insuranceCoverage)) {
        ctx.addIssue({ code: 'custom', path: ['insurancePolicy'], message: 'insurerAr, insurerEn and insuranceCoverage need insurancePolicy' });
      }
      if (Boolean(v.insurerAr) !== Boolean(v.insurerEn)) {
        ctx.addIssue({ code: 'custom', path: [v.insurerAr ? 'insurerEn' : 'insurerAr'], message: 'give the insurer in both languages' });
      }
      if (Boolean(v.ownerNationalId) === Boolean(v.ownerUnifiedNumber)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ownerNationalId'],
          message: 'give exactly one owner: ownerNationalId (a person) or ownerUnifiedNumber (an establishment)',
        });
      }
      if (!v.impounded && (v.impoundedOn || v.impoundLocation)) {
        ctx.addIssue({ code: 'custom', path: ['impounded'], message: 'impoundedOn and impoundLocation need impounded: true' });
      }
    });

  const vehicleUser = z.strictObject({ kind: z.literal('vehicle_user'), sequenceNumber, nationalId });

  const violation = z
    .strictObject({
      kind: z.literal('violation'),
      // The source system's own time for this record (ADR 0013): newer than a platform change, it applies over it.
      sourceUpdatedAt: instant.refine(notAfterNow, 'must not be in the future').nullish(),
      number: text(40),
      violatorNationalId: nationalId,
      vehicleSequenceNumber: sequenceNumber.nullish(),
      typeCode: pattern(/^[a-z0-9_]{1,50}$/, 'expected a violation type code such as red_light'),
      committedAt: instant.refine(notAfterNow, 'must not be in the future'),
      city: text(100),
      amount: halalas,
      status: enumOf(['unpaid', 'paid', 'objected', 'cancelled']),
      settledAt: instant.nullish(),
    })
    .superRefine((v, ctx) => {
      if (v.status === 'paid' && !v.settledAt) ctx.addIssue({ code: 'custom', path: ['settledAt'], message: 'required when status is paid' });
      if (v.status === 'unpaid' && v.settledAt) ctx.addIssue({ code: 'custom', path: ['settledAt'], message: 'an unpaid violation has no settledAt' });
    });

  const party = z.strictObject({
    nationalId,
    role: enumOf(['driver_at_fault', 'driver', 'injured', 'witness']),
    inCustody: flag.optional(),
  });

  const trafficCase = z
    .strictObject({
      kind: z.literal('traffic_case'),
      // The source system's own time for this record (ADR 0013): newer than a platform change, it applies over it.
      sourceUpdatedAt: instant.refine(notAfterNow, 'must not be in the future').nullish(),
      number: text(40),
      caseKind: enumOf(['accident', 'violation']),
      occurredAt: instant.refine(notAfterNow, 'must not be in the future'),
      city: text(100),
      descriptionAr: text(2000),
      descriptionEn: text(2000),
      status: enumOf(['open', 'closed']),
      bailAllowed: flag.optional(),
      closedAt: instant.nullish(),
      parties: z.array(party, { error: expected('expected a list of parties') }).min(1, 'a case has at least one party'),
    })
    .superRefine((c, ctx) => {
      if (c.status === 'closed' && !c.closedAt) ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'required when status is closed' });
      if (c.status === 'open' && c.closedAt) ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'an open case has no closedAt' });
      const seen = new Set<string>();
      c.parties.forEach((p, i) => {
        if (seen.has(p.nationalId)) ctx.addIssue({ code: 'custom', path: ['parties', i, 'nationalId'], message: 'the same person is listed twice' });
        seen.add(p.nationalId);
      });
    });

  const suspension = z
    .strictObject({
      kind: z.literal('suspension'),
      // The source system's own time for this record (ADR 0013): newer than a platform change, it applies over it.
      sourceUpdatedAt: instant.refine(notAfterNow, 'must not be in the future').nullish(),
      reference: text(60),
      nationalId,
      authority: enumOf(['court', 'public_prosecution', 'enforcement_court', 'traffic', 'ministry_of_interior', 'zakat_tax_customs']),
      legalBasis: text(500),
      reasonAr: text(1000),
      reasonEn: text(1000),
      blockedServices: z
        .array(text(100), { error: expected('expected a list of service names') })
        .min(1, 'at least one blocked service')
        .refine((list) => new Set(list).size === list.length, 'a service is listed twice'),
      liftedBy: enumOf(['pay_violations', 'settle_debt', 'authority_order']),
      phase: wholeNumber.min(1, 'must be 1 or more').optional(),
      startsAt: instant,
      liftedAt: instant.nullish(),
      liftNote: text(1000).nullish(),
    })
    .refine((s) => !s.liftedAt || Date.parse(s.liftedAt) >= Date.parse(s.startsAt), {
      path: ['liftedAt'],
      message: 'must not be before startsAt',
    });

  const inquiries = inquiryRecordSchemas({ today, notAfterNow, notAfterToday });

  return {
    person,
    parent_child: parentChild,
    marriage,
    guardianship,
    establishment,
    sponsorship,
    document,
    vehicle,
    vehicle_user: vehicleUser,
    violation,
    traffic_case: trafficCase,
    suspension,
    ...inquiries,
  } satisfies Record<RecordKind, z.ZodType>;
}

type Schemas = ReturnType<typeof recordSchemas>;
export type RecordOf<K extends RecordKind> = z.output<Schemas[K]>;
export type RegistryRecord = { [K in RecordKind]: RecordOf<K> }[RecordKind];
