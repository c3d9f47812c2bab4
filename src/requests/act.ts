import type { Kysely } from 'kysely';
import { refuseAction, type ActionSpec, type ActorRole, type AnyService, type Bilingual, type GuardContext, type RegistryReader } from '../catalogue/define.js';
import { checkFields } from '../catalogue/fields.js';
import type { Database, Person, ServiceRequestRow } from '../db/tables.js';
import { riyadhDate, type IsoDate } from '../kernel/dates.js';
import { AppError } from '../kernel/errors.js';
import { translateBoth } from '../kernel/i18n/index.js';
import type { Origin, RequestActor, RequestsDeps } from './deps.js';
import { notifyApplicant, notifyCounterparty, notifyPerson } from './notify.js';
import { appendAudit, getPerson } from './ports.js';
import { registryReader, registryWriter } from './registry-port.js';
import { requestReference } from './reference.js';
import { findRequestById, findRequestByReference, updateRequestState } from './repository.js';
import { dueAt, outputRecorder } from './workflow-state.js';
import { suspendedReason, suspensionsCovering } from './suspended.js';

/**
 * Taking an action on a request: the applicant cancels, an officer approves or rejects, the
 * platform expires or records a payment. All under the request row's lock, so two officers
 * deciding at once cannot both win: the second finds the state moved on (409). The history
 * event, the new state, the service's effects, the audit record and the notice commit together.
 */

/** The workflow roles an actor holds on a request (none: they may not act, nor see it). */
export function rolesOn(actor: RequestActor, row: Pick<ServiceRequestRow, 'agency' | 'applicant_account_id' | 'counterparty_person_id'>): ActorRole[] {
  switch (actor.kind) {
    case 'system':
      return ['system'];
    case 'account': {
      const roles: ActorRole[] = [];
      if (row.applicant_account_id === actor.accountId) roles.push('applicant');
      if (row.counterparty_person_id && row.counterparty_person_id === actor.personId) roles.push('counterparty');
      return roles;
    }
    case 'staff':
      if (actor.agency !== row.agency) return [];
      // A supervisor can do an officer's work as well as their own.
      if (actor.role === 'supervisor') return ['officer', 'supervisor'];
      return actor.role === 'officer' ? ['officer'] : [];
  }
}

const EXPIRED_TIME = 'requests.errors.expired_time';

/**
 * Whose suspensions an action must pass, and the words of its refusal: a person acting on the
 * request from their account (the applicant, the other party accepting), unless the action
 * ends the request (withdraw, decline, cancel: ending it obtains no service); and for the
 * platform's `pay`, the payer (the payment would complete the request for them). Staff actions
 * and the platform's others (expire) pass.
 */
function suspensionCheckOf(service: AnyService, row: ServiceRequestRow, actor: RequestActor, action: string, spec: ActionSpec<string, unknown>): { personId: string; key: string } | null {
  if (actor.kind === 'account') return service.workflow.states[spec.to]?.final === true ? null : { personId: actor.personId, key: 'requests.suspended_action' };
  if (actor.kind === 'system' && action === 'pay') {
    const payer = service.payment?.payer === 'counterparty' ? row.counterparty_person_id : row.applicant_person_id;
    return payer ? { personId: payer, key: 'requests.suspended_payer' } : null;
  }
  return null;
}

/** The refusal of the action for a suspension in force that covers the service; null when there is none. */
async function suspendedRefusal(db: Kysely<Database>, service: AnyService, row: ServiceRequestRow, actor: RequestActor, action: string, spec: ActionSpec<string, unknown>): Promise<Bilingual | null> {
  const check = suspensionCheckOf(service, row, actor, action, spec);
  if (!check) return null;
  const found = (await suspensionsCovering(db, check.personId, service.id))[0];
  return found ? suspendedReason(found, check.key) : null;
}

/** Whether the request's state has a time-out action (an unpaid request expires) and its time has run out. */
export function timeRanOut(service: AnyService, row: Pick<ServiceRequestRow, 'state' | 'due_at'>, now: Date): boolean {
  return service.workflow.states[row.state]?.sla?.onTimeout !== undefined && row.due_at !== null && row.due_at <= now;
}

/** The people of a request as its service's guards and effects see them. */
async function peopleOf(db: Kysely<Database>, row: ServiceRequestRow): Promise<{ applicant: Person; beneficiary: Person; counterparty: Person | undefined }> {
  const applicant = (await getPerson(db, row.applicant_person_id))!;
  const beneficiary = row.beneficiary_person_id === applicant.id ? applicant : (await getPerson(db, row.beneficiary_person_id))!;
  const counterparty = row.counterparty_person_id ? await getPerson(db, row.counterparty_person_id) : undefined;
  return { applicant, beneficiary, counterparty };
}

