/**
 * Identity: accounts, registration, activation, sign-in with one-time codes, sessions and
 * "my data". Other modules and the pages import only from here.
 */
export type { IdentityDeps, IdentityDepsWithConfig, RequestOrigin } from './deps.js';

// Passwords.
export { passwordProblems, isCommonPassword, hashPassword, verifyPassword, PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from './passwords.js';

// One-time codes (createChallenge runs in the caller's transaction).
export {
  createChallenge,
  resendChallenge,
  CODE_TTL_MS,
  CODE_MAX_ATTEMPTS,
  RESEND_AFTER_MS,
  SEND_LIMITS,
  MOBILE_SENDS_PER_HOUR,
  type ChallengePurpose,
  type CreateChallengeOptions,
} from './challenges.js';
export { verifyChallenge, resendCode, type ChallengeOutcome, type LoginOutcome } from './verify.js';

// Registration, sign-in, activation.
export { startRegistration, type RegisterInput, type RegistrationOutcome } from './registration.js';
export { startLogin } from './login.js';
export { LOGIN_THROTTLES, LOGIN_DAILY_CAP } from './login-throttle.js';
export { activateByBank, BANK_WINDOW_MS, type BankActivationResult, type SignedBankRequest } from './bank-activation.js';

// Sessions (web and API).
export {
  startWebSession,
  resolveSession,
  loadSession,
  revokeSession,
  listSessions,
  revokeOtherSession,
  type NewSession,
  type ResolvedSession,
  type SessionKind,
  type SessionSummary,
} from './sessions.js';
export { accountOfEndedWebSession, ENDED_SESSION_GRACE_MS } from './ended-sessions.js';

// Accounts follow the registry (a death recorded ends the account's use).
export { accountUseEnded, accountUseEndedError, type AccountUseEnded } from './registry-standing.js';

// My data.
export { getMyData, maskMobile, EXPIRY_WARNING_DAYS } from './my-data.js';
export { myDataSchema, type MyData } from './my-data-schema.js';

// Demo mode.
export { ensureDemoAccounts, demoLoginOf, listUnregisteredPersons, DEMO_PASSWORD, type UnregisteredPerson } from './demo-accounts.js';
export { bankCustomerOf, listBankCustomers, type BankCustomer } from './demo-bank-customers.js';

// Recovery, office activation, change of mobile.
export { startPasswordReset, completePasswordReset } from './recovery.js';
export {
  issueActivationCode,
  activateWithOfficeCode,
  newActivationCode,
  normaliseActivationCode,
  ACTIVATION_CODE_LENGTH,
  ACTIVATION_CODE_TTL_MS,
  ACTIVATION_CODE_MAX_ATTEMPTS,
} from './office-activation.js';
export { startMobileChange, confirmMobileChange, type MobileChangeStarted, type MobileChangeProof } from './change-mobile.js';

// Staff.
export {
  createStaffAccount,
  disableStaffAccount,
  getStaffProfile,
  generateStaffPassword,
  STAFF_AGENCIES,
  STAFF_ROLES,
  type NewStaffInput,
  type StaffActor,
  type StaffProfile,
} from './staff/accounts.js';
export { startStaffLogin, verifyStaffChallenge } from './staff/login.js';
export { resolveStaffSession, type StaffSession } from './staff/sessions.js';
export { demoStaff, ensureDemoStaff, listDemoStaff, type DemoStaff } from './staff/demo-staff.js';
export { staffCreateCommand, makeStaffCreateCommand, type StaffCreateIo } from './staff/cli.js';

// Routes (registered by app.ts), and the shared rate limits other modules' routes use.
export { authRateLimits } from './rate-limits.js';
export { identityRoutes } from './routes.js';
export { accountRoutes } from './account-routes.js';
export { bankPartnerRoutes } from './bank-routes.js';
export { kioskRoutes } from './kiosk-routes.js';

// For the service engine: where to tell an account holder about their requests.
export { accountContact, supervisorContacts, type AccountContact } from './contact.js';
export { apiSession, apiStaffSession, bearerToken } from './api-auth.js';
export { isActiveAgencyOfficer, listAgencyOfficers } from './staff/accounts.js';

// Codes a service asks for on top of the sign-in (starting a transfer of services, confirming it).
export {
  sendServiceCode,
  resendServiceCode,
  checkServiceCode,
  useServiceCode,
  startedWithCode,
  serviceCodeSentTo,
  SERVICE_START_WINDOW_MS,
  type ServiceCodeStep,
  type ServiceCodeSent,
  type ServiceCodeAnswer,
} from './service-codes.js';
