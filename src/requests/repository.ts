import { sql, type Insertable, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Locale } from '../kernel/i18n/index.js';
import type { Database, RequestEventRow, RequestEventsTable, ServiceRequestRow, ServiceRequestsTable } from '../db/tables.js';

/** All SQL of the service engine. Functions take `db | trx` first; callers own transactions. */

type Db = Kysely<Database>;

/**
 * Inserts a request and returns it as stored; undefined when its reference is taken (the
 * caller draws another). Any other unique violation (the open key) is raised.
 */
export async function insertRequest(db: Db, row: Insertable<ServiceRequestsTable>): Promise<ServiceRequestRow | undefined> {
  return db
    .insertInto('service_requests')
    .values(row)
    .onConflict((oc) => oc.column('reference').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function insertRequestEvent(db: Db, row: Insertable<RequestEventsTable>): Promise<void> {
  await db.insertInto('request_events').values(row).execute();
}

export async function findRequestByReference(db: Db, reference: string, options: { forUpdate?: boolean } = {}): Promise<ServiceRequestRow | undefined> {
  let query = db.selectFrom('service_requests').selectAll().where('reference', '=', reference);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findRequestById(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<ServiceRequestRow | undefined> {
  let query = db.selectFrom('service_requests').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findOpenRequest(db: Db, openKey: string): Promise<ServiceRequestRow | undefined> {
  return db.selectFrom('service_requests').selectAll().where('open_key', '=', openKey).executeTakeFirst();
}

/**
 * A request with its history in one round trip (the request page's query). The events come back
 * as JSON, so their timestamps are turned back into dates here.
 */
export async function findRequestWithHistory(db: Db, reference: string): Promise<{ request: ServiceRequestRow; history: RequestEventRow[] } | undefined> {
  const row = await db
    .selectFrom('service_requests')
    .selectAll('service_requests')
    .select((eb) => jsonArrayFrom(eb.selectFrom('request_events').selectAll().whereRef('request_events.request_id', '=', 'service_requests.id').orderBy('seq')).as('history'))
    .where('reference', '=', reference)
    .executeTakeFirst();
  if (!row) return undefined;
  const { history, ...request } = row;
  return { request, history: history.map((event) => ({ ...event, occurred_at: new Date(event.occurred_at) })) };
}

export async function requestHistory(db: Db, requestId: string): Promise<RequestEventRow[]> {
  return db.selectFrom('request_events').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
}

export interface RequestStateChange {
  state: string;
  final: boolean;
  version: number;
  stateEnteredAt: Date;
  dueAt: Date | null;
  outputs: Record<string, unknown>;
  assignedStaffId?: string | null;
  escalatedAt?: Date | null;
  now: Date;
}

/**
 * Moves a request on and returns it; `expectedVersion` guards against a change nobody saw (the
 * row is locked too). With `event`, the history event that records the change is inserted by
 * the same statement (one round trip).
 */
export async function updateRequestState(db: Db, id: string, expectedVersion: number, change: RequestStateChange, event?: Insertable<RequestEventsTable>): Promise<ServiceRequestRow> {
  const update = (qc: Db) =>
    qc
      .updateTable('service_requests')
      .set({
        state: change.state,
        final: change.final,
        version: change.version,
        state_entered_at: change.stateEnteredAt,
        due_at: change.dueAt,
        outputs: JSON.stringify(change.outputs),
        updated_at: change.now,
        ...(change.final ? { open_key: null } : {}),
        ...(change.assignedStaffId !== undefined ? { assigned_staff_id: change.assignedStaffId } : {}),
        ...(change.escalatedAt !== undefined ? { escalated_at: change.escalatedAt } : {}),
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returningAll();
  const updated = event
    ? await db
        .with('event', (qc) => qc.insertInto('request_events').values(event))
        .with('moved', (qc) => update(qc as unknown as Db))
        .selectFrom('moved')
        .selectAll()
        .executeTakeFirst()
    : await update(db).executeTakeFirst();
  // (A version that did not match: the event's insert is undone with the transaction.)
  if (!updated) throw new Error(`request ${id} changed under a held lock`);
  return updated as ServiceRequestRow;
}

export async function listRequestsOfAccount(db: Db, accountId: string, options: { serviceId?: string; limit: number }): Promise<ServiceRequestRow[]> {
  let query = db.selectFrom('service_requests').selectAll().where('applicant_account_id', '=', accountId);
  if (options.serviceId) query = query.where('service_id', '=', options.serviceId);
  return query.orderBy('created_at', 'desc').limit(options.limit).execute();
}

export interface QueueFilter {
  agency: string;
  serviceId?: string | undefined;
  state?: string | undefined;
  overdueAt?: Date | undefined;
  assignedTo?: string | undefined;
  limit: number;
}

/** How many open requests an agency has: all, those given to one staff member, those past their time. */
export async function countAgencyQueue(db: Db, agency: string, staffId: string, now: Date): Promise<{ open: number; mine: number; overdue: number }> {
  const row = await db
    .selectFrom('service_requests')
    .select([
      sql<string>`count(*)`.as('open'),
      sql<string>`count(*) FILTER (WHERE assigned_staff_id = ${staffId})`.as('mine'),
      sql<string>`count(*) FILTER (WHERE due_at <= ${now})`.as('overdue'),
    ])
    .where('agency', '=', agency)
    .where('final', '=', false)
    .executeTakeFirstOrThrow();
  return { open: Number(row.open), mine: Number(row.mine), overdue: Number(row.overdue) };
}

/** An agency's open requests, oldest first (first come, first served). */
export async function listAgencyQueue(db: Db, filter: QueueFilter): Promise<ServiceRequestRow[]> {
  let query = db.selectFrom('service_requests').selectAll().where('agency', '=', filter.agency).where('final', '=', false);
  if (filter.serviceId) query = query.where('service_id', '=', filter.serviceId);
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.overdueAt) query = query.where('due_at', '<=', filter.overdueAt);
  if (filter.assignedTo) query = query.where('assigned_staff_id', '=', filter.assignedTo);
  return query.orderBy('created_at').limit(filter.limit).execute();
}

/** Open requests whose state's time ran out by `now` and that nobody escalated yet, or that time out. */
export async function listDueRequests(db: Db, now: Date, limit: number): Promise<ServiceRequestRow[]> {
  return db
    .selectFrom('service_requests')
    .selectAll()
    .where('final', '=', false)
    .where('due_at', '<=', now)
    .where('escalated_at', 'is', null)
    .orderBy('due_at')
    .limit(limit)
    .execute();
}

// ---- idempotency keys ----------------------------------------------------------------------

/** Claims a key; false when it was claimed before (its holder's transaction has committed by then). */
export async function claimIdempotencyKey(db: Db, row: { scope: string; key: string; bodyHash: string; now: Date }): Promise<boolean> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({ scope: row.scope, key: row.key, body_hash: row.bodyHash, resource: null, created_at: row.now })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findIdempotencyKey(db: Db, scope: string, key: string): Promise<{ body_hash: string; resource: string | null } | undefined> {
  return db.selectFrom('idempotency_keys').select(['body_hash', 'resource']).where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
}

export async function setIdempotencyResource(db: Db, scope: string, key: string, resource: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ resource }).where('scope', '=', scope).where('key', '=', key).execute();
}

// ---- the inbox -----------------------------------------------------------------------------

/**
 * Puts a notice in an account's inbox, and answers with the account's mobile and language (for
 * the SMS that may follow) in the same round trip.
 */
export async function insertInboxMessage(
  db: Db,
  row: { id: string; accountId: string; requestId: string | null; template: string; params: Record<string, string | number>; now: Date },
): Promise<{ mobile: string | null; language: Locale | null }> {
  const inserted = await db
    .insertInto('inbox_messages')
    .values({ id: row.id, account_id: row.accountId, request_id: row.requestId, template: row.template, params: JSON.stringify(row.params), created_at: row.now })
    .returning((eb) => [
      eb.selectFrom('accounts').select('accounts.mobile').whereRef('accounts.id', '=', 'inbox_messages.account_id').as('mobile'),
      eb.selectFrom('accounts').select('accounts.language').whereRef('accounts.id', '=', 'inbox_messages.account_id').as('language'),
    ])
    .executeTakeFirstOrThrow();
  return { mobile: inserted.mobile ?? null, language: inserted.language ?? null };
}

/** An account's notices, newest first, with the reference of the request each is about. */
export async function listInbox(db: Db, accountId: string, limit: number) {
  return db
    .selectFrom('inbox_messages')
    .leftJoin('service_requests', 'service_requests.id', 'inbox_messages.request_id')
    .select(['inbox_messages.id', 'inbox_messages.params', 'inbox_messages.read_at', 'inbox_messages.created_at', 'service_requests.reference'])
    .where('inbox_messages.account_id', '=', accountId)
    .orderBy('inbox_messages.created_at', 'desc')
    .orderBy('inbox_messages.id', 'desc')
    .limit(limit)
    .execute();
}

/** How many of an account's notices are unread (the home page's count). */
export async function countUnreadInbox(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('inbox_messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Open requests (not in a final state) the account made, or that name the person as the other party, newest first. */
export async function listOpenRequests(db: Db, who: { accountId: string } | { counterpartyPersonId: string }, limit: number): Promise<ServiceRequestRow[]> {
  const query = db.selectFrom('service_requests').selectAll().where('final', '=', false);
  const mine = 'accountId' in who ? query.where('applicant_account_id', '=', who.accountId) : query.where('counterparty_person_id', '=', who.counterpartyPersonId);
  return mine.orderBy('created_at', 'desc').limit(limit).execute();
}

export async function markInboxRead(db: Db, accountId: string, now: Date): Promise<void> {
  await db.updateTable('inbox_messages').set({ read_at: now }).where('account_id', '=', accountId).where('read_at', 'is', null).execute();
}

// ---- the other party (counterparty) ----------------------------------------------------------

/** The person's activated account, if they have one (the other party of a request is told there). */
export async function findActiveAccountOfPerson(db: Db, personId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('accounts').select('id').where('person_id', '=', personId).where('status', '=', 'active').executeTakeFirst();
}

/** Requests where the person is the other party (a new sponsor asked to accept), newest first. */
export async function listRequestsOfCounterparty(db: Db, personId: string, options: { serviceId?: string | undefined; limit: number }): Promise<ServiceRequestRow[]> {
  let query = db.selectFrom('service_requests').selectAll().where('counterparty_person_id', '=', personId);
  if (options.serviceId) query = query.where('service_id', '=', options.serviceId);
  return query.orderBy('created_at', 'desc').limit(options.limit).execute();
}

/**
 * How many requests for a service the person's accounts made since an instant (a day's limit),
 * with `lock`, after locking the person's accounts so that a second submission counting at the
 * same time waits for the first to commit.
 */
export async function countRequestsMadeSince(db: Db, options: { personId: string; serviceId: string; since: Date; lock?: boolean }): Promise<number> {
  const accounts = db.selectFrom('accounts').select('id').where('person_id', '=', options.personId);
  if (options.lock) await accounts.forUpdate().execute();
  const row = await db
    .selectFrom('service_requests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('applicant_account_id', 'in', accounts)
    .where('service_id', '=', options.serviceId)
    .where('created_at', '>=', options.since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- the ongoing transactions inquiry --------------------------------------------------------

/**
 * The requests about a person (they are the beneficiary) that are not final, newest first (the
 * civil status inquiry "ongoing transactions"); read through the partial index
 * service_requests_beneficiary_idx (beneficiary_person_id, service_id) WHERE NOT final.
 */
export async function listOpenRequestsAbout(db: Db, personId: string, limit: number): Promise<ServiceRequestRow[]> {
  return db
    .selectFrom('service_requests')
    .selectAll()
    .where('beneficiary_person_id', '=', personId)
    .where('final', '=', false)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