/** What an action's guard is given: the request as it stands now. */
function guardContext(row: ServiceRequestRow, people: Awaited<ReturnType<typeof peopleOf>>, registry: RegistryReader, today: IsoDate): GuardContext<unknown> {
  return { ...people, today, registry, request: { id: row.id, reference: row.reference, data: row.data, outputs: row.outputs } };
}

export interface OfferedActions {
  /** What the page offers as buttons. */
  actions: string[];
  /** Actions the actor could take in this state that the service's guard refuses now, with its reason. */
  refused: Record<string, Bilingual>;
}

/**
 * The actions an actor may take on a request now (what the page offers as buttons): by the
 * state, the actor's roles, the action's `when`, and its guard, the same one taking the action
 * checks, so an action that would be refused is not offered.
 */
export async function availableActions(options: { db: Kysely<Database>; service: AnyService; row: ServiceRequestRow; actor: RequestActor; now: Date }): Promise<OfferedActions> {
  const { db, service, row, now } = options;
  const roles = rolesOn(options.actor, row);
  const offered: OfferedActions = { actions: [], refused: {} };
  // A state whose time has run out takes only the platform's own action (see actInTransaction).
  const timedOut = options.actor.kind !== 'system' && timeRanOut(service, row, now);
  let ctx: GuardContext<unknown> | undefined;
  for (const [name, spec] of Object.entries(service.workflow.actions)) {
    if (!spec.from.includes(row.state) || !spec.by.some((r) => roles.includes(r)) || (spec.when && !spec.when(row.data))) continue;
    if (timedOut) {
      offered.refused[name] = translateBoth(EXPIRED_TIME);
      continue;
    }
    const suspended = await suspendedRefusal(db, service, row, options.actor, name, spec);
    if (suspended) {
      offered.refused[name] = suspended;
      continue;
    }
    if (spec.guard) {
      ctx ??= guardContext(row, await peopleOf(db, row), registryReader(db), riyadhDate(now));
      const refusal = await spec.guard(ctx);
      if (refusal) {
        offered.refused[name] = refusal;
        continue;
      }
    }
    offered.actions.push(name);
  }
  return offered;
}

function auditActor(actor: RequestActor) {
  if (actor.kind === 'account') return { actorKind: 'account' as const, actorId: actor.accountId };
  if (actor.kind === 'staff') return { actorKind: 'staff' as const, actorId: actor.staffId };
  return { actorKind: 'system' as const, actorId: null };
}

export function eventActor(actor: RequestActor, role: string | null) {
  if (actor.kind === 'account') return { actor_kind: 'account' as const, actor_id: actor.accountId, actor_role: role };
  if (actor.kind === 'staff') return { actor_kind: 'staff' as const, actor_id: actor.staffId, actor_role: actor.role };
  return { actor_kind: 'system' as const, actor_id: null, actor_role: 'system' };
}

/** Locks the request an actor may see, or answers "not found" (never "not yours"). */
export async function lockVisibleRequest(trx: Kysely<Database>, reference: string | { id: string }, actor: RequestActor): Promise<ServiceRequestRow> {
  const row = typeof reference === 'string' ? await findRequestByReference(trx, requestReference(reference), { forUpdate: true }) : await findRequestById(trx, reference.id, { forUpdate: true });
  if (!row || rolesOn(actor, row).length === 0) throw new AppError('requests.not_found');
  return row;
}

/** The longest free text staff may add to a rejection's reason. */
export const REASON_TEXT_MAX = 1000;

export interface ActInput {
  /** The request's reference as typed, or its id (another module that holds the row's id). */
  reference: string | { id: string };
  action: string;
  /** The version the actor saw: acting on a request that changed since is a conflict. */
  expectedVersion?: number | undefined;
  reason?: { code: string; text?: string | undefined } | undefined;
  input?: Record<string, unknown> | undefined;
}

export async function actOnRequest(options: RequestsDeps & Origin & { actor: RequestActor; act: ActInput }): Promise<ServiceRequestRow> {
  return options.db.transaction().execute((trx) => actInTransaction(trx, options));
}

/**
 * The same inside a transaction the caller owns, so another module's change commits with the
 * action (payments: the payment that pays a bill and the request's `pay`).
 */
