/**
 * The registry: the system of record other modules read (persons, families, sponsorships,
 * establishments, documents, vehicles, violations, traffic cases, suspensions) and its import.
 * Other modules import only from here.
 */

// Reads. Each takes a database handle or an open transaction first.
export {
  findPersonByNationalId,
  getPerson,
  personSummariesByIds,
  listParents,
  listChildren,
  listSpouses,
  listWards,
  listGuardians,
  listDocuments,
  currentDocumentsOf,
  findCurrentSponsorship,
  lockCurrentSponsorship,
  listSponsoredWorkers,
  listEstablishmentsOwnedBy,
  iqamaExpiryOfEstablishmentsOwnedBy,
  listEstablishmentWorkers,
  listVehiclesOfPerson,
  findVehicleBySequenceNumber,
  listViolationsOfPerson,
  latestViolationsOf,
  unpaidViolationsTotal,
  listOpenTrafficCases,
  findTrafficCaseWithParty,
  listActiveSuspensions,
  countLostDocuments,
  findDocumentByNumber,
} from './repository/index.js';

// Reads of the inquiries (passports, civil status, recruitment): by the person or the sponsor they are about.
export {
  listBorderCrossings,
  biometricsOf,
  healthInsuranceOf,
  employmentOf,
  listEmployeesOf,
  listWorkVisasOfSponsor,
  listArrivedWorkers,
  listRecruitmentRequests,
  hajjRecordOf,
  listHajjPermits,
  listExitReentryVisas,
  returnStatusOf,
} from './repository/index.js';
export type {
  SponsorRef,
  EmploymentWithEmployer,
  EmployeeRecord,
  WorkVisaWithWorker,
  ArrivedWorker,
  RecruitmentRequestWithVisa,
  ExitReentryVisa,
  ExitReentryVisaDetails,
  ReturnStatus,
} from './repository/index.js';

// Changes services make, in the transaction of the request action that causes them.
export { markDocumentsLost, issueIdentityDocument, setTrafficCaseCustody, closeTrafficCase } from './repository/index.js';
export { insertIssuedDocument, cancelDocument } from './repository/index.js';
export { recordRenewedPassport, transferSponsorship } from './repository/index.js';
// Paying traffic violations (payments), in the transaction of the payment.
export { lockUnpaidViolations, markViolationsPaid, liftSuspensionsSettledByPayment } from './repository/index.js';
// Suspensions placed and lifted by staff (src/suspensions), in the transaction of the change.
export { insertSuspension, findSuspensionByReference, markSuspensionLifted, listSuspensionsOfPerson, type NewSuspension } from './repository/index.js';
export type {
  Db,
  PersonSummary,
  Spouse,
  GuardianshipParty,
  Sponsor,
  CurrentSponsorship,
  SponsoredWorker,
  PersonVehicle,
  ViolationWithType,
  PersonTrafficCase,
  TrafficCaseWithParty,
} from './repository/index.js';

export { DOCUMENT_GENDER, personName, type ArabicGender } from './names.js';
export { vehicleName } from './vehicle-names.js';
export { HAJJ_EVERY_HIJRI_YEARS } from './rules.js';
export { PERSON_RECORD_COLUMNS } from './repository/persons.js';

// Import.
export { importRegistryFile, importedCount, RECORD_KINDS } from './import.js';
export type { ImportOptions, ImportProgress, ImportSummary, InvalidLine, RecordKind } from './import.js';
export type { RecordOf, RegistryRecord } from './import-schema.js';
