/**
 * The service engine: submit, act, deadlines, history, tracking. It knows no specific service:
 * each is a definition (src/services/) it reads from the catalogue.
 */
export type { RequestsDeps, RequestActor, Origin } from './deps.js';
export { submitRequest, checkServiceData, REQUEST_PREFIX, type SubmitInput, type SubmitOutcome } from './submit.js';
export { actOnRequest, actInTransaction, availableActions, rolesOn, timeRanOut, type ActInput } from './act.js';
export { assignToMe, reassignRequest } from './assign.js';
export { runDeadlines, type DeadlineCounts } from './deadlines.js';
export { checkEligibility, notEligibleError, suspensionCovers, type Eligibility, type EligibilityCheck, type RuleOutcome } from './eligibility.js';
export { getRequest, listMyRequests, listRequestsMadeToMe, openRequestsOf, payerOf, officerQueue, officerQueueCounts, requestOutputs, type RequestDetail, type QueueQuery } from './views.js';
export { foldHistory } from './fold.js';
export { changeText } from './notify.js';
export { requestHistory, listInbox } from './repository.js';
export { listOpenRequestsAbout } from './repository.js';
