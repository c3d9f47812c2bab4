import type { VehicleInsuranceCoverage } from '../../db/tables.js';
import { DOCUMENT_GENDER, listVehiclesOfPerson } from '../../registry/index.js';
import { defineInquiry, f, v } from '../define.js';
import { LABELS, plate, RELATION, validity, vehicleName } from '../parts.js';

/**
 * The vehicle inquiries of the traffic department: registrations (تراخيص المركبات), insurance
 * validity (صلاحية تأمين المركبات), the insurance document (وثيقة تأمين المركبات) and impounded
 * vehicles (المركبات المحجوزة). Each lists the vehicles the person owns or is an authorised user of.
 */

const INSURANCE = { ar: 'التأمين', en: 'Insurance' };
/** What the vehicle inquiries say when the person owns and uses none. */
const NO_VEHICLES = { ar: 'لا توجد مركبات مسجلة باسمك أو أنت مستخدم فعلي لها.', en: 'No vehicle is registered to you or lists you as an authorised user.' };

export const vehicleRegistrations = defineInquiry({
  id: 'traffic.vehicle-registrations',
  agency: 'traffic',
  name: { ar: 'تراخيص المركبات', en: 'Vehicle registrations' },
  description: {
    ar: 'المركبات التي تملكها أو أنت مستخدم فعلي لها، مع رخصة سير كل منها وتاريخ انتهائها.',
    en: 'The vehicles you own or are an authorised user of, with each registration (istimara) and its expiry.',
  },
  keywords: { ar: ['استمارة', 'رخصة سير', 'المركبات', 'سياراتي'], en: ['istimara', 'registration', 'my vehicles', 'cars'] },
  empty: NO_VEHICLES,
  async run({ db, subject, today }) {
    const vehicles = await listVehiclesOfPerson(db, subject.id);
    return {
      items: vehicles.map((x) => ({
        title: v.words(vehicleName(x)),
        status: validity(x.registration_expiry, today, DOCUMENT_GENDER.vehicle_registration),
        fields: [
          f(LABELS.plate, plate(x)),
          f(LABELS.sequenceNumber, v.code(x.sequence_number)),
          f({ ar: 'اللون', en: 'Colour' }, v.words({ ar: x.colour_ar, en: x.colour_en })),
          f(LABELS.relation, v.words(RELATION[x.relation])),
          f({ ar: 'انتهاء رخصة السير', en: 'Registration expires' }, v.date(x.registration_expiry)),
        ],
      })),
    };
  },
});

export const vehicleInsurance = defineInquiry({
  id: 'traffic.vehicle-insurance',
  agency: 'traffic',
  name: { ar: 'صلاحية تأمين المركبات', en: 'Vehicle insurance validity' },
  description: {
    ar: 'هل تأمين كل مركبة تملكها أو تستخدمها ساري، وحتى متى.',
    en: 'Whether the insurance of each vehicle you own or use is valid, and until when.',
  },
  keywords: { ar: ['تأمين', 'تأمين السيارة', 'صلاحية التأمين'], en: ['insurance', 'car insurance', 'insurance validity'] },
  empty: NO_VEHICLES,
  async run({ db, subject, today }) {
    const vehicles = await listVehiclesOfPerson(db, subject.id);
    return {
      items: vehicles.map((x) => ({
        title: v.words(vehicleName(x)),
        status: validity(x.insurance_expiry, today, 'masculine'), // التأمين
        fields: [
          f(LABELS.plate, plate(x)),
          f(LABELS.relation, v.words(RELATION[x.relation])),
          x.insurance_expiry ? f({ ar: 'التأمين ساري حتى', en: 'Insured until' }, v.date(x.insurance_expiry)) : f(INSURANCE, v.words({ ar: 'لا يوجد تأمين مسجل', en: 'No insurance on record' })),
        ],
      })),
    };
  },
});

export const vehicleInsuranceDocument = defineInquiry({
  id: 'traffic.vehicle-insurance-document',
  agency: 'traffic',
  name: { ar: 'وثيقة تأمين المركبات', en: 'Vehicle insurance document' },
  description: {
    ar: 'بيانات وثيقة تأمين كل مركبة: شركة التأمين ورقم الوثيقة ونوع التغطية ومدتها.',
    en: "Each vehicle's insurance document: the insurer, the policy number, the cover and its dates.",
  },
  keywords: { ar: ['وثيقة التأمين', 'بوليصة', 'شركة التأمين'], en: ['insurance policy', 'insurer', 'policy number'] },
  empty: NO_VEHICLES,
  async run({ db, subject, today }) {
    const vehicles = await listVehiclesOfPerson(db, subject.id);
    return {
      items: vehicles.map((x) => ({
        title: v.words(vehicleName(x)),
        status: validity(x.insurance_expiry, today, 'masculine'),
        fields: x.insurance_policy
          ? [
              f(LABELS.plate, plate(x)),
              f({ ar: 'شركة التأمين', en: 'Insurer' }, v.words({ ar: x.insurer_ar ?? '', en: x.insurer_en ?? '' })),
              f({ ar: 'رقم الوثيقة', en: 'Policy number' }, v.code(x.insurance_policy)),
              f({ ar: 'نوع التغطية', en: 'Cover' }, v.words(COVERAGE[x.insurance_coverage ?? 'third_party'])),
              ...(x.insurance_expiry ? [f({ ar: 'تنتهي في', en: 'Expires on' }, v.date(x.insurance_expiry))] : []),
            ]
          : [f(LABELS.plate, plate(x)), f(INSURANCE, v.words({ ar: 'لا توجد وثيقة تأمين مسجلة لهذه المركبة', en: 'No insurance document is on record for this vehicle' }))],
      })),
    };
  },
});

const COVERAGE: Record<VehicleInsuranceCoverage, { ar: string; en: string }> = {
  third_party: { ar: 'ضد الغير', en: 'Third party' },
  comprehensive: { ar: 'شامل', en: 'Comprehensive' },
};

export const impoundedVehicles = defineInquiry({
  id: 'traffic.impounded-vehicles',
  agency: 'traffic',
  name: { ar: 'المركبات المحجوزة', en: 'Impounded vehicles' },
  description: {
    ar: 'المركبات التي تملكها أو تستخدمها وهي محجوزة، مع تاريخ الحجز ومكانه.',
    en: 'Vehicles you own or use that are impounded, with the date and the place.',
  },
  keywords: { ar: ['حجز', 'مركبة محجوزة', 'الحجز', 'سيارة محجوزة', 'حجز السيارة'], en: ['impound', 'impounded car', 'seized'] },
  empty: { ar: 'لا توجد مركبات محجوزة من مركباتك.', en: 'None of your vehicles is impounded.' },
  async run({ db, subject }) {
    const vehicles = (await listVehiclesOfPerson(db, subject.id)).filter((x) => x.impounded);
    return {
      items: vehicles.map((x) => ({
        title: v.words(vehicleName(x)),
        status: v.status('bad', { ar: 'محجوزة', en: 'Impounded' }),
        fields: [
          f(LABELS.plate, plate(x)),
          ...(x.impounded_on ? [f({ ar: 'تاريخ الحجز', en: 'Impounded on' }, v.date(x.impounded_on))] : []),
          ...(x.impound_location ? [f({ ar: 'مكان الحجز', en: 'Held at' }, v.text(x.impound_location))] : []),
        ],
      })),
    };
  },
});
