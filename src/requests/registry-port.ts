import type { Kysely } from 'kysely';
import type { RegistryReader, RegistryWriter, SponsorshipView, TrafficCaseView } from '../catalogue/define.js';
import type { Database, Document, DocumentKind, Person, Sponsorship } from '../db/tables.js';
import { addYears, type IsoDate } from '../kernel/dates.js';
import {
  cancelDocument,
  closeTrafficCase,
  findCurrentSponsorship,
  findDocumentByNumber,
  lockCurrentSponsorship,
  transferSponsorship,
  recordRenewedPassport,
  unpaidViolationsTotal,
  countLostDocuments,
  findPersonByNationalId,
  findTrafficCaseWithParty,
  getPerson,
  insertIssuedDocument,
  issueIdentityDocument,
  listChildren,
  listDocuments,
  listGuardians,
  listParents,
  listWards,
  markDocumentsLost,
  setTrafficCaseCustody,
  type TrafficCaseWithParty,
} from '../registry/index.js';

/**
 * The registry as service definitions see it: a few named reads and changes, bound to the
 * caller's transaction, so a definition never writes SQL and its changes commit (or not) with
 * the action that causes them.
 */

function caseView(row: TrafficCaseWithParty | undefined): TrafficCaseView | undefined {
  if (!row) return undefined;
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    bailAllowed: row.bail_allowed,
    closedAt: row.closed_at,
    party: row.party_role === null ? null : { role: row.party_role, inCustody: row.party_in_custody === true },
  };
}

function sponsorshipView(row: Sponsorship | undefined): SponsorshipView | undefined {
  if (!row) return undefined;
  return {
    sponsorPersonId: row.sponsor_person_id,
    domesticWorker: row.domestic_worker,
    occupation: { ar: row.occupation_ar, en: row.occupation_en },
    pastTransfers: row.past_transfers,
    obligationsSettled: row.obligations_settled,
    absenceReportedOn: row.absence_reported_on,
    startedOn: row.started_on,
  };
}

/**
 * With `remember`, a person's documents of a kind are read once and the count of lost ones is
 * taken from them (eligibility, step checks and the fee all ask before anything is written).
 * Never for a writer: what an effect changes must be read as it is.
 */
export function registryReader(db: Kysely<Database>, options: { remember?: boolean } = {}): RegistryReader {
  const remembered = new Map<string, Promise<Document[]>>();
  const documents = (personId: string, kind?: DocumentKind) => {
    if (!options.remember) return listDocuments(db, kind ? { personId, kind } : { personId });
    const key = `${personId}:${kind ?? '*'}`;
    let found = remembered.get(key);
    if (!found) remembered.set(key, (found = listDocuments(db, kind ? { personId, kind } : { personId })));
    return found;
  };
  return {
    documents,
    lostDocumentCount: async (personId, kind) =>
      remembered.has(`${personId}:${kind}`) ? (await documents(personId, kind)).filter((d) => d.status === 'lost').length : countLostDocuments(db, personId, kind),
    personByIdNumber: (idNumber) => findPersonByNationalId(db, idNumber),
    trafficCase: async (caseNumber, partyPersonId) => caseView(await findTrafficCaseWithParty(db, { number: caseNumber, personId: partyPersonId })),
    parentIdsOf: async (personId) => (await listParents(db, personId)).map((p) => p.id),
    guardianIdsOf: async (personId, on) => (await listGuardians(db, { wardId: personId, on })).map((p) => p.id),
    familyMemberIdsOf: async (personId, on) => {
      const [children, wards] = await Promise.all([listChildren(db, personId), listWards(db, { guardianId: personId, on })]);
      return [...new Set([...children, ...wards].map((p) => p.id))];
    },
    documentByNumber: (kind, number) => findDocumentByNumber(db, kind, number),
    unpaidViolations: (personId) => unpaidViolationsTotal(db, personId),
    absenceReportedOn: async (personId) => (await findCurrentSponsorship(db, personId))?.sponsorship.absence_reported_on ?? null,
    sponsorshipOf: async (workerId) => sponsorshipView((await findCurrentSponsorship(db, workerId))?.sponsorship),
  };
}

/** `known`: persons the caller has read in this transaction (not read again). */
export function registryWriter(trx: Kysely<Database>, options: { now: Date; today: IsoDate; known?: readonly Person[] }): RegistryWriter {
  return {
    ...registryReader(trx),
    // What an effect reads before a change stays true until the change commits.
    trafficCase: async (caseNumber, partyPersonId) => caseView(await findTrafficCaseWithParty(trx, { number: caseNumber, personId: partyPersonId, forUpdate: true })),
    markDocumentsLost: (personId, kind, details) => markDocumentsLost(trx, { personId, kind, details, now: options.now }),
    async issueDocument(personId, kind, { validYears, details }) {
      const person = options.known?.find((p) => p.id === personId) ?? (await getPerson(trx, personId));
      if (!person) throw new Error(`no person ${personId}`);
      const expiryDate = addYears(options.today, validYears);
      const number = await issueIdentityDocument(trx, { personId, nationalId: person.national_id, kind, issueDate: options.today, expiryDate, details: details ?? {}, now: options.now });
      return { number, expiryDate };
    },
    async setTrafficCustody(caseId, personId, inCustody) {
      if (!(await setTrafficCaseCustody(trx, { caseId, personId, inCustody, now: options.now }))) throw new Error(`person ${personId} is not a party to traffic case ${caseId}`);
    },
    closeTrafficCase: (caseId) => closeTrafficCase(trx, { caseId, now: options.now }),
    issueDocumentNumbered: (personId, kind, { number, validFrom, validTo, details }) =>
      insertIssuedDocument(trx, { personId, kind, number, issueDate: validFrom, expiryDate: validTo, details, now: options.now }),
    cancelDocument: (kind, number, details) => cancelDocument(trx, { kind, number, details, now: options.now }),
    recordRenewedPassport: (personId, passport) => recordRenewedPassport(trx, { personId, ...passport, now: options.now }),
    sponsorshipOf: async (workerId) => sponsorshipView(await lockCurrentSponsorship(trx, workerId)),
    transferSponsorship: (workerId, from, to) => transferSponsorship(trx, { workerId, fromPersonId: from.personId, toPersonId: to.personId, on: options.today, now: options.now }),
  };
}
