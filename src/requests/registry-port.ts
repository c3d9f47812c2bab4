import type { Kysely } from 'kysely';
import type { RegistryReader, RegistryWriter } from '../catalogue/define.js';
import type { Database } from '../db/tables.js';
import { addYears, type IsoDate } from '../kernel/dates.js';
import { countLostDocuments, getPerson, issueIdentityDocument, listDocuments, markDocumentsLost } from '../registry/index.js';

/**
 * The registry as service definitions see it: a few named reads and changes, bound to the
 * caller's transaction, so a definition never writes SQL and its changes commit (or not) with
 * the action that causes them.
 */

export function registryReader(db: Kysely<Database>): RegistryReader {
  return {
    documents: (personId, kind) => listDocuments(db, kind ? { personId, kind } : { personId }),
    lostDocumentCount: (personId, kind) => countLostDocuments(db, personId, kind),
  };
}

export function registryWriter(trx: Kysely<Database>, options: { now: Date; today: IsoDate }): RegistryWriter {
  return {
    ...registryReader(trx),
    markDocumentsLost: (personId, kind, details) => markDocumentsLost(trx, { personId, kind, details, now: options.now }),
    async issueDocument(personId, kind, { validYears, details }) {
      const person = await getPerson(trx, personId);
      if (!person) throw new Error(`no person ${personId}`);
      const expiryDate = addYears(options.today, validYears);
      const number = await issueIdentityDocument(trx, { personId, nationalId: person.national_id, kind, issueDate: options.today, expiryDate, details: details ?? {}, now: options.now });
      return { number, expiryDate };
    },
  };
}
