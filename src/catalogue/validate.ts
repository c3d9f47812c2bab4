import { isAgencyId } from './agencies.js';
import type { AnyService, Bilingual, PaymentChannelName } from './define.js';
import { FILE_TYPES, UPLOAD_MAX_BYTES, type FieldSpec } from './fields.js';

/**
 * Start-up checks of the service definitions. A broken definition stops the server with a
 * message naming the service and the field, instead of failing for a person mid-request.
 */

export class ServiceDefinitionError extends Error {
  override name = 'ServiceDefinitionError';
  constructor(readonly problems: string[]) {
    super(`Invalid service definitions:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const ID_SHAPE = /^[a-z][a-z-]*(\.[a-z][a-z0-9-]*){2}$/;
const NAME_SHAPE = /^[a-z][a-zA-Z0-9_-]*$/;
/** Actions the engine itself names: a service may not use them for something else. */
const ENGINE_ACTIONS = new Set(['submit', 'assign', 'reassign', 'escalate']);

function bilingual(value: Bilingual | undefined): boolean {
  return !!value && typeof value.ar === 'string' && value.ar.trim() !== '' && typeof value.en === 'string' && value.en.trim() !== '';
}

function checkFieldSpecs(where: string, fields: readonly FieldSpec[], problems: string[]): void {
  const ids = new Set<string>();
  for (const f of fields) {
    const at = `${where}.${f.id}`;
    if (!NAME_SHAPE.test(f.id)) problems.push(`${at}: a field id is letters, digits, - and _`);
    if (ids.has(f.id)) problems.push(`${at}: the field id is used twice`);
    ids.add(f.id);
    if (!bilingual(f.label)) problems.push(`${at}.label: needs Arabic and English`);
    if (f.hint && !bilingual(f.hint)) problems.push(`${at}.hint: needs Arabic and English`);
    if (f.kind === 'choice') {
      if (f.options.length === 0) problems.push(`${at}.options: a choice needs options`);
      for (const o of f.options) if (!bilingual(o.label)) problems.push(`${at}.options.${o.value}: needs Arabic and English`);
    }
    if (f.kind === 'text' && !(f.maxLength > 0)) problems.push(`${at}.maxLength: must be positive`);
    if (f.kind === 'text' && f.validate !== undefined && typeof f.validate !== 'function') problems.push(`${at}.validate: must be a function`);
    if (f.showWhen && !fields.some((other) => other.id === f.showWhen!.field)) problems.push(`${at}.showWhen: no field ${f.showWhen.field} in this step`);
    if (f.kind === 'file') {
      if (f.accept.length === 0 || f.accept.some((type) => !Object.hasOwn(FILE_TYPES, type))) problems.push(`${at}.accept: name one or more of ${Object.keys(FILE_TYPES).join(', ')}`);
      if (!(f.maxBytes > 0 && f.maxBytes <= UPLOAD_MAX_BYTES)) problems.push(`${at}.maxBytes: from 1 to ${UPLOAD_MAX_BYTES}`);
      if (f.showWhen) problems.push(`${at}.showWhen: a file field is always asked`);
    }
  }
}

/** More open requests than this per person is a list, not a limit: say oneOpenRequest: false. */
const MAX_OPEN_REQUESTS = 10;
const PAYMENT_CHANNELS: readonly string[] = ['sadad', 'card'] satisfies ReadonlyArray<PaymentChannelName>;

/** The payment settings: channels the bill may be paid by, and the actions that refund it. */
function paymentProblems(def: AnyService): string[] {
  const problems: string[] = [];
  const { channels, refundOn } = def.payment ?? {};
  if (!def.workflow.awaitingPayment) problems.push('payment: the workflow has no awaitingPayment state, so nothing is ever paid');
  if (channels !== undefined) {
    if (channels.length === 0) problems.push('payment.channels: name at least one, or leave it out for all');
    for (const c of channels) if (!PAYMENT_CHANNELS.includes(c)) problems.push(`payment.channels: unknown channel ${String(c)}`);
    if (new Set(channels).size !== channels.length) problems.push('payment.channels: a channel is named twice');
  }
  for (const name of refundOn ?? []) {
    const action = Object.hasOwn(def.workflow.actions, name) ? def.workflow.actions[name] : undefined;
    if (!action) problems.push(`payment.refundOn: no action ${name}`);
    else if (name === 'pay') problems.push('payment.refundOn: pay cannot refund the payment it records');
  }
  return problems;
}

export function serviceProblems(def: AnyService): string[] {
  const problems: string[] = [];
  const at = (path: string) => `${def.id ?? '(no id)'}: ${path}`;
  if (!ID_SHAPE.test(def.id ?? '')) problems.push(at('id: expected <agency>.<group>.<service> in lower case'));
  if (!isAgencyId(def.agency)) problems.push(at(`agency: unknown agency ${String(def.agency)}`));
  else if (!def.id?.startsWith(`${def.agency}.`)) problems.push(at(`id: must start with the agency, ${def.agency}.`));
  for (const key of ['name', 'description', 'group'] as const) if (!bilingual(def[key])) problems.push(at(`${key}: needs Arabic and English`));
  if (def.newRequestLabel && !bilingual(def.newRequestLabel)) problems.push(at('newRequestLabel: needs Arabic and English'));
  if (def.handledBy !== undefined && !isAgencyId(def.handledBy)) problems.push(at(`handledBy: unknown agency ${String(def.handledBy)}`));
  if (def.maxOpenRequests !== undefined) {
    if (!Number.isInteger(def.maxOpenRequests) || def.maxOpenRequests < 1 || def.maxOpenRequests > MAX_OPEN_REQUESTS) problems.push(at(`maxOpenRequests: a whole number from 1 to ${MAX_OPEN_REQUESTS}`));
    if (def.oneOpenRequest !== undefined) problems.push(at('maxOpenRequests: set it or oneOpenRequest, not both'));
  }
  if (!def.audience?.length) problems.push(at('audience: name at least one'));
  if (!def.applicant?.length) problems.push(at('applicant: name at least one'));
  const ruleIds = new Set<string>();
  for (const r of def.eligibility ?? []) {
    if (ruleIds.has(r.id)) problems.push(at(`eligibility.${r.id}: the rule id is used twice`));
    ruleIds.add(r.id);
    if (!bilingual(r.reason)) problems.push(at(`eligibility.${r.id}.reason: needs Arabic and English`));
    if (!bilingual(r.condition)) problems.push(at(`eligibility.${r.id}.condition: needs Arabic and English`));
  }
  if (!def.form?.length) problems.push(at('form: needs at least one step'));
  const stepIds = new Set<string>();
  for (const s of def.form ?? []) {
    if (stepIds.has(s.id)) problems.push(at(`form.${s.id}: the step id is used twice`));
    stepIds.add(s.id);
    if (!bilingual(s.title)) problems.push(at(`form.${s.id}.title: needs Arabic and English`));
    if (s.intro !== undefined && typeof s.intro !== 'function') problems.push(at(`form.${s.id}.intro: must be a function`));
    if (s.check !== undefined && typeof s.check !== 'function') problems.push(at(`form.${s.id}.check: must be a function`));
    checkFieldSpecs(`${def.id}: form.${s.id}`, s.fields, problems);
  }
  if (typeof def.fee !== 'function') problems.push(at('fee: must be a function'));

  const wf = def.workflow;
  if (!wf?.states || !wf.actions) return [...problems, at('workflow: needs states and actions')];
  const states = Object.keys(wf.states);
  const isState = (s: string) => states.includes(s);
  if (!isState(wf.initial)) problems.push(at(`workflow.initial: ${wf.initial} is not a state`));
  else if (wf.states[wf.initial]!.final) problems.push(at('workflow.initial: must not be final'));
  for (const [name, spec] of Object.entries(wf.states)) {
    if (!bilingual(spec.label)) problems.push(at(`workflow.states.${name}.label: needs Arabic and English`));
    const leaving = Object.entries(wf.actions).filter(([, a]) => a.from.includes(name));
    if (spec.final && leaving.length > 0) problems.push(at(`workflow.states.${name}: a final state has no actions, but ${leaving.map(([n]) => n).join(', ')} leave it`));
    if (!spec.final && leaving.length === 0) problems.push(at(`workflow.states.${name}: no action leaves this state; mark it final or add one`));
    if (spec.sla) {
      if (!(spec.sla.days > 0)) problems.push(at(`workflow.states.${name}.sla.days: must be positive`));
      const timeout = spec.sla.onTimeout;
      if (timeout) {
        const action = wf.actions[timeout];
        if (!action) problems.push(at(`workflow.states.${name}.sla.onTimeout: no action ${timeout}`));
        else if (!action.by.includes('system') || !action.from.includes(name)) problems.push(at(`workflow.states.${name}.sla.onTimeout: ${timeout} must be taken by system from ${name}`));
      }
    }
  }
  if (wf.awaitingPayment !== undefined) {
    if (!isState(wf.awaitingPayment)) problems.push(at(`workflow.awaitingPayment: ${wf.awaitingPayment} is not a state`));
    const pay = wf.actions.pay;
    // With `start`, payment comes after another action, and pay leads where the service says.
    if (!pay || !pay.from.includes(wf.awaitingPayment) || (wf.start === undefined && pay.to !== wf.initial) || !pay.by.includes('system')) {
      problems.push(at(`workflow.actions.pay: a service with a payment state needs pay: ${wf.awaitingPayment} -> ${wf.initial}, by system`));
    }
  }
  if (wf.start !== undefined) {
    if (!isState(wf.start)) problems.push(at(`workflow.start: ${wf.start} is not a state`));
    else if (wf.states[wf.start]!.final) problems.push(at('workflow.start: must not be final'));
  }
  if (def.counterparty !== undefined) {
    const cp = def.counterparty;
    if (typeof cp.resolve !== 'function') problems.push(at('counterparty.resolve: must be a function'));
    const [stepId, fieldId] = cp.field.split('.');
    if (!def.form.some((s) => s.id === stepId && s.fields.some((f) => f.id === fieldId))) problems.push(at(`counterparty.field: no field ${cp.field} in the form`));
    for (const key of ['noActiveAccount', 'onSubmit', 'label', 'listTitle'] as const) if (!bilingual(cp[key])) problems.push(at(`counterparty.${key}: needs Arabic and English`));
  }
  if (def.payment?.payer === 'counterparty' && !def.counterparty) problems.push(at('payment.payer: the counterparty pays, but the service names none'));
  for (const [name, action] of Object.entries(wf.actions)) {
    const path = `workflow.actions.${name}`;
    if (!NAME_SHAPE.test(name) || ENGINE_ACTIONS.has(name)) problems.push(at(`${path}: ${name} is not an action name a service may use`));
    if (!bilingual(action.label)) problems.push(at(`${path}.label: needs Arabic and English`));
    if (action.confirm !== undefined && !bilingual(action.confirm)) problems.push(at(`${path}.confirm: needs Arabic and English`));
    if (!action.from.length) problems.push(at(`${path}.from: name at least one state`));
    for (const s of action.from) if (!isState(s)) problems.push(at(`${path}.from: ${s} is not a state`));
    if (!isState(action.to)) problems.push(at(`${path}.to: ${action.to} is not a state`));
    if (!action.by.length) problems.push(at(`${path}.by: name who takes it`));
    if (action.reason === 'required' && !def.rejectReasons?.length) problems.push(at(`${path}.reason: the service needs rejectReasons`));
    if (action.notify && !bilingual(action.notify)) problems.push(at(`${path}.notify: needs Arabic and English`));
    if (action.input) checkFieldSpecs(`${def.id}: ${path}.input`, action.input, problems);
    if (action.input?.some((f) => f.kind === 'file')) problems.push(`${def.id}: ${path}.input: staff actions take no files`);
  }
  for (const r of def.rejectReasons ?? []) if (!bilingual(r.label)) problems.push(at(`rejectReasons.${r.code}: needs Arabic and English`));
  for (const [key, label] of Object.entries(def.outputs ?? {})) if (!bilingual(label)) problems.push(at(`outputs.${key}: needs Arabic and English`));
  for (const key of Object.keys(def.effects ?? {})) if (key !== 'submit' && !wf.actions[key]) problems.push(at(`effects.${key}: no such action`));
  if (def.payment !== undefined) problems.push(...paymentProblems(def).map(at));
  return problems;
}

/** Throws one error listing every problem of every definition (and duplicate ids). */
export function validateServices(defs: ReadonlyArray<AnyService>): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const def of defs) {
    if (seen.has(def.id)) problems.push(`${def.id}: id: two services have this id`);
    seen.add(def.id);
    problems.push(...serviceProblems(def));
  }
  if (problems.length > 0) throw new ServiceDefinitionError(problems);
}
