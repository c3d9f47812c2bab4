/** The append-only, hash-chained audit log: append, verify, and "who viewed my data". */
export { appendAudit, type AuditEntryInput } from './append.js';
export { verifyAuditChain, type AuditProblem, type AuditProblemKind, type AuditVerification } from './verify.js';
export { listAuditForSubject, type SubjectAuditEntry } from './subject.js';
export { auditVerifyCommand, runAuditVerify } from './cli.js';
export { canonicalJson, entryHash, GENESIS_HASH, type ActorKind } from './chain.js';
