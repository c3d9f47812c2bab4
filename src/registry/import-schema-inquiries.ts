import { z } from 'zod';
import { toHijri } from '../kernel/dates.js';
import { countryCode, enumOf, halalas, instant, isoDate, nationalId, text, unifiedNumber, wholeNumber } from './import-fields.js';

/**
 * The records the read-only inquiries answer from (migration 0009): border crossings,
 * biometrics, health insurance, employment, work visas, recruitment requests, Hajj performed
 * and Hajj permits. docs/registry-import.md documents every field; keep the two in step.
 */

type Issue = (path: string, message: string) => void;
const issuer = (ctx: z.RefinementCtx): Issue => (path, message) => ctx.addIssue({ code: 'custom', path: [path], message });

/** Exactly one of a person and an establishment, under the names a record gives them. */
function oneOf(add: Issue, r: Record<string, unknown>, personField: string, establishmentField: string, what: string): void {
  if (Boolean(r[personField]) === Boolean(r[establishmentField])) {
    add(personField, `give exactly one ${what}: ${personField} (a person) or ${establishmentField} (an establishment)`);
  }
}

const hijriYear = wholeNumber.min(1300, 'expected an Umm al-Qura year from 1300 to 1600').max(1600, 'expected an Umm al-Qura year from 1300 to 1600');

