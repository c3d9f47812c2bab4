import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AnyService, EligibilityContext, FeeLine, FormStep } from '../catalogue/define.js';
import { checkFields, type FieldValues } from '../catalogue/fields.js';
import type { Database, ServiceRequestRow } from '../db/tables.js';
import { canonicalJson } from '../audit/chain.js';
import { riyadhDate, type IsoDate } from '../kernel/dates.js';
import { AppError, type FieldError } from '../kernel/errors.js';
import { sumMoney } from '../kernel/money.js';
import { formatReference, newReference } from '../kernel/reference.js';
import { uuidv7 } from '../kernel/uuid.js';
import type { Origin, RequestsDeps } from './deps.js';
import { eligibilityContext, evaluateEligibility, notEligibleError, openKeysOf, openRequestsOf, requestsMadeToday, resolveBeneficiary } from './eligibility.js';
import { notifyApplicant, notifyCounterparty } from './notify.js';
import { appendAudit, checkServiceCode, getPerson, startedWithCode, useServiceCode, type ServiceCodeAnswer } from './ports.js';
import { REQUEST_PREFIX } from './reference.js';
import { registryWriter } from './registry-port.js';
import { dueAt, outputRecorder } from './workflow-state.js';
import {
  claimIdempotencyKey,
  findIdempotencyKey,
  findActiveAccountOfPerson,
  findOpenRequest,
  findRequestByReference,
  insertRequest,
  insertRequestEvent,
  setIdempotencyResource,
  updateRequestState,
} from './repository.js';

export { REQUEST_PREFIX } from './reference.js';

export interface SubmitInput {
  serviceId: string;
  /** The ward's or worker's ID number; absent for the applicant themself. */
  beneficiaryNationalId?: string | undefined;
  /** The form's values, by step id then field id. */
  data: Record<string, unknown>;
  /** The client's key for this submission: the same key again answers with the same request. */
  idempotencyKey?: string | undefined;
  /** The code confirming the submission, when the service asks for one (`oneTimeCode.submit`). */
  confirmation?: ServiceCodeAnswer | undefined;
  /** The start code's challenge, answered before the form began, when the service asks for one (`oneTimeCode.start`). */
  start?: string | undefined;
}

export interface SubmitOutcome {
  request: ServiceRequestRow;
  /** False when the idempotency key had already made this request. */
  created: boolean;
}

/** Checks every step of the form; the clean data by step, or every problem at once. */
export function checkServiceData(service: AnyService, data: Record<string, unknown>, today: IsoDate): Record<string, FieldValues> {
  const clean: Record<string, FieldValues> = {};
  const errors: FieldError[] = [];
  for (const step of service.form) {
    const raw = data[step.id];
    const result = checkFields(step.fields, raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}, today, `${step.id}.`);
    clean[step.id] = result.values;
    errors.push(...result.errors);
  }
  if (errors.length > 0) throw new AppError('requests.invalid_data', {}, errors);
  return clean;
}

/**
 * A step's check against the registry (the step's `check`), once its fields are valid: the
 * problems as field errors named `<step>.<field>`, translated from the service's own words.
 */
export async function checkStepAnswers(step: FormStep, values: FieldValues, ctx: EligibilityContext): Promise<FieldError[]> {
  if (!step.check) return [];
  const problems = await step.check({ ...ctx, values });
  return problems.map((problem) => {
    // A check that names a field the step does not have is a mistake in the definition.
    if (!step.fields.some((f) => f.id === problem.field)) throw new Error(`form.${step.id}.check: no field ${problem.field} in this step`);
    return { field: `${step.id}.${problem.field}`, key: 'form.invalid', text: problem.message, ...(problem.refusal ? { refusal: true } : {}) };
  });
}

/** Every step's check, on data each of whose fields is valid; every problem at once. */
export async function checkServiceAnswers(service: AnyService, data: Record<string, FieldValues>, ctx: EligibilityContext): Promise<void> {
  const errors: FieldError[] = [];
  for (const step of service.form) errors.push(...(await checkStepAnswers(step, data[step.id] ?? {}, ctx)));
  if (errors.length > 0) throw new AppError('requests.invalid_data', {}, errors);
}

function bodyHash(input: SubmitInput): string {
  return createHash('sha256').update(canonicalJson({ serviceId: input.serviceId, beneficiary: input.beneficiaryNationalId ?? null, data: input.data })).digest('hex');
}

