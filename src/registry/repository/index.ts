/**
 * The registry's SQL, by subject. Every function takes a database handle or an open
 * transaction first: callers own transactions.
 */
export { type Db, BATCH_ROWS } from './db.js';
export * from './persons.js';
export * from './family.js';
export * from './documents.js';
export * from './establishments.js';
export * from './sponsorships.js';
export * from './vehicles.js';
export * from './traffic.js';
export * from './suspensions.js';
export * from './inquiries.js';
export * from './inquiries-import.js';
export * from './provenance.js';
