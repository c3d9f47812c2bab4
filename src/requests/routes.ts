import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AnyService } from '../catalogue/define.js';
import { FILE_TYPES, type FieldSpec } from '../catalogue/fields.js';
import type { RequestEventRow, ServiceRequestRow } from '../db/tables.js';
import { AppError } from '../kernel/errors.js';
import { safeText } from '../kernel/safe-text.js';
import { nationalIdSchema } from '../identity/schemas.js';
import { apiSession, apiStaffSession, isActiveAgencyOfficer } from '../identity/index.js';
import { actOnRequest, assignToMe, checkEligibility, notEligibleError, getRequest, listMyRequests, listRequestsMadeToMe, officerQueue, reassignRequest, submitRequest } from './index.js';
import { whatItBlocks } from './suspended.js';
import type { RequestActor, RequestsDeps } from './deps.js';
import { checkServiceCode, getPerson, sendServiceCode, SERVICE_START_WINDOW_MS } from './ports.js';
import { personName } from '../registry/index.js';
import { uploadApiRoutes } from '../uploads/api-routes.js';
import { checkSubmittedUploads } from '../uploads/index.js';

/**
 * The engine's API: the catalogue, eligibility, requests and their actions for people (account
 * bearer tokens), and the queue and actions for officers (staff bearer tokens). Each service's
 * data schema is in GET /api/v1/services/{serviceId}.
 */

const problem = z.object({ code: z.string(), detail: z.string() }).passthrough().describe('application/problem+json');
const bilingual = z.object({ ar: z.string(), en: z.string() });

const fieldSchema = z.object({
  id: z.string(),
  kind: z.enum(['text', 'date', 'choice', 'confirm', 'file']).describe('A file field takes the id of an upload (POST /api/v1/uploads) of one of `accept`, at most `maxBytes`'),
  label: bilingual,
  hint: bilingual.optional(),
  optional: z.boolean(),
  maxLength: z.number().optional(),
  options: z.array(z.object({ value: z.string(), label: bilingual })).optional(),
  showWhen: z.object({ field: z.string(), equals: z.string() }).optional(),
  accept: z.array(z.object({ type: z.string(), contentType: z.string() })).optional(),
  maxBytes: z.number().optional(),
});
const serviceSummarySchema = z.object({ id: z.string(), agency: z.string(), group: bilingual, name: bilingual, description: bilingual, audience: z.array(z.string()), applicant: z.array(z.string()) });
const serviceSchema = serviceSummarySchema.extend({
  form: z.array(z.object({ id: z.string(), title: bilingual, fields: z.array(fieldSchema) })).describe('POST data as { <step id>: { <field id>: "<value>" } }; dates YYYY-MM-DD; a confirmation is "yes"; a file is the id of your upload (POST /api/v1/uploads)'),
  states: z.array(z.object({ id: z.string(), label: bilingual, final: z.boolean(), slaDays: z.number().nullable() })),
  actions: z.array(z.object({ id: z.string(), label: bilingual, from: z.array(z.string()), to: z.string(), by: z.array(z.string()), reasonRequired: z.boolean(), input: z.array(fieldSchema) })),
  rejectReasons: z.array(z.object({ code: z.string(), label: bilingual })),
  confirmationCode: z.boolean().describe('Submissions carry `confirmation` { challengeId, code }: get a code with POST /api/v1/services/{serviceId}/confirmation-codes'),
  startCode: z.boolean().describe('The service asks for a code before its form: get one with POST /api/v1/services/{serviceId}/start-codes, answer it with POST /api/v1/services/{serviceId}/start-codes/{challengeId}, and send its challengeId as `start` with the submission (within 30 minutes)'),
});
const eventSchema = z.object({ seq: z.number(), action: z.string(), from: z.string().nullable(), to: z.string(), actorKind: z.string(), actorRole: z.string().nullable(), reasonCode: z.string().nullable(), reasonText: z.string().nullable(), at: z.string() });
const requestSchema = z.object({
  reference: z.string(),
  serviceId: z.string(),
  serviceName: bilingual,
  state: z.string(),
  stateLabel: bilingual,
  final: z.boolean(),
  version: z.number().describe('Send it back as expectedVersion: acting on a request that changed since is a 409'),
  data: z.record(z.string(), z.unknown()),
  outputs: z.record(z.string(), z.unknown()),
  fee: z.object({ total: z.number().describe('halalas'), lines: z.array(z.object({ code: z.string(), amount: z.number(), label: bilingual })) }),
  createdAt: z.string(),
  updatedAt: z.string(),
  dueAt: z.string().nullable(),
});
const requestDetailSchema = requestSchema.extend({ history: z.array(eventSchema), actions: z.array(z.object({ id: z.string(), label: bilingual })), overdue: z.boolean() });
const actionBody = z.object({
  expectedVersion: z.number().int().positive().optional(),
  reason: z.object({ code: safeText({ max: 60 }), text: safeText({ max: 1000, multiline: true }).optional() }).optional().describe('For a rejection: one of the service rejectReasons, and free text'),
  input: z.record(safeText({ max: 60 }), safeText({ max: 1000 })).optional().describe("The action's input fields (a tracking number)"),
});
const referenceParams = z.object({ reference: z.string().min(6).max(20) });
const BEARER = 'Authorization: Bearer <token> (from a completed sign-in).';

