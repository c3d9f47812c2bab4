/** Identity's SQL, by subject. Every function takes a database handle or an open transaction first. */
export * from './accounts.js';
export * from './challenges.js';
export * from './sessions.js';
export * from './bank.js';
export * from './activation-codes.js';
export * from './account-changes.js';
