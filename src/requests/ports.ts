/** What the engine uses from other modules: the outbox, the audit log, the registry reads. */
export { enqueueMessage } from '../notifications/index.js';
export { appendAudit } from '../audit/index.js';
export { getPerson, findPersonByNationalId, listWards, listSponsoredWorkers, listActiveSuspensions } from '../registry/index.js';
export { accountContact, supervisorContacts } from '../identity/index.js';
export { sendServiceCode, resendServiceCode, checkServiceCode, useServiceCode, startedWithCode, serviceCodeSentTo, SERVICE_START_WINDOW_MS, type ServiceCodeAnswer, type ServiceCodeSent } from '../identity/index.js';
export { authRateLimits } from '../identity/index.js';
