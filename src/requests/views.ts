import type { ActorRole, AnyService, Bilingual } from '../catalogue/define.js';
import type { RequestEventRow, ServiceRequestRow } from '../db/tables.js';
import { AppError } from '../kernel/errors.js';
import type { Locale } from '../kernel/i18n/index.js';
import { displayDir, displayValue, fieldApplies, type FieldValues } from '../catalogue/fields.js';
import { availableActions, rolesOn } from './act.js';
import type { Origin, RequestActor, RequestsDeps } from './deps.js';
import { outputText } from './output-text.js';
import { appendAudit } from './ports.js';
import { requestReference } from './reference.js';
import { countAgencyQueue, countUnreadInbox, findRequestWithHistory, listAgencyQueue, listOpenRequests, listRequestsOfAccount, listRequestsOfCounterparty, type QueueFilter } from './repository.js';

/** Reading requests: each read checks who asks, and staff reads are written to the audit log. */

/** A request's results, labelled and in the order its service declares them. */
export function requestOutputs(service: AnyService, outputs: Record<string, unknown>, locale: Locale): Array<{ key: string; label: Bilingual; value: string }> {
  return Object.entries(service.outputs ?? {}).flatMap(([key, label]) =>
    outputs[key] === undefined || (label.language !== undefined && label.language !== locale) ? [] : [{ key, label, value: String(outputs[key]) }],
  );
}

/** One row of a request's details as the person's page and proof show it. */
export interface DetailRow {
  key: string;
  label: string;
  value: string;
  /** Left to right for numbers, IDs and Latin text inside an Arabic page. */
  dir: 'ltr' | undefined;
}

/** A value a service's summary gives: its language's words, a date in words with its Hijri date, or as it is. */
function summaryValue(value: Bilingual | string, locale: Locale): string {
  return typeof value === 'string' ? outputText(value, locale) : value[locale];
}

/**
 * What the person's request page and its proof show of a request: its service's summary when the
 * service has one (what the reader needs, masked where it should be: a bail shows the case and
 * the person's masked ID, not the name and date of birth the guarantor typed), else the form's
 * answers and the results.
 */
export function requestDetailRows(service: AnyService, row: Pick<ServiceRequestRow, 'data' | 'outputs'>, locale: Locale, t: (key: string) => string): DetailRow[] {
  if (service.summary) {
    return service.summary({ data: row.data, outputs: row.outputs }).map((entry, i) => {
      const value = summaryValue(entry.value, locale);
      return { key: `summary.${i}`, label: entry.label[locale], value, dir: outputDir(value) };
    });
  }
  const data = row.data as Record<string, FieldValues>;
  const answers = service.form.flatMap((step) =>
    step.fields
      .filter((spec) => spec.kind !== 'confirm' && fieldApplies(spec, data[step.id] ?? {}))
      .map((spec) => ({ key: `${step.id}.${spec.id}`, label: spec.label[locale], value: displayValue(spec, data[step.id]?.[spec.id], locale, t) || t('service_pages.not_given'), dir: displayDir(spec) })),
  );
  const results = requestOutputs(service, row.outputs, locale).map((o) => {
    const value = outputText(o.value, locale);
    return { key: o.key, label: o.label[locale], value, dir: outputDir(value) };
  });
  return [...answers, ...results];
}

/** The direction of a result's value: its own for words in Arabic letters, left to right for numbers and Latin text. */
export function outputDir(value: string): 'ltr' | undefined {
  return /[\u0600-\u06FF]/.test(value) ? undefined : 'ltr';
}

export interface RequestDetail {
  request: ServiceRequestRow;
  service: AnyService;
  history: RequestEventRow[];
  /** What the reader may do now. */
  actions: string[];
  /** What the reader could do in this state but the service's guard refuses now, with the reason (told to a page left open). */
  refused: Record<string, Bilingual>;
  /** The reader's roles on it (the applicant, the other party, staff). */
  roles: ActorRole[];
  /** True when the request's state's time has run out. */
  overdue: boolean;
}

