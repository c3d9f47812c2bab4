/**
 * Temporary suspension of services (الإيقاف المؤقت للخدمات): the person's page and API, and the
 * staff's pages and API to place and lift suspensions. The suspensions are registry rows; the
 * request engine refuses a service a suspension in force covers (requests/eligibility.ts).
 */
export { placeSuspension, liftSuspension, suspensionsOfPerson, staffLookUp, remitsOf, suspensionReference, SUSPENSION_PREFIX, type PlaceInput, type StaffActor, type SuspensionsDeps } from './manage.js';
export { AUTHORITY_AGENCY, SUSPENDING_ROLES, mayManage, authoritiesOf, phaseOf, blockedServicesOf, withinRemit, namesSomeService, PHASE_DAYS, type Remits } from './rules.js';
export { suspensionView, CONTACT_CENTRE, HISTORY_DAYS, type SuspensionView } from './view.js';
export { notifyLiftedByPayment, tellPerson } from './notify.js';
export { suspensionRoutes } from './routes.js';
export { suspensionWebRoutes } from './web-routes.js';
export { suspensionStaffWebRoutes } from './staff-web-routes.js';
