import type { Kysely } from 'kysely';
import type { RegistryReader, RegistryWriter } from '../catalogue/define.js';
import type { Database } from '../db/tables.js';
import type { IsoDate } from '../kernel/dates.js';
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

function addYears(iso: IsoDate, years: number): IsoDate {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  // 29 February + n years lands on 28 February when that year has no 29th.
  const day = Math.min(d, new Date(Date.UTC(y + years, m, 0)).getUTCDate());
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
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