export function inquiryRecordSchemas(clock: { today: string; notAfterNow: (instant: string) => boolean; notAfterToday: (date: string) => boolean }) {
  const { notAfterNow, notAfterToday } = clock;
  const currentHijriYear = toHijri(clock.today).year;

  const borderCrossing = z
    .strictObject({
      kind: z.literal('border_crossing'),
      nationalId,
      direction: enumOf(['entry', 'exit']),
      crossedAt: instant.refine(notAfterNow, 'must not be in the future'),
      portAr: text(100),
      portEn: text(100),
      passportNumber: text(40),
      visaKind: enumOf(['work', 'exit_reentry', 'final_exit', 'family', 'visit', 'hajj', 'umrah']).nullish(),
      visaNumber: text(40).nullish(),
    })
    .superRefine((c, ctx) => {
      if (c.visaNumber && !c.visaKind) issuer(ctx)('visaKind', 'required with visaNumber');
    });

  const biometrics = z
    .strictObject({
      kind: z.literal('biometrics'),
      nationalId,
      status: enumOf(['registered', 'incomplete']),
      fingerprintsOn: isoDate.refine(notAfterToday, 'must not be in the future').nullish(),
      faceOn: isoDate.refine(notAfterToday, 'must not be in the future').nullish(),
      placeAr: text(200).nullish(),
      placeEn: text(200).nullish(),
    })
    .superRefine((b, ctx) => {
      const add = issuer(ctx);
      if (b.status === 'registered' && !b.fingerprintsOn) add('fingerprintsOn', 'required when status is registered');
      if (b.status === 'registered' && !b.faceOn) add('faceOn', 'required when status is registered');
      if (Boolean(b.placeAr) !== Boolean(b.placeEn)) add(b.placeAr ? 'placeEn' : 'placeAr', 'give the place in both languages');
    });

  const healthInsurance = z
    .strictObject({
      kind: z.literal('health_insurance'),
      nationalId,
      insurerAr: text(100),
      insurerEn: text(100),
      policyNumber: text(40),
      class: enumOf(['VIP', 'A', 'B', 'C']),
      startsOn: isoDate,
      endsOn: isoDate,
    })
    .refine((h) => h.endsOn >= h.startsOn, { path: ['endsOn'], message: 'must not be before startsOn' });

  const employment = z
    .strictObject({
      kind: z.literal('employment'),
      nationalId,
      employerNationalId: nationalId.nullish(),
      employerUnifiedNumber: unifiedNumber.nullish(),
      occupationAr: text(100),
      occupationEn: text(100),
      startedOn: isoDate,
      endedOn: isoDate.nullish(),
      contractStatus: enumOf(['active', 'suspended', 'ended']),
      monthlyWage: halalas.nullish(),
    })
    .superRefine((e, ctx) => {
      const add = issuer(ctx);
      oneOf(add, e, 'employerNationalId', 'employerUnifiedNumber', 'employer');
      if (e.employerNationalId && e.employerNationalId === e.nationalId) add('employerNationalId', 'a person cannot employ themselves');
      if (e.contractStatus === 'ended' && !e.endedOn) add('endedOn', 'required when contractStatus is ended');
      if (e.contractStatus !== 'ended' && e.endedOn) add('endedOn', 'only an ended contract has endedOn');
      if (e.endedOn && e.endedOn < e.startedOn) add('endedOn', 'must not be before startedOn');
    });

  const workVisa = z
    .strictObject({
      kind: z.literal('work_visa'),
      number: text(40),
      sponsorNationalId: nationalId.nullish(),
      sponsorUnifiedNumber: unifiedNumber.nullish(),
      occupationAr: text(100),
      occupationEn: text(100),
      nationality: countryCode,
      status: enumOf(['issued', 'used', 'cancelled', 'expired']),
      issuedOn: isoDate,
      expiresOn: isoDate,
      workerNationalId: nationalId.nullish(),
      usedOn: isoDate.nullish(),
    })
    .superRefine((v, ctx) => {
      const add = issuer(ctx);
      oneOf(add, v, 'sponsorNationalId', 'sponsorUnifiedNumber', 'sponsor');
      if (v.expiresOn < v.issuedOn) add('expiresOn', 'must not be before issuedOn');
      const used = v.status === 'used';
      if (used && !v.workerNationalId) add('workerNationalId', 'required when status is used: the worker who entered on it');
      if (used && !v.usedOn) add('usedOn', 'required when status is used');
      if (!used && v.workerNationalId) add('workerNationalId', 'only a used visa names a worker');
      if (!used && v.usedOn) add('usedOn', 'only a used visa has usedOn');
      if (v.usedOn && v.usedOn < v.issuedOn) add('usedOn', 'must not be before issuedOn');
      if (v.workerNationalId?.startsWith('1')) add('workerNationalId', 'citizens (national IDs starting with 1) do not enter on a work visa');
      if (v.workerNationalId && v.workerNationalId === v.sponsorNationalId) add('workerNationalId', 'a worker cannot be their own sponsor');
    });

  const recruitmentRequest = z
    .strictObject({
      kind: z.literal('recruitment_request'),
      number: text(40),
      sponsorNationalId: nationalId.nullish(),
      sponsorUnifiedNumber: unifiedNumber.nullish(),
      officeAr: text(200),
      officeEn: text(200),
      nationality: countryCode,
      occupationAr: text(100),
      occupationEn: text(100),
      status: enumOf(['submitted', 'in_progress', 'completed', 'cancelled']),
      submittedOn: isoDate.refine(notAfterToday, 'must not be in the future'),
      closedOn: isoDate.nullish(),
      workVisaNumber: text(40).nullish(),
    })
    .superRefine((r, ctx) => {
      const add = issuer(ctx);
      oneOf(add, r, 'sponsorNationalId', 'sponsorUnifiedNumber', 'sponsor');
      const closed = r.status === 'completed' || r.status === 'cancelled';
      if (closed && !r.closedOn) add('closedOn', `required when status is ${r.status}`);
      if (!closed && r.closedOn) add('closedOn', 'only a completed or cancelled request has closedOn');
      if (r.closedOn && r.closedOn < r.submittedOn) add('closedOn', 'must not be before submittedOn');
    });

  const hajjPerformance = z.strictObject({
    kind: z.literal('hajj_performance'),
    nationalId,
    hijriYear: hijriYear.refine((y) => y <= currentHijriYear, 'must not be after the current Hijri year'),
  });

  const hajjPermit = z.strictObject({
    kind: z.literal('hajj_permit'),
    number: text(40),
    nationalId,
    seasonHijriYear: hijriYear,
    campaignAr: text(200),
    campaignEn: text(200),
    status: enumOf(['issued', 'used', 'cancelled']),
    issuedOn: isoDate.refine(notAfterToday, 'must not be in the future'),
  });

  return {
    work_visa: workVisa,
    recruitment_request: recruitmentRequest,
    border_crossing: borderCrossing,
    biometrics,
    health_insurance: healthInsurance,
    employment,
    hajj_performance: hajjPerformance,
    hajj_permit: hajjPermit,
  };
}
