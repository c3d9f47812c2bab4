import type { InquiryDefinition } from './define.js';
import drivingLicence from './traffic/driving-licence.js';
import violationsTotal from './traffic/violations-total.js';
import violations from './traffic/violations.js';
import { impoundedVehicles, vehicleInsurance, vehicleInsuranceDocument, vehicleRegistrations } from './traffic/vehicles.js';
import { biometrics, employment, exitReentryStatus, healthInsurance, iqamaValidity, residentReport, travelRecord } from './passports/residency.js';
import { foreignWorkers, newWorkersArrival, returnStatus, sponsoredPersons } from './passports/workers.js';
import { passportsWorkVisas } from './passports/work-visas.js';
import { hajjEligibilityInquiry, hajjPermitInquiry } from './civil-affairs/hajj.js';
import ongoingTransactions from './civil-affairs/transactions.js';
import idValidity from './civil-affairs/id-validity.js';
import { recruitmentRequests, workVisas } from './recruitment/requests.js';

/** Every inquiry the platform offers, by agency in Absher's order (seed document 003). */
export const inquiryDefinitions: readonly InquiryDefinition[] = [
  // Traffic (الإدارة العامة للمرور)
  violations,
  violationsTotal,
  vehicleInsurance,
  vehicleInsuranceDocument,
  drivingLicence,
  impoundedVehicles,
  vehicleRegistrations,
  // Passports (المديرية العامة للجوازات)
  newWorkersArrival,
  exitReentryStatus,
  biometrics,
  healthInsurance,
  iqamaValidity,
  travelRecord,
  foreignWorkers,
  sponsoredPersons,
  residentReport,
  passportsWorkVisas,
  employment,
  returnStatus,
  // Civil status (الأحوال المدنية)
  hajjEligibilityInquiry,
  hajjPermitInquiry,
  ongoingTransactions,
  idValidity,
  // Recruitment (شؤون الوافدين والاستقدام)
  workVisas,
  recruitmentRequests,
];