function fieldView(f: FieldSpec) {
  return {
    id: f.id,
    kind: f.kind,
    label: f.label,
    ...(f.hint ? { hint: f.hint } : {}),
    optional: f.optional === true,
    ...(f.kind === 'text' ? { maxLength: f.maxLength } : {}),
    ...(f.kind === 'choice' ? { options: [...f.options] } : {}),
    ...(f.kind === 'file' ? { accept: f.accept.map((type) => ({ type, contentType: FILE_TYPES[type].contentType })), maxBytes: f.maxBytes } : {}),
    ...(f.showWhen ? { showWhen: f.showWhen } : {}),
  };
}

export function serviceSummary(s: AnyService) {
  return { id: s.id, agency: s.agency, group: s.group, name: s.name, description: s.description, audience: [...s.audience], applicant: [...s.applicant] };
}

function serviceView(s: AnyService) {
  return {
    ...serviceSummary(s),
    form: s.form.map((step) => ({ id: step.id, title: step.title, fields: step.fields.map(fieldView) })),
    states: Object.entries(s.workflow.states).map(([id, st]) => ({ id, label: st.label, final: st.final === true, slaDays: st.sla?.days ?? null })),
    actions: Object.entries(s.workflow.actions).map(([id, a]) => ({ id, label: a.label, from: [...a.from], to: a.to, by: [...a.by], reasonRequired: a.reason === 'required', input: (a.input ?? []).map(fieldView) })),
    rejectReasons: (s.rejectReasons ?? []).map((r) => ({ code: r.code, label: r.label })),
    confirmationCode: s.oneTimeCode?.submit === true,
    startCode: s.oneTimeCode?.start === true,
  };
}

export function requestView(row: ServiceRequestRow, service: AnyService) {
  return {
    reference: row.reference,
    serviceId: row.service_id,
    serviceName: service.name,
    state: row.state,
    stateLabel: service.workflow.states[row.state]?.label ?? { ar: row.state, en: row.state },
    final: row.final,
    version: row.version,
    data: row.data,
    outputs: row.outputs,
    fee: { total: row.fee_total, lines: row.fee_breakdown },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    dueAt: row.due_at?.toISOString() ?? null,
  };
}

function eventView(e: RequestEventRow) {
  return { seq: e.seq, action: e.action, from: e.from_state, to: e.to_state, actorKind: e.actor_kind, actorRole: e.actor_role, reasonCode: e.reason_code, reasonText: e.reason_text, at: e.occurred_at.toISOString() };
}