export async function getRequest(options: RequestsDeps & Origin & { actor: RequestActor; reference: string }): Promise<RequestDetail> {
  const { db, clock, actor } = options;
  const found = await findRequestWithHistory(db, requestReference(options.reference));
  const roles = found ? rolesOn(actor, found.request) : [];
  // Someone else's request and a missing one get the same answer.
  if (!found || roles.length === 0) throw new AppError('requests.not_found');
  const { request, history } = found;
  const service = options.catalogue.get(request.service_id);
  if (actor.kind === 'staff') {
    await appendAudit(db, { actorKind: 'staff', actorId: actor.staffId, action: 'requests.viewed_by_staff', subjectPersonId: request.beneficiary_person_id, ip: options.ip ?? null, details: { reference: request.reference, agency: actor.agency, role: actor.role } }, clock);
  }
  const now = clock.now();
  const { actions, refused } = await availableActions({ db, service, row: request, actor, now });
  return { request, service, history, roles, actions, refused, overdue: !request.final && request.due_at !== null && request.due_at <= now };
}

export async function listMyRequests(options: RequestsDeps & { accountId: string; serviceId?: string | undefined; limit?: number }): Promise<ServiceRequestRow[]> {
  return listRequestsOfAccount(options.db, options.accountId, { serviceId: options.serviceId, limit: options.limit ?? 100 });
}

/** Requests others made where the person is the other party (a new sponsor asked to accept), newest first. */
export async function listRequestsMadeToMe(options: RequestsDeps & { personId: string; serviceId?: string | undefined; limit?: number }): Promise<ServiceRequestRow[]> {
  return listRequestsOfCounterparty(options.db, options.personId, { serviceId: options.serviceId, limit: options.limit ?? 100 });
}

/**
 * The person's open requests for their home page: the ones they made and the ones made to them
 * (as the other party), newest first, `limit` of each, and how many of their notices are unread.
 */
export async function openRequestsOf(options: RequestsDeps & { accountId: string; personId: string; limit: number }): Promise<{ mine: ServiceRequestRow[]; madeToMe: ServiceRequestRow[]; unreadNotices: number }> {
  const { db } = options;
  const [mine, madeToMe, unreadNotices] = await Promise.all([
    listOpenRequests(db, { accountId: options.accountId }, options.limit),
    listOpenRequests(db, { counterpartyPersonId: options.personId }, options.limit),
    countUnreadInbox(db, options.accountId),
  ]);
  return { mine, madeToMe, unreadNotices };
}

/** Who pays a service's fee: the applicant unless the service names the other party. */
export function payerOf(service: AnyService): ActorRole {
  return service.payment?.payer === 'counterparty' ? 'counterparty' : 'applicant';
}

export interface QueueQuery {
  serviceId?: string | undefined;
  state?: string | undefined;
  overdue?: boolean | undefined;
  mine?: boolean | undefined;
}

/** The figures over an agency's queue for its staff: open, given to the reader, overdue (officers and supervisors only). */
export async function officerQueueCounts(options: RequestsDeps & { actor: RequestActor }): Promise<{ open: number; mine: number; overdue: number }> {
  const { actor } = options;
  if (actor.kind !== 'staff' || (actor.role !== 'officer' && actor.role !== 'supervisor')) throw new AppError('requests.forbidden');
  return countAgencyQueue(options.db, actor.agency, actor.staffId, options.clock.now());
}

/** An agency's open requests for its staff (officers and supervisors only). */
export async function officerQueue(options: RequestsDeps & { actor: RequestActor; query: QueueQuery; limit?: number }): Promise<ServiceRequestRow[]> {
  const { actor } = options;
  if (actor.kind !== 'staff' || (actor.role !== 'officer' && actor.role !== 'supervisor')) throw new AppError('requests.forbidden');
  const filter: QueueFilter = {
    agency: actor.agency,
    serviceId: options.query.serviceId,
    state: options.query.state,
    overdueAt: options.query.overdue ? options.clock.now() : undefined,
    assignedTo: options.query.mine ? actor.staffId : undefined,
    limit: options.limit ?? 200,
  };
  return listAgencyQueue(options.db, filter);
}