async function answerFromKey(db: Kysely<Database>, scope: string, key: string, hash: string): Promise<SubmitOutcome | null> {
  const previous = await findIdempotencyKey(db, scope, key);
  if (!previous) return null;
  if (previous.body_hash !== hash) throw new AppError('requests.idempotency_conflict');
  const request = previous.resource ? await findRequestByReference(db, previous.resource) : undefined;
  if (!request) throw new Error(`idempotency key ${key} holds no request`);
  return { request, created: false };
}

/**
 * Submits a request: who it is for, whether they may apply, the form's data, the fee; then, in
 * one transaction, the request and its first history event, the service's submit effects on
 * the registry, the audit record and the applicant's notice. With an idempotency key, a
 * repeated submission (a double click, a retried call) answers with the first request.
 */
export async function submitRequest(options: RequestsDeps & Origin & { accountId: string; personId: string; accountActive: boolean; input: SubmitInput }): Promise<SubmitOutcome> {
  const { db, clock, catalogue, input } = options;
  const service = catalogue.get(input.serviceId);
  if (!service.audience.includes('individuals')) throw new AppError('requests.forbidden');
  const scope = `account:${options.accountId}`;
  const hash = bodyHash(input);
  const codeTarget = { accountId: options.accountId, serviceId: service.id, step: 'submit' as const };
  if (service.oneTimeCode?.start || service.oneTimeCode?.submit) {
    // A repeat of a submission that was made answers with its request, whatever codes it carries.
    const earlier = input.idempotencyKey ? await answerFromKey(db, scope, input.idempotencyKey, hash) : undefined;
    if (earlier) return earlier;
  }
  if (service.oneTimeCode?.submit) {
    if (!input.confirmation) throw new AppError('requests.code_required');
    // Checked in a transaction of its own (a wrong try counts), used in the submission's.
    await checkServiceCode({ db, clock, ...codeTarget, answer: input.confirmation, consume: false });
  }

  const outcome = await db.transaction().execute(async (trx): Promise<SubmitOutcome> => {
    // The key is claimed first: a repeat finds it taken and answers with the first request (a
    // concurrent twin waits here until the first transaction ends, then reads its answer).
    if (input.idempotencyKey && !(await claimIdempotencyKey(trx, { scope, key: input.idempotencyKey, bodyHash: hash, now: clock.now() }))) {
      return (await answerFromKey(trx, scope, input.idempotencyKey, hash))!;
    }
    if (!options.accountActive) throw new AppError('requests.account_not_active');
    const now = clock.now();
    const today = riyadhDate(now);
    const applicant = await getPerson(trx, options.personId);
    if (!applicant) throw new AppError('registry.person_not_found');
    const beneficiary = await resolveBeneficiary(trx, service, applicant, input.beneficiaryNationalId, today);
    const ctx = await eligibilityContext(trx, applicant, beneficiary, today);
    const open = await openRequestsOf(trx, service, beneficiary.id);
    const madeToday = await requestsMadeToday(trx, service, applicant.id, now, true);
    const eligibility = await evaluateEligibility(trx, service, ctx, { accountActive: true, openRequests: open.length, madeToday });
    if (!eligibility.eligible) throw notEligibleError(eligibility);
    const data = checkServiceData(service, input.data, today);
    await checkServiceAnswers(service, data, ctx);
    // The start code is the service's own step, whichever way the request comes (pages or API).
    if (service.oneTimeCode?.start && !(input.start && (await startedWithCode({ db: trx, clock, challengeId: input.start, accountId: options.accountId, serviceId: service.id })))) {
      throw new AppError('requests.start_code_required');
    }
    if (service.oneTimeCode?.submit) await useServiceCode(trx, clock, codeTarget, input.confirmation!);

    // The first free key of those the service allows; none free: the person has enough open.
    const keys = openKeysOf(service, beneficiary.id);
    const taken = new Set(open.map((r) => r.open_key));
    const openKey = keys.find((key) => !taken.has(key)) ?? null;
    if (keys.length > 0 && !openKey) throw new AppError('requests.already_open', { reference: formatReference(open[0]!.reference) });
    const fee: FeeLine[] = await service.fee({ ...ctx, data });
    const feeTotal = sumMoney(fee.map((line) => line.amount));
    const wf = service.workflow;
    if (feeTotal > 0 && !wf.awaitingPayment) throw new Error(`${service.id}: a fee of ${feeTotal} but no awaitingPayment state`);
    // A service whose fee is paid later (after the other party accepts) starts at `start`.
    const state = wf.start ?? (feeTotal > 0 ? wf.awaitingPayment! : wf.initial);
    const counterpartyId = await resolveCounterparty(trx, service, { ...ctx, data });

    const id = uuidv7(now.getTime());
    const row = {
      id,
      service_id: service.id,
      // The agency whose staff work it: the one it is listed under, unless it is handled by another.
      agency: service.handledBy ?? service.agency,
      applicant_account_id: options.accountId,
      applicant_person_id: applicant.id,
      beneficiary_person_id: beneficiary.id,
      counterparty_person_id: counterpartyId,
      state,
      final: false,
      fee_total: feeTotal,
      state_entered_at: now,
      due_at: dueAt(service, state, now),
      escalated_at: null,
      assigned_staff_id: null,
      version: 1,
      open_key: openKey,
      created_at: now,
      updated_at: now,
    };
    const stored = { data: JSON.stringify(data), outputs: '{}', fee_breakdown: JSON.stringify(fee.map((line) => ({ code: line.code, amount: line.amount, label: line.label }))) };
    let inserted: ServiceRequestRow | undefined;
    // A reference drawn twice (rare) inserts nothing: draw another.
    while (!inserted) {
      inserted = await insertRequest(trx, { ...row, ...stored, reference: newReference(REQUEST_PREFIX) }).catch((error: unknown) => {
        // Two submissions for one person at once: the unique open key lets one through. The
        // other's transaction is aborted; its answer names the winner once this one has ended.
        if (openKey && (error as { code?: string }).code === '23505') throw new LostOpenKeyRace(openKey);
        throw error;
      });
    }
    let request = inserted;
    const reference = request.reference;
    await insertRequestEvent(trx, { request_id: id, seq: 1, action: 'submit', from_state: null, to_state: state, actor_kind: 'account', actor_id: options.accountId, actor_role: 'applicant', details: JSON.stringify({ feeTotal }), occurred_at: now });

    const outputs: Record<string, unknown> = {};
    const effect = service.effects?.submit;
    if (effect) {
      await effect({ ...ctx, registry: registryWriter(trx, { now, today }), request: { id, reference, data, outputs }, input: {}, setOutput: outputRecorder(service, outputs) });
      if (Object.keys(outputs).length > 0) {
        request = await updateRequestState(trx, id, 1, { state, final: false, version: 1, stateEnteredAt: now, dueAt: row.due_at, outputs, now });
      }
    }
    await notifyApplicant(trx, clock, { row: request, service, sms: true });
    if (service.counterparty) await notifyCounterparty(trx, clock, { row: request, service, notify: service.counterparty.onSubmit, sms: true });
    if (input.idempotencyKey) await setIdempotencyResource(trx, scope, input.idempotencyKey, reference);
    // Last: the audit log's tail lock is held from here to the commit.
    await appendAudit(trx, { actorKind: 'account', actorId: options.accountId, action: 'requests.submitted', subjectPersonId: beneficiary.id, ip: options.ip ?? null, details: { reference, serviceId: service.id, state, feeTotal } }, clock);
    return { request, created: true };
  }).catch(async (error: unknown) => {
    if (!(error instanceof LostOpenKeyRace)) throw error;
    const open = await findOpenRequest(db, error.openKey);
    throw open ? new AppError('requests.already_open', { reference: formatReference(open.reference) }) : new AppError('requests.conflict');
  });
  return outcome;
}

/**
 * The other party the service names from the form (the new sponsor), who must hold an activated
 * account to answer: otherwise the submission is refused on the service's field, with its reason.
 */
async function resolveCounterparty(trx: Kysely<Database>, service: AnyService, ctx: EligibilityContext & { data: Record<string, FieldValues> }): Promise<string | null> {
  const spec = service.counterparty;
  if (!spec) return null;
  const personId = await spec.resolve(ctx);
  if (!(await findActiveAccountOfPerson(trx, personId))) {
    throw new AppError('requests.invalid_data', {}, [{ field: spec.field, key: 'form.invalid', text: spec.noActiveAccount }]);
  }
  return personId;
}

/** The other submission for the same person won the unique open key. */
class LostOpenKeyRace extends Error {
  constructor(readonly openKey: string) {
    super('another open request was submitted at the same time');
  }
}