export async function requestRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onResponse', async () => app.outbox.nudge());
  const deps = (): RequestsDeps => ({ db: app.deps.database.db, clock: app.deps.clock, catalogue: app.catalogue });
  // Files for file fields: uploaded first, their ids sent in the request's data (src/uploads).
  await uploadApiRoutes(app);

  const identityDeps = () => ({ db: app.deps.database.db, clock: app.deps.clock, config: app.deps.config });
  async function person(request: FastifyRequest) {
    const session = await apiSession(identityDeps(), request);
    return { session, actor: { kind: 'account', accountId: session.accountId, personId: session.personId } satisfies RequestActor };
  }
  async function staff(request: FastifyRequest): Promise<RequestActor & { kind: 'staff' }> {
    const session = await apiStaffSession(identityDeps(), request);
    return { kind: 'staff', staffId: session.staffId, agency: session.agency, role: session.role };
  }

  api.get(
    '/api/v1/services',
    { schema: { tags: ['services'], summary: 'The service catalogue; q searches it in Arabic or English, forgiving spelling', querystring: z.object({ q: safeText({ max: 200 }).optional(), agency: safeText({ max: 40 }).optional() }), response: { 200: z.object({ services: z.array(serviceSummarySchema) }) } } },
    async (request) => {
      const { q, agency } = request.query;
      const found = q?.trim() ? app.catalogue.search(q) : [...app.catalogue.all];
      return { services: found.filter((s) => !agency || s.agency === agency).map(serviceSummary) };
    },
  );

  api.get(
    '/api/v1/services/:serviceId',
    { schema: { tags: ['services'], summary: "A service: its form (the request's data schema), workflow and reasons", params: z.object({ serviceId: z.string().max(120) }), response: { 200: serviceSchema, 404: problem } } },
    async (request) => serviceView(app.catalogue.get(request.params.serviceId)),
  );

  api.post(
    '/api/v1/services/:serviceId/eligibility',
    {
      schema: {
        tags: ['services'],
        summary: 'Whether the signed-in person may apply (for themself, or for beneficiaryId): each rule and any suspension',
        description: BEARER,
        params: z.object({ serviceId: z.string().max(120) }),
        body: z.object({ beneficiaryId: nationalIdSchema.optional() }).nullish(),
        response: {
          200: z.object({
            eligible: z.boolean(),
            rules: z.array(z.object({ id: z.string(), passed: z.boolean(), condition: bilingual, reason: bilingual })),
            suspensions: z.array(z.object({ reference: z.string(), holder: z.enum(['applicant', 'beneficiary']).describe('Whose suspension it is: the signed-in person’s own (it stops them applying for anyone), or the beneficiary’s'), blocks: bilingual.describe('What it stops, in words'), authority: z.string(), legalBasis: z.string(), reason: bilingual, liftedBy: z.string(), since: z.string() })),
          }),
          401: problem,
          403: problem,
          404: problem,
        },
      },
    },
    async (request) => {
      const { session } = await person(request);
      const result = await checkEligibility({ ...deps(), serviceId: request.params.serviceId, personId: session.personId, accountActive: session.accountStatus === 'active', beneficiaryNationalId: request.body?.beneficiaryId });
      return {
        eligible: result.eligible,
        rules: result.rules,
        suspensions: result.suspensions.map((s) => ({ reference: s.reference, holder: s.holder, blocks: whatItBlocks(s.holder), authority: s.authority, legalBasis: s.legal_basis, reason: { ar: s.reason_ar, en: s.reason_en }, liftedBy: s.lifted_by, since: s.starts_at.toISOString() })),
      };
    },
  );

  api.post(
    '/api/v1/services/:serviceId/confirmation-codes',
    {
      schema: {
        tags: ['services'],
        summary: "Sends a one-time code to the account's mobile to confirm a submission, for a service that asks for one (confirmationCode); it is valid 5 minutes and used once",
        description: BEARER,
        params: z.object({ serviceId: z.string().max(120) }),
        response: { 201: z.object({ challengeId: z.string(), sentTo: z.string(), expiresAt: z.string() }), 401: problem, 403: problem, 404: problem, 409: problem, 429: problem },
      },
    },
    async (request, reply) => {
      const { session } = await person(request);
      const service = app.catalogue.get(request.params.serviceId);
      if (!service.oneTimeCode?.submit) throw new AppError('requests.no_code_needed');
      const sent = await sendServiceCode({ ...deps(), accountId: session.accountId, serviceId: service.id, serviceName: service.name, step: 'submit' });
      return reply.status(201).send({ challengeId: sent.challengeId, sentTo: sent.sentTo, expiresAt: sent.expiresAt.toISOString() });
    },
  );

  api.post(
    '/api/v1/services/:serviceId/start-codes',
    {
      schema: {
        tags: ['services'],
        summary: "Sends a one-time code to the account's mobile before a service's form, for a service that asks for one (startCode), to someone who may apply now; it is valid 5 minutes and used once",
        description: BEARER,
        params: z.object({ serviceId: z.string().max(120) }),
        body: z.object({ beneficiaryId: nationalIdSchema.optional() }).nullish(),
        response: { 201: z.object({ challengeId: z.string(), sentTo: z.string(), expiresAt: z.string() }), 401: problem, 403: problem, 404: problem, 409: problem, 422: problem, 429: problem },
      },
    },
    async (request, reply) => {
      const { session } = await person(request);
      const service = app.catalogue.get(request.params.serviceId);
      if (!service.oneTimeCode?.start) throw new AppError('requests.no_code_needed');
      // As on the pages: a code only for someone who may apply now.
      const eligibility = await checkEligibility({ ...deps(), serviceId: service.id, personId: session.personId, accountActive: session.accountStatus === 'active', beneficiaryNationalId: request.body?.beneficiaryId });
      if (!eligibility.eligible) throw notEligibleError(eligibility);
      if (eligibility.openReference) throw new AppError('requests.already_open', { reference: eligibility.openReference });
      const sent = await sendServiceCode({ ...deps(), accountId: session.accountId, serviceId: service.id, serviceName: service.name, step: 'start' });
      return reply.status(201).send({ challengeId: sent.challengeId, sentTo: sent.sentTo, expiresAt: sent.expiresAt.toISOString() });
    },
  );

  api.post(
    '/api/v1/services/:serviceId/start-codes/:challengeId',
    {
      schema: {
        tags: ['services'],
        summary: 'Answers a start code: the form may then be submitted with `start` = this challengeId within 30 minutes. A wrong code counts as a try (3 at most)',
        description: BEARER,
        params: z.object({ serviceId: z.string().max(120), challengeId: z.string().max(60) }),
        body: z.object({ code: z.string().regex(/^[0-9]{6}$/) }),
        response: { 200: z.object({ challengeId: z.string(), validUntil: z.string() }), 401: problem, 404: problem, 409: problem, 410: problem, 422: problem, 429: problem },
      },
    },
    async (request) => {
      const { session } = await person(request);
      const service = app.catalogue.get(request.params.serviceId);
      if (!service.oneTimeCode?.start) throw new AppError('requests.no_code_needed');
      const answer = { challengeId: request.params.challengeId, code: request.body.code };
      await checkServiceCode({ ...deps(), accountId: session.accountId, serviceId: service.id, step: 'start', answer, consume: true });
      return { challengeId: answer.challengeId, validUntil: new Date(app.deps.clock.now().getTime() + SERVICE_START_WINDOW_MS).toISOString() };
    },
  );

  api.post(
    '/api/v1/requests',
    {
      schema: {
        tags: ['requests'],
        summary: 'Submit a request. With an Idempotency-Key header: 201 the first time, 200 with the same request for the same key and body, 409 for the same key with another body',
        description: BEARER,
        headers: z.object({ 'idempotency-key': safeText({ max: 200 }).min(1).optional() }),
        body: z.object({
          serviceId: z.string().max(120),
          beneficiaryId: nationalIdSchema.optional(),
          data: z.record(z.string(), z.record(z.string(), z.unknown())),
          confirmation: z
            .object({ challengeId: z.string().max(60), code: z.string().regex(/^[0-9]{6}$/) })
            .optional()
            .describe('For a service whose confirmationCode is true: the code sent by POST /api/v1/services/{serviceId}/confirmation-codes'),
          start: z.string().max(60).optional().describe('For a service whose startCode is true: the challengeId of the start code answered (POST /api/v1/services/{serviceId}/start-codes/{challengeId})'),
        }),
        response: { 200: requestSchema, 201: requestSchema, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem },
      },
    },
    async (request, reply) => {
      const { session } = await person(request);
      // The files the data names are this account's uploads for this service's fields.
      await checkSubmittedUploads({ db: app.deps.database.db, service: app.catalogue.get(request.body.serviceId), accountId: session.accountId, data: request.body.data });
      const outcome = await submitRequest({
        ...deps(),
        ip: request.ip,
        accountId: session.accountId,
        personId: session.personId,
        accountActive: session.accountStatus === 'active',
        input: { serviceId: request.body.serviceId, beneficiaryNationalId: request.body.beneficiaryId, data: request.body.data, idempotencyKey: request.headers['idempotency-key'], confirmation: request.body.confirmation, start: request.body.start },
      });
      reply.header('location', `/api/v1/requests/${outcome.request.reference}`);
      return reply.status(outcome.created ? 201 : 200).send(requestView(outcome.request, app.catalogue.get(outcome.request.service_id)));
    },
  );

  api.get(
    '/api/v1/requests',
    {
      schema: {
        tags: ['requests'],
        summary: "The signed-in person's requests, newest first; with as=counterparty, those others made to them (a new sponsor's transfer requests)",
        description: BEARER,
        querystring: z.object({ serviceId: z.string().max(120).optional(), as: z.enum(['applicant', 'counterparty']).optional() }),
        response: { 200: z.object({ requests: z.array(requestSchema) }), 401: problem },
      },
    },
    async (request) => {
      const { session } = await person(request);
      const rows =
        request.query.as === 'counterparty'
          ? await listRequestsMadeToMe({ ...deps(), personId: session.personId, serviceId: request.query.serviceId })
          : await listMyRequests({ ...deps(), accountId: session.accountId, serviceId: request.query.serviceId });
      return { requests: rows.flatMap((row) => (app.catalogue.find(row.service_id) ? [requestView(row, app.catalogue.get(row.service_id))] : [])) };
    },
  );

  api.get(
    '/api/v1/requests/:reference',
    { schema: { tags: ['requests'], summary: 'A request with its history and the actions the person may take', description: BEARER, params: referenceParams, response: { 200: requestDetailSchema, 401: problem, 404: problem } } },
    async (request) => {
      const { actor } = await person(request);
      const detail = await getRequest({ ...deps(), actor, reference: request.params.reference, ip: request.ip });
      return detailView(detail);
    },
  );

  api.post(
    '/api/v1/requests/:reference/actions/:action',
    {
      schema: { tags: ['requests'], summary: "Take an action on one's request (cancel)", description: BEARER, params: referenceParams.extend({ action: z.string().max(60) }), body: actionBody.optional(), response: { 200: requestSchema, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem } },
    },
    async (request) => {
      const { actor } = await person(request);
      const row = await actOnRequest({ ...deps(), ip: request.ip, actor, act: { reference: request.params.reference, action: request.params.action, ...request.body } });
      return requestView(row, app.catalogue.get(row.service_id));
    },
  );

  // ---- officers ------------------------------------------------------------------------------
  const STAFF = 'Authorization: Bearer <staff token>.';
  api.get(
    '/api/v1/officer/queue',
    {
      schema: {
        tags: ['officer'],
        summary: "The agency's open requests, oldest first",
        description: STAFF,
        querystring: z.object({ serviceId: safeText({ max: 120 }).optional(), state: safeText({ max: 60 }).optional(), overdue: z.enum(['true', 'false']).optional(), mine: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ requests: z.array(requestSchema.extend({ assignedStaffId: z.string().nullable(), overdue: z.boolean() })) }), 401: problem, 403: problem },
      },
    },
    async (request) => {
      const actor = await staff(request);
      const q = request.query;
      const rows = await officerQueue({ ...deps(), actor, query: { serviceId: q.serviceId, state: q.state, overdue: q.overdue === 'true', mine: q.mine === 'true' } });
      const now = app.deps.clock.now();
      return { requests: rows.map((row) => ({ ...requestView(row, app.catalogue.get(row.service_id)), assignedStaffId: row.assigned_staff_id, overdue: row.due_at !== null && row.due_at <= now })) };
    },
  );

  api.get(
    '/api/v1/officer/requests/:reference',
    {
      schema: {
        tags: ['officer'],
        summary: "A request of the agency with the applicant's registry data (the view is written to the audit log)",
        description: STAFF,
        params: referenceParams,
        response: { 200: requestDetailSchema.extend({ applicant: z.object({ nationalId: z.string(), nameAr: z.string(), nameEn: z.string(), birthDate: z.string(), nationality: z.string(), mobile: z.string().nullable(), addressCity: z.string().nullable() }), assignedStaffId: z.string().nullable() }), 401: problem, 404: problem },
      },
    },
    async (request) => {
      const actor = await staff(request);
      const detail = await getRequest({ ...deps(), actor, reference: request.params.reference, ip: request.ip });
      const p = (await getPerson(app.deps.database.db, detail.request.beneficiary_person_id))!;
      return {
        ...detailView(detail),
        assignedStaffId: detail.request.assigned_staff_id,
        applicant: {
          nationalId: p.national_id,
          nameAr: personName(p, 'ar'),
          nameEn: personName(p, 'en'),
          birthDate: p.birth_date,
          nationality: p.nationality,
          mobile: p.mobile,
          addressCity: p.address_city,
        },
      };
    },
  );

  api.post(
    '/api/v1/officer/requests/:reference/actions/:action',
    {
      schema: {
        tags: ['officer'],
        summary: "Take an action on an agency request: the service's actions, or assign (to me) and reassign (supervisors, input.staffId)",
        description: STAFF,
        params: referenceParams.extend({ action: z.string().max(60) }),
        body: actionBody.optional(),
        response: { 200: requestSchema, 401: problem, 403: problem, 404: problem, 409: problem, 422: problem },
      },
    },
    async (request) => {
      const actor = await staff(request);
      const reference = request.params.reference;
      const body = request.body ?? {};
      if (request.params.action === 'assign') {
        await assignToMe({ ...deps(), ip: request.ip, actor, reference, expectedVersion: body.expectedVersion });
      } else if (request.params.action === 'reassign') {
        const toStaffId = body.input?.staffId ?? '';
        if (!/^[0-9a-f-]{36}$/i.test(toStaffId)) throw new AppError('staff.not_found');
        await reassignRequest({ ...deps(), ip: request.ip, actor, reference, toStaffId, expectedVersion: body.expectedVersion, isAgencyOfficer: isActiveAgencyOfficer });
      } else {
        await actOnRequest({ ...deps(), ip: request.ip, actor, act: { reference, action: request.params.action, ...body } });
      }
      const detail = await getRequest({ ...deps(), actor: { kind: 'system' }, reference });
      return requestView(detail.request, detail.service);
    },
  );

  function detailView(detail: Awaited<ReturnType<typeof getRequest>>) {
    return {
      ...requestView(detail.request, detail.service),
      history: detail.history.map(eventView),
      actions: detail.actions.map((id) => ({ id, label: detail.service.workflow.actions[id]!.label })),
      overdue: detail.overdue,
    };
  }
}
