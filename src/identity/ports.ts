/**
 * What identity uses from the messages and audit modules, in one place: the outbox (SMS and
 * e-mail leave after the transaction commits) and the hash-chained audit log.
 */
export { enqueueMessage } from '../notifications/index.js';
export { appendAudit } from '../audit/index.js';
