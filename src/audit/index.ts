/** The append-only, hash-chained audit log: append, verify, signed checkpoints, and "who viewed my data". */
export { appendAudit, type AuditEntryInput } from './append.js';
export { verifyAuditChain, type AuditProblem, type AuditProblemKind, type AuditVerification, type AuditVerifyOptions } from './verify.js';
export { listAuditForSubject, type SubjectAuditEntry } from './subject.js';
export { auditCheckpointCommand, auditVerifyCommand, runAuditCheckpoint, runAuditVerify } from './cli.js';
export { canonicalJson, entryHash, GENESIS_HASH, type ActorKind } from './chain.js';
export { checkpointLine, parseCheckpointLine, type AuditCheckpoint } from './checkpoint.js';
export { AuditCheckpointRefused, createAuditCheckpoint, type CheckpointOptions } from './checkpoints.js';
export { auditKeyringFor, auditSignerFor, createAuditSigner, defaultAuditKeyFile, type AuditKeyring, type AuditSigner } from './keys.js';