export async function actInTransaction(trx: Kysely<Database>, options: Omit<RequestsDeps, 'db'> & Origin & { actor: RequestActor; act: ActInput }): Promise<ServiceRequestRow> {
  const { clock, catalogue, actor, act } = options;
  const row = await lockVisibleRequest(trx, act.reference, actor);
  const service = catalogue.get(row.service_id);
  if (act.expectedVersion !== undefined && act.expectedVersion !== row.version) throw new AppError('requests.conflict');
  const spec: ActionSpec<string, unknown> | undefined = Object.hasOwn(service.workflow.actions, act.action) ? service.workflow.actions[act.action] : undefined;
  if (!spec || !spec.from.includes(row.state) || (spec.when && !spec.when(row.data))) throw new AppError('requests.action_not_allowed');
  const roles = rolesOn(actor, row);
  const role = spec.by.find((r) => roles.includes(r));
  if (!role) throw new AppError('requests.forbidden');

  const now = clock.now();
  const today = riyadhDate(now);
  // A state that times out by itself (an answer due within 15 days) takes no one's action once
  // its time has run out, even before the worker has expired it; the platform's still go through.
  if (actor.kind !== 'system' && timeRanOut(service, row, now)) throw new AppError('requests.action_not_allowed', {}, [{ field: 'action', key: EXPIRED_TIME }]);
  // A suspended person takes no step that moves a request for the service on (the payments
  // module answers a refused `pay` as an unpayable bill: a bank's payment refused, a card's refunded).
  const suspended = await suspendedRefusal(trx, service, row, actor, act.action, spec);
  if (suspended) throw new AppError('requests.action_not_allowed', {}, [{ field: 'action', key: 'errors.requests.action_not_allowed', text: suspended }]);
  const effect = service.effects?.[act.action];
  const people = spec.guard || effect ? await peopleOf(trx, row) : undefined;
  // The writer's reads lock what they read (a traffic case), so what the guard found holds until the commit.
  const registry = people ? registryWriter(trx, { now, today, known: [people.applicant, people.beneficiary] }) : undefined;
  // The same guard that decided the offer: a page left open still gets the service's reason.
  if (spec.guard) {
    const refusal = await spec.guard(guardContext(row, people!, registry!, today));
    if (refusal) refuseAction(refusal);
  }
  let reason: { code: string; text: string | null; label: { ar: string; en: string } } | null = null;
  if (spec.reason === 'required') {
    const listed = service.rejectReasons?.find((r) => r.code === act.reason?.code);
    if (!listed) throw new AppError('requests.reason_required', {}, [{ field: 'reason', key: 'errors.requests.reason_required' }]);
    const text = act.reason?.text?.trim() || null;
    if (text && [...text].length > REASON_TEXT_MAX) throw new AppError('requests.invalid_data', {}, [{ field: 'reasonText', key: 'requests.reason_text_too_long', params: { max: REASON_TEXT_MAX } }]);
    reason = { code: listed.code, text, label: listed.label };
  }
  const checked = spec.input ? checkFields(spec.input, act.input ?? {}, today) : { values: {}, errors: [] };
  if (checked.errors.length > 0) throw new AppError('requests.invalid_data', {}, checked.errors);

  const outputs = { ...row.outputs };
  // Others the effect asks to tell (the person released on a bail), once the change is written.
  const others: Array<{ personId: string; text: Bilingual }> = [];
  if (effect) {
    await effect({
      ...people!,
      today,
      registry: registry!,
      request: { id: row.id, reference: row.reference, data: row.data, outputs },
      input: checked.values,
      setOutput: outputRecorder(service, outputs),
      notifyPerson: (personId, text) => others.push({ personId, text }),
    });
  }
  const to = spec.to;
  const final = service.workflow.states[to]?.final === true;
  const version = row.version + 1;
  const updated = await updateRequestState(trx, row.id, row.version, { state: to, final, version, stateEnteredAt: now, dueAt: final ? null : dueAt(service, to, now), outputs, escalatedAt: null, now }, {
    request_id: row.id,
    seq: version,
    action: act.action,
    from_state: row.state,
    to_state: to,
    ...eventActor(actor, role),
    reason_code: reason?.code ?? null,
    reason_text: reason?.text ?? null,
    details: JSON.stringify(checked.values),
    occurred_at: now,
  });
  const reasonText = reason ? { ar: [reason.label.ar, reason.text].filter(Boolean).join(' - '), en: [reason.label.en, reason.text].filter(Boolean).join(' - ') } : undefined;
  await notifyApplicant(trx, clock, { row: updated, service, notify: spec.notify, reason: reasonText, sms: !roles.includes('applicant') || spec.smsToActor === true });
  if (spec.notify !== false) await notifyCounterparty(trx, clock, { row: updated, service, notify: spec.notifyCounterparty, reason: reasonText, sms: !roles.includes('counterparty') });
  for (const other of others) await notifyPerson(trx, clock, { row: updated, service, ...other });
  // Last: the audit log's tail lock is held from here to the commit.
  await appendAudit(trx, { ...auditActor(actor), action: 'requests.action', subjectPersonId: row.beneficiary_person_id, ip: options.ip ?? null, details: { reference: row.reference, action: act.action, from: row.state, to, reason: reason?.code ?? null } }, clock);
  return updated;
}
