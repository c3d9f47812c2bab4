import { z } from 'zod';

/** The shape of "my data" (GET /api/v1/me), shared by the API, its OpenAPI and the pages. */

const date = z.string().describe('YYYY-MM-DD, Gregorian');
const hijri = z.string().describe('YYYY-MM-DD, Umm al-Qura Hijri');
const names = z.object({ first: z.string(), father: z.string().nullable(), grandfather: z.string().nullable(), family: z.string(), full: z.string() });

/** A travel permit, as the person's own and their family members' lists give it. */
const travelPermitSchema = z.object({
  number: z.string(),
  validFrom: date,
  validTo: date,
  status: z.enum(['valid', 'expired', 'lost', 'cancelled']),
  countries: z.array(z.string()).describe('ISO 3166-1 alpha-3 codes; empty for all countries'),
  trips: z.enum(['single', 'multiple']).nullable(),
});

export const relativeSchema = z.object({
  nationalId: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: date,
  deceased: z.boolean(),
});

export const myDataSchema = z.object({
  account: z.object({
    username: z.string(),
    status: z.enum(['registered', 'active', 'disabled']),
    activationMethod: z.enum(['registry_mobile', 'office_code', 'bank']).nullable(),
    language: z.enum(['ar', 'en']),
    mobile: z.string().nullable().describe('Masked: 05XXXXX123'),
    email: z.string().nullable(),
  }),
  person: z.object({
    nationalId: z.string(),
    idType: z.enum(['national_id', 'iqama', 'border_number']),
    names: z.object({ ar: names, en: names }),
    sex: z.enum(['male', 'female']),
    birthDate: date,
    birthDateHijri: hijri,
    nationality: z.string().describe('ISO 3166-1 alpha-3'),
    maritalStatus: z.enum(['single', 'married', 'divorced', 'widowed']),
    address: z
      .object({
        buildingNumber: z.string().nullable(),
        street: z.string().nullable(),
        district: z.string().nullable(),
        city: z.string().nullable(),
        postalCode: z.string().nullable(),
        additionalNumber: z.string().nullable(),
      })
      .nullable(),
  }),
  travelPermits: z
    .array(
      travelPermitSchema,
    )
    .describe("The person's travel permits (issued by their guardian); also listed among the documents"),
  familyTravelPermits: z
    .array(
      z.object({ member: z.object({ nationalId: z.string(), nameAr: z.string(), nameEn: z.string() }) }).extend(travelPermitSchema.shape),
    )
    .describe('The travel permits of the family members the person is guardian of: their wards, and the children they issued a permit for'),
  documents: z.array(
    z.object({
      kind: z.string(),
      number: z.string(),
      issueDate: date,
      expiryDate: date,
      expiryHijri: hijri,
      status: z.enum(['valid', 'expired', 'lost', 'cancelled']),
      expired: z.boolean(),
      expiresWithin90Days: z.boolean(),
    }),
  ),
  family: z.object({
    parents: z.array(relativeSchema),
    children: z.array(relativeSchema),
    spouses: z.array(relativeSchema.extend({ contractedOn: date })),
    wards: z.array(relativeSchema.extend({ basis: z.string(), startsOn: date, endsOn: date.nullable() })),
  }),
  vehicles: z.array(
    z.object({
      sequenceNumber: z.string(),
      relation: z.enum(['owner', 'user']),
      plate: z.object({ lettersAr: z.string(), lettersEn: z.string(), digits: z.string() }),
      make: z.string(),
      model: z.string(),
      year: z.number().int(),
      registrationExpiry: date,
      registrationExpired: z.boolean(),
      insuranceExpiry: date.nullable(),
      impounded: z.boolean(),
    }),
  ),
  workers: z.array(
    z.object({
      nationalId: z.string(),
      nameAr: z.string(),
      nameEn: z.string(),
      nationality: z.string(),
      occupationAr: z.string(),
      occupationEn: z.string(),
      domesticWorker: z.boolean(),
      since: date,
    }),
  ),
  violations: z.object({
    unpaidCount: z.number().int(),
    unpaidTotal: z.number().int().describe('Halalas (1 SAR = 100 halalas)'),
  }),
});

export type MyData = z.infer<typeof myDataSchema>;
